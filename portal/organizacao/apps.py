from django.apps import AppConfig


class OrganizacaoConfig(AppConfig):
    name = "portal.organizacao"
    label = "organizacao"
    verbose_name = "Organização do INSS"
