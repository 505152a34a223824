"""O balcão da APS: Heitor vê os agendamentos do dia da sua APS (no fuso da agência, na ordem do horário),
registra a chegada, a falta (só depois do início do horário) e o atendimento — com o protocolo do
requerimento sempre obrigatório; sem ele, a recusa volta com o que foi digitado. O atendimento emite um
comprovante verificável por qualquer pessoa. Outra APS é 404; a lista do dia faz as mesmas consultas com um
ou muitos agendamentos."""

import uuid
from datetime import date, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atendimento.models_agenda import OrigemDoAgendamento, StatusAgendamento
from atendimento.services.agenda import ErroDeAgendamento, agenda_publicar, agendar
from atendimento.services.balcao import agendamento_atender, agendamento_registrar_falta
from portal.auditoria.models import Evento
from portal.organizacao.models import AgenciaPrevidencia
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db
SEGUNDA = date(2027, 3, 1)
CAMPINAS = "21001010"
NO_DIA = "2027-03-01 08:10 -03:00"  # depois do início das 08:00, antes das 08:30
BALCAO = reverse("atendimento:balcao")


def _agendar(pessoa, *, quantos=2, aps=CAMPINAS, servidores=2, base=710000000):
    with time_machine.travel("2027-02-20 12:00 -03:00"):
        agenda = agenda_publicar(
            aps=AgenciaPrevidencia.objects.get(codigo=aps), servico="atesp", dias_da_semana=[0],
            hora_inicio=time(8), hora_fim=time(12), duracao_minutos=30, servidores=servidores,
            percentual_prioritario=0, vigencia_inicio=SEGUNDA, vigencia_fim=SEGUNDA, por=pessoa("admin"))
        vagas = list(agenda.vagas.order_by("inicio"))
        return [
            agendar(vaga=vagas[i % len(vagas)], cidadao_cpf=cpf_de(base + i), cidadao_nome=f"Cidadão {i}",
                    origem=OrigemDoAgendamento.CENTRAL_135, motivo="canais_remotos", chave=uuid.uuid4(),
                    por=pessoa("iara"))
            for i in range(quantos)
        ]


def _atendimento(**extra):
    return {"motivo_identificado": "canais_remotos", "servico_prestado": "Orientado sobre o pedido de pensão.",
            "protocolo_requerimento": "", **extra}


@time_machine.travel(NO_DIA)
def test_heitor_registra_a_chegada_e_atende_so_com_o_protocolo_e_o_comprovante_se_verifica(pessoa, cliente_de):
    primeiro, segundo = _agendar(pessoa)
    heitor = cliente_de("heitor")
    pagina = heitor.get(BALCAO).content.decode()  # hoje, no fuso da agência
    assert pagina.index(f'data-testid="agendamento-{primeiro.pk}"') < pagina.index(
        f'data-testid="agendamento-{segundo.pk}"')
    assert "08:00" in pagina and "08:30" in pagina

    heitor.post(reverse("atendimento:balcao_chegada", args=[primeiro.pk]))
    primeiro.refresh_from_db()
    assert primeiro.status == StatusAgendamento.COMPARECEU

    url = reverse("atendimento:balcao_atender", args=[primeiro.pk])
    resposta = heitor.post(url, _atendimento(senha_meu_inss_emitida="on"))
    html = resposta.content.decode()
    assert resposta.status_code == 200 and "Registre o protocolo do requerimento" in html
    assert "Orientado sobre o pedido de pensão." in html and 'checked' in html
    primeiro.refresh_from_db()
    assert primeiro.status == StatusAgendamento.COMPARECEU and primeiro.comprovante is None

    resposta = heitor.post(url, _atendimento(protocolo_requerimento="abc"))
    assert "de 10 a 20 algarismos" in resposta.content.decode()

    resposta = heitor.post(url, _atendimento(protocolo_requerimento="2027.00000123-4", senha_meu_inss_emitida="on"))
    assert resposta.status_code == 302 and resposta["Location"].startswith(BALCAO)
    primeiro.refresh_from_db()
    assert primeiro.status == StatusAgendamento.ATENDIDO and primeiro.protocolo_atendimento == "2027000001234"
    assert primeiro.senha_meu_inss_emitida and primeiro.atendido_por == pessoa("heitor")
    assert primeiro.motivo_identificado == "canais_remotos" and primeiro.atendido_em is not None
    comprovante = primeiro.comprovante
    assert comprovante.tipo == "comprovante_de_atendimento"
    verificado = Client().get("/verificar/", {"codigo": comprovante.codigo_verificador, "crc": comprovante.crc})
    assert "Documento autêntico" in verificado.content.decode()
    acoes = set(Evento.objects.filter(objeto_id=str(primeiro.pk)).values_list("acao", flat=True))
    assert {"agendamento_chegada", "agendamento_atendido"} <= acoes

    # Atender de novo não passa: o status anterior já não é o certo.
    with pytest.raises(ErroDeAgendamento):
        agendamento_atender(agendamento=primeiro, motivo_identificado="cat", servico_prestado="x",
                            protocolo_requerimento="1234567890", senha_meu_inss_emitida=False, por=pessoa("heitor"))


@time_machine.travel(NO_DIA)
def test_a_falta_so_depois_do_inicio_do_horario(pessoa, cliente_de):
    primeiro, segundo = _agendar(pessoa, servidores=1)  # 08:00 e 08:30
    heitor = cliente_de("heitor")
    resposta = heitor.post(reverse("atendimento:balcao_falta", args=[segundo.pk]), follow=True)
    assert "O horário ainda não começou (08:30)" in resposta.content.decode()
    segundo.refresh_from_db()
    assert segundo.status == StatusAgendamento.AGENDADO
    heitor.post(reverse("atendimento:balcao_falta", args=[primeiro.pk]))
    primeiro.refresh_from_db()
    assert primeiro.status == StatusAgendamento.NAO_COMPARECEU
    with pytest.raises(ErroDeAgendamento, match="agendado e não chegou"):
        agendamento_registrar_falta(agendamento=primeiro, por=pessoa("heitor"))


@time_machine.travel(NO_DIA)
def test_o_agendado_sem_chegada_registrada_tambem_pode_ser_atendido(pessoa):
    agendamento = _agendar(pessoa, quantos=1)[0]
    agendamento_atender(agendamento=agendamento, motivo_identificado="cat", servico_prestado="CAT retificada.",
                        protocolo_requerimento="1234567890", senha_meu_inss_emitida=False, por=pessoa("heitor"))
    agendamento.refresh_from_db()
    assert agendamento.status == StatusAgendamento.ATENDIDO and not agendamento.senha_meu_inss_emitida


@time_machine.travel(NO_DIA)
def test_outra_aps_e_404_para_heitor_e_o_administrador_escolhe_a_aps(pessoa, cliente_de):
    outra = AgenciaPrevidencia.objects.exclude(codigo=CAMPINAS).exclude(gex__codigo="21001").first()
    agendamento = _agendar(pessoa, quantos=1, aps=outra.codigo)[0]
    heitor = cliente_de("heitor")
    assert heitor.get(BALCAO, {"aps": outra.pk}).status_code == 404
    assert heitor.get(reverse("atendimento:balcao_atender", args=[agendamento.pk])).status_code == 404
    for acao in ("balcao_chegada", "balcao_falta", "balcao_atender"):
        assert heitor.post(reverse(f"atendimento:{acao}", args=[agendamento.pk])).status_code == 404, acao
    assert f'data-testid="agendamento-{agendamento.pk}"' not in heitor.get(BALCAO).content.decode()
    agendamento.refresh_from_db()
    assert agendamento.status == StatusAgendamento.AGENDADO
    admin = cliente_de("admin").get(BALCAO, {"aps": outra.pk, "dia": "2027-03-01"}).content.decode()
    assert f'data-testid="agendamento-{agendamento.pk}"' in admin
    assert cliente_de("fabio").get(BALCAO).status_code == 404


@time_machine.travel(NO_DIA)
def test_a_lista_do_dia_faz_as_mesmas_consultas_com_um_ou_muitos_agendamentos(pessoa, cliente_de):
    heitor = cliente_de("heitor")
    heitor.get(BALCAO)  # aquece a sessão
    _agendar(pessoa, quantos=1)
    with CaptureQueriesContext(connection) as um:
        heitor.get(BALCAO)
    muitos = _agendar(pessoa, quantos=12, servidores=3, base=720000000)
    agendamento_atender(agendamento=muitos[0], motivo_identificado="cat", servico_prestado="Feito.",
                        protocolo_requerimento="1234567890", senha_meu_inss_emitida=True, por=pessoa("heitor"))
    with CaptureQueriesContext(connection) as varios:
        pagina = heitor.get(BALCAO).content.decode()
    assert pagina.count('data-testid="agendamento-') == 13
    assert len(um) == len(varios)
    outro_dia = heitor.get(BALCAO, {"dia": f"{SEGUNDA + timedelta(days=1):%Y-%m-%d}"}).content.decode()
    assert "Nenhum agendamento neste dia." in outro_dia
