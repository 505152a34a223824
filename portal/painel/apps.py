from django.apps import AppConfig


class PainelConfig(AppConfig):
    name = "portal.painel"
    label = "painel"
    verbose_name = "Painel regional"
