from celery import shared_task

from portal.acordos import services


@shared_task
def vencer_acordos() -> int:
    return services.acordos_vencer()
