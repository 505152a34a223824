from celery import shared_task

from certificados import services_a3


@shared_task
def lembrar_vencimento_dos_certificados() -> int:
    """Avisa o titular do certificado A3 registrado que vence em 30 e em 7 dias."""
    return services_a3.certificados_lembrar_vencimento()


@shared_task
def lembrar_prazo_do_a3() -> int:
    """Avisa os representantes sem A3 válido a 30, 7 e 1 dia do prazo do cronograma da entidade."""
    return services_a3.a3_lembrar_prazo_do_lote()
