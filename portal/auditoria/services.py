from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.auditoria.models import Evento


def evento_registrar(
    *,
    objeto: models.Model,
    acao: str,
    por=None,
    status_de: str = "",
    status_para: str = "",
    alteracoes: dict | None = None,
    nota: str = "",
) -> Evento:
    """Grava o evento; chame dentro da transação da mudança que ele descreve. `por=None` é o sistema."""
    return Evento.objects.create(
        tipo_objeto=ContentType.objects.get_for_model(objeto),
        objeto_id=str(objeto.pk),
        acao=acao,
        status_de=status_de,
        status_para=status_para,
        alteracoes=alteracoes or {},
        nota=nota,
        ator=por,
    )
