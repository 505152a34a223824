from celery import shared_task

from suporte import services


@shared_task
def fechar_chamados_sem_resposta() -> int:
    return services.chamados_fechar_sem_resposta()


@shared_task
def lembrar_prazo_de_aprovacao() -> int:
    return services.chamados_lembrar_prazo()
