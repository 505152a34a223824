"""Um documento emitido pelo portal, conferido por qualquer pessoa na página pública de verificação."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.navegador.apoio import entrar

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def verificar(pagina, codigo: str, crc: str) -> None:
    pagina.get_by_label("Código verificador").fill(codigo)
    pagina.get_by_label("Código CRC").fill(crc)
    pagina.get_by_role("button", name="Verificar").click()


def test_declaracao_emitida_e_conferida_como_autentica_e_um_crc_trocado_nao_confere(abrir_pagina):
    ana = abrir_pagina()
    entrar(ana, "ana")
    ana.locator("#menu-principal").get_by_role("link", name="Minha entidade").click()
    ana.get_by_role("button", name="Emitir declaração de vínculo").click()

    expect(ana.get_by_role("heading", level=1)).to_have_text("Documentos emitidos")
    codigo = ana.get_by_test_id("codigo").first.inner_text().strip()
    crc = ana.get_by_test_id("crc").first.inner_text().strip()
    assert codigo and crc
    expect(ana.get_by_role("status")).to_contain_text(f"Código verificador {codigo}, CRC {crc}")

    visitante = abrir_pagina()  # outro contexto: sem sessão, como quem recebeu o papel
    visitante.goto("/verificar/")
    verificar(visitante, codigo, crc)

    expect(visitante.get_by_test_id("documento-autentico")).to_contain_text("Documento autêntico")
    baixar = visitante.get_by_role("link", name="Baixar o documento registrado (PDF)")
    resposta = visitante.request.get(baixar.get_attribute("href"))
    assert resposta.status == 200
    assert resposta.headers["content-type"] == "application/pdf"
    pdf = resposta.body()
    assert pdf.startswith(b"%PDF")
    texto = "\n".join(folha.extract_text() for folha in PdfReader(io.BytesIO(pdf)).pages)
    assert codigo in texto
    assert crc in texto

    trocado = crc[:-1] + ("0" if crc[-1] != "0" else "1")
    verificar(visitante, codigo, trocado)

    expect(visitante.get_by_test_id("documento-nao-encontrado")).to_contain_text("Nenhum documento encontrado")
    expect(visitante.get_by_test_id("documento-autentico")).to_have_count(0)
    expect(visitante.get_by_label("Código verificador")).to_have_value(codigo)
    expect(visitante.get_by_label("Código CRC")).to_have_value(trocado)
