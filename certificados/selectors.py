from django.db.models import Q, QuerySet

from certificados.models import DocumentoEmitido


def documento_pelo_par(*, codigo: str, crc: str) -> DocumentoEmitido | None:
    """A verificação pública: só o par exato (código verificador + CRC) encontra o documento."""
    codigo = "".join(c for c in codigo if c.isdigit())
    crc = crc.strip().upper()
    if len(codigo) != 10 or len(crc) != 8:
        return None
    return DocumentoEmitido.objects.filter(codigo_verificador=codigo, crc=crc).first()


def documentos_de(usuario) -> QuerySet[DocumentoEmitido]:
    """Os documentos que a pessoa emitiu ou recebeu."""
    return DocumentoEmitido.objects.filter(Q(emitido_para=usuario) | Q(emitido_por=usuario)).select_related(
        "entidade"
    )
