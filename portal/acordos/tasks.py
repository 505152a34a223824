from celery import shared_task

from portal.acordos import services


@shared_task
def vencer_acordos() -> int:
    return services.acordos_vencer()


@shared_task
def lembrar_vencimento_e_pedidos() -> int:
    return services.acordos_lembrar_vencimento() + services.adesoes_lembrar_pedidos()
