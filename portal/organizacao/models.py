"""A organização do INSS: Superintendências Regionais, UFs, municípios (IBGE), Gerências-Executivas e APS.

SR, UF e municípios são dados reais carregados por migração; GEX e APS são cadastrados (os de demonstração
vêm de `seed_demo`).
"""

from django.db import models


class SuperintendenciaRegional(models.Model):
    numero = models.PositiveSmallIntegerField(unique=True)
    nome = models.CharField(max_length=60, unique=True)
    # O grupo de suporte que atende as entidades da SR no Suporte INSS (seed 003: "21150.SR-1").
    grupo_suporte = models.CharField(max_length=30, unique=True)

    class Meta:
        ordering = ["numero"]
        verbose_name = "Superintendência Regional"
        verbose_name_plural = "Superintendências Regionais"

    def __str__(self):
        return f"SR {self.nome}"


class UF(models.Model):
    sigla = models.CharField(max_length=2, primary_key=True)
    codigo_ibge = models.CharField(max_length=2, unique=True)
    nome = models.CharField(max_length=40)
    sr = models.ForeignKey(SuperintendenciaRegional, on_delete=models.PROTECT, related_name="ufs")
    fuso_horario = models.CharField(max_length=40, help_text="Fuso da capital (IANA).")

    class Meta:
        ordering = ["sigla"]
        verbose_name = "UF"
        verbose_name_plural = "UFs"

    def __str__(self):
        return self.sigla


class Municipio(models.Model):
    codigo_ibge = models.CharField(max_length=7, primary_key=True)
    nome = models.CharField(max_length=60)
    uf = models.ForeignKey(UF, on_delete=models.PROTECT, related_name="municipios")

    class Meta:
        ordering = ["uf", "nome"]
        verbose_name = "município"
        indexes = [models.Index(fields=["uf", "nome"])]

    def __str__(self):
        return f"{self.nome}/{self.uf_id}"


class GerenciaExecutiva(models.Model):
    codigo = models.CharField(max_length=8, unique=True, help_text="Código do órgão local (OL).")
    nome = models.CharField(max_length=100)
    sr = models.ForeignKey(SuperintendenciaRegional, on_delete=models.PROTECT, related_name="gerencias")
    municipio = models.ForeignKey(Municipio, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["nome"]
        verbose_name = "Gerência-Executiva"
        verbose_name_plural = "Gerências-Executivas"

    def __str__(self):
        return f"GEX {self.nome}"


class AgenciaPrevidencia(models.Model):
    codigo = models.CharField(max_length=8, unique=True, help_text="Código do órgão local (OL).")
    nome = models.CharField(max_length=100)
    gex = models.ForeignKey(GerenciaExecutiva, on_delete=models.PROTECT, related_name="agencias")
    municipio = models.ForeignKey(Municipio, on_delete=models.PROTECT, related_name="+")
    endereco = models.CharField(max_length=200, blank=True)
    fuso_horario = models.CharField(max_length=40, help_text="Fuso da agência (IANA); horários são mostrados nele.")
    ativa = models.BooleanField(default=True)

    class Meta:
        ordering = ["nome"]
        verbose_name = "Agência da Previdência Social"
        verbose_name_plural = "Agências da Previdência Social"

    def __str__(self):
        return f"APS {self.nome}"
