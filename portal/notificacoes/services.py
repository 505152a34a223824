"""Notificações e lembretes. O e-mail sai depois do commit; o livro de lembretes garante um envio por marco."""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.notificacoes.models import LembreteEnviado, Notificacao

logger = logging.getLogger(__name__)


def notificacao_criar(*, destinatario, titulo: str, corpo: str = "", url: str = "", email: bool = True) -> Notificacao:
    notificacao = Notificacao.objects.create(
        destinatario=destinatario,
        titulo=titulo[:200],
        corpo=corpo,
        url=url,
        enviar_email=email and bool(destinatario.email),
    )
    if notificacao.enviar_email:
        transaction.on_commit(lambda: enfileirar_email(notificacao.pk))
    return notificacao


def enfileirar_email(notificacao_id: int) -> None:
    """Põe o envio na fila. Se a fila não responde, a notificação fica pendente e a varredura
    `reenviar_emails_pendentes` a envia depois: nada se perde, e a página do usuário não falha."""
    from portal.notificacoes.tasks import enviar_email_da_notificacao

    try:
        enviar_email_da_notificacao.delay(notificacao_id)
    except Exception:  # a fila fora do ar não pode derrubar a requisição que já foi gravada
        logger.warning("Fila indisponível; o e-mail da notificação %s sairá pela varredura.", notificacao_id)


def notificacao_enviar_email(*, notificacao_id: int) -> bool:
    """Envia o e-mail uma vez. A marcação `email_enviado_em` é feita por atualização guardada, na mesma
    transação do envio: quem não a fizer (outro worker, uma repetição) não envia; se o envio falhar, a
    marcação é desfeita e a varredura tenta de novo."""
    with transaction.atomic():
        marcadas = Notificacao.objects.filter(
            pk=notificacao_id, enviar_email=True, email_enviado_em__isnull=True
        ).update(email_enviado_em=timezone.now())
        if not marcadas:
            return False
        notificacao = Notificacao.objects.select_related("destinatario").get(pk=notificacao_id)
        contexto = {
            "notificacao": notificacao,
            "pessoa": notificacao.destinatario,
            "endereco": settings.PORTAL_URL_PUBLICA.rstrip("/") + (notificacao.url or "/"),
        }
        mensagem = EmailMultiAlternatives(
            subject=f"Portal ACT: {notificacao.titulo}",
            body=render_to_string("emails/notificacao.txt", contexto),
            to=[notificacao.destinatario.email],
        )
        mensagem.attach_alternative(render_to_string("emails/notificacao.html", contexto), "text/html")
        mensagem.send()
    return True


def notificacoes_marcar_lidas(*, destinatario, ids: list[int] | None = None) -> int:
    pendentes = Notificacao.objects.filter(destinatario=destinatario, lida_em__isnull=True)
    if ids is not None:
        pendentes = pendentes.filter(pk__in=ids)
    return pendentes.update(lida_em=timezone.now())


def emails_pendentes_reenfileirar(*, mais_antigas_que: timedelta = timedelta(minutes=2), limite: int = 500) -> int:
    pendentes = list(
        Notificacao.objects.filter(
            enviar_email=True, email_enviado_em__isnull=True, criada_em__lte=timezone.now() - mais_antigas_que
        )
        .order_by("criada_em")
        .values_list("pk", flat=True)[:limite]
    )
    for notificacao_id in pendentes:
        enfileirar_email(notificacao_id)
    return len(pendentes)


def marco_devido(*, prazo: datetime, marcos: list[tuple[str, timedelta]], agora: datetime) -> str | None:
    """O marco mais recente já alcançado (o de menor antecedência). Depois de uma parada, só esse é
    enviado: quem perdeu o aviso de 30 dias e já está a 7 recebe só o de 7."""
    alcancados = [(antecedencia, nome) for nome, antecedencia in marcos if agora >= prazo - antecedencia]
    return min(alcancados)[1] if alcancados else None


def lembrete_registrar(
    *, objeto: models.Model, tipo: str, marco: str, destinatario, titulo: str, corpo: str = "", url: str = ""
) -> Notificacao | None:
    """Cria a notificação do lembrete se, e só se, este (objeto, tipo, marco, destinatário) ainda não foi
    registrado. Duas varreduras simultâneas disputam a chave única; a perdedora não envia nada."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                registro = LembreteEnviado.objects.create(
                    tipo_objeto=ContentType.objects.get_for_model(objeto),
                    objeto_id=str(objeto.pk),
                    tipo=tipo,
                    marco=marco,
                    destinatario=destinatario,
                )
        except IntegrityError:
            return None
        notificacao = notificacao_criar(destinatario=destinatario, titulo=titulo, corpo=corpo, url=url)
        LembreteEnviado.objects.filter(pk=registro.pk).update(notificacao=notificacao)
        return notificacao


@dataclass(frozen=True)
class Lembrete:
    """Um lembrete que uma varredura quer mandar; `lembretes_registrar` decide se ele ainda não saiu."""

    objeto: models.Model
    marco: str
    destinatario: object
    titulo: str
    corpo: str = ""
    url: str = ""


def em_lotes(itens: Iterable, tamanho: int = 500) -> Iterator[list]:
    """Os itens em listas de até `tamanho`: as varreduras leem os destinatários e o livro de lembretes por lote,
    não por item."""
    iterador = iter(itens)
    while lote := list(islice(iterador, tamanho)):
        yield lote


def lembretes_registrar(*, tipo: str, lembretes: Iterable[Lembrete], lote: int = 500) -> int:
    """Registra os lembretes deste tipo que ainda não foram registrados e devolve quantos. Por lote, uma consulta
    ao livro separa os que já saíram — a passada seguinte de uma varredura não faz uma consulta por item; os novos
    passam por `lembrete_registrar`, cuja chave única continua decidindo entre varreduras simultâneas."""
    enviados = 0
    for grupo in em_lotes(lembretes, lote):
        tipo_objeto = ContentType.objects.get_for_model(grupo[0].objeto)
        ja_registrados = set(
            LembreteEnviado.objects.filter(
                tipo_objeto=tipo_objeto, objeto_id__in={str(lembrete.objeto.pk) for lembrete in grupo}, tipo=tipo,
            ).values_list("objeto_id", "marco", "destinatario_id")
        )
        for lembrete in grupo:
            if (str(lembrete.objeto.pk), lembrete.marco, lembrete.destinatario.pk) in ja_registrados:
                continue
            if lembrete_registrar(objeto=lembrete.objeto, tipo=tipo, marco=lembrete.marco,
                                  destinatario=lembrete.destinatario, titulo=lembrete.titulo, corpo=lembrete.corpo,
                                  url=lembrete.url):
                enviados += 1
    return enviados
