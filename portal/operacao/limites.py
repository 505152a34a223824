"""Limite de requisições por endereço, no cache compartilhado (Redis em produção)."""

from django.core.cache import cache


def _ip(request) -> str:
    # Atrás do nginx, REMOTE_ADDR é o proxy; o nginx põe o cliente em X-Real-IP.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")


def excedeu_limite(request, *, acao: str, maximo: int, janela_segundos: int) -> bool:
    chave = f"limite:{acao}:{_ip(request)}"
    try:
        if cache.add(chave, 1, janela_segundos):
            return False
        return cache.incr(chave) > maximo
    except Exception:  # cache fora do ar: não bloqueia o cidadão
        return False
