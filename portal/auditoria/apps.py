from django.apps import AppConfig


class AuditoriaConfig(AppConfig):
    name = "portal.auditoria"
    label = "auditoria"
    verbose_name = "Auditoria"
