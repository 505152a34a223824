import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from portal.contas.selectors import lotacoes_ativas_de


class AdaptadorDeContas(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": "CPF ou senha incorretos. Confira e tente de novo.",
        "too_many_login_attempts": (
            "Muitas tentativas sem sucesso para este CPF. Aguarde alguns minutos e tente de novo, "
            "ou redefina a sua senha."
        ),
        "account_inactive": "Este acesso está desativado. Procure o cadastrador externo da sua entidade.",
        "rate_limited": "Muitas solicitações seguidas. Aguarde um pouco e tente de novo.",
    }

    def is_open_for_signup(self, request) -> bool:
        # Representantes são cadastrados pelo cadastrador externo da entidade; servidores, pelo INSS.
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """O servidor recém-entrado, obrigado a ativar o TOTP, não digita a senha de novo: a entrada com
        senha há menos de ACCOUNT_REAUTHENTICATION_TIMEOUT vale como reautenticação só para ativar o
        primeiro autenticador. Para trocar ou remover um autenticador, a regra do allauth continua."""
        request = context.request
        if (
            app == "allauth.mfa"
            and request is not None
            and request.user.is_authenticated
            and not Authenticator.objects.filter(user=request.user).exists()
        ):
            registros = get_authentication_records(request, request.user)
            entrou_com_senha = [r for r in registros if r.get("method") == "password"]
            recente = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
            if entrou_com_senha and entrou_com_senha[-1]["at"] > recente:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class AdaptadorMFA(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        usuario = authenticator.user
        if authenticator.type == Authenticator.Type.TOTP and (usuario.is_superuser or lotacoes_ativas_de(usuario)):
            return False  # para servidores, o TOTP é obrigatório
        return super().can_delete_authenticator(authenticator)
