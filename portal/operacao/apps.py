from django.apps import AppConfig


class OperacaoConfig(AppConfig):
    name = "portal.operacao"
    label = "operacao"
    verbose_name = "Operação"
