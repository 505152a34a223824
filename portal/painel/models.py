"""Os relatórios da revisão regional, gerados em segundo plano: o pedido é uma linha, o worker a preenche e
a página acompanha o progresso pela própria linha."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class FormatoRelatorio(models.TextChoices):
    PDF = "pdf", "Relatório em PDF"
    PPTX = "pptx", "Apresentação (PowerPoint)"


class StatusRelatorio(models.TextChoices):
    NA_FILA = "na_fila", "Na fila"
    GERANDO = "gerando", "Gerando"
    PRONTO = "pronto", "Pronto"
    FALHOU = "falhou", "Falhou"


class RelatorioRegional(models.Model):
    formato = models.CharField(max_length=4, choices=FormatoRelatorio.choices)
    solicitado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    regiao = models.CharField("região", max_length=200)
    status = models.CharField(max_length=8, choices=StatusRelatorio.choices, default=StatusRelatorio.NA_FILA)
    progresso = models.PositiveSmallIntegerField(default=0)
    etapa = models.CharField(max_length=120, blank=True)
    arquivo = models.FileField(upload_to="relatorios/%Y/%m/", blank=True)
    documento = models.OneToOneField("certificados.DocumentoEmitido", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")
    criado_em = models.DateTimeField(default=timezone.now)
    concluido_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-criado_em", "-pk"]
        verbose_name = "relatório regional"
        verbose_name_plural = "relatórios regionais"
        indexes = [
            models.Index(fields=["solicitado_por", "-criado_em"]),
            models.Index(fields=["criado_em"], condition=Q(status__in=["na_fila", "gerando"]),
                         name="relatorio_em_andamento"),
        ]

    def __str__(self):
        return f"{self.get_formato_display()} — {self.regiao} ({self.criado_em:%d/%m/%Y %H:%M})"

    @property
    def em_andamento(self) -> bool:
        return self.status in (StatusRelatorio.NA_FILA, StatusRelatorio.GERANDO)

    @property
    def nome_do_arquivo(self) -> str:
        return f"revisao-regional-{self.criado_em:%Y%m%d-%H%M}.{self.formato}"
