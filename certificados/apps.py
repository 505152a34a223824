from django.apps import AppConfig


class CertificadosConfig(AppConfig):
    name = "certificados"
    verbose_name = "Certificados e documentos emitidos"
