from celery import shared_task

from atendimento.services import agenda_lembretes, atesp_ativacao, exigencia, supervisao


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


@shared_task
def lembrar_agendamentos_da_vespera() -> int:
    return agenda_lembretes.agendamentos_lembrar()


@shared_task
def cobrar_ofertas_do_atesp() -> int:
    """Avisa a GEX das agências que deixaram passar os dois dias úteis sem ofertar vagas do ATESP."""
    return atesp_ativacao.atesp_cobrar_ofertas()
