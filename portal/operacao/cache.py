"""O cache no Redis, que não derruba a página nem desliga as travas quando o Redis está fora do ar.

O cache do portal guarda atalhos (o prazo do A3) e travas de segurança: o limite de tentativas de entrada e de
pedidos de senha (allauth e `limites.py`) e a marca do código TOTP já usado. As sessões ficam no banco. Com o
Redis parado, o RedisCache do Django levantava ConnectionError e a entrada respondia 500; tratar a falha como cache
vazio tiraria o 500, mas deixaria as travas sem efeito justamente durante a falha (cinco senhas erradas não
bloqueariam, um código TOTP poderia ser usado duas vezes). Aqui, cada operação que o Redis não atende vai ao cache
de reserva no PostgreSQL (`CACHES["reserva"]`, um DatabaseCache cuja tabela a migração operacao 0003 cria): as
travas continuam valendo entre todos os processos, só mais devagar, e cada falha fica no log. Quando o Redis volta,
as operações voltam a ele (os contadores da reserva não passam para o Redis: o limite recomeça do zero, o que só
alivia quem errou durante a falha). tests/test_falhas.py para o Redis e confere."""

import logging

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RESERVA = "reserva"


def _com_reserva(nome: str):
    original = getattr(RedisCache, nome)

    def metodo(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        except RedisError as erro:
            logger.warning("Redis indisponível (%s em %s); usando o cache de reserva no banco.",
                           erro.__class__.__name__, nome)
            return getattr(caches[RESERVA], nome)(*args, **kwargs)

    metodo.__name__ = nome
    return metodo


class RedisCacheTolerante(RedisCache):
    get = _com_reserva("get")
    get_many = _com_reserva("get_many")
    has_key = _com_reserva("has_key")
    add = _com_reserva("add")
    set = _com_reserva("set")
    set_many = _com_reserva("set_many")
    touch = _com_reserva("touch")
    delete = _com_reserva("delete")
    delete_many = _com_reserva("delete_many")
    incr = _com_reserva("incr")
    clear = _com_reserva("clear")
