"""A organização do INSS no conjunto nacional: as GEX repartidas pelas UFs conforme a população e sediadas nas
maiores cidades, e as APS repartidas pelas GEX e pelos seus municípios. As SR, UFs e municípios vêm das
migrações; as GEX e APS da demonstração contam no total."""

import heapq
from collections import Counter, defaultdict

from bench import referencia as ref
from bench.comum import dhondt
from portal.organizacao.models import UF, AgenciaPrevidencia, GerenciaExecutiva, Municipio, SuperintendenciaRegional


def gerar_organizacao(ctx) -> None:
    ctx.srs = dict(SuperintendenciaRegional.objects.values_list("numero", "id"))
    ctx.ufs = {uf.sigla: (uf.sr_id, uf.fuso_horario) for uf in UF.objects.all()}
    for codigo, nome, uf in Municipio.objects.values_list("codigo_ibge", "nome", "uf_id").order_by("codigo_ibge"):
        ctx.municipios[codigo] = (nome, uf)
    ctx.populacao = _populacao(ctx)
    gexs = _gerar_gex(ctx)
    _gerar_aps(ctx, gexs)


def _populacao(ctx) -> dict[str, float]:
    """Milhares de habitantes por município: as cidades grandes com o Censo, as demais dividindo o resto da UF
    com pesos sorteados (lognormal: muitos municípios pequenos, alguns médios)."""
    grandes = {(nome, uf): populacao for nome, uf, populacao in ref.CIDADES_GRANDES}
    por_uf = defaultdict(list)
    for codigo, (nome, uf) in ctx.municipios.items():
        por_uf[uf].append((codigo, nome))
    populacao = {}
    for uf, lista in sorted(por_uf.items()):
        fixos = {codigo: grandes[(nome, uf)] for codigo, nome in lista if (nome, uf) in grandes}
        pesos = {codigo: ctx.rng.lognormvariate(0, 1.1) for codigo, _ in lista if codigo not in fixos}
        resto = max(ref.POPULACAO_UF[uf] - sum(fixos.values()), 1)
        soma = sum(pesos.values()) or 1
        for codigo, peso in pesos.items():
            populacao[codigo] = min(resto * peso / soma, 200.0)
        populacao.update(fixos)
    return populacao


def _nomes_por_cidade(quantos: int, cidade: str, usados: set[str], nomes: list[str]) -> list[str]:
    if quantos == 1 and cidade not in usados and not usados:
        return [cidade]
    livres = [f"{cidade} - {nome}" for nome in nomes if f"{cidade} - {nome}" not in usados]
    extras = [f"{cidade} - {numero}" for numero in range(len(nomes) + 1, len(nomes) + quantos + 1)]
    return (livres + extras)[:quantos]


def _gerar_gex(ctx) -> list[dict]:
    """As GEX repartidas pelas UFs conforme a população (ao menos uma por UF), sediadas nas maiores cidades (uma
    cidade muito grande tem várias); cada município vai para a GEX menos carregada da sua UF."""
    existentes = list(GerenciaExecutiva.objects.values("id", "codigo", "nome", "municipio_id"))
    por_uf = Counter(ctx.municipios[g["municipio_id"]][1] for g in existentes)
    lugares_uf = dhondt(dict(ref.POPULACAO_UF), ctx.volumes["gex"],
                        {uf: max(1, por_uf[uf]) for uf in ref.POPULACAO_UF})
    codigos = {g["codigo"] for g in existentes}
    primeiro = ctx.ids(GerenciaExecutiva, sum(lugares_uf.values()) - len(existentes))
    gexs, linhas = [], []
    for uf in sorted(lugares_uf):
        municipios_uf = [c for c, (_, sigla) in ctx.municipios.items() if sigla == uf]
        daqui = [g for g in existentes if ctx.municipios[g["municipio_id"]][1] == uf]
        ja_sediadas = Counter(g["municipio_id"] for g in daqui)
        # Uma cidade muito grande tem várias GEX, até cinco (como São Paulo: Centro, Norte, Sul, Leste, Oeste).
        sedes = dhondt({c: ctx.populacao[c] for c in municipios_uf}, lugares_uf[uf], ja_sediadas, teto=5)
        da_uf = [dict(g, municipio=g["municipio_id"]) for g in daqui]
        for cidade, quantas in sorted(sedes.items()):
            novas = quantas - ja_sediadas[cidade]
            if novas <= 0:
                continue
            usados = {g["nome"] for g in daqui if g["municipio_id"] == cidade}
            for nome in _nomes_por_cidade(novas, ctx.municipios[cidade][0], usados, ref.ZONAS):
                numero = 1
                while f"{ref.PREFIXO_OL[uf]}{numero:03d}" in codigos:
                    numero += 1
                codigo = f"{ref.PREFIXO_OL[uf]}{numero:03d}"
                codigos.add(codigo)
                gex = {"id": primeiro, "codigo": codigo, "nome": nome, "municipio": cidade}
                primeiro += 1
                da_uf.append(gex)
                linhas.append("\t".join([str(gex["id"]), codigo, nome, str(ctx.ufs[uf][0]), cidade]) + "\n")
        _distribuir_municipios(ctx, uf, municipios_uf, da_uf, sedes)
        gexs.extend(da_uf)
    ctx.carga.copiar_linhas(GerenciaExecutiva, ["id", "codigo", "nome", "sr", "municipio"], linhas)
    return gexs


def _distribuir_municipios(ctx, uf: str, municipios_uf: list[str], gexs: list[dict], sedes: dict) -> None:
    heap = []
    for i, gex in enumerate(gexs):
        cidade = gex["municipio"]
        gex["carga"] = ctx.populacao[cidade] / sedes[cidade]
        gex["sr"] = ctx.ufs[uf][0]
        gex["municipios"] = {cidade: gex["carga"]}
        ctx.gex_do_municipio.setdefault(cidade, []).append(gex["id"])
        heap.append((gex["carga"], i))
    heapq.heapify(heap)
    for codigo in sorted((c for c in municipios_uf if not sedes.get(c)), key=lambda c: -ctx.populacao[c]):
        carga, i = heapq.heappop(heap)
        gexs[i]["municipios"][codigo] = ctx.populacao[codigo]
        gexs[i]["carga"] = carga + ctx.populacao[codigo]
        ctx.gex_do_municipio[codigo] = [gexs[i]["id"]]
        heapq.heappush(heap, (gexs[i]["carga"], i))


def _gerar_aps(ctx, gexs: list[dict]) -> None:
    """As APS repartidas pelas GEX conforme a população atendida (ao menos uma por GEX) e, dentro da GEX,
    pelos seus municípios: a cidade grande tem várias agências."""
    existentes = list(AgenciaPrevidencia.objects.values("id", "codigo", "nome", "gex_id", "municipio_id"))
    por_gex = Counter(a["gex_id"] for a in existentes)
    lugares = dhondt({g["id"]: g["carga"] for g in gexs}, ctx.volumes["aps"],
                     {g["id"]: max(1, por_gex[g["id"]]) for g in gexs})
    # Primeiro quantas APS cada cidade terá (para saber se o nome leva o bairro), depois os nomes.
    planos, total_na_cidade = [], Counter()
    for gex in gexs:
        daqui = Counter(a["municipio_id"] for a in existentes if a["gex_id"] == gex["id"])
        # As cidades pequenas também têm agência: o peso cresce menos que a população.
        por_cidade = dhondt({c: p ** 0.8 for c, p in gex["municipios"].items()}, lugares[gex["id"]], daqui)
        for cidade, quantas in por_cidade.items():
            total_na_cidade[cidade] += quantas
            if quantas > daqui[cidade]:
                planos.append((gex, cidade, quantas - daqui[cidade]))
    usados = defaultdict(set)
    codigos = defaultdict(set)
    for aps in existentes:
        usados[aps["municipio_id"]].add(aps["nome"])
        codigos[aps["gex_id"]].add(aps["codigo"][-3:])
    novas = sum(quantas for *_, quantas in planos)
    proximo = ctx.ids(AgenciaPrevidencia, novas)
    linhas = []
    rng = ctx.rng
    for aps in existentes:
        gex = next(g for g in gexs if g["id"] == aps["gex_id"])
        ctx.agencias.append(_agencia(ctx, aps["id"], aps["codigo"], gex, aps["municipio_id"], total_na_cidade))
    for gex, cidade, quantas in planos:
        nome_cidade, uf = ctx.municipios[cidade]
        bairros = ref.BAIRROS[:]
        if total_na_cidade[cidade] == 1:
            nomes = [nome_cidade]
        else:
            nomes = _nomes_por_cidade(quantas, nome_cidade, usados[cidade] | {nome_cidade}, bairros)
        usados[cidade].update(nomes)
        for nome in nomes:
            sufixo = next(f"{n:03d}" for n in [*range(10, 1000, 10), *range(1, 1000)]
                          if f"{n:03d}" not in codigos[gex["id"]])
            codigos[gex["id"]].add(sufixo)
            codigo = f"{gex['codigo']}{sufixo}"
            endereco = f"{rng.choice(ref.LOGRADOUROS)}, {rng.randint(10, 3000)} — {rng.choice(ref.BAIRROS)}"
            linhas.append("\t".join([str(proximo), codigo, nome, str(gex["id"]), cidade, endereco,
                                     ctx.ufs[uf][1], "t"]) + "\n")
            ctx.agencias.append(_agencia(ctx, proximo, codigo, gex, cidade, total_na_cidade))
            proximo += 1
    ctx.carga.copiar_linhas(AgenciaPrevidencia,
                            ["id", "codigo", "nome", "gex", "municipio", "endereco", "fuso_horario", "ativa"], linhas)


def _agencia(ctx, pk: int, codigo: str, gex: dict, cidade: str, total_na_cidade: Counter) -> dict:
    uf = ctx.municipios[cidade][1]
    peso = gex["municipios"].get(cidade, ctx.populacao[cidade]) / max(1, total_na_cidade[cidade])
    return {"id": pk, "codigo": codigo, "gex": gex["id"], "sr": gex["sr"], "municipio": cidade,
            "fuso": ctx.ufs[uf][1], "peso": peso}
