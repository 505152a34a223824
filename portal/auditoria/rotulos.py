"""Como o histórico mostra as ações e os status gravados nos eventos (os nomes no banco são estáveis;
os rótulos podem mudar)."""

ACOES = {
    "entidade_criada": "Entidade cadastrada",
    "vinculo_criado": "Vínculo de representante criado",
    "entidade_escolhida": "Passou a agir pela entidade",
    "documento_emitido": "Documento emitido",
    "chamado_aberto": "Chamado aberto",
    "chamado_atribuido": "Chamado atribuído",
    "acompanhamento": "Acompanhamento",
    "nota_interna": "Nota interna",
    "chamado_pendente": "Pendência para a entidade",
    "chamado_solucionado": "Chamado solucionado",
    "solucao_aprovada": "Solução aprovada",
    "solucao_recusada": "Solução recusada",
    "fechado_automaticamente": "Fechado automaticamente (7 dias sem resposta)",
    "certificado_de_indisponibilidade": "Certificado de indisponibilidade emitido",
    "anexo_baixado": "Anexo baixado",
    "adesao_iniciada": "Adesão iniciada",
    "adesao_enviada": "Adesão enviada para análise",
    "adesao_documentos_pedidos": "Documentos pedidos à entidade",
    "adesao_documentos_enviados": "Entidade respondeu ao pedido",
    "adesao_aprovada": "Adesão aprovada",
    "adesao_recusada": "Adesão recusada",
    "checklist_marcado": "Checklist atualizado",
    "acordo_celebrado": "Acordo celebrado",
    "operacionalizacao_liberada": "Operacionalização liberada",
    "acordo_vencido": "Fim da vigência",
    "acordo_rescindido": "Acordo rescindido",
    "documento_de_adesao_baixado": "Documento da adesão baixado",
}

STATUS = {
    "novo": "Novo",
    "processando": "Processando (atribuído)",
    "pendente": "Pendente",
    "solucionado": "Solucionado",
    "fechado": "Fechado",
    "ativo": "Ativo",
}
