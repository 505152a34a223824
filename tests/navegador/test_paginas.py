"""O que vale para toda página: cabeçalhos de segurança e atalhos de teclado."""

import re

import pytest
from playwright.sync_api import expect

from tests.navegador.apoio import entrar, tecla_de_acesso
from tests.navegador.vigia import problemas_nos_cabecalhos

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_toda_resposta_de_pagina_traz_csp_nosniff_referrer_policy_e_x_frame_options(pagina):
    respostas = []
    pagina.on("response", lambda r: respostas.append(r) if r.request.resource_type == "document" else None)

    pagina.goto("/")  # anônimo: redireciona para a entrada
    pagina.goto("/verificar/")
    pagina.goto("/pagina-que-nao-existe/")
    entrar(pagina, "karina")
    for endereco in ["/entidades/", "/agencias/", "/notificacoes/", "/documentos/", "/conta/seguranca/"]:
        pagina.goto(endereco)

    assert {302, 200, 404} <= {resposta.status for resposta in respostas}
    problemas = {}
    for resposta in respostas:
        cabecalhos = resposta.all_headers()
        assert re.search(r"(^|;)\s*default-src 'self'", cabecalhos.get("content-security-policy", ""))
        problemas.update({f"{resposta.status} {resposta.url}": problemas_nos_cabecalhos(cabecalhos)})
    assert {url: lista for url, lista in problemas.items() if lista} == {}
    assert all(r.all_headers()["x-frame-options"] == "DENY" for r in respostas)
    assert all(r.all_headers()["x-content-type-options"] == "nosniff" for r in respostas)


def test_cada_atalho_de_teclado_aponta_para_um_alvo_que_existe(pagina):
    def alvos_dos_atalhos():
        return pagina.locator(".br-skiplink a").evaluate_all(
            "links => links.map(a => [a.getAttribute('href'), !!document.querySelector(a.getAttribute('href'))])"
        )

    pagina.goto("/verificar/")  # anônimo, sem menu, com busca
    assert alvos_dos_atalhos() == [["#conteudo", True], ["#busca", True], ["#rodape", True]]

    entrar(pagina, "karina")
    pagina.goto("/entidades/")
    assert alvos_dos_atalhos() == [["#conteudo", True], ["#menu-principal", True], ["#busca", True], ["#rodape", True]]


def test_o_atalho_para_o_conteudo_e_o_primeiro_tab_e_leva_o_foco_ao_conteudo(pagina):
    entrar(pagina, "ana")
    atalho = pagina.locator('a[href="#conteudo"]')
    expect(atalho).to_have_count(1)

    pagina.keyboard.press("Tab")
    expect(atalho).to_be_focused()
    expect(atalho).to_be_visible()  # o skiplink aparece quando recebe o foco
    pagina.keyboard.press("Enter")

    expect(pagina.locator("main#conteudo")).to_be_focused()


def test_as_teclas_de_acesso_levam_o_foco_ao_menu_ao_conteudo_e_ao_rodape(pagina):
    entrar(pagina, "ana")

    tecla_de_acesso(pagina, "2")
    expect(pagina.locator("nav#menu-principal")).to_be_focused()
    tecla_de_acesso(pagina, "1")
    expect(pagina.locator("main#conteudo")).to_be_focused()
    tecla_de_acesso(pagina, "4")
    expect(pagina.locator("footer#rodape")).to_be_focused()
