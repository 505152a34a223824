"""Limite de requisições por endereço, no cache compartilhado (Redis em produção)."""

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def excedeu_limite(request, *, acao: str, maximo: int, janela_segundos: int) -> bool:
    # O IP vem pela mesma regra do limite de login do allauth (TRUSTED_PROXY_COUNT): um cliente não
    # escapa do limite forjando cabeçalhos.
    chave = f"limite:{acao}:{get_adapter(request).get_client_ip(request)}"
    try:
        if cache.add(chave, 1, janela_segundos):
            return False
        return cache.incr(chave) > maximo
    except Exception:  # cache fora do ar: não bloqueia o cidadão
        return False
