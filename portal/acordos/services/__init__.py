"""Adesão e vida do acordo: cada mudança numa transação, guardada pelo status anterior, com evento.

Um pacote por assunto (o arquivo único passou de 500 linhas); quem chama importa daqui."""

from portal.acordos.services._comum import DocumentoNovo, ErroDoAcordo
from portal.acordos.services.adesao import (
    CAMPOS_DO_CHECKLIST,
    DOCUMENTOS_SEMPRE_EXIGIDOS,
    adesao_aprovar,
    adesao_enviar,
    adesao_iniciar,
    adesao_pedir_documentos,
    adesao_recusar,
    adesao_responder,
    checklist_marcar,
    pendencias_da_adesao,
)
from portal.acordos.services.cadastro import (
    CPF_JA_TEM_CONTA,
    ENTIDADE_JA_CADASTRADA,
    ContaNova,
    ErroDoCadastro,
    adesao_cadastrar_entidade,
)
from portal.acordos.services.cessao import MESES_MAXIMOS_DA_CESSAO, cessao_registrar, cessao_renovar
from portal.acordos.services.vigencia import (
    MARCOS_DA_VIGENCIA,
    PRAZO_DA_ENTIDADE_NA_ADESAO,
    acordo_rescindir,
    acordos_lembrar_vencimento,
    acordos_vencer,
    adesoes_lembrar_pedidos,
    solicitacao_criar,
    solicitacao_decidir,
)

__all__ = [
    "CAMPOS_DO_CHECKLIST", "CPF_JA_TEM_CONTA", "DOCUMENTOS_SEMPRE_EXIGIDOS", "ENTIDADE_JA_CADASTRADA",
    "MARCOS_DA_VIGENCIA", "MESES_MAXIMOS_DA_CESSAO", "PRAZO_DA_ENTIDADE_NA_ADESAO", "ContaNova", "DocumentoNovo",
    "ErroDoAcordo", "ErroDoCadastro", "acordo_rescindir", "acordos_lembrar_vencimento", "acordos_vencer",
    "adesao_aprovar", "adesao_cadastrar_entidade", "adesao_enviar", "adesao_iniciar", "adesao_pedir_documentos",
    "adesao_recusar", "adesao_responder", "adesoes_lembrar_pedidos", "cessao_registrar", "cessao_renovar",
    "checklist_marcar", "pendencias_da_adesao", "solicitacao_criar", "solicitacao_decidir",
]
