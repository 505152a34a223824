"""Item 12.3.4: o técnico registra a indisponibilidade confirmada e emite o certificado, que a entidade
baixa no chamado e qualquer pessoa confere em /verificar/."""

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from suporte.models import Indisponibilidade
from tests.suporte_apoio import abrir, anexo, png

pytestmark = pytest.mark.django_db


def _formulario(inicio, fim):
    return {
        "sistemas": "Portal de Atendimento", "descricao": "Erro 503 em todas as páginas.",
        "inicio": timezone.localtime(inicio).strftime("%Y-%m-%dT%H:%M"),
        "fim": timezone.localtime(fim).strftime("%Y-%m-%dT%H:%M"),
    }


def test_tecnico_emite_certificado_verificavel_e_a_entidade_baixa(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"), item=12, anexos=[anexo(png())])
    agora = timezone.now()
    resposta = cliente_de("elisa").post(
        f"/suporte/chamados/{chamado.codigo}/indisponibilidade/", _formulario(agora - timedelta(hours=3), agora)
    )
    assert resposta.status_code == 302
    registro = Indisponibilidade.objects.get()
    documento = registro.documento
    pdf = cliente_de("ana").get(f"/suporte/chamados/{chamado.codigo}/indisponibilidades/{registro.pk}.pdf")
    texto = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "CERTIFICADO DE INDISPONIBILIDADE" in texto and chamado.codigo in texto
    assert documento.codigo_verificador in texto and documento.crc in texto
    assert "3 h 00 min" in texto
    verificacao = Client().get("/verificar/", {"codigo": documento.codigo_verificador, "crc": documento.crc})
    assert "Documento autêntico" in verificacao.content.decode()
    assert documento.codigo_verificador in cliente_de("ana").get("/documentos/").content.decode()
    pagina = cliente_de("ana").get(f"/suporte/chamados/{chamado.codigo}/").content.decode()
    assert "Certificado de indisponibilidade emitido" in pagina
    assert cliente_de("diego").get(
        f"/suporte/chamados/{chamado.codigo}/indisponibilidades/{registro.pk}.pdf").status_code == 404


def test_certificado_recusa_periodo_invertido_ou_futuro_e_guarda_o_que_foi_digitado(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"), item=12, anexos=[anexo(png())])
    agora = timezone.now()
    invertido = cliente_de("elisa").post(
        f"/suporte/chamados/{chamado.codigo}/indisponibilidade/", _formulario(agora, agora - timedelta(hours=1))
    ).content.decode()
    assert "O fim tem de ser depois do início" in invertido and "Erro 503 em todas as páginas." in invertido
    futuro = cliente_de("elisa").post(
        f"/suporte/chamados/{chamado.codigo}/indisponibilidade/", _formulario(agora, agora + timedelta(days=1))
    ).content.decode()
    assert "não pode estar no futuro" in futuro
    assert not Indisponibilidade.objects.exists()


def test_so_chamados_do_item_12_e_so_tecnicos(cliente_de, pessoa):
    outro = abrir(pessoa("ana"), item=11)
    agora = timezone.now()
    resposta = cliente_de("elisa").post(
        f"/suporte/chamados/{outro.codigo}/indisponibilidade/", _formulario(agora - timedelta(hours=1), agora)
    )
    assert "só é emitido em chamados do item 12" in resposta.content.decode()
    doze = abrir(pessoa("ana"), item=12, anexos=[anexo(png())])
    assert cliente_de("ana").post(f"/suporte/chamados/{doze.codigo}/indisponibilidade/",
                                  _formulario(agora - timedelta(hours=1), agora)).status_code == 404
