from allauth.account.adapter import DefaultAccountAdapter
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


class AdaptadorMFA(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        usuario = authenticator.user
        if authenticator.type == Authenticator.Type.TOTP and (usuario.is_superuser or lotacoes_ativas_de(usuario)):
            return False  # para servidores, o TOTP é obrigatório
        return super().can_delete_authenticator(authenticator)
