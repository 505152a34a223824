"""O ATESP ativado nas agências (seed 000: "têm até dois dias para ofertar vagas"; contamos dias úteis): o
prazo atravessa o fim de semana e a Sexta-feira Santa; a varredura não faz nada até o fim do último dia, depois
avisa a GEX uma vez por agência, e nada se a agenda do ATESP foi publicada; avisa quem está lotado na GEX (ou,
sem ninguém lá, o gestor regional da SR), nunca outra GEX. A página da GEX/SR mostra só o seu escopo, com a
situação de cada agência, em consultas fixas; outra região é 404."""

from datetime import date, time

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import Client
from django.urls import reverse

from atendimento.models_agenda import AtivacaoDoAtesp
from atendimento.prazos import somar_dias_uteis
from atendimento.services.agenda import agenda_publicar
from atendimento.services.atesp_ativacao import atesp_ativar, atesp_cobrar_ofertas
from portal.auditoria.models import Evento
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.demo import SEGREDO_TOTP_DEMO
from portal.notificacoes.models import Notificacao
from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva, SuperintendenciaRegional
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db
CENTRO, OURO_VERDE, GLICERIO, BH = "21001010", "21001020", "21004010", "11001010"
QUINTA_ANTES_DA_PAIXAO = "2026-04-02 10:00 -03:00"  # a Sexta-feira Santa é 03/04/2026
PAGINA = reverse("atendimento:atesp")
CONSULTAS_DA_PAGINA = 8  # sessão, pessoa, vínculos, lotações, opções da ativação, contagem, linhas, notificações


def _aps(codigo: str) -> AgenciaPrevidencia:
    return AgenciaPrevidencia.objects.select_related("municipio", "gex").get(codigo=codigo)


def _ativar(codigo: str, quando: str = QUINTA_ANTES_DA_PAIXAO, por=None) -> AtivacaoDoAtesp:
    with time_machine.travel(quando):
        return atesp_ativar(aps=_aps(codigo), por=por)


def _publicar_atesp(codigo: str, pessoa, servico: str = "atesp"):
    with time_machine.travel("2026-04-06 09:00 -03:00"):
        return agenda_publicar(
            aps=_aps(codigo), servico=servico, dias_da_semana=[0, 1, 2, 3, 4], hora_inicio=time(8),
            hora_fim=time(9), duracao_minutos=30, servidores=2, vigencia_inicio=date(2026, 4, 13),
            vigencia_fim=date(2026, 4, 17), por=pessoa("admin"),
        )


def _varrer_em(momento: str) -> int:
    with time_machine.travel(momento):
        return atesp_cobrar_ofertas()


def _servidor(numero: int, papel: str, *, gex: str | None = None, sr: int | None = None, ativa: bool = True):
    pessoa = Usuario.objects.create_user(cpf_de(880000000 + numero), f"Servidor {numero}",
                                         f"servidor{numero}@inss.gov.br")
    TOTP.activate(pessoa, SEGREDO_TOTP_DEMO)
    gerencia = GerenciaExecutiva.objects.get(codigo=gex) if gex else None
    Lotacao.objects.create(usuario=pessoa, papel=papel, gex=gerencia, ativa=ativa,
                           sr=gerencia.sr if gerencia else SuperintendenciaRegional.objects.get(numero=sr))
    return pessoa


def _avisos_da_gex(pessoa) -> list[Notificacao]:
    return list(Notificacao.objects.filter(destinatario=pessoa, titulo__startswith="ATESP sem vagas"))


# --- o prazo ---------------------------------------------------------------------------------------------------


def test_dois_dias_uteis_depois_da_sexta_e_terca_e_a_sexta_feira_santa_nao_conta():
    assert somar_dias_uteis(date(2026, 4, 10), 2, "SP") == date(2026, 4, 14)  # sexta → terça
    assert somar_dias_uteis(date(2026, 4, 11), 2, "SP") == date(2026, 4, 14)  # sábado → terça
    assert somar_dias_uteis(date(2026, 4, 2), 2, "SP") == date(2026, 4, 7)  # quinta, Paixão na sexta → terça
    assert somar_dias_uteis(date(2026, 4, 6), 2, "SP") == date(2026, 4, 8)  # dias úteis seguidos
    # Ponto facultativo da portaria (20/04) e Tiradentes (21/04): sexta 17 → quinta 23.
    assert somar_dias_uteis(date(2026, 4, 17), 2, "SP") == date(2026, 4, 23)
    with pytest.raises(ValueError):
        somar_dias_uteis(date(2026, 4, 2), 0, "SP")


def test_ativar_grava_o_prazo_na_uf_da_agencia_e_ativar_de_novo_nao_muda_nada(demo, pessoa):
    karina = pessoa("karina")
    sexta = _ativar(CENTRO, "2026-04-10 16:00 -03:00", por=karina)
    assert sexta.prazo_para_ofertar == date(2026, 4, 14) and sexta.ativado_por == karina
    de_novo = _ativar(CENTRO, "2026-04-13 09:00 -03:00", por=pessoa("admin"))
    assert de_novo.pk == sexta.pk and de_novo.prazo_para_ofertar == date(2026, 4, 14)
    assert AtivacaoDoAtesp.objects.count() == 1
    assert Evento.objects.filter(acao="atesp_ativado").count() == 1
    # Heitor, servidor da APS, sabe do prazo.
    aviso = Notificacao.objects.get(destinatario=pessoa("heitor"), titulo__startswith="ATESP ativado")
    assert "14/04/2026" in aviso.titulo
    assert _ativar(OURO_VERDE).prazo_para_ofertar == date(2026, 4, 7)  # Sexta-feira Santa no meio


# --- a varredura que avisa a GEX ---------------------------------------------------------------------------------


def test_a_gex_e_avisada_so_depois_do_ultimo_dia_e_uma_vez_por_agencia(demo, pessoa):
    ativacao = _ativar(OURO_VERDE)
    karina = pessoa("karina")  # a GEX Campinas não tem ninguém lotado: avisa a gestora regional da SR
    assert _varrer_em("2026-04-06 12:00 -03:00") == 0
    assert _varrer_em("2026-04-07 23:59 -03:00") == 0  # o último dia inteiro ainda é prazo
    assert _avisos_da_gex(karina) == []

    assert _varrer_em("2026-04-08 00:05 -03:00") == 1
    assert _varrer_em("2026-04-08 01:05 -03:00") == 0
    (aviso,) = _avisos_da_gex(karina)
    assert "GEX Campinas" in aviso.titulo
    assert "APS Campinas - Ouro Verde (21001020): ativado em 02/04/2026, prazo para ofertar vagas até 07/04/2026" \
        in aviso.corpo
    assert aviso.url == PAGINA + "?situacao=vencido"
    ativacao.refresh_from_db()
    assert ativacao.gex_avisada_em is not None
    assert Evento.objects.filter(acao="atesp_gex_avisada", objeto_id=str(ativacao.pk)).count() == 1
    assert _avisos_da_gex(pessoa("joao")) == []  # o supervisor da SR não: só o gestor regional, na falta da GEX


def test_a_agencia_que_publicou_a_agenda_do_atesp_nao_e_cobrada(demo, pessoa):
    publicou = _ativar(CENTRO)
    _publicar_atesp(CENTRO, pessoa)
    so_pericia = _ativar(OURO_VERDE)
    _publicar_atesp(OURO_VERDE, pessoa, servico="pericia_medica")  # outra agenda não é oferta do ATESP
    assert _varrer_em("2026-04-08 10:00 -03:00") == 1
    publicou.refresh_from_db()
    so_pericia.refresh_from_db()
    assert publicou.gex_avisada_em is None and so_pericia.gex_avisada_em is not None
    (aviso,) = _avisos_da_gex(pessoa("karina"))
    assert "Ouro Verde" in aviso.corpo and "Campinas - Centro" not in aviso.corpo


def test_avisa_quem_esta_lotado_na_gex_uma_notificacao_com_as_agencias_e_nunca_outra_gex(demo, pessoa):
    supervisor_campinas = _servidor(1, PapelINSS.SUPERVISOR, gex="21001")
    gestor_campinas = _servidor(2, PapelINSS.GESTOR_REGIONAL, gex="21001")
    inativo_campinas = _servidor(3, PapelINSS.SUPERVISOR, gex="21001", ativa=False)
    analista_campinas = _servidor(4, PapelINSS.ANALISTA, gex="21001")
    supervisor_sao_paulo = _servidor(5, PapelINSS.SUPERVISOR, gex="21004")
    supervisor_bh = _servidor(6, PapelINSS.SUPERVISOR, gex="11001")
    for codigo in (CENTRO, OURO_VERDE, GLICERIO):
        _ativar(codigo)
    assert _varrer_em("2026-04-08 10:00 -03:00") == 3

    for pessoa_da_gex in (supervisor_campinas, gestor_campinas):
        (aviso,) = _avisos_da_gex(pessoa_da_gex)
        assert "2 agências da GEX Campinas" in aviso.titulo
        assert "Campinas - Centro" in aviso.corpo and "Campinas - Ouro Verde" in aviso.corpo
        assert "Glicério" not in aviso.corpo
    (aviso,) = _avisos_da_gex(supervisor_sao_paulo)
    assert "Glicério" in aviso.corpo and "Campinas" not in aviso.corpo
    for ninguem in (inativo_campinas, analista_campinas, supervisor_bh, pessoa("karina"), pessoa("joao")):
        assert _avisos_da_gex(ninguem) == []


# --- as páginas -------------------------------------------------------------------------------------------------


@pytest.fixture
def tres_situacoes(demo, pessoa):
    """Centro com agenda (vagas ofertadas), Ouro Verde vencido e avisado, Glicério no prazo; BH, outra SR."""
    _ativar(CENTRO)
    _publicar_atesp(CENTRO, pessoa)
    _ativar(OURO_VERDE)
    _varrer_em("2026-04-08 10:00 -03:00")
    _ativar(GLICERIO, "2026-04-08 09:00 -03:00")
    _ativar(BH, "2026-04-08 09:00 -03:00")
    with time_machine.travel("2026-04-08 11:00 -03:00"):
        yield


def _linhas(html: str) -> set[str]:
    return {nome for nome in ("Campinas - Centro", "Campinas - Ouro Verde", "São Paulo - Glicério",
                              "Belo Horizonte - Centro") if nome in html}


def test_a_gestora_regional_ve_as_agencias_da_sua_sr_com_a_situacao_e_filtra(tres_situacoes, cliente_de):
    karina = cliente_de("karina")
    html = karina.get(PAGINA).content.decode()
    assert _linhas(html.split("<h2>")[0]) == {"Campinas - Centro", "Campinas - Ouro Verde", "São Paulo - Glicério"}
    assert "Vagas ofertadas" in html and "No prazo" in html and "GEX avisada em 08/04/2026" in html
    assert "02/04/2026" in html and "07/04/2026" in html and "10/04/2026" in html  # Glicério: quarta + 2 = sexta
    vencido = karina.get(PAGINA, {"situacao": "vencido"}).content.decode().split("<h2>")[0]
    assert _linhas(vencido) == {"Campinas - Ouro Verde"}
    assert _linhas(karina.get(PAGINA, {"situacao": "ofertadas"}).content.decode().split("<h2>")[0]) == {
        "Campinas - Centro"}
    assert _linhas(karina.get(PAGINA, {"situacao": "no_prazo"}).content.decode().split("<h2>")[0]) == {
        "São Paulo - Glicério"}


def test_o_supervisor_de_outra_sr_ve_so_a_sua_e_quem_nao_acompanha_recebe_404(tres_situacoes, cliente_de, pessoa):
    outro = Client()
    outro.force_login(_servidor(7, PapelINSS.SUPERVISOR, sr=2))
    html = outro.get(PAGINA).content.decode()
    assert _linhas(html) == {"Belo Horizonte - Centro"} and "Ativar o ATESP" not in html  # supervisor não ativa
    assert "Campinas" not in html
    for apelido in ("heitor", "iara", "ana", "gabriela", "fabio"):
        assert cliente_de(apelido).get(PAGINA).status_code == 404, apelido
    assert cliente_de("joao").get(PAGINA).status_code == 200


def test_a_gestora_regional_ativa_pela_pagina_e_outra_regiao_e_404(demo, cliente_de, pessoa):
    karina = cliente_de("karina")
    with time_machine.travel("2026-04-10 10:00 -03:00"):
        html = karina.get(PAGINA).content.decode()
        glicerio, bh, centro = _aps(GLICERIO), _aps(BH), _aps(CENTRO)
        assert f'<option value="{glicerio.pk}"' in html and f'<option value="{bh.pk}"' not in html
        url = reverse("atendimento:atesp_ativar")
        assert karina.post(url, {"agencias": [bh.pk]}).status_code == 404
        assert karina.post(url, {"agencias": [glicerio.pk, bh.pk]}).status_code == 404
        assert cliente_de("joao").post(url, {"agencias": [glicerio.pk]}).status_code == 404  # supervisor não ativa
        assert not AtivacaoDoAtesp.objects.exists()
        sem_escolha = karina.post(url, {})
        assert sem_escolha.status_code == 200 and "Escolha ao menos uma agência." in sem_escolha.content.decode()

        resposta = karina.post(url, {"agencias": [glicerio.pk, centro.pk]}, follow=True)
    assert resposta.redirect_chain[-1][0] == PAGINA
    assert "ATESP ativado em 2 agência(s)" in resposta.content.decode()
    ativacao = AtivacaoDoAtesp.objects.get(aps=glicerio)
    assert ativacao.ativado_por == pessoa("karina") and ativacao.prazo_para_ofertar == date(2026, 4, 14)
    assert f'<option value="{glicerio.pk}"' not in resposta.content.decode()


def test_a_pagina_do_atesp_faz_as_mesmas_consultas_com_poucas_ou_muitas_agencias(
        tres_situacoes, cliente_de, django_assert_num_queries):
    karina = cliente_de("karina")
    karina.get(PAGINA)  # aquece a sessão
    with django_assert_num_queries(CONSULTAS_DA_PAGINA):
        assert karina.get(PAGINA).status_code == 200
    campinas = GerenciaExecutiva.objects.get(codigo="21001")
    for numero in range(40):
        aps = AgenciaPrevidencia.objects.create(
            codigo=f"2109{numero:04d}", nome=f"Campinas - Posto {numero:02d}", gex=campinas, municipio_id="3509502",
            fuso_horario="America/Sao_Paulo")
        atesp_ativar(aps=aps, por=None)
    with django_assert_num_queries(CONSULTAS_DA_PAGINA):
        html = karina.get(PAGINA).content.decode()
    assert html.count('data-testid="ativacao-') == 25 and "Página 1 de 2" in html
    with django_assert_num_queries(CONSULTAS_DA_PAGINA):
        karina.get(PAGINA, {"situacao": "no_prazo", "pagina": 2})


def test_heitor_ve_o_prazo_na_lista_de_agendas_e_depois_o_aviso_de_vencido(demo, cliente_de, pessoa):
    _ativar(CENTRO)

    def agendas_em(momento: str) -> str:
        with time_machine.travel(momento):  # a sessão de 8 horas começa no momento da página
            return cliente_de("heitor").get(reverse("atendimento:agendas")).content.decode()

    html = agendas_em("2026-04-07 18:00 -03:00")
    assert ("O Atendimento Especializado (ATESP) foi ativado nesta agência em 02/04/2026: ofereça vagas até "
            "07/04/2026 (2 dias úteis).") in html
    html = agendas_em("2026-04-08 10:00 -03:00")
    assert "prazo vencido" in html and "ofereça vagas até" not in html
    _publicar_atesp(CENTRO, pessoa)
    assert 'data-testid="aviso-do-atesp"' not in agendas_em("2026-04-08 10:00 -03:00")


def test_o_administrador_ativa_pela_lista_de_agencias_da_administracao(demo, cliente_de, pessoa):
    selecionadas = [_aps(CENTRO).pk, _aps(BH).pk]
    _ativar(CENTRO)
    resposta = cliente_de("admin").post(
        reverse("admin:organizacao_agenciaprevidencia_changelist"),
        {"action": "ativar_o_atesp", "_selected_action": selecionadas}, follow=True)
    assert "ATESP ativado em 1 agência(s); 1 já estava(m) com o ATESP ativo." in resposta.content.decode()
    ativacao = AtivacaoDoAtesp.objects.get(aps__codigo=BH)
    assert ativacao.ativado_por == pessoa("admin")
    consulta = cliente_de("admin").get(reverse("admin:atendimento_ativacaodoatesp_change", args=[ativacao.pk]))
    assert consulta.status_code == 200 and "Belo Horizonte - Centro" in consulta.content.decode()


def test_as_varreduras_do_atesp_e_do_lembrete_estao_no_beat():
    entradas = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entradas["atendimento.tasks.cobrar_ofertas_do_atesp"] == 3600.0
