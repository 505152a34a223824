"""Carrega os materiais e as perguntas frequentes sobre o A3 (certificados/orientacoes.py)."""

from django.db import migrations

from certificados.orientacoes import carregar_orientacoes


def carregar(apps, schema_editor):
    carregar_orientacoes(apps.get_model("certificados", "OrientacaoA3"))


class Migration(migrations.Migration):
    dependencies = [("certificados", "0004_cronograma_do_anexo_i")]

    operations = [migrations.RunPython(carregar, migrations.RunPython.noop)]
