"""Quem está do outro lado da requisição: a pessoa, a entidade pela qual age agora, os seus papéis."""

from dataclasses import dataclass, field
from functools import cached_property

from portal.contas.models import Lotacao, PapelINSS
from portal.contas.selectors import lotacoes_ativas_de

CHAVE_VINCULO_NA_SESSAO = "vinculo_ativo_id"


@dataclass
class Perfil:
    usuario: object
    vinculos: list = field(default_factory=list)
    vinculo: object | None = None  # o vínculo pelo qual a pessoa age agora
    lotacoes: list[Lotacao] = field(default_factory=list)

    @property
    def autenticado(self) -> bool:
        return self.usuario.is_authenticated

    @property
    def administrador(self) -> bool:
        return self.autenticado and self.usuario.is_superuser

    @cached_property
    def papeis_inss(self) -> frozenset[str]:
        return frozenset(lotacao.papel for lotacao in self.lotacoes)

    @property
    def servidor(self) -> bool:
        """Servidor do INSS (ou administrador): precisa de TOTP."""
        return bool(self.lotacoes) or self.administrador

    def tem_papel_inss(self, *papeis: str) -> bool:
        return self.administrador or bool(self.papeis_inss.intersection(papeis))

    @property
    def entidade(self):
        return self.vinculo.entidade if self.vinculo else None

    @property
    def precisa_escolher_entidade(self) -> bool:
        return self.vinculo is None and len(self.vinculos) > 1

    @property
    def eh_gestor(self) -> bool:
        return bool(self.vinculo and self.vinculo.gestor)

    @property
    def eh_cadastrador(self) -> bool:
        return bool(self.vinculo and self.vinculo.cadastrador)

    @property
    def eh_atendente(self) -> bool:
        return bool(self.vinculo and self.vinculo.protocola)

    @cached_property
    def notificacoes_nao_lidas(self) -> int:
        from portal.notificacoes.selectors import contar_nao_lidas

        return contar_nao_lidas(self.usuario) if self.autenticado else 0

    @property
    def funcoes(self) -> list[str]:
        """Os papéis como o cabeçalho os mostra."""
        funcoes = list(self.vinculo.funcoes) if self.vinculo else []
        for lotacao in self.lotacoes:
            funcoes.append(f"{lotacao.get_papel_display()} — {lotacao.local}")
        if self.administrador and not self.lotacoes:
            funcoes.append("Administrador(a)")
        return funcoes


def carregar_perfil(request) -> Perfil:
    usuario = request.user
    if not usuario.is_authenticated:
        return Perfil(usuario=usuario)
    from portal.entidades.selectors import vinculos_validos_de

    vinculos = list(vinculos_validos_de(usuario))
    escolhido = request.session.get(CHAVE_VINCULO_NA_SESSAO)
    vinculo = next((v for v in vinculos if v.pk == escolhido), None)
    if vinculo is None and len(vinculos) == 1:
        vinculo = vinculos[0]
    return Perfil(usuario=usuario, vinculos=vinculos, vinculo=vinculo, lotacoes=lotacoes_ativas_de(usuario))


__all__ = ["CHAVE_VINCULO_NA_SESSAO", "PapelINSS", "Perfil", "carregar_perfil"]
