"""Carrega as linhas do Anexo I da Portaria 96/2024 (certificados/cronograma.py)."""

from django.db import migrations

from certificados.cronograma import carregar_cronograma


def carregar(apps, schema_editor):
    carregar_cronograma(apps.get_model("certificados", "LoteDaMigracaoA3"),
                        apps.get_model("organizacao", "SuperintendenciaRegional"))


class Migration(migrations.Migration):
    dependencies = [
        ("certificados", "0003_certificado_a3_e_cronograma"),
        ("organizacao", "0002_dados_da_organizacao"),
    ]

    operations = [migrations.RunPython(carregar, migrations.RunPython.noop)]
