"""A tabela do cache de reserva (settings.CACHE_DE_RESERVA; portal/operacao/cache.py)."""

from django.db import migrations


def criar_tabela(apps, schema_editor):
    from django.core.management import call_command

    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def apagar_tabela(apps, schema_editor):
    from django.conf import settings

    schema_editor.execute(f"DROP TABLE IF EXISTS {settings.CACHE_DE_RESERVA['LOCATION']}")


class Migration(migrations.Migration):

    dependencies = [
        ("operacao", "0002_sequencia"),
    ]

    operations = [
        migrations.RunPython(criar_tabela, apagar_tabela),
    ]
