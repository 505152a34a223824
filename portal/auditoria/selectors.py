from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from portal.auditoria.models import Evento


def eventos_de(objeto: models.Model) -> QuerySet[Evento]:
    """O histórico de um objeto, do mais novo ao mais antigo. O objeto já deve ter passado pela checagem
    de permissão do seu próprio seletor."""
    return Evento.objects.filter(
        tipo_objeto=ContentType.objects.get_for_model(objeto), objeto_id=str(objeto.pk)
    ).select_related("ator")
