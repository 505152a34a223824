from django.db import models


class Sequencia(models.Model):
    """Contadores que geram números únicos (código de chamado, número de acordo): uma linha por chave,
    incrementada por `portal.operacao.sequencias.proximo_da_sequencia`."""

    chave = models.CharField(max_length=40, primary_key=True)
    ultimo = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "sequência"

    def __str__(self):
        return f"{self.chave}: {self.ultimo}"


class Batimento(models.Model):
    """Quando cada processo periódico (o beat) rodou pela última vez; /saude/ mostra a idade."""

    processo = models.CharField(max_length=40, primary_key=True)
    em = models.DateTimeField()

    class Meta:
        verbose_name = "batimento"

    def __str__(self):
        return f"{self.processo} em {self.em:%d/%m/%Y %H:%M:%S}"
