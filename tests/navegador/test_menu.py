"""Cada página do menu, aberta pelo próprio menu, passa pelo vigia: sem erro de JavaScript, sem violação da
CSP, com os cabeçalhos de segurança e sem violação grave de acessibilidade."""

import re

import pytest
from playwright.sync_api import expect

from tests.navegador.apoio import entrar

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


# Juntas, estas personas alcançam todos os itens do menu.
@pytest.mark.parametrize("apelido", ["ana", "elisa", "karina", "heitor", "admin"])
def test_cada_item_do_menu_abre_a_sua_pagina_sem_erro(pagina, apelido):
    entrar(pagina, apelido)
    menu = pagina.locator("#menu-principal")
    rotulos = [texto.strip() for texto in menu.locator("a").all_inner_texts()]

    for rotulo in rotulos:
        menu.get_by_role("link", name=rotulo, exact=True).click()
        if rotulo == "Administração":  # o admin do Django, com o layout dele
            expect(pagina).to_have_url(re.compile(r"/admin/$"))
            pagina.go_back()
            continue
        expect(menu.locator("a[aria-current=page]")).to_have_text(rotulo)
        expect(pagina.get_by_role("heading", level=1)).to_be_visible()
