"""As leituras da revisão regional: os números do painel, as listas que pedem ação, o escopo da gestora.

Tudo parte de `escopo_inss(usuario, GESTOR_REGIONAL)`: a SR de quem está lotado na SR, a GEX de quem está
lotado numa GEX, o país para o administrador. O painel, o relatório em PDF e a apresentação leem daqui, para
que os três digam os mesmos números.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from atendimento.models import Requerimento
from certificados.selectors_migracao import adocao_do_a3
from portal.acordos.models import Acordo, Adesao, StatusAcordo, StatusAdesao
from portal.contas.models import PapelINSS
from portal.contas.selectors import Escopo, escopo_inss, lotacoes_ativas_de
from portal.entidades.models import Entidade, Vinculo
from portal.organizacao.models import UF
from portal.painel.dados import DadosDoRelatorio, Secao

FAIXAS_DE_VENCIMENTO = (30, 60, 90)
DIAS_DE_VENCIMENTO_DO_ACESSO = 30
MESES_SEM_REQUERIMENTO = 3
DIAS_DAS_DECISOES = 30


def escopo_regional(usuario) -> Escopo:
    return escopo_inss(usuario, papeis=(PapelINSS.GESTOR_REGIONAL,))


def nome_da_regiao(usuario) -> str:
    """Como o painel se intitula: "Superintendência Regional Sudeste I", "GEX Campinas", ou o país."""
    if usuario.is_superuser:
        return "Brasil (todas as Superintendências Regionais)"
    locais = [str(lotacao.local) for lotacao in lotacoes_ativas_de(usuario)
              if lotacao.papel == PapelINSS.GESTOR_REGIONAL]
    return "; ".join(locais)


def _no_escopo(queryset: QuerySet, escopo: Escopo, prefixo: str) -> QuerySet:
    if escopo.tudo:
        return queryset
    return queryset.filter(escopo.filtro(sr=f"{prefixo}sr", gex=f"{prefixo}gex", aps=None))


@dataclass(frozen=True)
class Filtros:
    """O recorte que a gestora escolhe no painel; vale para os números e para as listas."""

    uf: str = ""
    busca: str = ""
    status: str = ""

    def entidades(self, prefixo: str) -> Q:
        condicao = Q()
        if self.uf:
            condicao &= Q(**{f"{prefixo}uf_id": self.uf})
        termo = self.busca.strip()
        if termo:
            digitos = "".join(c for c in termo if c.isdigit())
            por_texto = Q(**{f"{prefixo}razao_social__icontains": termo}) | Q(
                **{f"{prefixo}municipio__nome__icontains": termo})
            if len(digitos) >= 4:
                por_texto |= Q(**{f"{prefixo}cnpj__startswith": digitos})
            condicao &= por_texto
        return condicao


def _hoje() -> date:
    return timezone.localdate()


def _fim_do_dia(dia: date) -> datetime:
    return timezone.make_aware(datetime.combine(dia, datetime.max.time()))


def acordos(usuario, filtros: Filtros = Filtros()) -> QuerySet[Acordo]:
    base = Acordo.objects.select_related("entidade__municipio", "entidade__uf").filter(filtros.entidades("entidade__"))
    if filtros.status:
        base = base.filter(status=filtros.status)
    return _no_escopo(base, escopo_regional(usuario), "entidade__").order_by("entidade__razao_social", "-pk")


def acordos_vencendo(usuario, filtros: Filtros = Filtros(), dias: int = FAIXAS_DE_VENCIMENTO[-1]) -> QuerySet[Acordo]:
    hoje = _hoje()
    return (
        acordos(usuario, Filtros(uf=filtros.uf, busca=filtros.busca))
        .filter(status=StatusAcordo.VIGENTE, vigencia_fim__gte=hoje, vigencia_fim__lte=hoje + timedelta(days=dias))
        .order_by("vigencia_fim", "pk")
    )


def acordos_bloqueados(usuario, filtros: Filtros = Filtros()) -> QuerySet[Acordo]:
    """Aprovados mas com a operacionalização bloqueada pelo checklist: pedem ação da SR."""
    return (
        acordos(usuario, Filtros(uf=filtros.uf, busca=filtros.busca))
        .filter(status=StatusAcordo.EM_ANALISE).select_related("adesao").order_by("criado_em", "pk")
    )


def adesoes_aguardando(usuario, filtros: Filtros = Filtros()) -> QuerySet[Adesao]:
    base = Adesao.objects.select_related("entidade__municipio", "entidade__uf").filter(
        filtros.entidades("entidade__"), status__in=(StatusAdesao.EM_ANALISE, StatusAdesao.AGUARDANDO_ENTIDADE)
    )
    return _no_escopo(base, escopo_regional(usuario), "entidade__").order_by("enviada_em", "pk")


def _requerimento_recente() -> Exists:
    desde = timezone.now() - timedelta(days=30 * MESES_SEM_REQUERIMENTO)
    return Exists(Requerimento.objects.filter(entidade=OuterRef("pk"), protocolado_em__gte=desde))


def entidades_sem_requerimento(usuario, filtros: Filtros = Filtros()) -> QuerySet[Entidade]:
    """Entidades com acordo vigente que não protocolaram nada nos últimos 3 meses."""
    vigente = Exists(Acordo.objects.filter(entidade=OuterRef("pk"), status=StatusAcordo.VIGENTE))
    base = (
        Entidade.objects.select_related("municipio", "uf").filter(filtros.entidades(""))
        .filter(vigente).exclude(_requerimento_recente())
    )
    return _no_escopo(base, escopo_regional(usuario), "").order_by("razao_social", "pk")


def representantes_vencendo(usuario, filtros: Filtros = Filtros(),
                            dias: int = DIAS_DE_VENCIMENTO_DO_ACESSO) -> QuerySet[Vinculo]:
    agora = timezone.now()
    base = Vinculo.objects.select_related("usuario", "entidade__uf").filter(
        filtros.entidades("entidade__"), ativo=True, valido_ate__gt=agora,
        valido_ate__lte=_fim_do_dia(_hoje() + timedelta(days=dias)),
    )
    return _no_escopo(base, escopo_regional(usuario), "entidade__").order_by("valido_ate", "pk")


@dataclass
class Resumo:
    """Os números da região, em dados simples: o painel os mostra, o PDF e a apresentação os desenham."""

    regiao: str
    gerado_em: datetime
    por_status: dict[str, int] = field(default_factory=dict)
    por_uf: dict[str, dict[str, int]] = field(default_factory=dict)
    vencendo: dict[int, int] = field(default_factory=dict)
    adesoes: dict[str, int] = field(default_factory=dict)
    representantes: dict[str, int] = field(default_factory=dict)
    entidades_sem_requerimento: int = 0
    requerimentos: dict[str, int] = field(default_factory=dict)
    a3: object = None  # certificados.selectors_migracao.AdocaoDoA3

    @property
    def requerimentos_por_situacao(self) -> list[tuple[str, int]]:
        """Só contagens: a gestão regional vê o volume da região, nunca o requerimento de um cidadão. O que está
        em andamento, por situação, e as decisões dos últimos 30 dias."""
        from atendimento.models import STATUS_EM_ANDAMENTO, Decisao, StatusRequerimento

        rotulos = dict(StatusRequerimento.choices)
        em_andamento = [(rotulos[status], self.requerimentos.get(status, 0)) for status in STATUS_EM_ANDAMENTO]
        decididos = [(f"{rotulo}s nos últimos {DIAS_DAS_DECISOES} dias", self.requerimentos.get(decisao, 0))
                     for decisao, rotulo in Decisao.choices]
        return em_andamento + decididos

    @property
    def total_de_acordos(self) -> int:
        return sum(self.por_status.values())

    @property
    def rotulos_de_status(self) -> list[tuple[str, str]]:
        return list(StatusAcordo.choices)

    @property
    def total_de_adesoes(self) -> int:
        return sum(self.adesoes.values())

    @property
    def total_vencendo(self) -> int:
        return sum(self.vencendo.values())

    @property
    def tabela_por_uf(self) -> list[tuple[str, list[int], int]]:
        """UF, contagens na ordem dos status, total."""
        linhas = []
        for uf, contagens in sorted(self.por_uf.items()):
            valores = [contagens.get(status, 0) for status in StatusAcordo.values]
            linhas.append((uf, valores, sum(valores)))
        return linhas


def resumo_regional(usuario, filtros: Filtros = Filtros(), *, a3_por_lote: bool = False) -> Resumo:
    """Cinco consultas, quaisquer que sejam os dados: acordos (por UF e status, com as faixas de
    vencimento), adesões, representantes, requerimentos por situação, e as entidades com acordo vigente — a
    adoção do certificado A3 e as sem requerimento recente saem da mesma consulta agrupada. Com `a3_por_lote`
    (o relatório e a apresentação), mais a dos lotes do cronograma."""
    hoje = _hoje()
    faixas = {}
    inicio = hoje
    for dias in FAIXAS_DE_VENCIMENTO:
        fim = hoje + timedelta(days=dias)
        faixas[f"ate_{dias}"] = Count("pk", filter=Q(status=StatusAcordo.VIGENTE, vigencia_fim__gte=inicio,
                                                     vigencia_fim__lte=fim))
        inicio = fim + timedelta(days=1)
    linhas = (
        acordos(usuario, Filtros(uf=filtros.uf, busca=filtros.busca)).order_by()
        .values("entidade__uf_id", "status").annotate(n=Count("pk"), **faixas)
    )
    resumo = Resumo(regiao=nome_da_regiao(usuario), gerado_em=timezone.now())
    resumo.vencendo = dict.fromkeys(FAIXAS_DE_VENCIMENTO, 0)
    for linha in linhas:
        resumo.por_status[linha["status"]] = resumo.por_status.get(linha["status"], 0) + linha["n"]
        resumo.por_uf.setdefault(linha["entidade__uf_id"], {})[linha["status"]] = linha["n"]
        for dias in FAIXAS_DE_VENCIMENTO:
            resumo.vencendo[dias] += linha[f"ate_{dias}"]

    resumo.adesoes = dict(
        adesoes_aguardando(usuario, filtros).order_by().values_list("status").annotate(n=Count("pk"))
    )

    agora = timezone.now()
    limite = _fim_do_dia(hoje + timedelta(days=DIAS_DE_VENCIMENTO_DO_ACESSO))
    vinculos = _no_escopo(Vinculo.objects.filter(filtros.entidades("entidade__")), escopo_regional(usuario),
                          "entidade__")
    resumo.representantes = vinculos.aggregate(
        validos=Count("pk", filter=Q(ativo=True, valido_ate__gt=agora)),
        vencendo=Count("pk", filter=Q(ativo=True, valido_ate__gt=agora, valido_ate__lte=limite)),
        vencidos=Count("pk", filter=Q(ativo=True, valido_ate__lte=agora)),
        inativos=Count("pk", filter=Q(ativo=False)),
    )
    resumo.requerimentos = _requerimentos_em_numeros(usuario, filtros, agora)
    # As entidades de `entidades_sem_requerimento` são as da adoção do A3 (acordo vigente, no escopo, com os
    # filtros): a contagem vai junto, na mesma consulta.
    resumo.a3 = adocao_do_a3(usuario, filtros.entidades(""), por_lote=a3_por_lote,
                             contagens={"sem_requerimento": Count("pk", filter=~_requerimento_recente())})
    resumo.entidades_sem_requerimento = resumo.a3.extras["sem_requerimento"]
    return resumo


def _requerimentos_em_numeros(usuario, filtros: Filtros, agora: datetime) -> dict[str, int]:
    """Os em andamento por situação e os decididos nos últimos 30 dias por decisão, numa consulta (UNION ALL).
    Contar os concluídos desde sempre lia centenas de milhares de linhas por região (bench/RESULTS.md: o painel da
    Sudeste I levava 405 ms no p95); cada parte sai de um índice parcial, só do índice."""
    from atendimento.models import STATUS_EM_ANDAMENTO, StatusRequerimento

    da_regiao = _no_escopo(Requerimento.objects.filter(filtros.entidades("entidade__")), escopo_regional(usuario),
                           "entidade__").order_by()
    em_andamento = da_regiao.filter(status__in=STATUS_EM_ANDAMENTO).values_list("status").annotate(n=Count("*"))
    desde = agora - timedelta(days=DIAS_DAS_DECISOES)
    decididos = (
        da_regiao.filter(status=StatusRequerimento.CONCLUIDO, concluido_em__gte=desde)
        .values_list("decisao").annotate(n=Count("*"))
    )
    return dict(em_andamento.union(decididos, all=True))


def ufs_da_regiao(usuario) -> list[tuple[str, str]]:
    """As UFs que a gestora pode escolher no filtro: as da sua SR (ou da SR da sua GEX)."""
    escopo = escopo_regional(usuario)
    ufs = UF.objects.order_by("sigla")
    if not escopo.tudo:
        ufs = ufs.filter(Q(sr__in=escopo.srs) | Q(sr__gerencias__in=escopo.gexs)).distinct()
    return [(uf.sigla, f"{uf.sigla} — {uf.nome}") for uf in ufs]


@dataclass(frozen=True)
class Lista:
    """Uma lista do painel: a mesma definição serve à página, à exportação em CSV, ao PDF e à apresentação."""

    chave: str
    titulo: str
    cabecalho: tuple[str, ...]
    consulta: Callable[..., QuerySet]
    linha: Callable[[object], list[str]]
    link: Callable[[object], str]


def _dias_ate(dia: date) -> str:
    return str((dia - _hoje()).days)


def _link_da_entidade(entidade) -> str:
    return reverse("entidades:detalhe", args=[entidade.cnpj])


LISTAS = {
    lista.chave: lista
    for lista in (
        Lista(
            "acordos", "Acordos da região",
            ("Número", "Entidade", "Município/UF", "Situação", "Início", "Fim da vigência"),
            acordos,
            lambda a: [a.numero, a.entidade.razao_social, f"{a.entidade.municipio.nome}/{a.entidade.uf_id}",
                       a.get_status_display(), f"{a.vigencia_inicio:%d/%m/%Y}", f"{a.vigencia_fim:%d/%m/%Y}"],
            lambda a: _link_da_entidade(a.entidade),
        ),
        Lista(
            "vencendo", "Acordos vigentes que vencem em até 90 dias",
            ("Número", "Entidade", "UF", "Fim da vigência", "Dias restantes"),
            acordos_vencendo,
            lambda a: [a.numero, a.entidade.razao_social, a.entidade.uf_id, f"{a.vigencia_fim:%d/%m/%Y}",
                       _dias_ate(a.vigencia_fim)],
            lambda a: _link_da_entidade(a.entidade),
        ),
        Lista(
            "bloqueados", "Acordos com a operacionalização bloqueada pelo checklist",
            ("Número", "Entidade", "UF", "Aprovado em", "Falta"),
            acordos_bloqueados,
            lambda a: [a.numero, a.entidade.razao_social, a.entidade.uf_id, f"{a.criado_em:%d/%m/%Y}",
                       "; ".join(rotulo for rotulo, feito in a.adesao.checklist if not feito) if a.adesao else ""],
            lambda a: reverse("acordos:adesao_regional", args=[a.adesao_id]) if a.adesao_id
            else _link_da_entidade(a.entidade),
        ),
        Lista(
            "adesoes", "Adesões à espera",
            ("Entidade", "Município/UF", "Situação", "Enviada em"),
            adesoes_aguardando,
            lambda a: [a.entidade.razao_social, f"{a.entidade.municipio.nome}/{a.entidade.uf_id}",
                       a.get_status_display(), f"{timezone.localtime(a.enviada_em):%d/%m/%Y}" if a.enviada_em else ""],
            lambda a: reverse("acordos:adesao_regional", args=[a.pk]),
        ),
        Lista(
            "sem-requerimento", "Entidades com acordo vigente sem requerimento nos últimos 3 meses",
            ("Entidade", "CNPJ", "Município/UF", "Tipo"),
            entidades_sem_requerimento,
            lambda e: [e.razao_social, e.cnpj_formatado, f"{e.municipio.nome}/{e.uf_id}", e.get_tipo_display()],
            _link_da_entidade,
        ),
        Lista(
            "representantes", "Representantes com acesso vencendo em 30 dias",
            ("Representante", "Entidade", "UF", "Papel", "Acesso válido até"),
            representantes_vencendo,
            lambda v: [v.usuario.nome, v.entidade.razao_social, v.entidade.uf_id, v.get_papel_display(),
                       f"{timezone.localtime(v.valido_ate):%d/%m/%Y}"],
            lambda v: _link_da_entidade(v.entidade),
        ),
    )
}

# As listas que o relatório e a apresentação trazem como "precisam de ação", nesta ordem.
LISTAS_DE_ACAO = ("vencendo", "bloqueados", "adesoes", "representantes", "sem-requerimento")


def dados_do_relatorio(usuario, *, linhas_por_secao: int = 60) -> DadosDoRelatorio:
    secoes = []
    for chave in LISTAS_DE_ACAO:
        lista = LISTAS[chave]
        consulta = lista.consulta(usuario)
        secoes.append(Secao(
            titulo=lista.titulo, cabecalho=list(lista.cabecalho), total=consulta.count(),
            linhas=[lista.linha(objeto) for objeto in consulta[:linhas_por_secao]],
        ))
    return DadosDoRelatorio(resumo=resumo_regional(usuario, a3_por_lote=True), secoes=secoes)
