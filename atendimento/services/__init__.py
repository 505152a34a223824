"""Os serviços do atendimento, por assunto: documentos (limites do PAT), protocolo (do rascunho ao
protocolo), análise e exigências, autodeclaração rural. Quem chama importa daqui ou do módulo do assunto."""

from atendimento.services._comum import ErroDoRequerimento

__all__ = ["ErroDoRequerimento"]
