"""Quem vê o quê: o escopo regional, o 404 para o que é de outra entidade ou região, e o custo fixo
de cada lista em consultas."""

import pytest
from django.template.loader import render_to_string
from django.test import Client

from portal.entidades.models import Entidade
from tests.fabricas import EntidadeFactory

pytestmark = pytest.mark.django_db

CAMPINAS, OAB_SP, BH, NITEROI = "51885242000140", "43419613000170", "18715383000140", "28004120000186"


def test_gestora_regional_ve_so_as_entidades_da_sua_sr(cliente_de):
    html = cliente_de("karina").get("/entidades/").content.decode()
    assert "Prefeitura Municipal de Campinas" in html
    assert "OAB Seção São Paulo" in html
    assert "Belo Horizonte" not in html
    assert "Niterói" not in html


@pytest.mark.parametrize(
    ("apelido", "cnpj", "status"),
    [
        ("karina", CAMPINAS, 200),
        ("karina", BH, 404),
        ("karina", NITEROI, 404),
        ("fabio", BH, 200),
        ("fabio", CAMPINAS, 404),
        ("elisa", OAB_SP, 200),
        ("gabriela", NITEROI, 404),
        ("admin", NITEROI, 200),
    ],
)
def test_entidade_de_outra_regiao_e_404(cliente_de, apelido, cnpj, status):
    assert cliente_de(apelido).get(f"/entidades/{cnpj}/").status_code == status


@pytest.mark.parametrize("apelido", ["ana", "carla", "diego", "heitor", "iara"])
def test_quem_nao_e_servidor_regional_nao_alcanca_a_lista_de_entidades(cliente_de, apelido):
    assert cliente_de(apelido).get("/entidades/").status_code == 404
    assert cliente_de(apelido).get(f"/entidades/{CAMPINAS}/").status_code == 404


def test_servidor_da_aps_ve_so_a_sua_agencia(cliente_de):
    html = cliente_de("heitor").get("/agencias/").content.decode()
    assert "Campinas - Centro" in html
    assert "Campinas - Ouro Verde" not in html
    assert "Belo Horizonte" not in html


def test_atendente_nao_ve_a_lista_de_representantes(cliente_de):
    assert cliente_de("ana").get("/entidade/representantes/").status_code == 200
    assert cliente_de("carla").get("/entidade/representantes/").status_code == 200
    cliente = cliente_de("bruno")
    cliente.post("/entidade/escolher/", {"vinculo": Entidade.objects.get(cnpj=CAMPINAS).vinculos.get(
        usuario__cpf="52998224725").pk})
    assert cliente.get("/entidade/representantes/").status_code == 404


def test_lista_de_representantes_oculta_o_cpf(cliente_de):
    html = cliente_de("ana").get("/entidade/representantes/").content.decode()
    assert "***.982.247-**" in html
    assert "529.982.247-25" not in html


def test_lista_de_entidades_custa_o_mesmo_numero_de_consultas_com_mais_linhas(
    cliente_de, django_assert_max_num_queries
):
    cliente = cliente_de("karina")
    cliente.get("/entidades/")
    with django_assert_max_num_queries(12) as poucas:
        cliente.get("/entidades/")
    EntidadeFactory.create_batch(40)
    with django_assert_max_num_queries(12) as muitas:
        resposta = cliente.get("/entidades/")
    assert resposta.context["pagina"].paginator.count == 43
    assert len(muitas.captured_queries) == len(poucas.captured_queries)


def test_busca_de_entidades_por_nome_cnpj_e_tipo(cliente_de):
    cliente = cliente_de("karina")
    assert "OAB Seção São Paulo" not in cliente.get("/entidades/", {"q": "Campinas"}).content.decode()
    assert "Prefeitura Municipal de Campinas" in cliente.get("/entidades/", {"q": "51.885"}).content.decode()
    html = cliente.get("/entidades/", {"tipo": "oab_seccional"}).content.decode()
    assert "OAB Seção São Paulo" in html and "Prefeitura Municipal de Campinas" not in html


def test_busca_htmx_devolve_so_os_resultados(cliente_de):
    resposta = cliente_de("karina").get("/entidades/", {"q": "OAB"}, HTTP_HX_REQUEST="true")
    html = resposta.content.decode()
    assert html.lstrip().startswith('<div id="resultados">')
    assert "<header" not in html


@pytest.mark.parametrize(
    ("apelido", "paginas"),
    [
        ("ana", ["/", "/entidade/", "/entidade/representantes/", "/notificacoes/", "/documentos/",
                 "/conta/seguranca/"]),
        ("karina", ["/", "/entidades/", f"/entidades/{CAMPINAS}/", "/agencias/", "/notificacoes/"]),
        ("heitor", ["/", "/agencias/", "/documentos/"]),
    ],
)
def test_paginas_tem_consultas_limitadas_e_cabecalhos_de_seguranca(
    cliente_de, apelido, paginas, django_assert_max_num_queries
):
    cliente = cliente_de(apelido)
    for pagina in paginas:
        with django_assert_max_num_queries(12):
            resposta = cliente.get(pagina)
        assert resposta.status_code == 200, pagina
        csp = resposta["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert resposta["X-Content-Type-Options"] == "nosniff"
        assert resposta["X-Frame-Options"] == "DENY"
        assert resposta["Referrer-Policy"] == "same-origin"
        assert resposta["Cross-Origin-Opener-Policy"] == "same-origin"
        assert resposta["Cache-Control"] == "private, no-store"


def test_paginas_publicas_tambem_tem_csp(db):
    for pagina in ["/conta/login/", "/verificar/", "/saude/", "/nao-existe/"]:
        assert "default-src 'self'" in Client().get(pagina)["Content-Security-Policy"]


def test_cookie_de_sessao_e_seguro_e_inacessivel_ao_javascript(demo, senha_demo):
    resposta = Client().post("/conta/login/", {"login": "11144477735", "password": senha_demo})
    cookie = resposta.cookies["__Host-sessionid"]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_post_sem_token_csrf_e_recusado_com_pagina_em_portugues(demo, senha_demo):
    resposta = Client(enforce_csrf_checks=True).post(
        "/conta/login/", {"login": "11144477735", "password": senha_demo}
    )
    assert resposta.status_code == 403
    assert "O formulário expirou" in resposta.content.decode()


def test_paginas_de_erro_em_portugues(db):
    assert "Página não encontrada" in Client().get("/nao-existe/").content.decode()
    assert "Algo deu errado do nosso lado" in render_to_string("500.html")
    assert "Acesso negado" in render_to_string("403.html")
