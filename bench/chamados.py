"""Os chamados do Suporte INSS dos três anos antes da âncora, com os acompanhamentos e os eventos.

Cada chamado é aberto por um gestor da entidade (os que mais protocolam também abrem mais chamados), num item
do catálogo, e fica na fila do grupo da SR da entidade. Os antigos estão fechados (aprovados ou fechados
automaticamente depois dos 7 dias); os recentes, novos, em atendimento, pendentes ou solucionados com o prazo
de aprovação correndo. O código é o do serviço: `L_` + último dígito do ano + mês + dia + sequência do dia.
O chamado mais antigo ainda aberto da Sudeste I tem exatamente 20 acompanhamentos (o resumo diz qual).
"""

import json
from bisect import bisect

from bench import referencia as ref
from bench.comum import DESLOCAMENTO_BRASILIA, DIA, NULO, cpf, data_local, dhondt, instante_local, ts
from bench.pedidos import meses
from portal.auditoria.models import Evento
from suporte.models import Acompanhamento, Chamado, ItemCatalogo

PRAZO = 7 * DIA
# (idade máxima em dias, [(status, peso)]): os antigos estão fechados.
STATUS_POR_IDADE = [
    (7, [("novo", 30), ("processando", 30), ("pendente", 10), ("solucionado", 20), ("fechado", 10)]),
    (30, [("novo", 5), ("processando", 15), ("pendente", 10), ("solucionado", 10), ("fechado", 60)]),
    (90, [("novo", 1), ("processando", 3), ("pendente", 2), ("fechado", 94)]),
    (10**6, [("fechado", 1)]),
]
PESO_DOS_EXTRAS = {"novo": 0.2, "processando": 1.5, "pendente": 1.2, "solucionado": 1.0, "fechado": 1.0}
CAMPOS = ["id", "codigo", "item", "entidade", "sr", "requerente", "titulo", "descricao", "cpf_representante",
          "status", "tecnico", "aberto_em", "atualizado_em", "primeira_resposta_em", "solucionado_por",
          "solucionado_em", "prazo_aprovacao", "rodada", "fechado_em", "fechamento"]
CAMPOS_DO_ACOMPANHAMENTO = ["id", "chamado", "tipo", "texto", "autor", "criado_em"]
CAMPOS_DO_EVENTO = ["id", "tipo_objeto", "objeto_id", "acao", "status_de", "status_para", "alteracoes", "nota",
                    "ator", "quando"]
LOTE = 20_000


def _expediente(rng, instante: int) -> int:
    dia = (instante + DESLOCAMENTO_BRASILIA) // DIA
    semana = (dia + 3) % 7
    if semana >= 5 and rng.random() < 0.9:
        dia -= semana - rng.randint(0, 4)  # para um dia útil da mesma semana
    return dia * DIA - DESLOCAMENTO_BRASILIA + rng.randint(8 * 3600, 18 * 3600)


def gerar_chamados(ctx) -> None:
    rng = ctx.rng
    itens = {numero: (pk, caminho) for numero, pk, caminho in _itens()}
    numeros = sorted(n for n in ref.PESO_DOS_ITENS if n in itens)
    pesos_itens = [ref.PESO_DOS_ITENS[n] for n in numeros]
    entidades = sorted((e for e in ctx.entidades if e.gestores), key=lambda e: e.criada_em)
    especial = _plano_especial(ctx)
    planos = [especial] if especial else []
    status_por_idade = [(limite, [s for s, _ in op], _acumular([p for _, p in op])) for limite, op in STATUS_POR_IDADE]
    periodos = meses(ctx)
    pesos = {i: (fim - ini) * (0.7 + 0.6 * i / len(periodos)) for i, (ini, fim) in enumerate(periodos)}
    for i, quantos in dhondt(pesos, ctx.volumes["chamados"] - len(planos)).items():
        ini, fim = periodos[i]
        # Abrem chamados, no mês, as entidades que já existiam (as que mais protocolam abrem mais).
        existentes = entidades[:bisect([e.criada_em for e in entidades], fim - DIA)] or entidades[:1]
        sorteadas = rng.choices(existentes, weights=[e.peso ** 0.6 + 0.0005 for e in existentes], k=quantos)
        for entidade, numero in zip(sorteadas, rng.choices(numeros, weights=pesos_itens, k=quantos), strict=True):
            baixo = max(ini, min(entidade.criada_em, fim - DIA))
            aberto = min(max(_expediente(rng, rng.randint(baixo, fim - 1)), baixo), ctx.ancora - 600)
            idade = (ctx.ancora - aberto) / DIA
            for limite, nomes, acumulado in status_por_idade:
                if idade < limite:
                    status = nomes[bisect(acumulado, rng.random() * acumulado[-1])]
                    break
            planos.append({"aberto": aberto, "entidade": entidade, "item": numero, "status": status})
    for plano in planos:
        _planejar_conversa(ctx, plano)
    _repartir_extras(ctx, planos)
    planos.sort(key=lambda p: (p["aberto"], p["entidade"].id))
    por_dia: dict[str, int] = {}
    primeiro = ctx.ids(Chamado, len(planos))
    sudeste_1 = ctx.srs[1]
    fila = {"chamados": 0, "abertos": 0}
    for inicio_lote in range(0, len(planos), LOTE):
        chamados, acompanhamentos, eventos = [], [], []
        for i, plano in enumerate(planos[inicio_lote:inicio_lote + LOTE], start=inicio_lote):
            dia = data_local(plano["aberto"])
            prefixo = f"{dia.year % 10}{dia.month:02d}{dia.day:02d}"
            por_dia[prefixo] = por_dia.get(prefixo, 0) + 1
            plano["id"], plano["codigo"] = primeiro + i, f"L_{prefixo}{por_dia[prefixo]:03d}"
            _escrever(ctx, plano, itens, chamados, acompanhamentos, eventos)
            if plano["entidade"].sr == sudeste_1:
                fila["chamados"] += 1
                fila["abertos"] += plano["status"] in ("novo", "processando", "pendente")
        ctx.carga.copiar_linhas(Chamado, CAMPOS, chamados)
        primeiro_acompanhamento = ctx.ids(Acompanhamento, len(acompanhamentos))
        ctx.carga.copiar_linhas(Acompanhamento, CAMPOS_DO_ACOMPANHAMENTO,
                                [f"{primeiro_acompanhamento + k}\t{a}" for k, a in enumerate(acompanhamentos)])
        primeiro_evento = ctx.ids(Evento, len(eventos))
        ctx.carga.copiar_linhas(Evento, CAMPOS_DO_EVENTO,
                                [f"{primeiro_evento + k}\t{e}" for k, e in enumerate(eventos)])
    for prefixo, numero in por_dia.items():
        ctx.sequencia(f"chamado:{prefixo}", numero)
    ctx.resumo["fila_sudeste_1"] = fila
    if especial:
        ctx.resumo["chamado_com_20_acompanhamentos"] = {"id": especial["id"], "codigo": especial["codigo"],
                                                        "status": especial["status"]}


def _itens():
    for item in ItemCatalogo.objects.filter(ativo=True):
        yield item.numero, item.pk, item.caminho


def _acumular(pesos: list[float]) -> list[float]:
    acumulado, soma = [], 0.0
    for peso in pesos:
        soma += peso
        acumulado.append(soma)
    return acumulado


def _plano_especial(ctx) -> dict | None:
    """Um chamado da Prefeitura de Campinas (Ana), aberto há 100 dias e ainda em atendimento com a Elisa: o mais
    antigo aberto da Sudeste I, com exatamente 20 acompanhamentos."""
    campinas = ctx.entidade_por_cnpj.get("51885242000140")
    ana, elisa = ctx.personas.get("ana"), ctx.personas.get("elisa")
    if not (campinas and ana and elisa):
        return None
    aberto = instante_local(data_local(ctx.ancora - 100 * DIA), 9 * 3600 + 1800)
    return {"aberto": aberto, "entidade": campinas, "item": 13, "status": "processando", "requerente": ana,
            "tecnico": elisa, "especial": True}


def _planejar_conversa(ctx, plano: dict) -> None:
    """Quem atende, quando soluciona e fecha, e os acompanhamentos obrigatórios pelo status (a solução, a
    aprovação, a pendência); os demais acompanhamentos vêm depois, repartidos (`_repartir_extras`)."""
    rng = ctx.rng
    ancora = ctx.ancora
    entidade = plano["entidade"]
    aberto, status = plano["aberto"], plano["status"]
    plano.setdefault("requerente", rng.choice(entidade.gestores))
    plano["obrigatorios"] = []
    plano["extras"] = 20 if plano.get("especial") else 0
    if status == "novo":
        plano["tecnico"] = None
        return
    plano.setdefault("tecnico", rng.choice(ctx.tecnicos[entidade.sr]))
    idade = ancora - aberto
    plano["atribuido"] = aberto + int(min(2 * DIA, idade * 0.3) * rng.uniform(0.01, 1))
    if status in ("processando", "pendente"):
        if status == "pendente":
            plano["obrigatorios"].append(("pendencia", plano["tecnico"], None))
        return
    if status == "solucionado":
        solucoes = [max(plano["atribuido"] + 60, ancora - int(rng.uniform(0.1, 5) * DIA))]
        if solucoes[0] >= ancora - 60:
            solucoes = [plano["atribuido"] + (ancora - plano["atribuido"]) // 2]
    else:
        solucoes = [plano["atribuido"] + int(rng.uniform(0.05, 10) * DIA)]
        if solucoes[0] >= ancora - DIA:
            solucoes = [plano["atribuido"] + (ancora - plano["atribuido"]) // 3]
        if rng.random() < 0.08 and solucoes[0] + 9 * DIA < ancora - 8 * DIA:
            recusa = solucoes[0] + int(rng.uniform(0.1, 6) * DIA)
            solucoes.append(recusa + int(rng.uniform(0.5, 3) * DIA))
            plano["recusa"] = recusa
    plano["solucoes"] = solucoes
    if status == "fechado":
        ultima = solucoes[-1]
        if ultima + PRAZO + 120 < ancora and rng.random() < 0.6:
            plano["fechamento"], plano["fechado"] = "automatico", ultima + PRAZO + rng.randint(5, 120)
        else:
            plano["fechamento"] = "aprovado"
            plano["fechado"] = ultima + int(min(PRAZO - 60, ancora - 60 - ultima) * rng.uniform(0.02, 0.98))
    for k, quando in enumerate(solucoes):
        plano["obrigatorios"].append(("solucao", plano["tecnico"], quando))
        if k == 0 and "recusa" in plano:
            plano["obrigatorios"].append(("recusa", plano["requerente"], plano["recusa"]))
    if plano.get("fechamento") == "aprovado":
        plano["obrigatorios"].append(("aprovacao", plano["requerente"], plano["fechado"]))


def _repartir_extras(ctx, planos: list[dict]) -> None:
    """Os acompanhamentos que faltam para o total exato, mais nos chamados em atendimento."""
    obrigatorios = sum(len(p["obrigatorios"]) + p["extras"] for p in planos)
    extras = ctx.volumes["acompanhamentos"] - obrigatorios
    candidatos = [p for p in planos if not p.get("especial")]
    if extras <= 0 or not candidatos:
        return
    repartidos = dhondt({i: PESO_DOS_EXTRAS[p["status"]] * ctx.rng.uniform(0.2, 1.8) for i, p in enumerate(candidatos)},
                        extras)
    for i, quantos in repartidos.items():
        candidatos[i]["extras"] = quantos


def _escrever(ctx, plano: dict, itens: dict, chamados: list, acompanhamentos: list, eventos: list) -> None:
    rng = ctx.rng
    ancora = ctx.ancora
    pk = plano["id"]
    entidade = plano["entidade"]
    requerente, tecnico = plano["requerente"], plano["tecnico"]
    aberto, status = plano["aberto"], plano["status"]
    item_pk, caminho = itens[plano["item"]]
    objeto = f"{ctx.tipos['chamado']}\t{pk}\t"
    eventos.append(f"{objeto}chamado_aberto\t\tnovo\t{{}}\tItem {plano['item']}: {caminho}\t{requerente}"
                   f"\t{ts(aberto)}\n")
    linha_do_tempo = []  # (quando, tipo do acompanhamento ou None, autor, ação do evento, de, para, nota)
    inicio = aberto
    if tecnico:
        alteracoes = json.dumps({"tecnico": ctx.nomes_de_usuario.get(tecnico, "")}, ensure_ascii=False)
        eventos.append(f"{objeto}chamado_atribuido\tnovo\tprocessando\t{alteracoes}\t\t{tecnico}"
                       f"\t{ts(plano['atribuido'])}\n")
        inicio = plano["atribuido"]
    marcos = [quando for _, _, quando in plano["obrigatorios"] if quando]
    fim_da_conversa = min(marcos) if marcos else ancora - 120
    gestores = entidade.gestores
    for _ in range(plano["extras"]):
        quando = rng.randint(inicio + 1, max(inicio + 1, fim_da_conversa - 1))
        sorteio = rng.random()
        if tecnico and sorteio < 0.45:
            linha_do_tempo.append((quando, "publico", tecnico, "acompanhamento", rng.choice(ref.FALAS_DO_TECNICO)))
        elif tecnico and sorteio < 0.6:
            linha_do_tempo.append((quando, "nota_interna", tecnico, "nota_interna", rng.choice(ref.NOTAS_INTERNAS)))
        else:
            autor = requerente if rng.random() < 0.8 else rng.choice(gestores)
            linha_do_tempo.append((quando, "publico", autor, "acompanhamento", rng.choice(ref.FALAS_DA_ENTIDADE)))
    for tipo, autor, quando in plano["obrigatorios"]:
        if tipo == "pendencia":
            quando = rng.randint(max(t for t, *_ in linha_do_tempo) if linha_do_tempo else inicio + 1, ancora - 60)
            linha_do_tempo.append((quando, "pendencia", autor, "chamado_pendente",
                                   "Envie os dados pedidos, por favor."))
        elif tipo == "solucao":
            linha_do_tempo.append((quando, "solucao", autor, "chamado_solucionado", rng.choice(ref.SOLUCOES)))
        elif tipo == "recusa":
            linha_do_tempo.append((quando, "recusa", autor, "solucao_recusada", "A solução não resolveu o problema."))
        else:
            linha_do_tempo.append((quando, "aprovacao", autor, "solucao_aprovada", "Solução aprovada."))
    linha_do_tempo.sort(key=lambda registro: registro[0])
    primeira_resposta = None
    transicoes = {"chamado_pendente": ("processando", "pendente"),
                  "chamado_solucionado": ("processando", "solucionado"),
                  "solucao_recusada": ("solucionado", "processando"),
                  "solucao_aprovada": ("solucionado", "fechado")}
    for quando, tipo, autor, acao, fala in linha_do_tempo:
        acompanhamentos.append(f"{pk}\t{tipo}\t{fala}\t{autor}\t{ts(quando)}\n")
        de, para = transicoes.get(acao, ("", ""))
        nota = fala if acao == "solucao_recusada" else ""
        eventos.append(f"{objeto}{acao}\t{de}\t{para}\t{{}}\t{nota}\t{autor}\t{ts(quando)}\n")
        if autor == tecnico and tipo in ("publico", "pendencia", "solucao") and primeira_resposta is None:
            primeira_resposta = quando
    ultimo = max([aberto, plano.get("atribuido", aberto)] + [t for t, *_ in linha_do_tempo])
    solucoes = plano.get("solucoes", [])
    prazo = solucoes[-1] + PRAZO if solucoes else None
    fechado = plano.get("fechado")
    if plano.get("fechamento") == "automatico":
        eventos.append(f"{objeto}fechado_automaticamente\tsolucionado\tfechado\t{{}}\t7 dias sem aprovação nem "
                       f"recusa da entidade.\t{NULO}\t{ts(fechado)}\n")
        ultimo = fechado
    cpf_representante = cpf(rng.randrange(10**8, 10**9)) if plano["item"] in (15, 16, 17, 18, 19) else ""
    titulo = rng.choice(ref.TITULOS_DE_CHAMADO[plano["item"]])
    chamados.append("\t".join([
        str(pk), plano["codigo"], str(item_pk), str(entidade.id), str(entidade.sr), str(requerente), titulo,
        f"{titulo}. {rng.choice(ref.DESCRICOES_DE_CHAMADO)}", cpf_representante, status,
        str(tecnico) if tecnico else NULO, ts(aberto), ts(ultimo), ts(primeira_resposta),
        str(tecnico) if solucoes else NULO, ts(solucoes[-1]) if solucoes else NULO, ts(prazo), str(len(solucoes)),
        ts(fechado), plano.get("fechamento", ""),
    ]) + "\n")
