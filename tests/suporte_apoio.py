"""Ajudantes dos testes do Suporte: arquivos de verdade (PNG, PDF) e chamados construídos pelos serviços."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.arquivos import JPEG, PDF, PNG, verificar_arquivo
from suporte.models import CategoriaAnexo, ItemCatalogo
from suporte.services import AnexoNovo, chamado_abrir


def png(nome: str = "tela-do-erro.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(nome, buffer.getvalue(), content_type="image/png")


def pdf(nome: str = "documento.pdf") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (255, 255, 255)).save(buffer, "PDF")
    return SimpleUploadedFile(nome, buffer.getvalue(), content_type="application/pdf")


def anexo(arquivo, categoria=CategoriaAnexo.TELA_DE_ERRO) -> AnexoNovo:
    return AnexoNovo(categoria=categoria, verificado=verificar_arquivo(arquivo, tipos=(PNG, JPEG, PDF),
                                                                       limite=5 * 1024 * 1024))


def abrir(pessoa, *, item: int = 11, titulo: str = "Dúvida sobre o portal", anexos=(), **extra):
    vinculo = pessoa.vinculos.select_related("entidade__sr").get(gestor=True)
    return chamado_abrir(
        vinculo=vinculo, item=ItemCatalogo.objects.get(numero=item), titulo=titulo,
        descricao="Descrição do problema.", anexos=list(anexos), por=pessoa, **extra,
    )
