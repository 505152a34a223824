from portal.auditoria.services import evento_registrar
from portal.contas.perfil import CHAVE_VINCULO_NA_SESSAO


class ErroDeAcesso(Exception):
    """A pessoa não pode fazer isto; a mensagem diz por quê."""


def entidade_escolher(*, request, vinculo_id: int) -> None:
    """Passa a agir pela entidade do vínculo escolhido (que tem de ser um vínculo válido da pessoa)."""
    vinculo = next((v for v in request.perfil.vinculos if v.pk == vinculo_id), None)
    if vinculo is None:
        raise ErroDeAcesso("Você não representa essa entidade, ou o seu acesso a ela venceu.")
    request.session[CHAVE_VINCULO_NA_SESSAO] = vinculo.pk
    request.perfil.vinculo = vinculo
    evento_registrar(objeto=vinculo, acao="entidade_escolhida", por=request.user)
