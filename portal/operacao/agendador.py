"""O agendador do beat, que anota o próprio batimento: /saude/ sabe quando o beat rodou pela última vez
mesmo que nenhum worker esteja consumindo a fila."""

import logging
import time

from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)


class AgendadorComBatimento(PersistentScheduler):
    intervalo_batimento = 30.0
    _ultimo_batimento = 0.0

    def tick(self, *args, **kwargs):
        agora = time.monotonic()
        if agora - self._ultimo_batimento >= self.intervalo_batimento:
            self._ultimo_batimento = agora
            try:
                from django.db import close_old_connections

                from portal.operacao.services import batimento_registrar

                close_old_connections()
                batimento_registrar(processo="beat")
            except Exception:  # o banco fora do ar não pode parar o relógio; /saude/ mostrará o atraso
                logger.exception("Não foi possível registrar o batimento do beat.")
        return super().tick(*args, **kwargs)
