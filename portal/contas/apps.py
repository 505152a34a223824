from django.apps import AppConfig


class ContasConfig(AppConfig):
    name = "portal.contas"
    label = "contas"
    verbose_name = "Contas e papéis"
