"""O que os serviços do acordo compartilham: o erro para a pessoa e o documento já conferido."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from portal.arquivos import ArquivoVerificado


class ErroDoAcordo(Exception):
    """Uma regra do ACT impediu a ação; a mensagem é para a pessoa."""


@dataclass(frozen=True)
class DocumentoNovo:
    tipo: str
    verificado: ArquivoVerificado


def _fim_do_dia(dia: date) -> datetime:
    """A vigência vale até o fim do último dia, no horário de Brasília."""
    return timezone.make_aware(datetime.combine(dia + timedelta(days=1), time.min))
