from celery import shared_task

from portal.painel import services


@shared_task
def gerar_relatorio_regional(relatorio_id: int) -> bool:
    return services.relatorio_gerar(relatorio_id=relatorio_id)
