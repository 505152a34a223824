import hashlib
import hmac
import json
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from certificados.models import DocumentoEmitido
from certificados.pdf import renderizar_pdf
from portal.auditoria.services import evento_registrar


def _novo_codigo() -> str:
    return f"{secrets.randbelow(10**10):010d}"


def _crc(*, codigo: str, tipo: str, titulo: str, emitido_em, contexto: dict) -> str:
    """O CRC amarra o código ao conteúdo emitido e a um segredo do servidor: sem o par certo, não se
    chega ao documento, e o par não se deduz de outros documentos."""
    conteudo = json.dumps(contexto, cls=DjangoJSONEncoder, sort_keys=True, default=str)
    mensagem = f"{codigo}|{tipo}|{titulo}|{emitido_em.isoformat()}|{hashlib.sha256(conteudo.encode()).hexdigest()}"
    return hmac.new(settings.SECRET_KEY.encode(), mensagem.encode(), hashlib.sha256).hexdigest()[:8].upper()


@transaction.atomic
def documento_emitir(
    *,
    tipo: str,
    titulo: str,
    template: str,
    contexto: dict,
    por=None,
    para=None,
    entidade=None,
    sr=None,
    objeto: models.Model | None = None,
) -> DocumentoEmitido:
    """Renderiza o PDF com o código verificador e o CRC no rodapé e registra a emissão."""
    emitido_em = timezone.now()
    for _tentativa in range(5):
        codigo = _novo_codigo()
        if not DocumentoEmitido.objects.filter(codigo_verificador=codigo).exists():
            break
    crc = _crc(codigo=codigo, tipo=tipo, titulo=titulo, emitido_em=emitido_em, contexto=contexto)
    conteudo = renderizar_pdf(
        template,
        {
            **contexto,
            "documento": {
                "titulo": titulo,
                "codigo_verificador": codigo,
                "crc": crc,
                "emitido_em": emitido_em,
                "url_verificacao": settings.PORTAL_URL_PUBLICA.rstrip("/") + "/verificar/",
            },
        },
    )
    documento = DocumentoEmitido(
        codigo_verificador=codigo,
        crc=crc,
        tipo=tipo,
        titulo=titulo,
        sha256=hashlib.sha256(conteudo).hexdigest(),
        tamanho=len(conteudo),
        emitido_em=emitido_em,
        emitido_por=por,
        emitido_para=para,
        entidade=entidade,
        sr=sr,
        tipo_objeto=ContentType.objects.get_for_model(objeto) if objeto is not None else None,
        objeto_id=str(objeto.pk) if objeto is not None else "",
    )
    documento.arquivo.save(f"{tipo}-{codigo}.pdf", ContentFile(conteudo), save=False)
    try:
        with transaction.atomic():
            documento.save()
    except IntegrityError:
        documento.arquivo.delete(save=False)
        raise
    evento_registrar(objeto=documento, acao="documento_emitido", por=por, nota=titulo)
    return documento
