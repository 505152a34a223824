from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CertificadosConfig(AppConfig):
    name = "certificados"
    verbose_name = "Certificados e documentos emitidos"

    def ready(self):
        from certificados.selectors import cronograma_mudou

        # O prazo do A3 de cada entidade vem do cronograma e do início do acordo (certificados/selectors.py).
        for modelo in ("certificados.LoteDaMigracaoA3", "acordos.Acordo"):
            post_save.connect(cronograma_mudou, sender=modelo, dispatch_uid=f"prazo_a3_{modelo}_salvo")
            post_delete.connect(cronograma_mudou, sender=modelo, dispatch_uid=f"prazo_a3_{modelo}_apagado")
