from django.apps import AppConfig


class NotificacoesConfig(AppConfig):
    name = "portal.notificacoes"
    label = "notificacoes"
    verbose_name = "Notificações"
