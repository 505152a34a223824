from django.apps import AppConfig


class AcordosConfig(AppConfig):
    name = "portal.acordos"
    label = "acordos"
    verbose_name = "Acordos de Cooperação Técnica"
