"""O estado dos componentes de que o portal depende, para /saude/."""

import os
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.operacao.models import Batimento


def estado_do_banco() -> dict:
    inicio = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as erro:
        return {"ok": False, "erro": erro.__class__.__name__}
    return {"ok": True, "ms": round((time.monotonic() - inicio) * 1000, 1)}


def estado_do_broker() -> dict:
    inicio = time.monotonic()
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        pasta = settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]
        os.makedirs(pasta, exist_ok=True)
        if not os.access(pasta, os.W_OK):
            return {"ok": False, "tipo": "arquivos", "erro": "pasta da fila sem permissão de escrita"}
        return {"ok": True, "tipo": "arquivos"}
    try:
        import redis

        cliente = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            cliente.ping()
        finally:
            cliente.close()
    except Exception as erro:
        return {"ok": False, "tipo": "redis", "erro": erro.__class__.__name__}
    return {"ok": True, "tipo": "redis", "ms": round((time.monotonic() - inicio) * 1000, 1)}


def idade_dos_batimentos() -> dict:
    """Segundos desde o último batimento do beat e do worker; None se nunca rodaram (ou o banco caiu)."""
    try:
        batimentos = {b.processo: b.em for b in Batimento.objects.all()}
    except Exception:
        return {"beat": None, "worker": None}
    agora = timezone.now()
    return {
        processo: (round((agora - batimentos[processo]).total_seconds()) if processo in batimentos else None)
        for processo in ("beat", "worker")
    }
