from celery import shared_task

from atendimento.services import exigencia


@shared_task
def varrer_exigencias_vencidas() -> int:
    return exigencia.exigencias_varrer()


@shared_task
def lembrar_prazo_das_exigencias() -> int:
    return exigencia.exigencias_lembrar()
