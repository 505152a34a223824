from django.utils import timezone

from portal.operacao.models import Batimento


def batimento_registrar(*, processo: str) -> None:
    Batimento.objects.update_or_create(processo=processo, defaults={"em": timezone.now()})
