"""As páginas do agendamento: Heitor publica a agenda da sua APS (e a recusa do motor volta com o que foi
digitado); a página da agenda e a busca de vagas fazem o mesmo número de consultas com um ou muitos
horários; Iara agenda pela Central 135 com o motivo e o caso do ATESP; Heitor, só com justificativa; quem
não alcança a APS recebe 404; o mesmo envio repetido agenda uma vez."""

import re
import uuid
from datetime import date, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atendimento.models_agenda import Agenda, Agendamento, OrigemDoAgendamento, Prioridade
from atendimento.services.agenda import agenda_publicar, agendar
from portal.organizacao.models import AgenciaPrevidencia
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db
SEGUNDA = date(2027, 3, 1)
CAMPINAS = "21001010"


@pytest.fixture(autouse=True)
def _antes_da_agenda():
    with time_machine.travel("2027-02-20 12:00 -03:00"):
        yield


def _publicar(pessoa, *, servico="atesp", dias=1, hora_fim=time(10), servidores=2, percentual=0, aps=CAMPINAS,
              por="heitor"):
    return agenda_publicar(
        aps=AgenciaPrevidencia.objects.get(codigo=aps), servico=servico, dias_da_semana=[0, 1, 2, 3, 4],
        hora_inicio=time(8), hora_fim=hora_fim, duracao_minutos=30, servidores=servidores,
        percentual_prioritario=percentual, vigencia_inicio=SEGUNDA, vigencia_fim=SEGUNDA + timedelta(days=dias - 1),
        por=pessoa(por),
    )


def _outra_aps():
    return AgenciaPrevidencia.objects.exclude(codigo=CAMPINAS).exclude(gex__codigo="21001").first()


def _dados(vaga, **extra):
    return {"vaga": vaga.pk, "chave": str(uuid.uuid4()), "cidadao_cpf": cpf_de(700000001), "cidadao_nome": "Rosa Lima",
            "cidadao_nascimento": "", "cidadao_email": "", "cidadao_telefone": "", "prioridade": "", **extra}


def test_heitor_publica_pela_pagina_e_a_recusa_volta_com_o_que_foi_digitado(pessoa, cliente_de):
    heitor = cliente_de("heitor")
    aps = AgenciaPrevidencia.objects.get(codigo=CAMPINAS)
    dados = {"aps": aps.pk, "servico": "atesp", "dias_da_semana": ["0", "2"], "hora_inicio": "08:00",
             "hora_fim": "10:00", "duracao_minutos": "30", "servidores": "3", "percentual_prioritario": "20",
             "vigencia_inicio": "2027-03-10", "vigencia_fim": "2027-03-01"}
    resposta = heitor.post(reverse("atendimento:agenda_nova"), dados)
    assert resposta.status_code == 200
    assert "O último dia da agenda vem antes do primeiro." in resposta.content.decode()
    assert 'value="2027-03-10"' in resposta.content.decode() and not Agenda.objects.exists()

    resposta = heitor.post(reverse("atendimento:agenda_nova"), {**dados, "vigencia_inicio": "2027-03-01",
                                                                 "vigencia_fim": "2027-03-07"})
    agenda = Agenda.objects.get()
    assert resposta.status_code == 302 and resposta["Location"] == reverse("atendimento:agenda", args=[agenda.pk])
    assert agenda.vagas.count() == 8 and agenda.publicada_por == pessoa("heitor")
    pagina = heitor.get(reverse("atendimento:agendas")).content.decode()
    assert "Atendimento Especializado (ATESP)" in pagina


def test_a_pagina_da_agenda_faz_as_mesmas_consultas_com_um_ou_muitos_horarios(pessoa, cliente_de):
    uma = _publicar(pessoa, hora_fim=time(8, 30))
    muitas = _publicar(pessoa, servico="pericia_medica", dias=5)
    assert uma.vagas.count() == 1 and muitas.vagas.count() == 20
    heitor = cliente_de("heitor")
    heitor.get(reverse("atendimento:agenda", args=[uma.pk]))  # aquece a sessão
    contagens = []
    for agenda in (uma, muitas):
        with CaptureQueriesContext(connection) as consultas:
            resposta = heitor.get(reverse("atendimento:agenda", args=[agenda.pk]))
        assert resposta.status_code == 200
        contagens.append(len(consultas))
    assert contagens[0] == contagens[1]
    pagina = resposta.content.decode()
    assert "08:00 às 08:30" in pagina  # no fuso da agência (America/Sao_Paulo)


def test_a_busca_mostra_so_os_horarios_com_vaga_e_faz_as_mesmas_consultas(pessoa, cliente_de):
    agenda = _publicar(pessoa, servico="pericia_medica", servidores=1)
    cheia, livre = agenda.vagas.order_by("inicio")[:2]
    agendar(vaga=cheia, cidadao_cpf=cpf_de(700000009), cidadao_nome="Zé", origem=OrigemDoAgendamento.CENTRAL_135,
            chave=uuid.uuid4(), por=pessoa("iara"))
    iara = cliente_de("iara")
    url = reverse("atendimento:agendamento_novo")
    iara.get(url)
    with CaptureQueriesContext(connection) as uma:
        pagina = iara.get(url, {"servico": "pericia_medica", "uf": "SP"}).content.decode()
    assert f'data-testid="vaga-{livre.pk}"' in pagina and f'data-testid="vaga-{cheia.pk}"' not in pagina
    _publicar(pessoa, servico="pericia_medica", dias=5, servidores=3)
    with CaptureQueriesContext(connection) as muitas:
        iara.get(url, {"servico": "pericia_medica", "uf": "SP"})
    assert len(uma) == len(muitas)
    sem = iara.get(url, {"servico": "avaliacao_social"}).content.decode()
    assert "Sem vagas com estes filtros" in sem


def _opcoes_de_aps(html: str) -> set[str]:
    campo = html.split('name="aps"')[1].split("</select>")[0]
    return set(re.findall(r'<option value="(\d+)"', campo))


def test_pela_central_a_lista_de_aps_segue_a_uf_escolhida(cliente_de):
    iara = cliente_de("iara")
    url = reverse("atendimento:agendamento_novo")
    sem_uf = iara.get(url, {"servico": "atesp"}).content.decode()
    assert _opcoes_de_aps(sem_uf) == set() and "Escolha a UF para escolher a agência." in sem_uf
    de_sp = _opcoes_de_aps(iara.get(url, {"servico": "atesp", "uf": "SP"}).content.decode())
    esperadas = AgenciaPrevidencia.objects.filter(ativa=True, municipio__uf_id="SP").values_list("pk", flat=True)
    assert de_sp == {str(pk) for pk in esperadas} and de_sp
    # Pelo htmx, a resposta traz a lista nova da APS fora da área de resultados (troca "out of band").
    parcial = iara.get(url, {"servico": "atesp", "uf": "SP"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="campo-aps" hx-swap-oob="true"' in parcial and _opcoes_de_aps(parcial) == de_sp
    # Uma APS de outra UF com a UF escolhida é recusada com mensagem, não some em silêncio.
    outra = AgenciaPrevidencia.objects.exclude(municipio__uf_id="SP").first()
    recusada = iara.get(url, {"servico": "atesp", "uf": "SP", "aps": outra.pk}).content.decode()
    assert "Corrija a busca para ver os horários." in recusada


def test_iara_agenda_o_atesp_com_o_motivo_e_o_caso_de_reabertura(pessoa, cliente_de):
    vaga = _publicar(pessoa).vagas.first()
    resposta = cliente_de("iara").post(reverse("atendimento:agendamento_novo"), _dados(
        vaga, motivo="requerimento_sem_atendimento", caso="nit_de_terceiro", cidadao_nascimento="1944-05-01"))
    agendamento = Agendamento.objects.get()
    assert resposta["Location"] == reverse("atendimento:agendamento", args=[agendamento.pk])
    assert agendamento.origem == OrigemDoAgendamento.CENTRAL_135 and agendamento.prioridade == Prioridade.IDOSO_80
    assert (agendamento.motivo, agendamento.caso) == ("requerimento_sem_atendimento", "nit_de_terceiro")
    pagina = cliente_de("iara").get(resposta["Location"]).content.decode()
    assert "Requerimento concluído sem atendimento ao solicitado" in pagina and "80 anos ou mais" in pagina


def test_sem_o_caso_de_reabertura_o_agendamento_e_recusado_e_nada_se_perde(pessoa, cliente_de):
    vaga = _publicar(pessoa).vagas.first()
    resposta = cliente_de("iara").post(reverse("atendimento:agendamento_novo"),
                                       _dados(vaga, motivo="requerimento_sem_atendimento"))
    pagina = resposta.content.decode()
    assert resposta.status_code == 200 and not Agendamento.objects.exists()
    assert "escolha o caso de reabertura da tarefa" in pagina and 'value="Rosa Lima"' in pagina


def test_heitor_agenda_pela_agencia_so_com_a_justificativa(pessoa, cliente_de):
    vaga = _publicar(pessoa).vagas.first()
    heitor = cliente_de("heitor")
    dados = _dados(vaga, motivo="cat")
    resposta = heitor.post(reverse("atendimento:agendamento_novo"), dados)
    assert resposta.status_code == 200 and "escreva a justificativa" in resposta.content.decode()
    assert not Agendamento.objects.exists()
    heitor.post(reverse("atendimento:agendamento_novo"), {**dados, "justificativa": "Não consegue ligar."})
    agendamento = Agendamento.objects.get()
    assert agendamento.origem == OrigemDoAgendamento.AGENCIA and agendamento.justificativa == "Não consegue ligar."


def test_o_mesmo_envio_repetido_agenda_uma_vez(pessoa, cliente_de):
    vaga = _publicar(pessoa).vagas.first()
    iara = cliente_de("iara")
    dados = _dados(vaga, motivo="cat")
    primeira = iara.post(reverse("atendimento:agendamento_novo"), dados)
    segunda = iara.post(reverse("atendimento:agendamento_novo"), dados)
    assert primeira["Location"] == segunda["Location"]
    vaga.refresh_from_db()
    assert Agendamento.objects.count() == 1 and vaga.ocupadas == 1


def test_cancelar_e_remarcar_pela_pagina(pessoa, cliente_de):
    primeira, segunda = _publicar(pessoa).vagas.order_by("inicio")[:2]
    iara = cliente_de("iara")
    iara.post(reverse("atendimento:agendamento_novo"), _dados(primeira, motivo="cat"))
    agendamento = Agendamento.objects.get()
    resposta = iara.post(reverse("atendimento:agendamento_remarcar", args=[agendamento.pk]),
                         {"vaga": segunda.pk, "chave": str(uuid.uuid4())})
    novo = Agendamento.objects.get(status="agendado")
    assert resposta["Location"] == reverse("atendimento:agendamento", args=[novo.pk]) and novo.vaga == segunda
    iara.post(reverse("atendimento:agendamento_cancelar", args=[novo.pk]), {"motivo": "desistiu"})
    segunda.refresh_from_db()
    assert not Agendamento.objects.filter(status="agendado").exists() and segunda.ocupadas == 0


@pytest.mark.parametrize("apelido", ["fabio", "ana"])
def test_quem_nao_e_da_aps_nem_da_central_recebe_404(pessoa, cliente_de, apelido):
    agenda = _publicar(pessoa)
    agendamento = agendar(vaga=agenda.vagas.first(), cidadao_cpf=cpf_de(700000002), cidadao_nome="Rui",
                          origem=OrigemDoAgendamento.CENTRAL_135, motivo="cat", chave=uuid.uuid4(),
                          por=pessoa("iara"))
    cliente = cliente_de(apelido)
    for url in (reverse("atendimento:agendas"), reverse("atendimento:agenda_nova"),
                reverse("atendimento:agenda", args=[agenda.pk]), reverse("atendimento:agendamento_novo"),
                reverse("atendimento:agendamento", args=[agendamento.pk])):
        assert cliente.get(url).status_code == 404, url


def test_heitor_recebe_404_na_agenda_e_no_agendamento_de_outra_aps(pessoa, cliente_de):
    outra = _outra_aps()
    agenda = _publicar(pessoa, aps=outra.codigo, por="admin")
    vaga = agenda.vagas.first()
    agendamento = agendar(vaga=vaga, cidadao_cpf=cpf_de(700000003), cidadao_nome="Rui",
                          origem=OrigemDoAgendamento.CENTRAL_135, motivo="cat", chave=uuid.uuid4(),
                          por=pessoa("iara"))
    heitor = cliente_de("heitor")
    assert heitor.get(reverse("atendimento:agenda", args=[agenda.pk])).status_code == 404
    assert heitor.get(reverse("atendimento:agendamento", args=[agendamento.pk])).status_code == 404
    assert heitor.get(reverse("atendimento:agendamento_novo"), {"vaga": vaga.pk}).status_code == 404
    assert cliente_de("iara").get(reverse("atendimento:agendamento", args=[agendamento.pk])).status_code == 200
    formulario = heitor.get(reverse("atendimento:agenda_nova")).content.decode()
    assert not re.search(rf'<option value="{outra.pk}"', formulario)
