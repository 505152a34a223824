"""Toda mudança de estado de entidades e representantes. Um módulo por assunto; aqui, os nomes que o resto do
portal importa."""

from portal.entidades.services.acesso import (
    JANELA_DEPOIS_DO_VENCIMENTO,
    MARCOS_DE_VENCIMENTO,
    declaracao_de_vinculo_emitir,
    vinculos_lembrar_vencimento,
)
from portal.entidades.services.cadastro import (
    DocumentosObrigatorios,
    ErroDeEntidade,
    entidade_criar,
    vinculo_criar,
)
from portal.entidades.services.capacitacao import capacitacao_pep_registrar
from portal.entidades.services.representantes import (
    VALIDADE_MAXIMA_EM_ANOS,
    VALIDADE_PADRAO_EM_ANOS,
    envio_de_senha_registrar,
    representa_outra_entidade,
    representante_atualizar,
    representante_cadastrar,
    validade_padrao,
    vinculo_excluir,
    vinculo_prorrogar,
    vinculo_reativar,
)

__all__ = [
    "JANELA_DEPOIS_DO_VENCIMENTO",
    "MARCOS_DE_VENCIMENTO",
    "VALIDADE_MAXIMA_EM_ANOS",
    "VALIDADE_PADRAO_EM_ANOS",
    "DocumentosObrigatorios",
    "ErroDeEntidade",
    "capacitacao_pep_registrar",
    "declaracao_de_vinculo_emitir",
    "entidade_criar",
    "envio_de_senha_registrar",
    "representa_outra_entidade",
    "representante_atualizar",
    "representante_cadastrar",
    "validade_padrao",
    "vinculo_criar",
    "vinculo_excluir",
    "vinculo_prorrogar",
    "vinculo_reativar",
    "vinculos_lembrar_vencimento",
]
