"""Documentos emitidos: PDF com código verificador e CRC no rodapé, conferível em /verificar/."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from certificados.models import DocumentoEmitido
from portal.auditoria.models import Evento

pytestmark = pytest.mark.django_db


def _texto(pdf: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)


def _emitir_declaracao(cliente) -> DocumentoEmitido:
    resposta = cliente.post("/entidade/declaracao/")
    assert resposta.status_code == 302
    return DocumentoEmitido.objects.latest("emitido_em")


def test_declaracao_de_vinculo_traz_os_dados_o_codigo_e_o_crc(cliente_de):
    documento = _emitir_declaracao(cliente_de("ana"))
    pdf = documento.arquivo.read()
    assert pdf.startswith(b"%PDF")
    texto = _texto(pdf)
    assert "Ana Souza" in texto and "111.444.777-35" in texto
    assert "Prefeitura Municipal de Campinas" in texto
    assert documento.codigo_verificador in texto
    assert documento.crc in texto
    assert len(documento.codigo_verificador) == 10 and len(documento.crc) == 8
    assert Evento.objects.filter(acao="documento_emitido", objeto_id=str(documento.pk)).exists()


def test_o_par_certo_confirma_e_baixa_o_pdf_registrado(cliente_de):
    documento = _emitir_declaracao(cliente_de("ana"))
    anonimo = Client()
    resposta = anonimo.get("/verificar/", {"codigo": documento.codigo_verificador, "crc": documento.crc.lower()})
    html = resposta.content.decode()
    assert "Documento autêntico" in html
    assert documento.sha256 in html
    baixado = anonimo.get(f"/verificar/{documento.codigo_verificador}/{documento.crc}/documento.pdf")
    assert baixado["Content-Type"] == "application/pdf"
    conteudo = b"".join(baixado.streaming_content)
    import hashlib

    assert hashlib.sha256(conteudo).hexdigest() == documento.sha256


def test_o_par_errado_diz_que_nao_encontrou_e_mantem_o_que_foi_digitado(cliente_de):
    documento = _emitir_declaracao(cliente_de("ana"))
    crc_errado = ("0" if documento.crc[0] != "0" else "1") + documento.crc[1:]
    resposta = Client().get("/verificar/", {"codigo": documento.codigo_verificador, "crc": crc_errado})
    html = resposta.content.decode()
    assert "Nenhum documento encontrado" in html
    assert f'value="{crc_errado}"' in html
    assert Client().get(f"/verificar/{documento.codigo_verificador}/{crc_errado}/documento.pdf").status_code == 404


def test_verificacao_sem_os_campos_explica_o_que_falta(db):
    resposta = Client().get("/verificar/", {"codigo": "", "crc": ""})
    assert "Informe o código verificador" in resposta.content.decode()


def test_verificacao_e_limitada_por_endereco(db):
    cliente = Client()
    for _ in range(30):
        assert cliente.get("/verificar/", {"codigo": "0000000000", "crc": "AAAAAAAA"}).status_code == 200
    assert cliente.get("/verificar/", {"codigo": "0000000000", "crc": "AAAAAAAA"}).status_code == 429


def test_meus_documentos_so_lista_e_baixa_os_da_pessoa(cliente_de):
    documento = _emitir_declaracao(cliente_de("ana"))
    assert documento.codigo_verificador in cliente_de("ana").get("/documentos/").content.decode()
    assert cliente_de("ana").get(f"/documentos/{documento.codigo_verificador}.pdf").status_code == 200
    assert cliente_de("carla").get(f"/documentos/{documento.codigo_verificador}.pdf").status_code == 404
    assert documento.codigo_verificador not in cliente_de("carla").get("/documentos/").content.decode()


def test_texto_com_html_sai_escapado_no_pdf(cliente_de, pessoa):
    from portal.entidades.models import Entidade

    Entidade.objects.filter(cnpj="51885242000140").update(razao_social="<b>Prefeitura</b> & Cia")
    texto = _texto(_emitir_declaracao(cliente_de("ana")).arquivo.read())
    assert "<b>Prefeitura</b> & Cia" in texto
