from django.apps import AppConfig


class SuporteConfig(AppConfig):
    name = "suporte"
    verbose_name = "Suporte INSS"
