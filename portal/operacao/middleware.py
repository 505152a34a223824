from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage


def cabecalhos_de_seguranca(get_response):
    """CSP estrita (só a própria origem) e os demais cabeçalhos que o SecurityMiddleware não põe."""

    def middleware(request):
        resposta = get_response(request)
        resposta.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        resposta.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        resposta.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        resposta.headers.setdefault("X-Frame-Options", "DENY")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            resposta.headers.setdefault("Cache-Control", "private, no-store")
        return resposta

    return middleware


class _CookieDasMensagens(CookieStorage):
    @property
    def cookie_name(self) -> str:
        # __Host- exige Secure, Path=/ e nenhum Domain: só em produção, como o cookie da sessão (settings.py).
        return "__Host-messages" if settings.SESSION_COOKIE_SECURE else "messages"


class MensagensComPrefixoHost(FallbackStorage):
    """As mensagens de uma página para a seguinte ("Requerimento protocolado") num cookie que nenhum subdomínio
    grava nem lê; o que não couber nele vai para a sessão, como no FallbackStorage do Django."""

    storage_classes = (_CookieDasMensagens, SessionStorage)
