"""O que os serviços do atendimento compartilham."""


class ErroDoRequerimento(Exception):
    """Uma regra impediu a ação; a mensagem é para a pessoa. `campo`, quando há, diz a que campo pertence."""

    def __init__(self, mensagem: str, *, campo: str | None = None):
        super().__init__(mensagem)
        self.campo = campo
