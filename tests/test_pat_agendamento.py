"""O agendamento simplificado no PAT (seed 002): ao protocolar um auxílio por incapacidade ou um BPC da pessoa com
deficiência, o atendente escolhe o horário da perícia médica e/ou da avaliação social numa APS perto da entidade
(o município primeiro, depois a GEX); o agendamento fica no requerimento, trocar devolve o horário antigo,
descartar o rascunho ou mudar o CPF do cidadão desfaz o agendamento; nada de outra GEX."""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from atendimento.models import Requerimento, StatusRequerimento
from atendimento.models_agenda import Agendamento, OrigemDoAgendamento, StatusAgendamento, Vaga
from atendimento.services._comum import ErroDoRequerimento
from atendimento.services.agenda import agenda_publicar
from atendimento.services.pat_agendamento import pat_agendar
from portal.organizacao.models import AgenciaPrevidencia
from portal.validadores import somente_digitos
from tests.requerimentos_apoio import cliente_de_bruno_por_campinas
from tests.test_protocolo import CIDADA, _etapa, _novo, _pronto_para_protocolar
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db
# Os vínculos da demonstração valem a partir de hoje: os horários são de uma segunda-feira daqui a uma semana
# ou mais (as agendas não dependem de feriados).
_DAQUI_A_UMA_SEMANA = datetime.now(ZoneInfo("America/Sao_Paulo")).date() + timedelta(days=7)
SEGUNDA = _DAQUI_A_UMA_SEMANA + timedelta(days=-_DAQUI_A_UMA_SEMANA.weekday() % 7)
VALINHOS = "3556206"
OUTRO_CPF = cpf_de(812345678)


@pytest.fixture
def bruno(demo, cliente_de, pessoa):
    return cliente_de_bruno_por_campinas(cliente_de, pessoa)


@pytest.fixture
def agendas(demo, pessoa):
    """Perícia e avaliação social numa APS de Campinas, perícia em Valinhos (mesma GEX) e em São Paulo (outra)."""
    heitor = pessoa("heitor")
    campinas = AgenciaPrevidencia.objects.get(codigo="21001010")
    valinhos = AgenciaPrevidencia.objects.create(
        codigo="21001030", nome="Valinhos", gex=campinas.gex, municipio_id=VALINHOS,
        endereco="Rua Treze de Maio, 100 — Centro", fuso_horario="America/Sao_Paulo")
    sao_paulo = AgenciaPrevidencia.objects.get(codigo="21004010")

    def publicar(aps, servico, inicio=time(8)):
        return agenda_publicar(aps=aps, servico=servico, dias_da_semana=[0], hora_inicio=inicio,
                               hora_fim=time(inicio.hour + 1), duracao_minutos=30, servidores=2,
                               percentual_prioritario=50, vigencia_inicio=SEGUNDA, vigencia_fim=SEGUNDA,
                               por=heitor)

    return {
        "pericia_campinas": publicar(campinas, "pericia_medica", time(14)),
        "social_campinas": publicar(campinas, "avaliacao_social"),
        "pericia_valinhos": publicar(valinhos, "pericia_medica"),
        "pericia_sao_paulo": publicar(sao_paulo, "pericia_medica", time(7)),
    }


def _auxilio_com_cidadao(cliente, **cidadao):
    requerimento = _novo(cliente, "auxilio-incapacidade-temporaria-urbana")
    resposta = cliente.post(_etapa(requerimento, "cidadao"), {**CIDADA, **cidadao, "acao": "continuar"})
    assert resposta.status_code == 302
    assert resposta.url == _etapa(requerimento, "agendamento"), "a etapa do agendamento vem depois do cidadão"
    return requerimento


def _agendar(cliente, requerimento, vaga, servico="pericia_medica", chave=None, prioridade=""):
    return cliente.post(_etapa(requerimento, "agendamento"), {
        "acao": "agendar", "servico": servico, "vaga": vaga.pk, "prioridade": prioridade,
        "chave": str(chave or uuid.uuid4())})


def test_a_etapa_mostra_o_municipio_primeiro_depois_a_gex_e_nunca_outra_gex(bruno, agendas):
    requerimento = _auxilio_com_cidadao(bruno)
    resposta = bruno.get(_etapa(requerimento, "agendamento"))
    pagina = resposta.content.decode()
    horarios = resposta.context["avaliacoes"][0]["horarios"]
    assert [a["servico"] for a in resposta.context["avaliacoes"]] == ["pericia_medica"]
    assert {v.aps.codigo for v in horarios.no_municipio} == {"21001010"}
    assert {v.aps.codigo for v in horarios.na_gex} == {"21001030"}
    assert pagina.index("No município da entidade") < pagina.index("Em outras agências da Gerência-Executiva")
    assert "São Paulo - Glicério" not in pagina
    # O horário no fuso da agência: 14h em Campinas.
    assert "às 14:00 — Campinas - Centro" in pagina
    # Sem prioridade, a parte reservada (1 de 2) não aparece como livre antes da véspera: o horário ainda serve,
    # porque sobra 1 lugar geral.
    assert all(v.servico == "pericia_medica" for v in horarios.no_municipio + horarios.na_gex)


def test_bruno_agenda_a_pericia_o_agendamento_fica_no_requerimento_e_trocar_devolve_o_horario(bruno, agendas):
    requerimento = _auxilio_com_cidadao(bruno, cidadao_email="maria@exemplo.com.br")
    primeira = agendas["pericia_campinas"].vagas.order_by("inicio").first()
    chave = uuid.uuid4()
    resposta = _agendar(bruno, requerimento, primeira, chave=chave)
    assert resposta.status_code == 302
    agendamento = Agendamento.objects.get(requerimento=requerimento)
    assert agendamento.origem == OrigemDoAgendamento.PAT and agendamento.status == StatusAgendamento.AGENDADO
    assert agendamento.cidadao_cpf == "39053344705" and agendamento.cidadao_email == "maria@exemplo.com.br"
    primeira.refresh_from_db()
    assert primeira.ocupadas == 1

    # O mesmo envio repetido (duplo clique) não agenda duas vezes.
    assert _agendar(bruno, requerimento, primeira, chave=chave).status_code == 302
    assert Agendamento.objects.filter(requerimento=requerimento).count() == 1

    pagina = bruno.get(_etapa(requerimento, "agendamento")).content.decode()
    assert 'data-testid="agendado-pericia_medica"' in pagina and "Trocar o horário" in pagina

    # Trocar para Valinhos: o horário de Campinas volta a ficar livre na mesma transação.
    valinhos = agendas["pericia_valinhos"].vagas.order_by("inicio").first()
    assert _agendar(bruno, requerimento, valinhos).status_code == 302
    primeira.refresh_from_db()
    valinhos.refresh_from_db()
    assert (primeira.ocupadas, valinhos.ocupadas) == (0, 1)
    vivo = Agendamento.objects.get(requerimento=requerimento, status=StatusAgendamento.AGENDADO)
    assert vivo.vaga == valinhos

    # Revisar mostra o agendamento; protocolado, ele aparece no requerimento da entidade.
    revisao = bruno.get(_etapa(requerimento, "revisar")).content.decode()
    assert "Valinhos" in revisao and "Perícia médica" in revisao


def test_o_agendamento_aparece_no_requerimento_protocolado_para_a_entidade_e_para_o_analista(bruno, agendas,
                                                                                           cliente_de):
    requerimento = _pronto_para_protocolar(bruno, "auxilio-incapacidade-temporaria-urbana")
    vaga = agendas["pericia_campinas"].vagas.order_by("inicio").first()
    assert _agendar(bruno, requerimento, vaga).status_code == 302
    assert bruno.post(f"/requerimentos/{requerimento.pk}/protocolar/").status_code == 302
    requerimento.refresh_from_db()
    assert requerimento.status == StatusRequerimento.PROTOCOLADO

    pagina = bruno.get(f"/requerimentos/{requerimento.pk}/").content.decode()
    assert "Avaliações presenciais agendadas" in pagina and f"{SEGUNDA:%d/%m/%Y} às 14:00" in pagina
    analise = cliente_de("gabriela").get(f"/analise/{requerimento.pk}/")
    assert analise.status_code == 200 and f"{SEGUNDA:%d/%m/%Y} às 14:00" in analise.content.decode()
    # Protocolado, o agendamento não muda mais pela etapa do rascunho.
    assert _agendar(bruno, requerimento, vaga).status_code == 302
    assert Agendamento.objects.filter(requerimento=requerimento).count() == 1


def test_bpc_da_pessoa_com_deficiencia_agenda_as_duas_avaliacoes(bruno, agendas):
    requerimento = _novo(bruno, "bpc-loas-deficiencia")
    assert bruno.post(_etapa(requerimento, "cidadao"), {**CIDADA, "acao": "continuar"}).status_code == 302
    resposta = bruno.get(_etapa(requerimento, "agendamento"))
    assert [a["servico"] for a in resposta.context["avaliacoes"]] == ["avaliacao_social", "pericia_medica"]
    assert _agendar(bruno, requerimento, agendas["social_campinas"].vagas.first(), "avaliacao_social").status_code \
        == 302
    assert _agendar(bruno, requerimento, agendas["pericia_campinas"].vagas.first()).status_code == 302
    assert set(requerimento.agendamentos.values_list("servico", flat=True)) == {"avaliacao_social",
                                                                                 "pericia_medica"}


def test_recusas_sao_explicadas_e_nada_e_agendado(bruno, agendas, pessoa):
    requerimento = _auxilio_com_cidadao(bruno)
    # Um horário de outra GEX, enviado à mão.
    longe = agendas["pericia_sao_paulo"].vagas.first()
    resposta = _agendar(bruno, requerimento, longe)
    assert resposta.status_code == 200
    assert "agências perto da entidade" in resposta.content.decode()
    # Nenhum horário escolhido.
    resposta = bruno.post(_etapa(requerimento, "agendamento"), {
        "acao": "agendar", "servico": "pericia_medica", "vaga": "", "chave": str(uuid.uuid4())})
    assert resposta.status_code == 200 and "Escolha um dos horários da lista." in resposta.content.decode()
    # Avaliação social num auxílio (o serviço não a agenda; a página nem a oferece).
    social = agendas["social_campinas"].vagas.first()
    assert _agendar(bruno, requerimento, social, "avaliacao_social").status_code == 404
    with pytest.raises(ErroDoRequerimento, match="não agenda avaliação social"):
        pat_agendar(requerimento=requerimento, vaga=social, prioridade="", chave=uuid.uuid4(), por=pessoa("bruno"))
    # O horário lotado enquanto se escolhia.
    cheia = agendas["pericia_campinas"].vagas.order_by("inicio").first()
    Vaga.objects.filter(pk=cheia.pk).update(ocupadas=2, ocupadas_gerais=2)
    resposta = _agendar(bruno, requerimento, cheia)
    assert resposta.status_code == 200 and "Sem vagas neste horário" in resposta.content.decode()
    assert not Agendamento.objects.filter(requerimento=requerimento).exists()


def test_a_reserva_das_prioridades_so_aparece_para_quem_tem_prioridade(bruno, agendas):
    requerimento = _auxilio_com_cidadao(bruno)
    vaga = agendas["pericia_valinhos"].vagas.order_by("inicio").first()
    Vaga.objects.filter(pk=vaga.pk).update(ocupadas=1, ocupadas_gerais=1)  # só resta o lugar reservado
    sem = bruno.get(_etapa(requerimento, "agendamento")).context["avaliacoes"][0]["horarios"]
    com = bruno.get(_etapa(requerimento, "agendamento") + "?prioridade=deficiencia").context["avaliacoes"][0][
        "horarios"]
    assert vaga not in sem.na_gex and vaga in com.na_gex
    assert _agendar(bruno, requerimento, vaga, prioridade="deficiencia").status_code == 302
    assert requerimento.agendamentos.get().prioridade == "deficiencia"


def test_sem_horario_perto_o_protocolo_segue_e_o_inss_agenda_depois(bruno, demo):
    requerimento = _auxilio_com_cidadao(bruno)
    pagina = bruno.get(_etapa(requerimento, "agendamento")).content.decode()
    assert 'data-testid="sem-horarios-pericia_medica"' in pagina
    resposta = bruno.post(_etapa(requerimento, "agendamento"), {"acao": "continuar"})
    assert resposta.status_code == 302 and resposta.url == _etapa(requerimento, "formularios")


def test_descartar_o_rascunho_ou_mudar_o_cpf_devolve_o_horario(bruno, agendas):
    vaga = agendas["pericia_campinas"].vagas.order_by("inicio").first()
    requerimento = _auxilio_com_cidadao(bruno)
    assert _agendar(bruno, requerimento, vaga).status_code == 302
    resposta = bruno.post(_etapa(requerimento, "cidadao"), {**CIDADA, "cidadao_cpf": OUTRO_CPF,
                                                            "acao": "continuar"}, follow=True)
    assert "o horário agendado para o CPF anterior foi cancelado" in resposta.content.decode()
    vaga.refresh_from_db()
    assert vaga.ocupadas == 0
    assert not requerimento.agendamentos.filter(status=StatusAgendamento.AGENDADO).exists()

    assert _agendar(bruno, requerimento, vaga).status_code == 302
    assert bruno.post(f"/requerimentos/{requerimento.pk}/descartar/").status_code == 302
    vaga.refresh_from_db()
    assert vaga.ocupadas == 0
    assert Agendamento.objects.filter(cidadao_cpf=somente_digitos(OUTRO_CPF), status=StatusAgendamento.CANCELADO,
                                      requerimento__isnull=True).exists()


def test_desmarcar_pela_etapa_devolve_o_horario_e_so_do_proprio_requerimento(bruno, agendas, pessoa):
    vaga = agendas["pericia_campinas"].vagas.order_by("inicio").first()
    requerimento = _auxilio_com_cidadao(bruno)
    assert _agendar(bruno, requerimento, vaga).status_code == 302
    agendamento = requerimento.agendamentos.get()
    outro = _auxilio_com_cidadao(bruno, cidadao_cpf=OUTRO_CPF)
    resposta = bruno.post(_etapa(outro, "agendamento"), {"acao": "cancelar", "agendamento": agendamento.pk})
    assert resposta.status_code == 404
    resposta = bruno.post(_etapa(requerimento, "agendamento"), {"acao": "cancelar", "agendamento": agendamento.pk})
    assert resposta.status_code == 302
    agendamento.refresh_from_db()
    vaga.refresh_from_db()
    assert agendamento.status == StatusAgendamento.CANCELADO and vaga.ocupadas == 0


def test_a_etapa_custa_consultas_fixas_com_mais_horarios(bruno, agendas, pessoa):
    requerimento = _auxilio_com_cidadao(bruno)
    assert _agendar(bruno, requerimento, agendas["pericia_campinas"].vagas.first()).status_code == 302
    url = _etapa(requerimento, "agendamento")
    bruno.get(url)
    with CaptureQueriesContext(connection) as antes:
        bruno.get(url)
    for semana in range(1, 6):
        inicio = SEGUNDA + timedelta(weeks=semana)
        agenda_publicar(aps=AgenciaPrevidencia.objects.get(codigo="21001020"), servico="pericia_medica",
                        dias_da_semana=[0, 1, 2, 3, 4], hora_inicio=time(8), hora_fim=time(17), duracao_minutos=20,
                        servidores=3, vigencia_inicio=inicio, vigencia_fim=inicio + timedelta(days=4),
                        por=pessoa("heitor"))
    with CaptureQueriesContext(connection) as depois:
        bruno.get(url)
    assert len(depois) == len(antes)
    assert len(antes) <= 16


def test_o_servico_que_nao_agenda_avaliacao_nao_tem_a_etapa(bruno):
    requerimento = _novo(bruno, "bpc-loas-idoso")
    assert bruno.get(_etapa(requerimento, "agendamento")).status_code == 404


def test_o_servico_recusa_o_rascunho_sem_cidadao_e_o_ja_protocolado(bruno, agendas, pessoa):
    requerimento = _novo(bruno, "auxilio-incapacidade-temporaria-urbana")
    vaga = agendas["pericia_campinas"].vagas.first()
    with pytest.raises(ErroDoRequerimento, match="Preencha o CPF e o nome"):
        pat_agendar(requerimento=requerimento, vaga=vaga, prioridade="", chave=uuid.uuid4(), por=pessoa("bruno"))
    Requerimento.objects.filter(pk=requerimento.pk).update(status=StatusRequerimento.PROTOCOLADO,
                                                           protocolo="202690000017")
    with pytest.raises(ErroDoRequerimento, match="já foi protocolado"):
        pat_agendar(requerimento=requerimento, vaga=vaga, prioridade="", chave=uuid.uuid4(), por=pessoa("bruno"))
