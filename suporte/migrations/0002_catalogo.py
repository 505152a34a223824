"""Carrega os 19 itens do catálogo da seed 003 (suporte/catalogo.py)."""

from django.db import migrations

from suporte.catalogo import carregar_catalogo


def carregar(apps, schema_editor):
    carregar_catalogo(apps.get_model("suporte", "ItemCatalogo"))


class Migration(migrations.Migration):
    dependencies = [("suporte", "0001_initial")]

    operations = [migrations.RunPython(carregar, migrations.RunPython.noop)]
