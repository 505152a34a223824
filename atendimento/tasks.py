from celery import shared_task

from atendimento.services import exigencia, supervisao


@shared_task
def varrer_exigencias_vencidas() -> int:
    return exigencia.exigencias_varrer()


@shared_task
def lembrar_prazo_das_exigencias() -> int:
    return exigencia.exigencias_lembrar()


@shared_task
def abrir_ciclo_e_lembrar_supervisoes() -> int:
    """Abre o ciclo do bimestre (repetir não muda nada) e manda os lembretes do fim do ciclo."""
    supervisao.ciclo_abrir()
    return supervisao.supervisoes_lembrar()
