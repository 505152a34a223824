"""Depois da carga, as regras de concorrência conferidas no banco de carga (issue 9, item 4):

- nenhum horário acima da capacidade: os agendamentos ativos de cada vaga, recontados, cabem nela, batem com os
  contadores da vaga, e os sem prioridade não tomaram a reserva antes da véspera;
- códigos de chamado `L_` + AAMMDD (ano com um dígito) + sequência do dia: únicos, sem buracos (a sequência
  devolve o número no rollback), e o contador do dia bate com o último;
- cada envio repetido deu um objeto só: os chamados abertos com duplo clique, os rascunhos e os protocolos do
  assistente (um protocolo, um comprovante, um evento), os agendamentos (uma chave, um agendamento);
- aprovação contra fechamento automático: todo chamado fechado o foi de um jeito só, com os eventos e os
  acompanhamentos desse jeito (nunca os dois), aprovado antes do fim do prazo, fechado automaticamente depois
  dele; depois da última varredura nenhum solucionado vencido ficou aberto.

    python -m tests.carga.conferir ALVOS.json

Imprime um JSON: as contagens e a lista de problemas (vazia quando tudo confere)."""

import json
import re
import sys
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

CODIGO = re.compile(r"^L_(\d{5})(\d{3,})$")


def conferir_vagas(alvos: dict, problemas: list[str]) -> dict:
    from django.db.models import Count, Q
    from django.utils import timezone

    from atendimento.models_agenda import Agendamento, StatusAgendamento, Vaga
    from atendimento.selectors_agenda import ABERTURA_DA_RESERVA

    ativos = ~Q(agendamentos__status=StatusAgendamento.CANCELADO)
    vagas = Vaga.objects.annotate(
        ativos=Count("agendamentos", filter=ativos),
        gerais=Count("agendamentos", filter=ativos & Q(agendamentos__prioridade="")),
    ).filter(Q(ativos__gt=0) | Q(pk__in=alvos["vagas"]))
    lotadas = esgotadas = 0
    vespera = timezone.now() + ABERTURA_DA_RESERVA
    for vaga in vagas:
        if vaga.ativos > vaga.capacidade:
            problemas.append(f"vaga {vaga.pk}: {vaga.ativos} agendamentos para {vaga.capacidade} lugares")
        if (vaga.ocupadas, vaga.ocupadas_gerais) != (vaga.ativos, vaga.gerais):
            problemas.append(f"vaga {vaga.pk}: contadores {vaga.ocupadas}/{vaga.ocupadas_gerais}, recontados "
                             f"{vaga.ativos}/{vaga.gerais}")
        lotadas += vaga.ativos == vaga.capacidade
        # Esgotado para quem não tem prioridade: lotado, ou, antes da véspera, sem lugar não reservado (quem tem
        # prioridade pode ter tomado lugares não reservados: também esgota).
        if vaga.pk in alvos["vagas"]:
            antes_da_vespera = vaga.inicio > vespera
            esgotadas += vaga.ativos >= vaga.capacidade or (
                antes_da_vespera and vaga.gerais >= vaga.capacidade - vaga.prioritarias)
    # A reserva das prioridades: sem prioridade, antes da véspera do horário, só os lugares não reservados.
    for vaga in Vaga.objects.filter(pk__in=alvos["vagas"]):
        antes_da_vespera = Agendamento.objects.filter(
            vaga=vaga, prioridade="", criado_em__lt=vaga.inicio - ABERTURA_DA_RESERVA,
        ).exclude(status=StatusAgendamento.CANCELADO).count()
        if antes_da_vespera > vaga.capacidade - vaga.prioritarias:
            problemas.append(f"vaga {vaga.pk}: {antes_da_vespera} sem prioridade antes da véspera, para "
                             f"{vaga.capacidade - vaga.prioritarias} lugares não reservados")
    disputados = Agendamento.objects.filter(vaga__pk__in=alvos["vagas"])
    por_cpf = disputados.exclude(status=StatusAgendamento.CANCELADO).values("cidadao_cpf").annotate(n=Count("pk"))
    repetidos = [linha["cidadao_cpf"] for linha in por_cpf if linha["n"] > 1]
    if repetidos:
        problemas.append(f"{len(repetidos)} cidadãos com mais de um agendamento ativo do ATESP")
    capacidade = sum(Vaga.objects.filter(pk__in=alvos["vagas"]).values_list("capacidade", flat=True))
    return {"vagas_conferidas": len(vagas), "horarios_disputados": len(alvos["vagas"]),
            "lugares_disputados": capacidade, "agendamentos_nos_disputados": disputados.count(),
            "horarios_lotados": lotadas, "horarios_esgotados_para_quem_nao_tem_prioridade": esgotadas,
            "prioritarios": disputados.exclude(prioridade="").count()}


def conferir_codigos(problemas: list[str]) -> dict:
    from portal.operacao.models import Sequencia
    from suporte.models import Chamado

    por_dia = defaultdict(list)
    for codigo in Chamado.objects.values_list("codigo", flat=True):
        achado = CODIGO.match(codigo)
        if achado is None:
            problemas.append(f"código de chamado fora do formato: {codigo}")
            continue
        por_dia[achado.group(1)].append(int(achado.group(2)))
    for prefixo, numeros in por_dia.items():
        if sorted(numeros) != list(range(1, len(numeros) + 1)):
            repetidos = [n for n, vezes in Counter(numeros).items() if vezes > 1]
            buracos = sorted(set(range(1, max(numeros) + 1)) - set(numeros))
            problemas.append(f"códigos de {prefixo}: repetidos {repetidos[:10]}, buracos {buracos[:10]}")
        ultimo = Sequencia.objects.filter(pk=f"chamado:{prefixo}").values_list("ultimo", flat=True).first()
        if ultimo != max(numeros):
            problemas.append(f"sequência chamado:{prefixo} em {ultimo}, último código {max(numeros)}")
    return {"chamados": sum(len(n) for n in por_dia.values()), "dias": len(por_dia)}


def conferir_envios_repetidos(problemas: list[str]) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from atendimento.models import Requerimento, StatusRequerimento
    from certificados.models import DocumentoEmitido
    from portal.auditoria.models import Evento
    from suporte.models import Chamado

    abertos = Chamado.objects.filter(titulo__startswith="Carga ")
    duplos = abertos.filter(titulo__contains="[duplo]").values("titulo").annotate(n=Count("pk"))
    repetidos = [linha["titulo"] for linha in duplos if linha["n"] > 1]
    if repetidos:
        problemas.append(f"{len(repetidos)} de {len(duplos)} chamados abertos com duplo clique viraram mais de um "
                         f"(por exemplo “{repetidos[0]}”)")

    da_carga = Requerimento.objects.filter(chave_de_envio__isnull=False)
    tipo = ContentType.objects.get_for_model(Requerimento)
    iniciados = Counter(Evento.objects.filter(tipo_objeto=tipo, acao="requerimento_iniciado")
                        .values_list("objeto_id", flat=True))
    protocolos = Counter(Evento.objects.filter(tipo_objeto=tipo, acao="requerimento_protocolado")
                         .values_list("objeto_id", flat=True))
    comprovantes = Counter(DocumentoEmitido.objects.filter(tipo_objeto=tipo).values_list("objeto_id", flat=True))
    protocolados = 0
    for requerimento in da_carga:
        chave = str(requerimento.pk)
        if iniciados[chave] != 1:
            problemas.append(f"requerimento {chave}: {iniciados[chave]} eventos de início")
        if requerimento.status == StatusRequerimento.RASCUNHO:
            continue
        protocolados += 1
        if protocolos[chave] != 1 or comprovantes[chave] != 1:
            problemas.append(f"requerimento {chave}: {protocolos[chave]} protocolos e {comprovantes[chave]} "
                             "comprovantes")
    return {"chamados_abertos_na_carga": abertos.count(), "aberturas_com_duplo_clique": len(duplos),
            "rascunhos_da_carga": da_carga.count(), "protocolados_na_carga": protocolados}


def conferir_fechamentos(alvos: dict, problemas: list[str]) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from portal.auditoria.models import Evento
    from suporte.models import Acompanhamento, Chamado, Fechamento, StatusChamado, TipoAcompanhamento

    tipo = ContentType.objects.get_for_model(Chamado)
    eventos = defaultdict(Counter)
    for objeto_id, acao in Evento.objects.filter(
            tipo_objeto=tipo, acao__in=["solucao_aprovada", "fechado_automaticamente", "solucao_recusada"]
    ).values_list("objeto_id", "acao"):
        eventos[int(objeto_id)][acao] += 1
    acompanhamentos = defaultdict(Counter)
    for chamado_id, tipo_do_acompanhamento in Acompanhamento.objects.filter(
            tipo__in=[TipoAcompanhamento.APROVACAO, TipoAcompanhamento.RECUSA]).values_list("chamado_id", "tipo"):
        acompanhamentos[chamado_id][tipo_do_acompanhamento] += 1

    contagem = Counter()
    agora = timezone.now()
    semeados = set(alvos["chamados_solucionados"]["ana"] + alvos["chamados_solucionados"]["carla"])
    for chamado in Chamado.objects.all():
        e, a = eventos[chamado.pk], acompanhamentos[chamado.pk]
        aprovado = (e["solucao_aprovada"], a[TipoAcompanhamento.APROVACAO], e["fechado_automaticamente"])
        if e["solucao_recusada"] != a[TipoAcompanhamento.RECUSA]:
            problemas.append(f"{chamado.codigo}: {e['solucao_recusada']} recusas nos eventos e "
                             f"{a[TipoAcompanhamento.RECUSA]} nos acompanhamentos")
        contagem["recusados"] += bool(e["solucao_recusada"])
        if chamado.status != StatusChamado.FECHADO:
            if e["solucao_aprovada"] or e["fechado_automaticamente"] or a[TipoAcompanhamento.APROVACAO]:
                problemas.append(f"{chamado.codigo} está {chamado.status} e tem registro de fechamento {aprovado}")
            if chamado.status == StatusChamado.SOLUCIONADO and chamado.prazo_aprovacao <= agora - timedelta(seconds=5):
                problemas.append(f"{chamado.codigo}: solucionado com o prazo vencido depois da última varredura")
            continue
        if chamado.fechamento == Fechamento.APROVADO:
            contagem["aprovados"] += 1
            contagem["aprovados_semeados"] += chamado.codigo in semeados
            if aprovado != (1, 1, 0):
                problemas.append(f"{chamado.codigo}: aprovado, com (aprovações, acompanhamentos de aprovação, "
                                 f"fechamentos automáticos) = {aprovado}")
            if chamado.fechado_em >= chamado.prazo_aprovacao:
                problemas.append(f"{chamado.codigo}: aprovado depois do fim do prazo")
        elif chamado.fechamento == Fechamento.AUTOMATICO:
            contagem["fechados_automaticamente"] += 1
            if aprovado != (0, 0, 1):
                problemas.append(f"{chamado.codigo}: fechado automaticamente, com (aprovações, acompanhamentos de "
                                 f"aprovação, fechamentos automáticos) = {aprovado}")
            if chamado.fechado_em < chamado.prazo_aprovacao:
                problemas.append(f"{chamado.codigo}: fechado automaticamente antes do fim do prazo")
        else:
            problemas.append(f"{chamado.codigo}: fechado sem dizer como ({chamado.fechamento!r})")
    na_janela = Chamado.objects.filter(codigo__in=alvos["chamados_na_janela"])
    contagem["semeados"] = len(semeados)
    contagem["vencendo_na_carga"] = len(alvos["chamados_na_janela"])
    contagem["vencendo_na_carga_aprovados"] = na_janela.filter(fechamento=Fechamento.APROVADO).count()
    contagem["vencendo_na_carga_recusados"] = na_janela.filter(status=StatusChamado.PROCESSANDO).count()
    contagem["vencendo_na_carga_fechados_automaticamente"] = na_janela.filter(
        fechamento=Fechamento.AUTOMATICO).count()
    return dict(contagem)


def conferir(alvos: dict) -> dict:
    from suporte.tasks import fechar_chamados_sem_resposta

    problemas: list[str] = []
    resultado = {
        "ultima_varredura": fechar_chamados_sem_resposta(),
        "vagas": conferir_vagas(alvos, problemas),
        "codigos": conferir_codigos(problemas),
        "envios_repetidos": conferir_envios_repetidos(problemas),
        "fechamentos": conferir_fechamentos(alvos, problemas),
    }
    resultado["problemas"] = problemas
    return resultado


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(conferir(json.loads(Path(sys.argv[1]).read_text())), ensure_ascii=False))
