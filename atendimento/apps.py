from django.apps import AppConfig


class AtendimentoConfig(AppConfig):
    name = "atendimento"
    verbose_name = "Atendimento: requerimentos e agendamentos"
