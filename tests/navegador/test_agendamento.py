"""O agendamento presencial no navegador: Heitor publica a agenda do ATESP da APS Campinas - Centro; Iara,
da Central 135, agenda uma cidadã de 82 anos (a prioridade vem da data de nascimento) pelo motivo
"requerimento concluído sem atendimento ao solicitado", com o caso de reabertura; Heitor agenda outro
cidadão pela agência, excepcionalmente: sem justificativa é recusado, com ela agenda. No dia (os horários
trazidos para agora), Heitor, no balcão, registra a chegada de Maria e a atende: sem o protocolo do requerimento
é recusado, com ele o atendimento fica registrado, com a senha do Meu INSS emitida; José falta."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from atendimento.atesp import CASOS_DE_REABERTURA, MOTIVOS
from atendimento.models_agenda import Agendamento, Vaga
from tests.navegador.apoio import entrar
from tests.test_representantes import cpf_de

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

MOTIVO = dict(MOTIVOS)["requerimento_sem_atendimento"]
CASO = dict(CASOS_DE_REABERTURA)["erro_de_sistema"]


def proxima_segunda():
    hoje = timezone.localdate()
    return hoje + timedelta(days=7 - hoje.weekday() + 7)  # a segunda da outra semana: sempre no futuro


def publicar_agenda(pagina, segunda) -> None:
    entrar(pagina, "heitor")
    pagina.locator("#menu-principal").get_by_role("link", name="Agendas da agência").click()
    pagina.get_by_role("link", name="Publicar agenda").click()
    pagina.get_by_label("Serviço").select_option(label="Atendimento Especializado (ATESP)")
    dias = pagina.get_by_test_id("dias-da-semana")
    for dia in ("Segunda", "Quarta"):
        dias.locator("label").get_by_text(dia, exact=True).click()
    pagina.get_by_label("Início do atendimento").fill("08:00")
    pagina.get_by_label("Fim do atendimento").fill("09:00")
    pagina.get_by_label("Duração de cada atendimento (minutos)").fill("30")
    pagina.get_by_label("Servidores atendendo").fill("2")
    pagina.get_by_label("Parte reservada às prioridades (%)").fill("50")
    pagina.get_by_label("Primeiro dia").fill(f"{segunda:%Y-%m-%d}")
    pagina.get_by_label("Último dia").fill(f"{segunda + timedelta(days=6):%Y-%m-%d}")
    pagina.get_by_role("button", name="Publicar agenda").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Atendimento Especializado (ATESP) — Campinas - Centro")
    expect(pagina.get_by_test_id(f"dia-{segunda:%Y-%m-%d}")).to_contain_text("08:00 às 08:30")


def escolher_o_primeiro_horario(pagina) -> None:
    pagina.locator("#resultados").get_by_role("link", name="Agendar às 08:00").first.click()


def preencher_cidadao(pagina, *, cpf: str, nome: str, nascimento: str) -> None:
    pagina.get_by_label("CPF do cidadão").fill(cpf)
    pagina.get_by_label("Nome do cidadão").fill(nome)
    pagina.get_by_label("Data de nascimento").fill(nascimento)


def test_heitor_publica_iara_agenda_uma_idosa_e_heitor_agenda_so_com_justificativa(abrir_pagina):
    segunda = proxima_segunda()
    heitor = abrir_pagina()
    publicar_agenda(heitor, segunda)

    iara = abrir_pagina()
    entrar(iara, "iara")
    iara.locator("#menu-principal").get_by_role("link", name="Agendar atendimento").click()
    # A busca por endereço, como o formulário sem JavaScript a envia (o htmx do filtro é o da fila de análise).
    iara.goto("/agendamentos/novo/?servico=atesp&uf=SP&municipio=Campinas")
    escolher_o_primeiro_horario(iara)
    nascimento = segunda.replace(year=segunda.year - 82)
    preencher_cidadao(iara, cpf=cpf_de(600000001), nome="Maria das Dores", nascimento=f"{nascimento:%Y-%m-%d}")
    iara.get_by_label("Motivo do Atendimento Especializado").select_option(label=MOTIVO)
    iara.get_by_role("button", name="Agendar").click()
    expect(iara.get_by_role("alert")).to_contain_text("escolha o caso de reabertura da tarefa")
    expect(iara.get_by_label("Nome do cidadão")).to_have_value("Maria das Dores")
    iara.get_by_label("Caso de reabertura da tarefa").select_option(label=CASO)
    iara.get_by_role("button", name="Agendar").click()
    expect(iara.get_by_role("heading", level=1)).to_have_text("Agendamento — Maria das Dores")
    expect(iara.get_by_test_id("prioridade")).to_have_text("80 anos ou mais")
    expect(iara.get_by_test_id("motivo")).to_have_text(MOTIVO)
    expect(iara.get_by_test_id("caso")).to_have_text(CASO)
    expect(iara.get_by_test_id("origem")).to_have_text("Central 135")

    # Heitor segue na mesma sessão: o mesmo código TOTP não entra duas vezes.
    heitor.locator("#menu-principal").get_by_role("link", name="Agendar atendimento").click()
    escolher_o_primeiro_horario(heitor)  # a busca já abre no ATESP, nas vagas da APS dele
    preencher_cidadao(heitor, cpf=cpf_de(600000002), nome="José Alves", nascimento="1980-01-15")
    heitor.get_by_label("Motivo do Atendimento Especializado").select_option(label=dict(MOTIVOS)["cat"])
    heitor.get_by_role("button", name="Agendar").click()
    expect(heitor.get_by_role("alert").first).to_contain_text("escreva a justificativa")
    heitor.get_by_label("Justificativa do agendamento pela agência").fill("O cidadão não consegue ligar para o 135.")
    heitor.get_by_role("button", name="Agendar").click()
    expect(heitor.get_by_test_id("origem")).to_have_text("Pela agência (excepcional)")
    assert Agendamento.objects.filter(status="agendado").count() == 2

    # No dia: os horários passam a ter começado agora (o início já passou), e Heitor atende no balcão.
    agora = timezone.now()
    meia_noite = timezone.localtime(agora).replace(hour=0, minute=0, second=0, microsecond=0)
    for segundos, vaga in enumerate(Vaga.objects.filter(agendamentos__status="agendado").distinct()):
        inicio = max(agora - timedelta(minutes=1, seconds=segundos), meia_noite)
        Vaga.objects.filter(pk=vaga.pk).update(inicio=inicio, fim=agora + timedelta(minutes=29))
    maria = Agendamento.objects.get(cidadao_nome="Maria das Dores")
    jose = Agendamento.objects.get(cidadao_nome="José Alves")
    heitor.locator("#menu-principal").get_by_role("link", name="Balcão da agência").click()
    heitor.get_by_test_id(f"agendamento-{maria.pk}").get_by_role("button", name="Registrar chegada").click()
    expect(heitor.get_by_test_id(f"agendamento-{maria.pk}").get_by_test_id("status")).to_have_text("Chegou à agência")
    heitor.get_by_test_id(f"agendamento-{maria.pk}").get_by_role("link", name="Atender").click()
    heitor.get_by_label("Serviço prestado").fill("Tarefa reaberta; cidadã orientada.")
    heitor.locator("label").get_by_text("Emiti a senha do Meu INSS").click()
    heitor.get_by_role("button", name="Registrar o atendimento").click()
    expect(heitor.get_by_role("alert").first).to_contain_text("Registre o protocolo do requerimento")
    expect(heitor.get_by_label("Serviço prestado")).to_have_value("Tarefa reaberta; cidadã orientada.")
    expect(heitor.get_by_label("Emiti a senha do Meu INSS")).to_be_checked()
    heitor.get_by_label("Protocolo do requerimento").fill("2027.00000123-4")
    heitor.get_by_role("button", name="Registrar o atendimento").click()
    expect(heitor.get_by_test_id(f"agendamento-{maria.pk}").get_by_test_id("status")).to_contain_text(
        "Atendido — protocolo 2027000001234")
    heitor.get_by_test_id(f"agendamento-{jose.pk}").get_by_role("button", name="Registrar falta").click()
    expect(heitor.get_by_test_id(f"agendamento-{jose.pk}").get_by_test_id("status")).to_have_text("Não compareceu")
    maria.refresh_from_db()
    assert maria.senha_meu_inss_emitida and maria.comprovante is not None
