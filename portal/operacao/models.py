from django.db import models


class Batimento(models.Model):
    """Quando cada processo periódico (o beat) rodou pela última vez; /saude/ mostra a idade."""

    processo = models.CharField(max_length=40, primary_key=True)
    em = models.DateTimeField()

    class Meta:
        verbose_name = "batimento"

    def __str__(self):
        return f"{self.processo} em {self.em:%d/%m/%Y %H:%M:%S}"
