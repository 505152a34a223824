"""O lembrete da véspera ao cidadão: sai nas 24 horas antes do horário (não 25), uma vez só mesmo com duas
varreduras, com a hora no fuso da agência (uma APS em Manaus) e sem o CPF; não sai para o agendamento
cancelado, sem e-mail ou feito a menos de um dia do horário; o remarcado recebe o seu; se o servidor de e-mail
falha, nada fica marcado e a varredura seguinte envia."""

import smtplib
import uuid
from datetime import date, time, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from atendimento import tasks
from atendimento.models_agenda import Agendamento, OrigemDoAgendamento
from atendimento.services.agenda import agenda_publicar, agendamento_cancelar, agendamento_remarcar, agendar
from atendimento.services.agenda_lembretes import agendamentos_lembrar
from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva
from portal.validadores import formatar_cpf
from tests.requerimentos_apoio import requerimento_protocolado
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db
SEGUNDA = date(2027, 3, 1)
ANTES = "2027-02-20 12:00 -03:00"


@pytest.fixture
def manaus(demo):
    return AgenciaPrevidencia.objects.create(
        codigo="04001010", nome="Manaus - Centro", gex=GerenciaExecutiva.objects.get(codigo="21001"),
        municipio_id="1302603", endereco="Av. Sete de Setembro, 1000 — Centro", fuso_horario="America/Manaus",
    )


@pytest.fixture
def vagas(manaus, pessoa):
    """Segunda e quarta, das 8h às 9h no horário de Manaus (9h às 10h em Brasília)."""
    with time_machine.travel(ANTES):
        agenda = agenda_publicar(
            aps=manaus, servico="pericia_medica", dias_da_semana=[0, 2], hora_inicio=time(8), hora_fim=time(9),
            duracao_minutos=30, servidores=5, percentual_prioritario=0, vigencia_inicio=SEGUNDA,
            vigencia_fim=SEGUNDA + timedelta(days=6), por=pessoa("admin"),
        )
    return list(agenda.vagas.order_by("inicio"))


def _agendar(vaga, pessoa, numero: int, *, email: str = "cidadao@example.com", quando=ANTES, **extra):
    with time_machine.travel(quando):
        return agendar(vaga=vaga, cidadao_cpf=cpf_de(860000000 + numero), cidadao_nome=f"Cidadã {numero}",
                       cidadao_email=email, origem=OrigemDoAgendamento.CENTRAL_135, chave=uuid.uuid4(),
                       por=pessoa("iara"), **extra)


def _varrer_em(momento) -> int:
    with time_machine.travel(momento):
        return agendamentos_lembrar()


def test_o_lembrete_sai_23_horas_antes_e_nao_25_com_a_hora_no_fuso_da_agencia_e_sem_o_cpf(vagas, pessoa):
    vaga = vagas[0]
    agendamento = _agendar(vaga, pessoa, 1)
    assert _varrer_em(vaga.inicio - timedelta(hours=25)) == 0
    assert mail.outbox == []

    assert _varrer_em(vaga.inicio - timedelta(hours=23)) == 1
    (email,) = mail.outbox
    assert email.to == ["cidadao@example.com"]
    corpo = email.body
    html = email.alternatives[0][0]
    for texto in (corpo, html):
        assert "08:00" in texto and "09:00" not in texto  # Manaus, não Brasília
        assert "01/03/2027 (segunda-feira)" in texto
        assert "APS Manaus - Centro" in texto and "Av. Sete de Setembro, 1000" in texto and "Manaus/AM" in texto
        assert "Perícia médica" in texto
        assert "documento de identificação com foto" in texto and "CPF" in texto
        assert "Central 135" in texto
        assert agendamento.cidadao_cpf not in texto and formatar_cpf(agendamento.cidadao_cpf) not in texto
    assert "amanhã, às 08:00" in email.subject
    agendamento.refresh_from_db()
    assert agendamento.lembrete_enviado_em is not None


def test_duas_varreduras_enviam_o_lembrete_uma_vez(vagas, pessoa):
    vaga = vagas[0]
    _agendar(vaga, pessoa, 1)
    assert _varrer_em(vaga.inicio - timedelta(hours=23)) == 1
    assert _varrer_em(vaga.inicio - timedelta(hours=22, minutes=45)) == 0
    with time_machine.travel(vaga.inicio - timedelta(hours=1)):
        assert tasks.lembrar_agendamentos_da_vespera.delay().get() == 0
    assert len(mail.outbox) == 1


def test_cancelado_sem_email_ou_agendado_a_menos_de_um_dia_nao_recebe_lembrete(vagas, pessoa):
    vaga = vagas[0]
    cancelado = _agendar(vaga, pessoa, 1)
    agendamento_cancelar(agendamento=cancelado, por=pessoa("iara"))
    _agendar(vaga, pessoa, 2, email="")
    de_ultima_hora = _agendar(vaga, pessoa, 3, quando=vaga.inicio - timedelta(hours=20))
    assert _varrer_em(vaga.inicio - timedelta(hours=19)) == 0
    assert mail.outbox == []
    de_ultima_hora.refresh_from_db()
    assert de_ultima_hora.lembrete_enviado_em is None


def test_o_agendamento_remarcado_recebe_o_seu_lembrete(vagas, pessoa):
    segunda, quarta = vagas[0], vagas[2]
    agendamento = _agendar(segunda, pessoa, 1)
    assert _varrer_em(segunda.inicio - timedelta(hours=23)) == 1
    with time_machine.travel(segunda.inicio - timedelta(hours=22)):
        novo = agendamento_remarcar(agendamento=agendamento, vaga=quarta, chave=uuid.uuid4(), por=pessoa("iara"))
    assert novo.pk != agendamento.pk and novo.lembrete_enviado_em is None
    assert _varrer_em(quarta.inicio - timedelta(hours=25)) == 0
    assert _varrer_em(quarta.inicio - timedelta(hours=23)) == 1
    assert len(mail.outbox) == 2 and "03/03/2027 (quarta-feira)" in mail.outbox[1].body


def test_o_protocolo_do_requerimento_vai_no_lembrete(vagas, pessoa):
    with time_machine.travel(ANTES):
        requerimento = requerimento_protocolado()
    vaga = vagas[0]
    _agendar(vaga, pessoa, 1, requerimento=requerimento)
    _varrer_em(vaga.inicio - timedelta(hours=23))
    assert f"Protocolo do requerimento: {requerimento.protocolo}" in mail.outbox[0].body


def test_se_o_servidor_de_email_falha_nada_fica_marcado_e_a_varredura_seguinte_envia(vagas, pessoa, monkeypatch):
    vaga = vagas[0]
    primeiro = _agendar(vaga, pessoa, 1, email="primeiro@example.com")
    _agendar(vaga, pessoa, 2, email="segundo@example.com")
    enviar = EmailMultiAlternatives.send
    tentativas = []

    def falha_na_primeira(mensagem, *args, **kwargs):
        tentativas.append(mensagem.to)
        if len(tentativas) == 1:
            raise smtplib.SMTPServerDisconnected("o servidor de e-mail caiu")
        return enviar(mensagem, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", falha_na_primeira)
    assert _varrer_em(vaga.inicio - timedelta(hours=23)) == 1  # a falha de um não para o outro
    assert [email.to for email in mail.outbox] == [["segundo@example.com"]]
    primeiro.refresh_from_db()
    assert primeiro.lembrete_enviado_em is None

    assert _varrer_em(vaga.inicio - timedelta(hours=22, minutes=45)) == 1
    assert [email.to for email in mail.outbox] == [["segundo@example.com"], ["primeiro@example.com"]]
    assert Agendamento.objects.filter(lembrete_enviado_em__isnull=True).count() == 0


def test_a_varredura_do_lembrete_esta_no_beat_a_cada_15_minutos():
    entradas = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entradas["atendimento.tasks.lembrar_agendamentos_da_vespera"] == 900.0
