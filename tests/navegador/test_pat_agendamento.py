"""Bruno (atendente, Prefeitura de Campinas) protocola um auxílio por incapacidade e, com o cidadão ao lado, agenda
a perícia médica numa APS de Campinas (o agendamento simplificado da seed 002): escolhe o horário, troca por
outro, protocola, e o agendamento aparece no requerimento e na lista do dia da agência."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from atendimento.models import Requerimento, StatusRequerimento
from atendimento.models_agenda import OrigemDoAgendamento, StatusAgendamento
from atendimento.services.agenda import agenda_publicar
from portal.contas.models import Usuario
from portal.organizacao.models import AgenciaPrevidencia
from tests.conftest import PERSONAS
from tests.navegador.test_protocolo import (
    CIDADA,
    arquivo_pdf,
    bruno_entra_por_campinas_e_comeca,
    continuar,
    etapa,
    preenche_a_cidada,
)

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

SERVICO = "Auxílio por incapacidade temporária (auxílio-doença) (urbana)"


def _pericias_em_campinas():
    """Perícias na APS Campinas - Centro na próxima segunda-feira (daqui a uma semana ou mais), 9h e 9h30."""
    hoje = datetime.now(ZoneInfo("America/Sao_Paulo")).date() + timedelta(days=7)
    segunda = hoje + timedelta(days=-hoje.weekday() % 7)
    agenda_publicar(
        aps=AgenciaPrevidencia.objects.get(codigo="21001010"), servico="pericia_medica", dias_da_semana=[0],
        hora_inicio=time(9), hora_fim=time(10), duracao_minutos=30, servidores=2, vigencia_inicio=segunda,
        vigencia_fim=segunda, por=Usuario.objects.get(cpf=PERSONAS["heitor"]),
    )
    return segunda


def test_bruno_agenda_uma_pericia_enquanto_protocola_um_auxilio(pagina):
    segunda = _pericias_em_campinas()
    dia = f"{segunda:%d/%m/%Y}"
    bruno_entra_por_campinas_e_comeca(pagina, servico=SERVICO)
    preenche_a_cidada(pagina, proxima="2. Agendar perícia médica")

    avaliacao = pagina.get_by_test_id("avaliacao-pericia_medica")
    expect(avaliacao).to_contain_text("No município da entidade")
    # Agendar sem escolher: a recusa no lugar, nada agendado.
    avaliacao.get_by_role("button", name="Agendar perícia médica").click()
    expect(pagina.get_by_test_id("avaliacao-pericia_medica")).to_contain_text("Escolha um dos horários da lista.")

    avaliacao = pagina.get_by_test_id("avaliacao-pericia_medica")
    avaliacao.locator("label", has_text=f"{dia} às 09:00 — Campinas - Centro").click()
    avaliacao.get_by_role("button", name="Agendar perícia médica").click()
    expect(pagina.locator(".br-message.success").first).to_contain_text(f"Perícia médica agendada: {dia} às 09:00")
    expect(pagina.get_by_test_id("agendado-pericia_medica")).to_contain_text("Rua Barão de Jaguara")

    # Troca para as 9h30: o horário das 9h volta a ficar livre.
    avaliacao = pagina.get_by_test_id("avaliacao-pericia_medica")
    avaliacao.locator("label", has_text=f"{dia} às 09:30 — Campinas - Centro").click()
    avaliacao.get_by_role("button", name="Trocar o horário").click()
    expect(pagina.get_by_test_id("agendado-pericia_medica")).to_contain_text(f"{dia} às 09:30")

    pagina.get_by_role("button", name="Continuar").click()
    expect(etapa(pagina)).to_have_text("3. Formulários assinados")
    for rotulo in ("Termo de representação assinado", "Autorização de acesso aos dados pessoais assinado",
                   "Termo de requerimento de serviço assinado"):
        pagina.get_by_label(rotulo).set_input_files(arquivo_pdf(f"{rotulo}.pdf"))
    continuar(pagina)
    expect(etapa(pagina)).to_have_text("4. Documentos")
    campos = pagina.locator("input[type=file]")
    for indice in range(campos.count()):
        campos.nth(indice).set_input_files(arquivo_pdf(f"documento-{indice + 1}.pdf"))
    continuar(pagina)
    expect(etapa(pagina)).to_have_text("5. Revisar e protocolar")
    expect(pagina.get_by_test_id("resumo")).to_contain_text(f"Perícia médica: {dia} às 09:30")
    pagina.get_by_test_id("protocolar").click()
    expect(pagina.locator(".br-message.success")).to_contain_text("Requerimento protocolado")
    expect(pagina.get_by_test_id("agendamentos-do-requerimento")).to_contain_text(f"{dia} às 09:30")

    requerimento = Requerimento.objects.get(cidadao_nome=CIDADA)
    assert requerimento.status == StatusRequerimento.PROTOCOLADO
    vivo = requerimento.agendamentos.get(status=StatusAgendamento.AGENDADO)
    assert vivo.origem == OrigemDoAgendamento.PAT and vivo.servico == "pericia_medica"
    assert requerimento.agendamentos.filter(status=StatusAgendamento.CANCELADO).count() == 1
    assert [v.ocupadas for v in vivo.vaga.agenda.vagas.order_by("inicio")] == [0, 1]
