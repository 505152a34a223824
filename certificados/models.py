"""O registro de todo documento que o portal emite: cada um com código verificador e CRC no rodapé,
conferíveis por qualquer pessoa em /verificar/, como no SEI (seed 004, último parágrafo)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class DocumentoEmitido(models.Model):
    codigo_verificador = models.CharField("código verificador", max_length=10, unique=True)
    crc = models.CharField("CRC", max_length=8)
    tipo = models.CharField(max_length=60)
    titulo = models.CharField("título", max_length=200)
    arquivo = models.FileField(upload_to="documentos/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    tamanho = models.PositiveIntegerField()
    emitido_em = models.DateTimeField(default=timezone.now)
    emitido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    emitido_para = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="documentos_recebidos"
    )
    entidade = models.ForeignKey(
        "entidades.Entidade", on_delete=models.PROTECT, null=True, blank=True, related_name="documentos"
    )
    sr = models.ForeignKey(
        "organizacao.SuperintendenciaRegional", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tipo_objeto = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    objeto_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-emitido_em", "-pk"]
        verbose_name = "documento emitido"
        verbose_name_plural = "documentos emitidos"
        indexes = [
            models.Index(fields=["emitido_para", "-emitido_em"]),
            models.Index(fields=["tipo_objeto", "objeto_id"]),
        ]

    def __str__(self):
        return f"{self.titulo} ({self.codigo_verificador})"

    @property
    def nome_do_arquivo(self) -> str:
        return f"{self.tipo}-{self.codigo_verificador}.pdf"
