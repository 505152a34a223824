from django.db import migrations

from atendimento.catalogo import carregar_servicos


def carregar(apps, schema_editor):
    carregar_servicos(apps.get_model("atendimento", "Servico"))


class Migration(migrations.Migration):
    dependencies = [("atendimento", "0001_initial")]

    operations = [migrations.RunPython(carregar, migrations.RunPython.noop)]
