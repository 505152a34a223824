"""Atendimento: o catálogo de serviços que as entidades requerem (seed 000 e seed 002).

Os serviços pactuados de um acordo (portal.acordos) decidem o que a entidade pode protocolar. O issue de
requerimentos acrescenta a cada serviço a lista de documentos exigidos.
"""

from django.db import models


class CategoriaServico(models.TextChoices):
    PREVIDENCIARIO = "previdenciario", "Previdenciário"
    ASSISTENCIAL = "assistencial", "Assistencial"
    SERVICO = "servico", "Serviço"


class VarianteServico(models.TextChoices):
    UNICA = "", "—"
    URBANA = "urbana", "Urbana"
    RURAL = "rural", "Rural"


class Servico(models.Model):
    codigo = models.SlugField("código", max_length=60, unique=True)
    nome = models.CharField(max_length=120)
    variante = models.CharField(max_length=10, choices=VarianteServico.choices, blank=True)
    categoria = models.CharField(max_length=16, choices=CategoriaServico.choices)
    ativo = models.BooleanField(default=True)

    class Meta:
        ordering = ["nome", "variante"]
        verbose_name = "serviço"
        constraints = [models.UniqueConstraint(fields=["nome", "variante"], name="servico_nome_variante_unicos")]

    def __str__(self):
        return f"{self.nome} ({self.get_variante_display().lower()})" if self.variante else self.nome


class StatusRequerimento(models.TextChoices):
    RASCUNHO = "rascunho", "Rascunho"
    PROTOCOLADO = "protocolado", "Protocolado"
    EM_ANALISE = "em_analise", "Em análise"
    EM_EXIGENCIA = "em_exigencia", "Em exigência"
    CONCLUIDO = "concluido", "Concluído"
    CANCELADO = "cancelado", "Cancelado"


class Requerimento(models.Model):
    """O pedido de um cidadão, protocolado por uma entidade parceira (seed 002, DESIGN "atendimento").

    Por ora, o que a revisão regional lê — a entidade, o serviço e quando foi protocolado; o issue dos
    requerimentos acrescenta o cidadão, os formulários, os documentos, as exigências e a decisão."""

    entidade = models.ForeignKey("entidades.Entidade", on_delete=models.PROTECT, related_name="requerimentos")
    servico = models.ForeignKey(Servico, on_delete=models.PROTECT, related_name="requerimentos")
    protocolo = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(max_length=14, choices=StatusRequerimento.choices, default=StatusRequerimento.RASCUNHO)
    criado_em = models.DateTimeField(auto_now_add=True)
    protocolado_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-criado_em"]
        verbose_name = "requerimento"
        indexes = [
            # "Entidades sem requerimento nos últimos 3 meses" pergunta, por entidade, pelo protocolo mais recente.
            models.Index(fields=["entidade", "-protocolado_em"], condition=models.Q(protocolado_em__isnull=False),
                         name="requerimento_entidade_recente"),
        ]

    def __str__(self):
        return self.protocolo or f"Rascunho {self.pk}"
