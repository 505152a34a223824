from django.apps import AppConfig


class EntidadesConfig(AppConfig):
    name = "portal.entidades"
    label = "entidades"
    verbose_name = "Entidades parceiras"
