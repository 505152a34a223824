"""As pessoas do conjunto nacional: os representantes (usuários com vínculo) até o total de DESIGN.md, contando
os da demonstração, e os servidores do INSS de que as outras etapas precisam (analistas e técnicos de suporte
por SR, um servidor por APS, operadores da Central 135). Uma senha só, o hash calculado uma vez."""

import re
from collections import Counter, defaultdict

from bench import referencia as ref
from bench.comum import (
    DIA,
    NULO,
    Entidade,
    bases_unicas,
    booleano,
    cpf,
    nome_de_pessoa,
    opcional,
    sem_acento,
    ts,
)
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.entidades.models import PapelRepresentante, TipoEntidade, Vinculo


def _slug(valor: str) -> str:
    return re.sub(r"[^a-z0-9]+", ".", sem_acento(valor).lower()).strip(".")


def gerar_pessoas(ctx) -> None:
    rng = ctx.rng
    evitar = {int(c[:9]) for c in Usuario.objects.values_list("cpf", flat=True)}
    demo_representantes = Usuario.objects.filter(vinculos__isnull=False).distinct().count()
    _vinculos_da_demonstracao(ctx)
    n_repr = max(0, ctx.volumes["representantes"] - demo_representantes)
    sem_gestor = [e for e in ctx.entidades if not e.gestores]
    extras = max(0, n_repr - len(sem_gestor))
    pesos = [e.peso ** 0.5 + 0.002 for e in ctx.entidades]
    quantos = Counter({e.id: 1 for e in sem_gestor})
    for entidade in rng.choices(ctx.entidades, weights=pesos, k=extras):
        quantos[entidade.id] += 1
    analistas = max(2, round(30 * ctx.escala))
    tecnicos = max(1, round(8 * ctx.escala))
    operadores = max(2, round(30 * ctx.escala))
    novos_aps = [a for a in ctx.agencias if a["id"] not in ctx.servidores_aps]
    n_servidores = len(ctx.srs) * (analistas + tecnicos) + operadores + len(novos_aps)
    total = sum(quantos.values()) + n_servidores
    bases = bases_unicas(rng, total, digitos=9, evitar=evitar)
    primeiro_usuario = ctx.ids(Usuario, total)
    usuarios, vinculos, lotacoes = [], [], []
    proximo = iter(range(primeiro_usuario, primeiro_usuario + total))
    cpfs = iter(bases)

    def pessoa(dominio: str, desde: int) -> int:
        pk = next(proximo)
        nome = nome_de_pessoa(rng, ref.NOMES, ref.SOBRENOMES)
        ctx.nomes_de_usuario[pk] = nome
        email = f"{_slug(nome)}.{pk}@{dominio}"
        usuarios.append("\t".join([str(pk), ctx.senha, NULO, "f", cpf(next(cpfs)), nome, email, "", "t", "f",
                                   ts(desde)]) + "\n")
        return pk

    for entidade in sorted(ctx.entidades, key=lambda e: e.id):
        desde = min(max(entidade.criada_em, ctx.ancora - 3 * 365 * DIA), ctx.ancora - 2 * DIA)
        dominio = _dominio(entidade, ctx)
        for k in range(quantos[entidade.id]):
            criado = rng.randint(desde, max(desde, ctx.ancora - DIA))
            pk = pessoa(dominio, criado)
            vinculos.append(_vinculo(ctx, pk, entidade, criado, gestor=(k == 0 and not entidade.gestores)
                                     or (k == 1 and quantos[entidade.id] >= 6 and rng.random() < 0.3)))
    _segundos_vinculos(ctx, vinculos)
    for _, sr in sorted(ctx.srs.items()):
        for papel, quantidade, destino in ((PapelINSS.ANALISTA, analistas, ctx.analistas),
                                           (PapelINSS.TECNICO_SUPORTE, tecnicos, ctx.tecnicos)):
            for _ in range(quantidade):
                pk = pessoa("inss.gov.br", ctx.ancora - rng.randint(400, 3000) * DIA)
                destino.setdefault(sr, []).append(pk)
                lotacoes.append((pk, papel, sr, None, None))
    for _ in range(operadores):
        pk = pessoa("inss.gov.br", ctx.ancora - rng.randint(400, 3000) * DIA)
        ctx.operadores_135.append(pk)
        lotacoes.append((pk, PapelINSS.OPERADOR_135, None, None, None))
    for aps in novos_aps:
        pk = pessoa("inss.gov.br", ctx.ancora - rng.randint(400, 3000) * DIA)
        ctx.servidores_aps[aps["id"]] = [pk]
        lotacoes.append((pk, PapelINSS.SERVIDOR_APS, aps["sr"], aps["gex"], aps["id"]))
    ctx.carga.copiar_linhas(Usuario, ["id", "password", "last_login", "is_superuser", "cpf", "nome", "email",
                                      "telefone", "is_active", "is_staff", "date_joined"], usuarios)
    primeiro = ctx.ids(Vinculo, len(vinculos))
    ctx.carga.copiar_linhas(Vinculo, ["id", "usuario", "entidade", "papel", "gestor", "cadastrador", "valido_ate",
                                      "ativo", "excluido_em", "criado_em"],
                            [f"{primeiro + i}\t{linha}" for i, linha in enumerate(vinculos)])
    primeira = ctx.ids(Lotacao, len(lotacoes))
    ctx.carga.copiar_linhas(Lotacao, ["id", "usuario", "papel", "sr", "gex", "aps", "ativa", "criada_em"], [
        "\t".join([str(primeira + i), str(pk), papel, opcional(sr), opcional(gex), opcional(aps), "t",
                   ts(ctx.ancora - 400 * DIA)]) + "\n"
        for i, (pk, papel, sr, gex, aps) in enumerate(lotacoes)
    ])


def _dominio(entidade: Entidade, ctx) -> str:
    if entidade.tipo == TipoEntidade.PREFEITURA:
        return f"{_slug(ctx.municipios[entidade.municipio][0]).replace('.', '')}.{entidade.uf.lower()}.gov.br"
    if entidade.tipo == TipoEntidade.OAB_SECCIONAL:
        return f"oab{entidade.uf.lower()}.org.br"
    return f"entidade{entidade.id}.org.br"


def _vinculo(ctx, usuario: int, entidade: Entidade, criado: int, *, gestor: bool) -> str:
    """A linha do vínculo (sem o id). Gestores sempre com acesso válido; dos demais, alguns vencidos ou excluídos."""
    rng = ctx.rng
    oab = entidade.tipo == TipoEntidade.OAB_SECCIONAL
    sorteio = rng.random()
    if gestor:
        papel = PapelRepresentante.OAB if oab else PapelRepresentante.AUTENTICA
    elif oab:
        papel = PapelRepresentante.OAB if sorteio < 0.5 else (
            PapelRepresentante.ADVOGADO if sorteio < 0.85 else PapelRepresentante.CONSULTA)
    else:
        papel = PapelRepresentante.AUTENTICA if sorteio < 0.75 else (
            PapelRepresentante.CONSULTA if sorteio < 0.93 else PapelRepresentante.ADVOGADO)
    ativo, excluido = True, None
    situacao = rng.random()
    if gestor:
        valido = ctx.ancora + rng.randint(60, 700) * DIA
    elif situacao < 0.90:
        valido = ctx.ancora + rng.randint(1, 720) * DIA
    elif situacao < 0.96:
        valido = ctx.ancora - rng.randint(1, 400) * DIA
    else:
        valido = ctx.ancora + rng.randint(1, 300) * DIA
        ativo, excluido = False, rng.randint(criado, ctx.ancora - 1)
    if gestor:
        entidade.gestores.append(usuario)
    if papel != PapelRepresentante.CONSULTA:
        entidade.protocolantes.append(usuario)
    cadastrador = gestor and len(entidade.gestores) == 1
    return "\t".join([str(usuario), str(entidade.id), papel, booleano(gestor), booleano(cadastrador), ts(valido),
                      booleano(ativo), ts(excluido), ts(criado)]) + "\n"


def _segundos_vinculos(ctx, vinculos: list[str]) -> None:
    """Uns 3% dos representantes atendem também outra entidade da mesma UF (seed 003, item 16)."""
    rng = ctx.rng
    por_id = {e.id: e for e in ctx.entidades}
    por_uf = defaultdict(list)
    for entidade in ctx.entidades:
        por_uf[entidade.uf].append(entidade)
    for linha in rng.sample(vinculos, round(len(vinculos) * 0.03)):
        usuario, entidade_id, *_ = linha.split("\t")
        atual = por_id[int(entidade_id)]
        candidatas = [e for e in por_uf[atual.uf] if e.id != atual.id]
        if not candidatas:
            continue
        outra = rng.choice(candidatas)
        inicio = max(outra.criada_em, ctx.ancora - 700 * DIA)
        vinculos.append(_vinculo(ctx, int(usuario), outra, rng.randint(inicio, max(inicio, ctx.ancora - DIA)),
                                 gestor=False))


def _vinculos_da_demonstracao(ctx) -> None:
    por_id = {e.id: e for e in ctx.entidades}
    for usuario, entidade, papel, gestor in Vinculo.objects.values_list("usuario_id", "entidade_id", "papel",
                                                                         "gestor"):
        if gestor:
            por_id[entidade].gestores.append(usuario)
        if papel != PapelRepresentante.CONSULTA:
            por_id[entidade].protocolantes.append(usuario)
    for usuario, nome in Usuario.objects.values_list("id", "nome"):
        ctx.nomes_de_usuario[usuario] = nome
    for pk, papel, sr, aps in Lotacao.objects.values_list("usuario_id", "papel", "sr_id", "aps_id"):
        if papel == PapelINSS.ANALISTA:
            ctx.analistas.setdefault(sr, []).append(pk)
        elif papel == PapelINSS.TECNICO_SUPORTE:
            ctx.tecnicos.setdefault(sr, []).append(pk)
        elif papel == PapelINSS.SERVIDOR_APS and aps:
            ctx.servidores_aps.setdefault(aps, []).append(pk)
        elif papel == PapelINSS.OPERADOR_135:
            ctx.operadores_135.append(pk)
