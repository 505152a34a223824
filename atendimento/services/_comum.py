"""O que os serviços do atendimento compartilham."""

from atendimento.models import Requerimento, StatusRequerimento
from portal.validadores import formatar_protocolo


class ErroDoRequerimento(Exception):
    """Uma regra impediu a ação; a mensagem é para a pessoa. `campo`, quando há, diz a que campo pertence."""

    def __init__(self, mensagem: str, *, campo: str | None = None):
        super().__init__(mensagem)
        self.campo = campo


def travar_rascunho(requerimento):
    """Trava e relê o rascunho; recusa se já não é rascunho (quem chama está numa transação)."""
    atual = Requerimento.objects.select_for_update().select_related("entidade", "servico").get(pk=requerimento.pk)
    if atual.status != StatusRequerimento.RASCUNHO:
        raise ErroDoRequerimento(
            f"O requerimento já foi protocolado sob o número {formatar_protocolo(atual.protocolo)}; não muda mais "
            "por aqui. Para completar, responda às exigências do INSS."
        )
    return atual
