"""Notificações no portal e por e-mail, e o livro de lembretes que garante um envio por marco.

O e-mail de uma notificação sai por uma tarefa do Celery depois do commit; `email_enviado_em` nulo é o
que a varredura `reenviar_emails_pendentes` procura quando a fila esteve fora do ar.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Notificacao(models.Model):
    destinatario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificacoes"
    )
    titulo = models.CharField("título", max_length=200)
    corpo = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    criada_em = models.DateTimeField(default=timezone.now)
    lida_em = models.DateTimeField(null=True, blank=True)
    enviar_email = models.BooleanField(default=True)
    email_enviado_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-criada_em", "-pk"]
        verbose_name = "notificação"
        verbose_name_plural = "notificações"
        indexes = [
            models.Index(fields=["destinatario", "-criada_em"]),
            models.Index(fields=["destinatario"], condition=Q(lida_em__isnull=True), name="notificacao_nao_lida"),
            models.Index(
                fields=["criada_em"],
                condition=Q(enviar_email=True, email_enviado_em__isnull=True),
                name="notificacao_email_pendente",
            ),
        ]

    def __str__(self):
        return self.titulo


class LembreteEnviado(models.Model):
    """Uma linha por (objeto, tipo, marco, destinatário): a chave única é o que impede o segundo envio,
    inclusive de duas varreduras simultâneas."""

    tipo_objeto = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objeto_id = models.CharField(max_length=64)
    tipo = models.CharField(max_length=60)
    marco = models.CharField(max_length=40)
    destinatario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notificacao = models.OneToOneField(Notificacao, on_delete=models.SET_NULL, null=True, related_name="+")
    registrado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "lembrete enviado"
        verbose_name_plural = "lembretes enviados"
        constraints = [
            models.UniqueConstraint(
                fields=["tipo_objeto", "objeto_id", "tipo", "marco", "destinatario"], name="lembrete_uma_vez"
            )
        ]

    def __str__(self):
        return f"{self.tipo} {self.marco} → {self.destinatario_id}"
