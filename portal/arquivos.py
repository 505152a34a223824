"""Arquivos enviados pelas pessoas: conferidos pelo conteúdo (assinatura e leitura), nunca pelo nome ou
pelo tipo declarado, com uma mensagem em português para cada recusa. Servem o Suporte (telas de erro,
TCMS) e os requerimentos (documentos em PDF)."""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
NOMES_DOS_TIPOS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG"}
EXTENSOES = {PDF: "pdf", PNG: "png", JPEG: "jpg"}
MB = 1024 * 1024


@dataclass(frozen=True)
class ArquivoVerificado:
    arquivo: object
    nome: str
    tipo: str
    tamanho: int
    sha256: str


def nome_seguro(nome: str) -> str:
    """O nome para mostrar: sem pastas, sem caracteres de controle, com tamanho limitado."""
    nome = unicodedata.normalize("NFC", nome or "")
    nome = re.split(r"[\\/]", nome)[-1]
    nome = "".join(c for c in nome if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return (nome or "arquivo")[:150]


def _tipo_pelo_conteudo(inicio: bytes) -> str | None:
    if inicio.startswith(b"%PDF-"):
        return PDF
    if inicio.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if inicio.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def _megabytes(tamanho: int) -> str:
    return f"{tamanho / MB:.1f}".replace(".", ",") + " MB"


def _legivel(conteudo: bytes, tipo: str) -> bool:
    try:
        if tipo == PDF:
            from pypdf import PdfReader

            leitor = PdfReader(io.BytesIO(conteudo), strict=False)
            if leitor.is_encrypted:
                return False
            return len(leitor.pages) > 0
        from PIL import Image

        with Image.open(io.BytesIO(conteudo)) as imagem:
            imagem.verify()
        return True
    except Exception:
        return False


def verificar_arquivo(arquivo, *, tipos: tuple[str, ...], limite: int) -> ArquivoVerificado:
    nome = nome_seguro(getattr(arquivo, "name", ""))
    aceitos = " ou ".join(NOMES_DOS_TIPOS[t] for t in tipos)
    if not arquivo.size:
        raise ValidationError(f"O arquivo “{nome}” está vazio.", code="vazio")
    if arquivo.size > limite:
        raise ValidationError(
            f"O arquivo “{nome}” tem {_megabytes(arquivo.size)}; o limite é {_megabytes(limite)} por arquivo.",
            code="grande",
        )
    arquivo.seek(0)
    conteudo = arquivo.read()
    arquivo.seek(0)
    tipo = _tipo_pelo_conteudo(conteudo[:16])
    if tipo not in tipos:
        raise ValidationError(
            f"O arquivo “{nome}” não é {aceitos}: o conteúdo não corresponde ao formato, seja qual for o nome.",
            code="tipo",
        )
    if not _legivel(conteudo, tipo):
        raise ValidationError(
            f"O arquivo “{nome}” está corrompido, incompleto ou protegido por senha; gere-o de novo.",
            code="ilegivel",
        )
    return ArquivoVerificado(
        arquivo=arquivo, nome=nome, tipo=tipo, tamanho=arquivo.size, sha256=hashlib.sha256(conteudo).hexdigest()
    )


class ArquivoConferido(models.Model):
    """O que se guarda de um PDF conferido pelo conteúdo, além do arquivo: o nome que a pessoa lhe deu, o hash
    e o tamanho. Base dos documentos enviados (vínculos, requerimentos)."""

    nome = models.CharField(max_length=150)
    sha256 = models.CharField(max_length=64)
    tamanho = models.PositiveIntegerField()

    class Meta:
        abstract = True


def arquivo_guardar(registro: ArquivoConferido, campo: str, verificado: ArquivoVerificado, *, prefixo: str) -> None:
    """Grava no campo de arquivo do registro o arquivo já conferido pelo conteúdo, com o nome, o hash e o
    tamanho. O nome no disco vem do hash e a extensão do conteúdo, nunca do que a pessoa deu ao arquivo. Quem
    chama salva o registro."""
    registro.nome, registro.sha256, registro.tamanho = verificado.nome, verificado.sha256, verificado.tamanho
    verificado.arquivo.seek(0)
    nome_no_disco = f"{prefixo}-{verificado.sha256[:16]}.{EXTENSOES[verificado.tipo]}"
    getattr(registro, campo).save(nome_no_disco, ContentFile(verificado.arquivo.read()), save=False)


pdf_guardar = arquivo_guardar  # o nome dos documentos em PDF, que vieram primeiro
