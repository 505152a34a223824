from celery import shared_task

from portal.operacao import services


@shared_task
def registrar_batimento() -> None:
    services.batimento_registrar(processo="worker")
