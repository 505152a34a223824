from celery import shared_task

from portal.entidades import services


@shared_task
def varrer_vinculos_expirando() -> int:
    return services.vinculos_lembrar_vencimento()
