from django.conf import settings


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
