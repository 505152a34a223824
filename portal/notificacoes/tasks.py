from celery import shared_task

from portal.notificacoes import services


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def enviar_email_da_notificacao(notificacao_id: int) -> bool:
    return services.notificacao_enviar_email(notificacao_id=notificacao_id)


@shared_task
def reenviar_emails_pendentes() -> int:
    return services.emails_pendentes_reenfileirar()
