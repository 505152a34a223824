"""Leituras sobre pessoas e papéis, e o escopo regional que todo seletor do INSS aplica."""

from dataclasses import dataclass, field

from django.db.models import Q

from portal.contas.models import Lotacao


@dataclass(frozen=True)
class Escopo:
    """Onde um servidor alcança: o país (`tudo`), SRs, GEXs ou APSs, conforme as suas lotações."""

    tudo: bool = False
    srs: frozenset[int] = field(default_factory=frozenset)
    gexs: frozenset[int] = field(default_factory=frozenset)
    apss: frozenset[int] = field(default_factory=frozenset)
    gexs_das_apss: frozenset[int] = field(default_factory=frozenset)

    @property
    def vazio(self) -> bool:
        return not (self.tudo or self.srs or self.gexs or self.apss)

    def filtro(self, *, sr: str | None, gex: str | None, aps: str | None) -> Q:
        """O Q que restringe um queryset ao escopo, dados os caminhos até a SR, a GEX e a APS do objeto.
        Objetos sem APS (aps=None) ficam visíveis a quem está lotado numa APS da mesma GEX."""
        condicao = Q(pk__in=[])
        if sr and self.srs:
            condicao |= Q(**{f"{sr}__in": self.srs})
        gexs = self.gexs if aps else self.gexs | self.gexs_das_apss
        if gex and gexs:
            condicao |= Q(**{f"{gex}__in": gexs})
        if aps and self.apss:
            condicao |= Q(**{f"{aps}__in": self.apss})
        return condicao


def lotacoes_ativas_de(usuario) -> list[Lotacao]:
    if not usuario.is_authenticated:
        return []
    cache = getattr(usuario, "_lotacoes_ativas", None)
    if cache is None:
        cache = list(
            Lotacao.objects.filter(usuario=usuario, ativa=True).select_related("sr", "gex", "aps")
        )
        usuario._lotacoes_ativas = cache
    return cache


def escopo_inss(usuario, papeis: tuple[str, ...] | None = None) -> Escopo:
    """O escopo de um usuário como servidor do INSS, opcionalmente só pelas lotações com certos papéis.
    Sem lotação, o escopo é vazio: nada é visível. O administrador vê tudo."""
    if usuario.is_authenticated and usuario.is_superuser:
        return Escopo(tudo=True)
    srs, gexs, apss, gexs_das_apss = set(), set(), set(), set()
    for lotacao in lotacoes_ativas_de(usuario):
        if papeis is not None and lotacao.papel not in papeis:
            continue
        if lotacao.aps_id:
            apss.add(lotacao.aps_id)
            gexs_das_apss.add(lotacao.gex_id)
        elif lotacao.gex_id:
            gexs.add(lotacao.gex_id)
        elif lotacao.sr_id:
            srs.add(lotacao.sr_id)
        else:
            return Escopo(tudo=True)
    return Escopo(
        srs=frozenset(srs), gexs=frozenset(gexs), apss=frozenset(apss), gexs_das_apss=frozenset(gexs_das_apss)
    )
