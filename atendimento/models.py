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
