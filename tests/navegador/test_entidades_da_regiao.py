"""A lista de entidades da região de quem é servidor: escopo pela SR e filtro com e sem JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.navegador.apoio import entrar

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

SUDESTE_I = [
    "Prefeitura Municipal de Campinas",
    "Sindicato dos Trabalhadores Rurais de Campinas",
    "OAB Seção São Paulo",
]
FORA_DA_REGIAO = ["Prefeitura Municipal de Belo Horizonte", "Prefeitura Municipal de Niterói"]  # Sudeste II e III


def linhas(pagina):
    return pagina.locator("#resultados tbody tr")


def test_gestora_regional_ve_so_as_entidades_da_sua_superintendencia(pagina):
    entrar(pagina, "karina")
    pagina.locator("#menu-principal").get_by_role("link", name="Entidades da região").click()

    expect(pagina).to_have_url(re.compile(r"/entidades/$"))
    expect(linhas(pagina)).to_have_count(len(SUDESTE_I))
    for razao_social in SUDESTE_I:
        expect(linhas(pagina).filter(has_text=razao_social)).to_have_count(1)
    for razao_social in FORA_DA_REGIAO:
        expect(pagina.get_by_text(razao_social)).to_have_count(0)


def test_digitar_na_busca_filtra_a_tabela_pelo_htmx_sem_recarregar_e_atualiza_o_endereco(pagina, vigias):
    entrar(pagina, "karina")
    pagina.goto("/entidades/")
    expect(linhas(pagina)).to_have_count(len(SUDESTE_I))
    pagina.evaluate("() => { window.mesmaPagina = true; }")
    documentos_carregados = len(vigias[0].respostas_de_documento)

    with pagina.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as troca:
        pagina.get_by_label("Nome, CNPJ ou município").press_sequentially("Sindicato", delay=40)

    assert troca.value.status == 200
    expect(linhas(pagina)).to_have_count(1)
    expect(linhas(pagina)).to_contain_text("Sindicato dos Trabalhadores Rurais de Campinas")
    expect(pagina).to_have_url(re.compile(r"/entidades/\?q=Sindicato(&|$)"))
    assert pagina.evaluate("() => window.mesmaPagina") is True
    assert len(vigias[0].respostas_de_documento) == documentos_carregados


def test_sem_javascript_o_mesmo_filtro_funciona_enviando_o_formulario(abrir_pagina):
    pagina = abrir_pagina(java_script_enabled=False)
    entrar(pagina, "karina")
    pagina.goto("/entidades/")
    expect(linhas(pagina)).to_have_count(len(SUDESTE_I))

    pagina.get_by_label("Nome, CNPJ ou município").fill("Sindicato")
    pagina.get_by_role("button", name="Buscar").click()

    expect(pagina).to_have_url(re.compile(r"/entidades/\?q=Sindicato(&|$)"))
    expect(linhas(pagina)).to_have_count(1)
    expect(linhas(pagina)).to_contain_text("Sindicato dos Trabalhadores Rurais de Campinas")
    expect(pagina.get_by_label("Nome, CNPJ ou município")).to_have_value("Sindicato")
