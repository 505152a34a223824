from django.db.models import QuerySet

from portal.notificacoes.models import Notificacao


def notificacoes_de(usuario) -> QuerySet[Notificacao]:
    return Notificacao.objects.filter(destinatario=usuario)


def contar_nao_lidas(usuario) -> int:
    return Notificacao.objects.filter(destinatario=usuario, lida_em__isnull=True).count()
