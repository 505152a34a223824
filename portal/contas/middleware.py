from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from portal.contas.perfil import carregar_perfil

_CHAVE_TOTP_NA_SESSAO = "servidor_com_totp"
_CAMINHOS_LIVRES = ("/conta/", "/static/", "/saude/", "/verificar/", "/favicon.ico")


def vinculo_ativo(get_response):
    """Põe em `request.perfil` a pessoa, a entidade pela qual ela age agora e os seus papéis."""

    def middleware(request):
        request.perfil = SimpleLazyObject(lambda: carregar_perfil(request))
        return get_response(request)

    return middleware


def exigir_totp_para_servidores(get_response):
    """Servidor do INSS sem TOTP ativado só alcança a ativação do TOTP (e sair)."""

    def middleware(request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(_CAMINHOS_LIVRES)
            and not request.session.get(_CHAVE_TOTP_NA_SESSAO)
            and request.perfil.servidor
        ):
            if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
                request.session[_CHAVE_TOTP_NA_SESSAO] = True
            else:
                messages.warning(
                    request,
                    "Servidores do INSS precisam da autenticação em dois fatores. Ative-a com um aplicativo "
                    "autenticador para continuar.",
                )
                return redirect(reverse("mfa_activate_totp"))
        return get_response(request)

    return middleware
