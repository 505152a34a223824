from django.db import migrations

from atendimento.catalogo import carregar_documentos_exigidos


def carregar(apps, schema_editor):
    carregar_documentos_exigidos(apps.get_model("atendimento", "Servico"),
                                 apps.get_model("atendimento", "DocumentoExigido"))


class Migration(migrations.Migration):
    dependencies = [("atendimento", "0003_requerimentos")]

    operations = [migrations.RunPython(carregar, migrations.RunPython.noop)]
