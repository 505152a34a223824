"""Carrega as 6 SR, as 27 UFs e os 5.570 municípios do IBGE (data/municipios.csv; origem em data/README.md)."""

from django.db import migrations

from portal.organizacao.carga import carregar_organizacao


def carregar(apps, schema_editor):
    carregar_organizacao(
        apps.get_model("organizacao", "SuperintendenciaRegional"),
        apps.get_model("organizacao", "UF"),
        apps.get_model("organizacao", "Municipio"),
    )


class Migration(migrations.Migration):
    dependencies = [("organizacao", "0001_initial")]

    operations = [migrations.RunPython(carregar, migrations.RunPython.noop)]
