"""As agendas das APS (ATESP, perícia médica, avaliação social), as vagas e os agendamentos.

Cada APS publica, por serviço, uma agenda dos 60 dias antes da âncora aos 29 depois (dentro do limite de 120
dias do serviço), com horários conforme a população atendida; as vagas são exatamente os horários da agenda
(como `atendimento.services.agenda.horarios_da_agenda` as gera). As passadas estão quase todas ocupadas (o
cidadão foi atendido ou faltou); as futuras enchem menos quanto mais longe. A APS de Heitor (Campinas - Centro,
21001010) tem o dia de hoje lotado e vagas nos próximos dias. Para o total exato, o que sobra vira mutirões de
sábado (agendas de um dia).
"""

import math
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from atendimento.atesp import CASOS_DE_REABERTURA, MOTIVO_QUE_EXIGE_CASO, MOTIVOS
from atendimento.models_agenda import Agenda, Agendamento, AtivacaoDoAtesp, Vaga
from bench import referencia as ref
from bench.comum import (
    DIA,
    NULO,
    booleano,
    cpf,
    data_local,
    dia_util_ou_seguinte,
    instante_local,
    nome_de_pessoa,
    ts,
)
from portal.auditoria.models import Evento
from portal.validadores import dv_protocolo

DIAS_ANTES, DIAS_DEPOIS = 60, 29
PARTE_DO_SERVICO = {"atesp": 0.4, "pericia_medica": 0.4, "avaliacao_social": 0.2}
APS_DE_HEITOR = "21001010"
CAMPOS_DA_AGENDA = ["id", "aps", "servico", "dias_da_semana", "hora_inicio", "hora_fim", "duracao_minutos",
                    "servidores", "percentual_prioritario", "vigencia_inicio", "vigencia_fim", "publicada_por",
                    "publicada_em"]
CAMPOS_DA_VAGA = ["id", "agenda", "aps", "servico", "inicio", "fim", "capacidade", "prioritarias", "ocupadas",
                  "ocupadas_gerais"]
CAMPOS_DO_AGENDAMENTO = [
    "id", "vaga", "servico", "cidadao_cpf", "cidadao_nome", "cidadao_nascimento", "cidadao_email", "cidadao_telefone",
    "prioridade", "origem", "motivo", "caso", "justificativa", "requerimento", "chave", "status", "criado_por",
    "criado_em", "atualizado_em", "motivo_identificado", "servico_prestado", "protocolo_atendimento",
    "senha_meu_inss_emitida", "atendido_em", "atendido_por", "comprovante", "lembrete_enviado_em",
]
PRIORIDADES = ["idoso_80", "deficiencia", "auditiva_visual"]
LOTE = 50_000


def _duracao(horarios: int) -> int:
    for limite, minutos in ((16, 30), (24, 20), (32, 15), (48, 10)):
        if horarios <= limite:
            return minutos
    return 5


def _planejar(ctx) -> list[dict]:
    """As agendas: por APS e serviço, quantos horários por dia e em que dias, somando exatamente o total."""
    rng = ctx.rng
    hoje = ctx.hoje
    inicio, fim = hoje - timedelta(days=DIAS_ANTES), hoje + timedelta(days=DIAS_DEPOIS)
    janela = [inicio + timedelta(days=k) for k in range((fim - inicio).days + 1)]
    uteis = sum(1 for dia in janela if dia.weekday() < 5)
    total = ctx.volumes["vagas"]
    soma = sum(aps["peso"] for aps in ctx.agencias) or 1
    # O balcão de Heitor lota: horários por dia no ATESP (3 servidores) e na perícia (2), menos nas escalas pequenas.
    minimo_de_heitor = {"atesp": 10, "pericia_medica": 6} if total >= 50_000 else {"atesp": 4, "pericia_medica": 2}
    planos = []
    for aps in ctx.agencias:
        de_heitor = aps["codigo"] == APS_DE_HEITOR
        servicos = ["atesp"]
        if de_heitor or rng.random() < 0.7:
            servicos.append("pericia_medica")
        if de_heitor or rng.random() < 0.45:
            servicos.append("avaliacao_social")
        partes = sum(PARTE_DO_SERVICO[s] for s in servicos)
        for servico in servicos:
            por_dia = total * aps["peso"] / soma * PARTE_DO_SERVICO[servico] / partes / uteis
            if por_dia >= 1:
                dias, horarios = [0, 1, 2, 3, 4], min(150, int(por_dia))
            else:
                dias, horarios = sorted(rng.sample(range(5), max(1, round(5 * por_dia)))), 1
            servidores = {"atesp": rng.choice([1, 1, 2, 2, 3]), "pericia_medica": rng.choice([1, 1, 2])}.get(servico, 1)
            plano = {"aps": aps, "servico": servico, "dias": dias, "horarios": horarios, "inicio": inicio, "fim": fim,
                     "servidores": servidores, "fracao": por_dia - int(por_dia), "minimo": 1}
            if de_heitor and servico in ("atesp", "pericia_medica"):
                # O dia de hoje é de atendimento na APS de Heitor, mesmo num sábado (mutirão).
                plano["dias"] = sorted(set(dias) | {0, 1, 2, 3, 4, hoje.weekday()})
                plano["minimo"] = minimo_de_heitor[servico]
                plano["horarios"] = max(plano["horarios"], plano["minimo"])
                plano["servidores"] = 3 if servico == "atesp" else 2
            plano["dias_na_janela"] = sum(1 for dia in janela if dia.weekday() in plano["dias"])
            planos.append(plano)

    def custo() -> int:
        return sum(p["horarios"] * p["dias_na_janela"] for p in planos)

    atual = custo()
    while atual > total:  # escalas pequenas: menos horários nas maiores, depois menos agências com agenda
        maior = max((p for p in planos if p["horarios"] > p["minimo"]), key=lambda p: p["horarios"], default=None)
        if maior is not None:
            maior["horarios"] -= 1
            atual -= maior["dias_na_janela"]
            continue
        menor = min((p for p in planos if p["minimo"] == 1), key=lambda p: p["aps"]["peso"], default=None)
        if menor is None:
            break
        planos.remove(menor)
        atual -= menor["horarios"] * menor["dias_na_janela"]
    for plano in sorted(planos, key=lambda p: -p["fracao"]):
        if plano["dias"] == [0, 1, 2, 3, 4] and atual + plano["dias_na_janela"] <= total:
            plano["horarios"] += 1
            atual += plano["dias_na_janela"]
    maiores = sorted(ctx.agencias, key=lambda a: -a["peso"])
    sabado = hoje - timedelta(days=(hoje.weekday() - 5) % 7 or 7)
    k = 0
    while atual < total:
        horarios = min(total - atual, 48)
        aps = maiores[k % len(maiores)]
        dia = sabado - timedelta(days=7 * (k // len(maiores)))
        planos.append({"aps": aps, "servico": "atesp", "dias": [5], "horarios": horarios, "inicio": dia, "fim": dia,
                       "servidores": 2, "dias_na_janela": 1, "minimo": 1})
        atual += horarios
        k += 1
    return planos


def gerar_agenda(ctx) -> None:
    rng = ctx.rng
    planos = _planejar(ctx)
    primeira_agenda = ctx.ids(Agenda, len(planos))
    proxima_vaga = ctx.ids(Vaga, ctx.volumes["vagas"])
    base_cpf = 600_000_000 + rng.randrange(10**7)
    estado = {"cpf": base_cpf, "hoje_heitor": 0, "vagas_heitor": 0}
    agendas, eventos, ativacoes = [], [], []
    vagas, agendamentos = [], []
    fusos = {}
    for i, plano in enumerate(planos):
        pk = primeira_agenda + i
        plano["id"] = pk
        aps = plano["aps"]
        fuso = fusos.setdefault(aps["fuso"], ZoneInfo(aps["fuso"]))
        duracao = _duracao(plano["horarios"])
        hora_inicio = 8 * 60
        servidor = ctx.servidores_aps[aps["id"]][0]
        publicada = instante_local(plano["inicio"] - timedelta(days=rng.randint(3, 10)), 10 * 3600)
        fim_min = hora_inicio + plano["horarios"] * duracao
        capacidade = plano["servidores"]
        prioritarias = min(math.ceil(capacidade * 20 / 100), capacidade)
        agendas.append("\t".join([
            str(pk), str(aps["id"]), plano["servico"], str(plano["dias"]), "08:00:00",
            f"{fim_min // 60:02d}:{fim_min % 60:02d}:00", str(duracao), str(capacidade), "20",
            plano["inicio"].isoformat(), plano["fim"].isoformat(), str(servidor), ts(publicada)]) + "\n")
        criadas = 0
        dia = plano["inicio"]
        while dia <= plano["fim"]:
            if dia.weekday() in plano["dias"]:
                meia_noite = int(datetime(dia.year, dia.month, dia.day, tzinfo=fuso).timestamp())
                for k in range(plano["horarios"]):
                    inicio = meia_noite + (hora_inicio + k * duracao) * 60
                    ocupacao = _agendamentos(ctx, estado, proxima_vaga, plano, dia, inicio, duracao, capacidade,
                                             prioritarias, servidor, agendamentos)
                    vagas.append(f"{proxima_vaga}\t{pk}\t{aps['id']}\t{plano['servico']}\t{ts(inicio)}"
                                 f"\t{ts(inicio + duracao * 60)}\t{capacidade}\t{prioritarias}\t{ocupacao[0]}"
                                 f"\t{ocupacao[1]}\n")
                    if aps["codigo"] == APS_DE_HEITOR and dia > ctx.hoje and ocupacao[0] < capacidade:
                        estado["vagas_heitor"] += 1
                    proxima_vaga += 1
                    criadas += 1
            dia += timedelta(days=1)
        eventos.append(f"{ctx.tipos['agenda']}\t{pk}\tagenda_publicada\t\t\t{{}}\t{criadas} horário(s)\t{servidor}"
                       f"\t{ts(publicada)}\n")
        if len(vagas) >= LOTE:
            _descarregar(ctx, vagas, agendamentos)
    _descarregar(ctx, vagas, agendamentos)
    ctx.carga.copiar_linhas(Agenda, CAMPOS_DA_AGENDA, agendas)
    primeiro_evento = ctx.ids(Evento, len(eventos))
    ctx.carga.copiar_linhas(Evento, ["id", "tipo_objeto", "objeto_id", "acao", "status_de", "status_para",
                                     "alteracoes", "nota", "ator", "quando"],
                            [f"{primeiro_evento + k}\t{e}" for k, e in enumerate(eventos)])
    com_atesp = {}
    for plano in planos:
        if plano["servico"] == "atesp":
            com_atesp[plano["aps"]["id"]] = min(plano["inicio"], com_atesp.get(plano["aps"]["id"], plano["inicio"]))
    primeira = ctx.ids(AtivacaoDoAtesp, len(com_atesp))
    for k, (aps_id, inicio) in enumerate(sorted(com_atesp.items())):
        ativado = inicio - timedelta(days=rng.randint(3, 400))
        prazo = dia_util_ou_seguinte(dia_util_ou_seguinte(ativado + timedelta(days=1)) + timedelta(days=1))
        ativacoes.append(f"{primeira + k}\t{aps_id}\t{ts(instante_local(ativado, 9 * 3600))}\t{prazo.isoformat()}"
                         f"\t{NULO}\t{NULO}\n")
    ctx.carga.copiar_linhas(AtivacaoDoAtesp, ["id", "aps", "ativado_em", "prazo_para_ofertar", "ativado_por",
                                              "gex_avisada_em"], ativacoes)
    heitor = next((a for a in ctx.agencias if a["codigo"] == APS_DE_HEITOR), None)
    if heitor:
        ctx.resumo["balcao_heitor"] = {"aps_id": heitor["id"], "aps_codigo": APS_DE_HEITOR,
                                       "dia": ctx.hoje.isoformat(), "agendamentos": estado["hoje_heitor"],
                                       "vagas_livres_nos_proximos_dias": estado["vagas_heitor"]}


def _descarregar(ctx, vagas: list, agendamentos: list) -> None:
    ctx.carga.copiar_linhas(Vaga, CAMPOS_DA_VAGA, vagas)
    primeiro = ctx.ids(Agendamento, len(agendamentos))
    ctx.carga.copiar_linhas(Agendamento, CAMPOS_DO_AGENDAMENTO,
                            [f"{primeiro + k}\t{a}" for k, a in enumerate(agendamentos)])
    vagas.clear()
    agendamentos.clear()


def _agendamentos(ctx, estado, vaga: int, plano, dia, inicio: int, duracao: int, capacidade: int,
                  prioritarias: int, servidor: int, linhas: list) -> tuple[int, int]:
    """Os agendamentos de uma vaga; devolve (ocupadas, ocupadas_gerais). Cada cidadão tem um CPF só seu: nunca
    há dois agendamentos vivos do mesmo cidadão no mesmo serviço."""
    rng = ctx.rng
    distancia = (dia - ctx.hoje).days
    de_heitor = plano["aps"]["codigo"] == APS_DE_HEITOR
    if distancia < 0:
        chance = 0.92
    elif distancia == 0:
        chance = 1.0 if de_heitor else 0.85
    else:
        chance = max(0.05, 0.8 - 0.03 * distancia)
    ocupadas = gerais = 0
    lugares = [True] * sum(1 for _ in range(capacidade) if rng.random() < chance)
    if rng.random() < 0.04:
        lugares.append(False)  # um cancelamento, que devolveu a vaga
    for vivo in lugares:
        prioridade = ""
        if vivo and (gerais >= capacidade - prioritarias or rng.random() < 0.12):
            prioridade = rng.choice(PRIORIDADES)
        if vivo:
            ocupadas += 1
            gerais += prioridade == ""
        linhas.append(_agendamento(ctx, estado, vaga, plano, inicio, duracao, prioridade, servidor, distancia,
                                   vivo))
    if de_heitor and distancia == 0:
        estado["hoje_heitor"] += ocupadas
    return ocupadas, gerais


def _agendamento(ctx, estado, vaga, plano, inicio, duracao, prioridade, servidor, distancia, vivo) -> str:
    rng = ctx.rng
    servico = plano["servico"]
    estado["cpf"] += 1
    nascimento = (f"{rng.randint(1925, 1945)}" if prioridade == "idoso_80" else f"{rng.randint(1946, 2004)}") + (
        f"-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    pela_agencia = rng.random() < 0.1
    origem = "agencia" if pela_agencia else "central_135"
    criador = servidor if pela_agencia else rng.choice(ctx.operadores_135)
    motivo = caso = ""
    if servico == "atesp":
        motivo = rng.choice(MOTIVOS)[0]
        if motivo == MOTIVO_QUE_EXIGE_CASO:
            caso = rng.choice(CASOS_DE_REABERTURA)[0]
    justificativa = rng.choice(ref.JUSTIFICATIVAS_DA_AGENCIA) if pela_agencia else ""
    criado = min(inicio - int(rng.uniform(1, 20) * DIA), ctx.ancora - 600)
    status, atendido, prestado, protocolo, senha = "agendado", None, "", "", False
    if not vivo:
        status = "cancelado"
    elif distancia < 0:
        if rng.random() < 0.8:
            status, atendido = "atendido", inicio + rng.randint(0, duracao * 60)
            base = f"{data_local(inicio).year}{rng.randint(1, 99_999_999):08d}"
            protocolo, prestado, senha = f"{base}{dv_protocolo(base)}", "Orientação e protocolo do requerimento.", (
                rng.random() < 0.3)
        else:
            status = "nao_compareceu"
    lembrete = inicio - DIA if inicio - DIA < ctx.ancora + 3 * DIA and vivo else None
    telefone = f"(11) 9{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    chave = uuid.UUID(int=rng.getrandbits(128), version=4)
    return "\t".join([
        str(vaga), servico, cpf(estado["cpf"]), nome_de_pessoa(rng, ref.NOMES, ref.SOBRENOMES), nascimento, "",
        telefone, prioridade, origem, motivo, caso, justificativa, NULO, str(chave), status, str(criador), ts(criado),
        ts(atendido or criado), motivo if atendido else "", prestado, protocolo, booleano(senha), ts(atendido),
        str(servidor) if atendido else NULO, NULO, ts(min(lembrete, ctx.ancora - 300)) if lembrete else NULO,
    ]) + "\n"
