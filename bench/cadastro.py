"""As entidades parceiras do conjunto nacional e os seus acordos: prefeituras (as cidades grandes quase todas),
uma OAB seccional por UF, sindicatos e associações onde há mais gente; o acordo atual de cada uma (vigente na
maioria) e, para algumas, o anterior já vencido ou rescindido. A ordem de porte dá o peso de Zipf nos
requerimentos.

As linhas da demonstração (`portal.demo`) contam nos volumes: quem já existe entra na conta e o gerador cria
só o que falta para chegar ao total de DESIGN.md.
"""

import re
from collections import Counter
from datetime import date, timedelta

from atendimento.models import Servico
from bench import referencia as ref
from bench.comum import (
    DIA,
    NULO,
    Entidade,
    bases_unicas,
    cnpj,
    instante_local,
    opcional,
    sem_reposicao,
    ts,
)
from portal.acordos.models import Acordo, AlteracaoDoAcordo, StatusAcordo, TipoAlteracao
from portal.entidades.models import Entidade as ModeloEntidade
from portal.entidades.models import TipoEntidade
from portal.organizacao.carga import UFS
from portal.validadores import dv_nup

CINCO_ANOS = 1826

FATOR_DE_PORTE = {TipoEntidade.PREFEITURA: 1.0, TipoEntidade.OAB_SECCIONAL: 0.05, TipoEntidade.SINDICATO: 0.5,
                  TipoEntidade.ASSOCIACAO: 0.3, TipoEntidade.OUTRA: 0.2}


def _porte(ctx, tipo: str, municipio: str, uf: str) -> float:
    """Quanto a entidade protocola, antes do sorteio: a prefeitura, conforme a população do município; a OAB, a da
    UF; sindicatos e associações crescem menos que a cidade (numa cidade grande há muitos)."""
    if tipo == TipoEntidade.OAB_SECCIONAL:
        return ref.POPULACAO_UF[uf] * FATOR_DE_PORTE[tipo]
    populacao = ctx.populacao[municipio]
    return (populacao if tipo == TipoEntidade.PREFEITURA else populacao ** 0.6) * FATOR_DE_PORTE[tipo]


def gerar_entidades_e_acordos(ctx) -> None:
    rng = ctx.rng
    ctx.servicos = {s.pk: (s.codigo, str(s)) for s in Servico.objects.filter(ativo=True)}
    demo = _entidades_da_demonstracao(ctx)
    novas = _planejar_entidades(ctx, ctx.volumes["entidades"] - len(demo))
    acordos_demo = Acordo.objects.count()
    duplos = max(0, ctx.volumes["acordos"] - acordos_demo - len(novas))
    com_dois = set(rng.sample(range(len(novas)), min(duplos, len(novas))))
    planos = []
    for i, entidade in enumerate(novas):
        planos.extend(_planejar_acordos(ctx, entidade, dois=i in com_dois))
    _escrever_entidades(ctx, novas)
    _escrever_acordos(ctx, planos)
    ctx.entidades = demo + novas
    _ordenar_por_porte(ctx)


def _entidades_da_demonstracao(ctx) -> list[Entidade]:
    entidades = []
    todos = list(ctx.servicos)
    for e in ModeloEntidade.objects.order_by("pk"):
        entidade = Entidade(id=e.pk, cnpj=e.cnpj, razao_social=e.razao_social, tipo=e.tipo, uf=e.uf_id,
                            municipio=e.municipio_id, sr=e.sr_id, gex=e.gex_id, criada_em=int(e.criada_em.timestamp()))
        for acordo in Acordo.objects.filter(entidade_id=e.pk).prefetch_related("servicos_pactuados"):
            servicos = [s.pk for s in acordo.servicos_pactuados.all() if s.pk in ctx.servicos] or todos
            inicio = instante_local(acordo.vigencia_inicio)
            if acordo.status == StatusAcordo.VIGENTE:
                entidade.janelas.append((inicio, ctx.ancora, servicos))
            elif acordo.status == StatusAcordo.VENCIDO:
                entidade.janelas.append((inicio, instante_local(acordo.vigencia_fim, DIA), servicos))
        if entidade.janelas:
            # Criada hoje pela demonstração, mas "existe" desde antes do acordo: protocola e abre chamados desde lá.
            entidade.criada_em = min(entidade.criada_em, min(j[0] for j in entidade.janelas) - 30 * DIA)
        entidade.porte = _porte(ctx, e.tipo, e.municipio_id, e.uf_id)
        ctx.entidade_por_cnpj[e.cnpj] = entidade
        entidades.append(entidade)
    return entidades


def _planejar_entidades(ctx, quantas: int) -> list[Entidade]:
    """Prefeituras (uma por município, as cidades grandes quase todas), uma OAB seccional por UF na capital,
    sindicatos, associações e outras, onde há mais gente."""
    rng = ctx.rng
    existentes = {(e.tipo, e.municipio) for e in ctx.entidade_por_cnpj.values()}
    ufs_com_oab = {e.uf for e in ctx.entidade_por_cnpj.values() if e.tipo == TipoEntidade.OAB_SECCIONAL}
    # Uma por UF a partir da escala 0,1; abaixo dela, as das UFs mais populosas.
    n_oab = min(quantas, max(0, min(27, max(1, round(270 * ctx.escala))) - len(ufs_com_oab)))
    resto = quantas - n_oab
    n_prefeituras = round(resto * 0.45)
    n_sindicatos = round(resto * 0.30)
    n_outras = round(resto * 0.03)
    n_associacoes = resto - n_prefeituras - n_sindicatos - n_outras
    codigos = sorted(ctx.municipios)
    capitais = _capitais(ctx)
    plano = []
    for uf in sorted(ref.POPULACAO_UF, key=lambda u: -ref.POPULACAO_UF[u]):
        if len([p for p in plano if p[0] == TipoEntidade.OAB_SECCIONAL]) >= n_oab:
            break
        if uf not in ufs_com_oab:
            plano.append((TipoEntidade.OAB_SECCIONAL, capitais[uf], f"OAB Seção {UFS[uf][1]}"))
    livres = [c for c in codigos if (TipoEntidade.PREFEITURA, c) not in existentes]
    for codigo in sem_reposicao(rng, livres, [ctx.populacao[c] ** 0.6 for c in livres], n_prefeituras):
        plano.append((TipoEntidade.PREFEITURA, codigo, _de("Prefeitura Municipal de {cidade}", ctx, codigo)))
    acumulado, soma = [], 0.0
    for codigo in codigos:
        soma += ctx.populacao[codigo] ** 0.6
        acumulado.append(soma)
    nomes_usados = {e.razao_social for e in ctx.entidade_por_cnpj.values()}
    for tipo, modelos, quantos in ((TipoEntidade.SINDICATO, ref.SINDICATOS, n_sindicatos),
                                   (TipoEntidade.ASSOCIACAO, ref.ASSOCIACOES, n_associacoes),
                                   (TipoEntidade.OUTRA, ref.OUTRAS, n_outras)):
        for codigo in rng.choices(codigos, cum_weights=acumulado, k=quantos):
            nome = _de(rng.choice(modelos).replace("{numero}", str(rng.randint(1, 40))), ctx, codigo)
            if nome in nomes_usados:
                nome = f"{nome} e Região"
            while nome in nomes_usados:
                nome = f"{nome.split(' — ')[0]} — Regional {rng.randint(2, 99)}"
            nomes_usados.add(nome)
            plano.append((tipo, codigo, nome))
    raizes = bases_unicas(rng, len(plano), digitos=8, evitar={int(c[:8]) for c in ctx.entidade_por_cnpj})
    primeiro = ctx.ids(ModeloEntidade, len(plano))
    entidades = []
    for i, ((tipo, codigo, nome), raiz) in enumerate(zip(plano, raizes, strict=True)):
        uf = ctx.municipios[codigo][1]
        gexs = ctx.gex_do_municipio.get(codigo) or [None]
        entidade = Entidade(id=primeiro + i, cnpj=cnpj(raiz), razao_social=nome, tipo=tipo, uf=uf,
                            municipio=codigo, sr=ctx.ufs[uf][0], gex=rng.choice(gexs), criada_em=0)
        entidade.porte = _porte(ctx, tipo, codigo, uf) * rng.lognormvariate(0, 0.7)
        entidades.append(entidade)
    return entidades


def _de(modelo: str, ctx, codigo: str) -> str:
    """O nome com a cidade e a preposição certa ("do Rio de Janeiro", "do Recife")."""
    cidade = ctx.municipios[codigo][0]
    if cidade in ref.CIDADES_COM_ARTIGO:
        return modelo.replace(" de {cidade}", f" do {cidade}")
    return modelo.replace("{cidade}", cidade)


def _capitais(ctx) -> dict[str, str]:
    """A capital de cada UF: a maior cidade da lista do Censo na UF (em todas as UFs, a capital é a maior)."""
    capitais = {}
    por_nome = {(nome, uf): codigo for codigo, (nome, uf) in ctx.municipios.items()}
    for nome, uf, _ in ref.CIDADES_GRANDES:
        capitais.setdefault(uf, por_nome[(nome, uf)])
    return capitais


def _planejar_acordos(ctx, entidade: Entidade, *, dois: bool) -> list[dict]:
    """O acordo atual da entidade (vigente na maioria) e, para algumas, o anterior já vencido ou rescindido."""
    rng = ctx.rng
    hoje = ctx.hoje
    acordos = []
    if dois:
        inicio = hoje - timedelta(days=rng.randint(1900, 3000))
        antigo = {"status": StatusAcordo.VENCIDO, "inicio": inicio, "fim": inicio + timedelta(days=CINCO_ANOS)}
        if rng.random() < 0.15:
            antigo["status"] = StatusAcordo.RESCINDIDO
            antigo["encerrado"] = inicio + timedelta(days=rng.randint(365, 1700))
        else:
            antigo["encerrado"] = antigo["fim"] + timedelta(days=1)
        acordos.append(antigo)
        if rng.random() < 0.9:
            novo_inicio = min(antigo["encerrado"] + timedelta(days=rng.randint(0, 60)), hoje - timedelta(days=1))
            acordos.append({"status": StatusAcordo.VIGENTE, "inicio": novo_inicio,
                            "fim": novo_inicio + timedelta(days=CINCO_ANOS)})
        else:
            acordos.append(_acordo_em_andamento(rng, hoje, StatusAcordo.EM_ANALISE))
    else:
        sorteio = rng.random()
        if sorteio < 0.88:
            fim = hoje + timedelta(days=rng.randint(5, 90) if rng.random() < 0.06 else rng.randint(91, 1800))
            inicio = max(fim - timedelta(days=CINCO_ANOS), hoje - timedelta(days=rng.randint(30, 1800)))
            acordos.append({"status": StatusAcordo.VIGENTE, "inicio": inicio, "fim": fim})
        elif sorteio < 0.92:
            fim = hoje - timedelta(days=rng.randint(1, 500))
            acordos.append({"status": StatusAcordo.VENCIDO, "inicio": fim - timedelta(days=CINCO_ANOS), "fim": fim,
                            "encerrado": fim + timedelta(days=1)})
        elif sorteio < 0.95:
            inicio = hoje - timedelta(days=rng.randint(200, 1800))
            encerrado = inicio + timedelta(days=rng.randint(100, (hoje - inicio).days - 1))
            acordos.append({"status": StatusAcordo.RESCINDIDO, "inicio": inicio,
                            "fim": inicio + timedelta(days=CINCO_ANOS), "encerrado": encerrado})
        else:
            status = StatusAcordo.EM_ANALISE if sorteio < 0.98 else StatusAcordo.EM_ADESAO
            acordos.append(_acordo_em_andamento(rng, hoje, status))
    todos = list(ctx.servicos)
    for acordo in acordos:
        acordo["entidade"] = entidade
        criado = instante_local(acordo["inicio"] - timedelta(days=rng.randint(1, 30)), rng.randint(9, 17) * 3600)
        acordo["criado_em"] = min(criado, ctx.ancora - rng.randint(1, 10) * DIA)
        if entidade.tipo == TipoEntidade.PREFEITURA and rng.random() < 0.7:
            acordo["servicos"] = todos
        else:
            acordo["servicos"] = sorted(rng.sample(todos, max(3, round(len(todos) * rng.uniform(0.4, 1.0)))))
        inicio = instante_local(acordo["inicio"])
        if acordo["status"] == StatusAcordo.VIGENTE:
            entidade.janelas.append((inicio, ctx.ancora, acordo["servicos"]))
        elif acordo["status"] in (StatusAcordo.VENCIDO, StatusAcordo.RESCINDIDO):
            entidade.janelas.append((inicio, min(instante_local(acordo["encerrado"]), ctx.ancora), acordo["servicos"]))
    entidade.criada_em = acordos[0]["criado_em"] - rng.randint(1, 60) * DIA
    return acordos


def _acordo_em_andamento(rng, hoje: date, status: str) -> dict:
    inicio = hoje + timedelta(days=rng.randint(-20, 30))
    return {"status": status, "inicio": inicio, "fim": inicio + timedelta(days=CINCO_ANOS)}


def _escrever_entidades(ctx, entidades: list[Entidade]) -> None:
    linhas = [
        "\t".join([str(e.id), e.cnpj, e.razao_social, e.tipo, e.uf, e.municipio, str(e.sr), opcional(e.gex),
                   ts(e.criada_em)]) + "\n"
        for e in entidades
    ]
    ctx.carga.copiar_linhas(ModeloEntidade, ["id", "cnpj", "razao_social", "tipo", "uf", "municipio", "sr", "gex",
                                             "criada_em"], linhas)
    for entidade in entidades:
        ctx.entidade_por_cnpj[entidade.cnpj] = entidade


def _escrever_acordos(ctx, planos: list[dict]) -> None:
    """Números como o serviço da adesão os dá (`N/AAAA-SRn`, sequência por SR e ano, na ordem da celebração),
    processos SEI com os dígitos do NUP, os serviços pactuados e as alterações registradas."""
    rng = ctx.rng
    ultimo = Counter()
    for numero in Acordo.objects.values_list("numero", flat=True):
        achado = re.fullmatch(r"(\d+)/(\d{4})-SR(\d+)", numero)
        if achado:
            chave = f"SR{achado[3]}-{achado[2]}"
            ultimo[chave] = max(ultimo[chave], int(achado[1]))
    numero_sr = {pk: numero for numero, pk in ctx.srs.items()}
    planos.sort(key=lambda p: (p["criado_em"], p["entidade"].id))
    primeiro = ctx.ids(Acordo, len(planos))
    pactuados = Acordo.servicos_pactuados.through
    primeiro_pactuado = ctx.ids(pactuados, sum(len(p["servicos"]) for p in planos))
    acordos, servicos, alteracoes = [], [], []
    for i, plano in enumerate(planos):
        pk = primeiro + i
        entidade = plano["entidade"]
        chave = f"SR{numero_sr[entidade.sr]}-{plano['inicio'].year}"
        ultimo[chave] += 1
        ctx.sequencia(f"acordo:{chave}", ultimo[chave])
        base = f"35001{i + 1:06d}{plano['inicio'].year}"
        digito = dv_nup(base)
        processo = f"{base}{digito}{dv_nup(base + str(digito))}"
        encerrado = None
        if "encerrado" in plano:
            encerrado = instante_local(plano["encerrado"], rng.randint(0, 3600))
        motivo = "Pedido da entidade (ofício de encerramento)." if plano["status"] == StatusAcordo.RESCINDIDO else ""
        acordos.append("\t".join([
            str(pk), f"{ultimo[chave]}/{plano['inicio'].year}-SR{numero_sr[entidade.sr]}", str(entidade.id), NULO,
            processo, plano["inicio"].isoformat(), plano["fim"].isoformat(), plano["status"],
            "Plano de trabalho padrão do ACT.", ts(plano["criado_em"]), ts(encerrado), motivo,
        ]) + "\n")
        for servico in plano["servicos"]:
            servicos.append(f"{primeiro_pactuado}\t{pk}\t{servico}\n")
            primeiro_pactuado += 1
        registros = [(TipoAlteracao.CRIACAO, "Acordo celebrado.", plano["criado_em"])]
        if plano["status"] == StatusAcordo.VIGENTE:
            registros.append((TipoAlteracao.OPERACIONALIZACAO, "Checklist completo: operacionalização liberada.",
                              instante_local(plano["inicio"], 10 * 3600)))
        elif plano["status"] == StatusAcordo.VENCIDO:
            registros.append((TipoAlteracao.VENCIMENTO, "Fim da vigência.", encerrado))
        elif plano["status"] == StatusAcordo.RESCINDIDO:
            registros.append((TipoAlteracao.RESCISAO, motivo, encerrado))
        for tipo, descricao, quando in registros:
            alteracoes.append((pk, tipo, descricao, quando))
    ctx.carga.copiar_linhas(Acordo, ["id", "numero", "entidade", "adesao", "processo_sei", "vigencia_inicio",
                                     "vigencia_fim", "status", "plano_de_trabalho", "criado_em", "encerrado_em",
                                     "motivo_da_rescisao"], acordos)
    ctx.carga.copiar_linhas(pactuados, ["id", "acordo", "servico"], servicos)
    primeira = ctx.ids(AlteracaoDoAcordo, len(alteracoes))
    ctx.carga.copiar_linhas(AlteracaoDoAcordo, ["id", "acordo", "tipo", "descricao", "documento_sei", "em", "por"], [
        f"{primeira + i}\t{pk}\t{tipo}\t{descricao}\t\t{ts(quando)}\t{NULO}\n"
        for i, (pk, tipo, descricao, quando) in enumerate(alteracoes)
    ])


def _ordenar_por_porte(ctx) -> None:
    """Zipf: a entidade de ordem r (pelo porte; a Prefeitura de Campinas da demonstração é a primeira) recebe
    requerimentos na proporção de 1/(r + 4). Só protocola quem já teve acordo vigente."""
    campinas = ctx.entidade_por_cnpj.get("51885242000140")
    ordem = sorted((e for e in ctx.entidades if e.janelas), key=lambda e: (e is not campinas, -e.porte, e.id))
    for posicao, entidade in enumerate(ordem):
        entidade.peso = 1.0 / (posicao + 4)
