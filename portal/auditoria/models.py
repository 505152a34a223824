"""O registro de eventos: quem, quando, o quê, de que estado para qual, com uma nota.

Cada serviço que muda estado grava aqui, na mesma transação da mudança. Nada aqui é editado depois.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from portal.auditoria import rotulos


class Evento(models.Model):
    tipo_objeto = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objeto_id = models.CharField(max_length=64)
    acao = models.CharField("ação", max_length=60)
    status_de = models.CharField(max_length=40, blank=True)
    status_para = models.CharField(max_length=40, blank=True)
    alteracoes = models.JSONField("alterações", default=dict, blank=True)
    nota = models.TextField(blank=True)
    ator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quando = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-quando", "-pk"]
        verbose_name = "evento"
        indexes = [models.Index(fields=["tipo_objeto", "objeto_id", "quando"])]

    def __str__(self):
        return f"{self.acao} em {self.quando:%d/%m/%Y %H:%M}"

    @property
    def rotulo(self) -> str:
        return rotulos.ACOES.get(self.acao, self.acao.replace("_", " ").capitalize())

    @property
    def transicao(self) -> str:
        if self.status_de or self.status_para:
            de = rotulos.STATUS.get(self.status_de, self.status_de) or "—"
            para = rotulos.STATUS.get(self.status_para, self.status_para) or "—"
            return f"{de} → {para}"
        return ""
