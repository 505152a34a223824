import contextlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from certificados.cronograma import DATA_DA_PORTARIA
from certificados.models import CertificadoDoRepresentante, DocumentoEmitido, LoteDaMigracaoA3
from portal.acordos.models import Acordo
from portal.entidades.models import Entidade


def documento_pelo_par(*, codigo: str, crc: str) -> DocumentoEmitido | None:
    """A verificação pública: só o par exato (código verificador + CRC) encontra o documento."""
    codigo = "".join(c for c in codigo if c.isdigit())
    crc = crc.strip().upper()
    if len(codigo) != 10 or len(crc) != 8:
        return None
    return DocumentoEmitido.objects.filter(codigo_verificador=codigo, crc=crc).first()


def documentos_de(usuario) -> QuerySet[DocumentoEmitido]:
    """Os documentos que a pessoa emitiu ou recebeu."""
    return DocumentoEmitido.objects.filter(Q(emitido_para=usuario) | Q(emitido_por=usuario)).select_related(
        "entidade"
    )


# --- O prazo do certificado A3 de cada entidade (Portaria 96/2024, art. 1º e 2º, Anexo I) --------------------


class OrigemDoPrazo:
    DESDE_O_INICIO = "desde_o_inicio"  # acordo celebrado depois da Portaria (art. 1º, § 2º)
    LOTE = "lote"  # a linha do cronograma que alcança a entidade
    A_DEFINIR = "a_definir"  # a linha existe, sem data (o Rio Grande do Sul)
    SEM_LOTE = "sem_lote"  # nenhuma linha alcança a entidade ainda


@dataclass(frozen=True)
class PrazoDoA3:
    """Até quando a entidade entra no PAT com login e senha. `ultimo_dia` None: não há data (ainda)."""

    ultimo_dia: date | None
    origem: str
    lote: LoteDaMigracaoA3 | None = None

    def exige_a3(self, hoje: date) -> bool:
        return self.ultimo_dia is not None and hoje > self.ultimo_dia

    def dias_restantes(self, hoje: date) -> int | None:
        return None if self.ultimo_dia is None else (self.ultimo_dia - hoje).days

    @property
    def explicacao(self) -> str:
        if self.origem == OrigemDoPrazo.DESDE_O_INICIO:
            return ("O acordo da entidade foi celebrado depois da Portaria 96/2024: o acesso ao Portal de "
                    "Atendimento é só com certificado digital A3 desde o início (art. 1º, § 2º).")
        if self.origem == OrigemDoPrazo.A_DEFINIR:
            return f"{self.lote.nome}: o prazo ainda será definido. {self.lote.nota}".strip()
        if self.origem == OrigemDoPrazo.LOTE:
            return f"Cronograma de migração, {self.lote.nome} ({self.lote.periodo})."
        return "O cronograma de migração ainda não alcança a entidade."


def lote_da_entidade(entidade, lotes: list[LoteDaMigracaoA3]) -> LoteDaMigracaoA3 | None:
    """A linha do cronograma que alcança a entidade (SR, UF e tipo); havendo mais de uma, a mais nova (um lote
    criado depois pela administração prevalece sobre o anterior)."""
    alcancam = [
        lote for lote in lotes
        if (lote.sr_id is None or lote.sr_id == entidade.sr_id)
        and (not lote.ufs or entidade.uf_id in lote.ufs)
        and (not lote.tipos_de_entidade or entidade.tipo in lote.tipos_de_entidade)
    ]
    return max(alcancam, key=lambda lote: (lote.ordem, lote.pk)) if alcancam else None


def prazo_do_a3(entidade, *, lotes: list[LoteDaMigracaoA3] | None = None,
                inicio_do_acordo: date | None = None) -> PrazoDoA3:
    """O prazo da entidade. Quem passa muitas entidades (o monitoramento) passa os lotes e o início do acordo
    já lidos; sem eles, duas consultas."""
    if inicio_do_acordo is None:
        inicio_do_acordo = (Acordo.objects.filter(entidade=entidade).order_by("-vigencia_inicio")
                            .values_list("vigencia_inicio", flat=True).first())
    if inicio_do_acordo is not None and inicio_do_acordo > DATA_DA_PORTARIA:
        return PrazoDoA3(ultimo_dia=inicio_do_acordo - timedelta(days=1), origem=OrigemDoPrazo.DESDE_O_INICIO)
    lote = lote_da_entidade(entidade, list(LoteDaMigracaoA3.objects.all()) if lotes is None else lotes)
    if lote is None:
        return PrazoDoA3(ultimo_dia=None, origem=OrigemDoPrazo.SEM_LOTE)
    if lote.a_definir:
        return PrazoDoA3(ultimo_dia=None, origem=OrigemDoPrazo.A_DEFINIR, lote=lote)
    return PrazoDoA3(ultimo_dia=lote.fim, origem=OrigemDoPrazo.LOTE, lote=lote)


# Sem acordo, não há "A3 desde o início": uma data que nunca é posterior à Portaria faz `prazo_do_a3` seguir o
# cronograma sem consultar o acordo de novo (passar None o faria consultar, uma vez por entidade).
_SEM_ACORDO = date.min


def prazos_do_a3(entidades: list[Entidade] | QuerySet[Entidade]) -> dict[int, PrazoDoA3]:
    """O prazo de cada entidade (`prazo_do_a3`, para muitas) com duas consultas além da das entidades: os lotes
    e o início do acordo mais recente de cada uma. De um queryset, os acordos vêm por subconsulta (sem uma
    lista de milhares de ids)."""
    if isinstance(entidades, QuerySet):
        alcance, entidades = entidades.values("pk"), list(entidades)
    else:
        alcance = [entidade.pk for entidade in entidades]
    lotes = list(LoteDaMigracaoA3.objects.all())
    inicios = dict(
        Acordo.objects.filter(entidade__in=alcance).order_by()
        .values("entidade_id").annotate(inicio=Max("vigencia_inicio")).values_list("entidade_id", "inicio")
    )
    return {
        entidade.pk: prazo_do_a3(entidade, lotes=lotes, inicio_do_acordo=inicios.get(entidade.pk, _SEM_ACORDO))
        for entidade in entidades
    }


def certificados_validos_de(usuario) -> QuerySet[CertificadoDoRepresentante]:
    agora = timezone.now()
    return CertificadoDoRepresentante.objects.filter(usuario=usuario, removido_em__isnull=True,
                                                     valido_de__lte=agora, valido_ate__gt=agora)


# O prazo é lido em toda página do PAT; ele só muda quando muda o cronograma ou um acordo. Fica no cache por
# entidade, com uma "geração" que os sinais de certificados/apps.py avançam a cada lote ou acordo gravado:
# a página não paga as duas consultas, e nada fica velho. Sem cache (Redis fora), calcula-se na hora.
_GERACAO = "a3:cronograma:geracao"
_VALIDADE_NO_CACHE = 600


def prazo_do_a3_em_cache(entidade) -> PrazoDoA3:
    try:
        chave = f"a3:prazo:{cache.get_or_set(_GERACAO, 0, None)}:{entidade.pk}"
        guardado = cache.get(chave)
    except Exception:  # o cache é um atalho: fora do ar, o prazo vem do banco
        return prazo_do_a3(entidade)
    if guardado is None:
        guardado = prazo_do_a3(entidade)
        with contextlib.suppress(Exception):
            cache.set(chave, guardado, _VALIDADE_NO_CACHE)
    return guardado


def cronograma_mudou(**_kwargs) -> None:
    """Um lote ou um acordo foi gravado: os prazos guardados deixam de valer."""
    try:
        cache.incr(_GERACAO)
    except ValueError:
        cache.set(_GERACAO, 1, None)
    except Exception:  # noqa: S110 — sem cache, não há o que invalidar
        pass
