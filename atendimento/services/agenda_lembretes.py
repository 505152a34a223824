"""O lembrete da véspera: um e-mail ao cidadão que deixou o e-mail no agendamento, nas 24 horas antes do horário.

Cada agendamento recebe um lembrete, uma vez: a varredura marca `lembrete_enviado_em` por atualização guardada
e envia o e-mail na mesma transação. Se o servidor de e-mail recusar, a marca é desfeita e a varredura seguinte
tenta de novo; duas varreduras juntas disputam a mesma linha e só uma envia. Quem agendou a menos de um dia do
horário acabou de receber a confirmação e não precisa de lembrete. Remarcar cria outro agendamento, com o seu
lembrete.

O e-mail leva o que o cidadão precisa para chegar: serviço, agência e endereço, dia e hora no fuso da agência,
o que levar e o protocolo, se houver. Não leva o CPF (LGPD): quem o lê pode não ser o cidadão.
"""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from atendimento.models_agenda import Agendamento, StatusAgendamento

logger = logging.getLogger(__name__)

ANTECEDENCIA = timedelta(days=1)
DIAS_DA_SEMANA = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado",
                  "domingo"]


def agendamentos_a_lembrar(agora: datetime):
    """Os agendamentos vivos com e-mail, ainda sem lembrete, cujo horário começa nas próximas 24 horas e que
    foram feitos antes da véspera."""
    return (
        Agendamento.objects.filter(
            status=StatusAgendamento.AGENDADO, lembrete_enviado_em__isnull=True,
            vaga__inicio__gt=agora, vaga__inicio__lte=agora + ANTECEDENCIA,
            criado_em__lt=F("vaga__inicio") - ANTECEDENCIA,
        )
        .exclude(cidadao_email="")
        .order_by("vaga__inicio", "pk")
    )


def _quando(inicio_local: datetime, hoje_local) -> str:
    dias = (inicio_local.date() - hoje_local).days
    return {0: "hoje", 1: "amanhã"}.get(dias, f"em {inicio_local:%d/%m/%Y}")


def _email_do_lembrete(agendamento: Agendamento, agora: datetime) -> EmailMultiAlternatives:
    aps = agendamento.vaga.aps
    fuso = ZoneInfo(aps.fuso_horario)
    inicio = agendamento.vaga.inicio.astimezone(fuso)
    quando = _quando(inicio, agora.astimezone(fuso).date())
    contexto = {
        "agendamento": agendamento,
        "nome": agendamento.cidadao_nome,
        "servico": agendamento.get_servico_display(),
        "aps": aps,
        "municipio": f"{aps.municipio.nome}/{aps.municipio.uf_id}",
        "dia": f"{inicio:%d/%m/%Y} ({DIAS_DA_SEMANA[inicio.weekday()]})",
        "hora": f"{inicio:%H:%M}",
        "quando": quando,
        "protocolo": agendamento.requerimento.protocolo if agendamento.requerimento_id else "",
    }
    mensagem = EmailMultiAlternatives(
        subject=f"INSS: lembrete do seu atendimento {quando}, às {inicio:%H:%M}, na APS {aps.nome}",
        body=render_to_string("emails/lembrete_do_agendamento.txt", contexto),
        to=[agendamento.cidadao_email],
    )
    mensagem.attach_alternative(render_to_string("emails/lembrete_do_agendamento.html", contexto), "text/html")
    return mensagem


def agendamento_lembrar(*, agendamento_id: int, agora: datetime) -> bool:
    """Envia o lembrete de um agendamento, se ninguém o enviou ainda. A marca e o envio ficam na mesma
    transação: se o envio falhar, a exceção desfaz a marca e sobe a quem chamou."""
    with transaction.atomic():
        if not Agendamento.objects.filter(
            pk=agendamento_id, status=StatusAgendamento.AGENDADO, lembrete_enviado_em__isnull=True,
        ).update(lembrete_enviado_em=agora):
            return False
        agendamento = Agendamento.objects.select_related("vaga__aps__municipio", "requerimento").get(
            pk=agendamento_id)
        _email_do_lembrete(agendamento, agora).send()
    return True


def agendamentos_lembrar(*, agora: datetime | None = None) -> int:
    """Varredura (a cada 15 minutos): envia os lembretes devidos e devolve quantos saíram. Uma falha de envio
    fica no log e não para os demais; o agendamento volta na próxima passada."""
    agora = agora or timezone.now()
    enviados = 0
    for agendamento_id in list(agendamentos_a_lembrar(agora).values_list("pk", flat=True)):
        try:
            if agendamento_lembrar(agendamento_id=agendamento_id, agora=agora):
                enviados += 1
        except Exception:  # o SMTP (ou o template) falhou: a marca foi desfeita, a próxima varredura tenta
            logger.exception("O lembrete do agendamento %s não saiu; a próxima varredura tenta de novo.",
                             agendamento_id)
    return enviados
