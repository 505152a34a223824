"""As leituras das etapas do art. 5º da Portaria 96/2024 (seed 004): quem a gestão regional alcança com
comunicados e webinars (sensibilização), o cronograma como a Portaria o publica (orientações gerais) e a adoção
do A3 por SR, UF, tipo de entidade e lote (monitoramento).

A adoção conta as entidades com acordo vigente no escopo da gestão regional (a SR, a GEX, ou o país para o
administrador). Uma entidade está migrada quando tem ao menos um representante com vínculo ativo e válido e
todos eles têm um certificado A3 (ou A4) válido. Os números saem de duas consultas, quaisquer que sejam os
dados: os lotes, e as entidades agrupadas por (SR, UF, tipo, acordo depois da Portaria), com as contagens dos
representantes somadas em cada grupo. O lote de cada grupo sai de `lote_da_entidade`, porque SR, UF e tipo (e o
acordo depois da Portaria) o determinam.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from certificados.cronograma import ANEXO_I, DATA_DA_PORTARIA
from certificados.models import (
    CertificadoDoRepresentante,
    ComunicadoA3,
    LoteDaMigracaoA3,
    OrientacaoA3,
    TipoDeOrientacao,
    Webinario,
)
from certificados.selectors import PrazoDoA3, lote_da_entidade, prazo_do_a3
from portal.acordos.models import Acordo, StatusAcordo
from portal.contas.models import PapelINSS, Usuario
from portal.contas.selectors import escopo_inss, lotacoes_ativas_de
from portal.entidades.models import Entidade, TipoEntidade, Vinculo
from portal.organizacao.models import UF, SuperintendenciaRegional

# Os grupos de entidades que nenhum lote do cronograma descreve.
GRUPO_DESDE_O_INICIO = "desde-o-inicio"
GRUPO_SEM_LOTE = "sem-lote"
ROTULO_DESDE_O_INICIO = "Acordo depois da Portaria (A3 desde o início)"
ROTULO_SEM_LOTE = "Fora do cronograma (sem lote)"


# --- Quem a gestão regional alcança ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Alcance:
    """Onde a pessoa fala sobre o A3. Quem está lotado na SR envia comunicados e agenda webinars para a SR;
    quem está lotado numa GEX vê os da sua SR, mas não envia: o comunicado e o webinar têm por público uma SR
    inteira. O administrador alcança todas, e também o público "todas as SRs" (sr vazia)."""

    tudo: bool = False
    srs_para_enviar: frozenset[int] = field(default_factory=frozenset)
    srs_para_ver: frozenset[int] = field(default_factory=frozenset)

    @property
    def envia(self) -> bool:
        return self.tudo or bool(self.srs_para_enviar)

    def pode_enviar_para(self, sr_id: int | None) -> bool:
        return self.tudo or (sr_id is not None and sr_id in self.srs_para_enviar)


def alcance_do_a3(usuario) -> Alcance:
    if not usuario.is_authenticated:
        return Alcance()
    if usuario.is_superuser:
        return Alcance(tudo=True)
    enviar, ver = set(), set()
    for lotacao in lotacoes_ativas_de(usuario):
        if lotacao.papel != PapelINSS.GESTOR_REGIONAL:
            continue
        if lotacao.gex_id or lotacao.aps_id:
            ver.add(lotacao.sr_id or lotacao.gex.sr_id)
        elif lotacao.sr_id:
            enviar.add(lotacao.sr_id)
            ver.add(lotacao.sr_id)
        else:
            return Alcance(tudo=True)
    return Alcance(srs_para_enviar=frozenset(enviar), srs_para_ver=frozenset(ver))


def srs_para_enviar(usuario) -> QuerySet[SuperintendenciaRegional]:
    alcance = alcance_do_a3(usuario)
    srs = SuperintendenciaRegional.objects.order_by("numero")
    return srs if alcance.tudo else srs.filter(pk__in=alcance.srs_para_enviar)


def comunicados_visiveis_para(usuario) -> QuerySet[ComunicadoA3]:
    """Os comunicados da SR de quem está na gestão regional (todos, para o administrador). Os de outra SR não
    aparecem: a view responde 404, como para tudo o que não é do escopo."""
    alcance = alcance_do_a3(usuario)
    base = ComunicadoA3.objects.select_related("sr", "criado_por").order_by("-criado_em", "-pk")
    return base if alcance.tudo else base.filter(sr__in=alcance.srs_para_ver)


def webinarios_visiveis_para(usuario) -> QuerySet[Webinario]:
    alcance = alcance_do_a3(usuario)
    base = Webinario.objects.select_related("sr", "criado_por").order_by("-quando", "-pk")
    return base if alcance.tudo else base.filter(sr__in=alcance.srs_para_ver)


def representantes_da_sr(sr: SuperintendenciaRegional | None) -> QuerySet[Usuario]:
    """Uma consulta: as pessoas com vínculo ativo e válido numa entidade da SR (sem SR: de todas as entidades),
    cada uma uma vez, mesmo que represente mais de uma entidade."""
    vinculos = Vinculo.objects.filter(usuario=OuterRef("pk"), ativo=True, valido_ate__gt=timezone.now(),
                                      usuario__is_active=True)
    if sr is not None:
        vinculos = vinculos.filter(entidade__sr=sr)
    return Usuario.objects.filter(Exists(vinculos)).only("pk", "nome", "email").order_by("pk")


def lotes_da_sr(sr: SuperintendenciaRegional | None, lotes: list[LoteDaMigracaoA3] | None = None
                ) -> list[LoteDaMigracaoA3]:
    """Os lotes que alcançam entidades da SR (os sem SR alcançam todas); sem SR, o cronograma inteiro."""
    if lotes is None:
        lotes = list(LoteDaMigracaoA3.objects.select_related("sr"))
    return [lote for lote in lotes if sr is None or lote.sr_id is None or lote.sr_id == sr.pk]


def webinarios_futuros(*, srs: frozenset[int] | set[int] | None) -> QuerySet[Webinario]:
    """Os webinars que ainda vão acontecer para o público das SRs dadas (e os para todas as SRs); srs None: todos.
    Um webinar fica na lista até uma hora depois do começo, para quem chega atrasado achar o endereço."""
    base = Webinario.objects.select_related("sr").filter(quando__gte=timezone.now() - timedelta(hours=1))
    if srs is not None:
        base = base.filter(Q(sr__isnull=True) | Q(sr__in=srs))
    return base.order_by("quando", "pk")


# --- O cronograma como a Portaria o publica (Anexo I) ---------------------------------------------------------


@dataclass(frozen=True)
class LinhaDoAnexo:
    data: str
    superintendencia: str
    oabs: str


def _juntar(itens: list[str]) -> str:
    return itens[0] if len(itens) == 1 else f"{', '.join(itens[:-1])} e {itens[-1]}"


def _periodo(inicio: date | None, fim: date | None) -> str:
    if fim is None:
        return "a definir"
    if inicio is None or inicio == fim:
        return f"{fim:%d/%m/%Y}"
    return f"{inicio:%d/%m/%Y} a {fim:%d/%m/%Y}"


def anexo_i(lotes: list[LoteDaMigracaoA3]) -> tuple[list[LinhaDoAnexo], list[str]]:
    """As seis linhas do Anexo I, como publicadas (DATA | SUPERINTENDÊNCIA REGIONAL | OABs), e as notas de
    rodapé. Vêm do texto da Portaria (`cronograma.ANEXO_I`), não do que a administração editar depois; a UF
    sem data entra entre parênteses, com asterisco, na linha da sua SR. Se a administração já deu data ao lote
    "a definir", a nota o diz. Os nomes das SRs saem dos lotes (lidos com `select_related("sr")`)."""
    nomes = {lote.sr.numero: lote.sr.nome.upper() for lote in lotes if lote.sr_id}
    linhas: list[tuple[int, str, list[str]]] = []
    notas = []
    for _ordem, nome, inicio, fim, sr, ufs, nota in ANEXO_I:
        if fim is None:
            linha = next((item for item in linhas if item[0] == sr), None)
            if linha is not None:
                linha[2].extend(f"({uf})*" for uf in ufs)
            nota_completa = f"* {nota}"
            definido = next((lote for lote in lotes if lote.nome == nome and lote.fim is not None), None)
            if definido is not None:
                nota_completa += f" Prazo definido depois pela administração: {definido.periodo}."
            notas.append(nota_completa)
            continue
        linhas.append((sr, _periodo(inicio, fim), list(ufs)))
    return [LinhaDoAnexo(data=data, superintendencia=nomes.get(sr, str(sr)), oabs=_juntar(ufs))
            for sr, data, ufs in linhas], notas


def lotes_novos(lotes: list[LoteDaMigracaoA3]) -> list[LoteDaMigracaoA3]:
    """Os lotes que a administração criou depois da Portaria (os que não são linhas do Anexo I)."""
    do_anexo = {nome for _ordem, nome, *_resto in ANEXO_I}
    return [lote for lote in lotes if lote.nome not in do_anexo]


def rotulos_de_tipos(tipos: list[str]) -> str:
    if not tipos:
        return "Todos"
    rotulos = dict(TipoEntidade.choices)
    return ", ".join(rotulos.get(tipo, tipo) for tipo in tipos)


def orientacoes() -> tuple[list[OrientacaoA3], list[OrientacaoA3]]:
    """Materiais e perguntas frequentes, numa consulta."""
    todas = list(OrientacaoA3.objects.order_by("tipo", "ordem", "pk"))
    return ([o for o in todas if o.tipo == TipoDeOrientacao.MATERIAL],
            [o for o in todas if o.tipo == TipoDeOrientacao.PERGUNTA])


# --- Monitoramento: a adoção do A3 ----------------------------------------------------------------------------


def escopo_do_monitoramento(usuario):
    return escopo_inss(usuario, papeis=(PapelINSS.GESTOR_REGIONAL,))


def _certificado_valido(usuario_ref) -> Exists:
    agora = timezone.now()
    return Exists(CertificadoDoRepresentante.objects.filter(
        usuario=usuario_ref, removido_em__isnull=True, valido_de__lte=agora, valido_ate__gt=agora))


def _vinculos_validos(entidade_ref) -> QuerySet[Vinculo]:
    return Vinculo.objects.filter(entidade=entidade_ref, ativo=True, valido_ate__gt=timezone.now())


def _acordo_depois_da_portaria(entidade_ref) -> Exists:
    """O mesmo critério de `prazo_do_a3`: o acordo mais recente começou depois da Portaria (basta que algum)."""
    return Exists(Acordo.objects.filter(entidade=entidade_ref, vigencia_inicio__gt=DATA_DA_PORTARIA))


def entidades_acompanhadas(usuario, condicao: Q | None = None) -> QuerySet[Entidade]:
    """As entidades com acordo vigente no escopo da gestão regional — as que entram no PAT."""
    base = Entidade.objects.filter(condicao or Q()).filter(
        Exists(Acordo.objects.filter(entidade=OuterRef("pk"), status=StatusAcordo.VIGENTE)))
    escopo = escopo_do_monitoramento(usuario)
    if escopo.tudo:
        return base
    return base.filter(escopo.filtro(sr="sr", gex="gex", aps=None))


def _com_situacao_do_a3(entidades: QuerySet[Entidade]) -> QuerySet[Entidade]:
    """`tem_representante`, `falta_a3` (algum representante sem A3 válido) e `desde_o_inicio`."""
    return entidades.annotate(
        tem_representante=Exists(_vinculos_validos(OuterRef("pk"))),
        falta_a3=Exists(_vinculos_validos(OuterRef("pk")).exclude(_certificado_valido(OuterRef("usuario")))),
        desde_o_inicio=_acordo_depois_da_portaria(OuterRef("pk")),
    )


MIGRADA = Q(tem_representante=True, falta_a3=False)


@dataclass
class Adocao:
    """Uma linha das tabelas de adoção: entidades (migradas de quantas) e representantes (com A3 de quantos)."""

    rotulo: str
    chave: str = ""
    detalhe: str = ""
    entidades: int = 0
    migradas: int = 0
    representantes: int = 0
    com_a3: int = 0

    @property
    def nao_migradas(self) -> int:
        return self.entidades - self.migradas

    @staticmethod
    def _percentual(parte: int, todo: int) -> str:
        return f"{round(100 * parte / todo)}%" if todo else "—"

    @property
    def percentual_de_entidades(self) -> str:
        return self._percentual(self.migradas, self.entidades)

    @property
    def percentual_de_representantes(self) -> str:
        return self._percentual(self.com_a3, self.representantes)

    def somar(self, entidades: int = 0, migradas: int = 0, representantes: int = 0, com_a3: int = 0) -> None:
        self.entidades += entidades
        self.migradas += migradas
        self.representantes += representantes
        self.com_a3 += com_a3


@dataclass
class AdocaoDoA3:
    total: Adocao
    por_sr: list[Adocao]
    por_uf: list[Adocao]
    por_tipo: list[Adocao]
    por_lote: list[Adocao]
    extras: dict[str, int] = field(default_factory=dict)

    @property
    def dimensoes(self) -> list[tuple[str, str, list[Adocao]]]:
        """(chave, título, linhas), na ordem das tabelas da página."""
        return [("sr", "Por Superintendência Regional", self.por_sr), ("uf", "Por UF", self.por_uf),
                ("tipo", "Por tipo de entidade", self.por_tipo), ("lote", "Por lote do cronograma", self.por_lote)]

    @property
    def tabelas_do_relatorio(self) -> list[tuple[str, list[Adocao]]]:
        """As do relatório regional em PDF: por UF e por lote."""
        return [("UF", self.por_uf), ("Lote do cronograma", self.por_lote)]


def _grupo_do_lote(sr_id: int, uf_id: str, tipo: str, desde_o_inicio: bool,
                   lotes: list[LoteDaMigracaoA3]) -> LoteDaMigracaoA3 | str:
    if desde_o_inicio:
        return GRUPO_DESDE_O_INICIO
    lote = lote_da_entidade(SimpleNamespace(sr_id=sr_id, uf_id=uf_id, tipo=tipo), lotes)
    return lote if lote is not None else GRUPO_SEM_LOTE


def situacao_do_lote(lote: LoteDaMigracaoA3, hoje: date) -> str:
    if lote.fim is None:
        return "a definir"
    if lote.fim < hoje:
        return "prazo encerrado"
    if lote.inicio and lote.inicio > hoje:
        return "a começar"
    return "em curso"


def adocao_do_a3(usuario, condicao: Q | None = None, *, lotes: list[LoteDaMigracaoA3] | None = None,
                 por_lote: bool = True, contagens: dict[str, Aggregate] | None = None,
                 hoje: date | None = None) -> AdocaoDoA3:
    """Uma consulta agrupada, quaisquer que sejam os dados, mais a dos lotes se `por_lote` e eles não vierem já
    lidos. `contagens` junta à mesma consulta outras contagens sobre as mesmas entidades (o painel conta ali as
    sem requerimento recente); os totais voltam em `extras`."""
    hoje = hoje or timezone.localdate()
    if por_lote and lotes is None:
        lotes = list(LoteDaMigracaoA3.objects.select_related("sr"))
    contagens = contagens or {}
    chaves = ("sr_id", "sr__nome", "uf_id", "tipo", "desde_o_inicio")
    linhas = (
        _com_situacao_do_a3(entidades_acompanhadas(usuario, condicao))
        .annotate(representantes_validos=_contagem(_vinculos_validos(OuterRef("pk"))),
                  representantes_com_a3=_contagem(
                      _vinculos_validos(OuterRef("pk")).filter(_certificado_valido(OuterRef("usuario")))))
        .order_by().values(*chaves)
        .annotate(n=Count("pk"), n_migradas=Count("pk", filter=MIGRADA), n_representantes=Sum("representantes_validos"),
                  n_com_a3=Sum("representantes_com_a3"), **contagens)
    )

    total = Adocao("Total")
    extras = dict.fromkeys(contagens, 0)
    por_sr: dict[int, Adocao] = {}
    por_uf: dict[str, Adocao] = {}
    por_tipo: dict[str, Adocao] = {}
    por_grupo: dict[object, Adocao] = {}
    rotulos_de_tipo = dict(TipoEntidade.choices)
    for linha in linhas:
        numeros = {"entidades": linha["n"], "migradas": linha["n_migradas"],
                   "representantes": linha["n_representantes"] or 0, "com_a3": linha["n_com_a3"] or 0}
        for nome in contagens:
            extras[nome] += linha[nome]
        sr_id, uf, tipo = linha["sr_id"], linha["uf_id"], linha["tipo"]
        total.somar(**numeros)
        por_sr.setdefault(sr_id, Adocao(linha["sr__nome"], chave=str(sr_id))).somar(**numeros)
        por_uf.setdefault(uf, Adocao(uf, chave=uf)).somar(**numeros)
        por_tipo.setdefault(tipo, Adocao(rotulos_de_tipo.get(tipo, tipo), chave=tipo)).somar(**numeros)
        if not por_lote:
            continue
        grupo = _grupo_do_lote(sr_id, uf, tipo, bool(linha["desde_o_inicio"]), lotes)
        if grupo == GRUPO_DESDE_O_INICIO:
            adocao = Adocao(ROTULO_DESDE_O_INICIO, chave=grupo, detalhe="prazo: a véspera do início do acordo")
        elif grupo == GRUPO_SEM_LOTE:
            adocao = Adocao(ROTULO_SEM_LOTE, chave=grupo, detalhe="sem prazo")
        else:
            adocao = Adocao(grupo.nome, chave=str(grupo.pk),
                            detalhe=f"{grupo.periodo} ({situacao_do_lote(grupo, hoje)})")
        por_grupo.setdefault(adocao.chave, adocao).somar(**numeros)

    ordem_dos_lotes = {str(lote.pk): (lote.ordem, lote.pk) for lote in lotes or []}
    ordem_dos_lotes |= {GRUPO_DESDE_O_INICIO: (10**6, 0), GRUPO_SEM_LOTE: (10**6, 1)}
    return AdocaoDoA3(
        total=total,
        por_sr=sorted(por_sr.values(), key=lambda adocao: adocao.rotulo),
        por_uf=[por_uf[uf] for uf in sorted(por_uf)],
        por_tipo=sorted(por_tipo.values(), key=lambda adocao: adocao.rotulo),
        por_lote=[por_grupo[chave] for chave in sorted(por_grupo, key=ordem_dos_lotes.__getitem__)],
        extras=extras,
    )


# --- Monitoramento: as entidades que ainda não migraram -------------------------------------------------------


@dataclass(frozen=True)
class FiltroDoA3:
    sr: int | None = None
    uf: str = ""
    tipo: str = ""
    lote: str = ""  # pk do lote, GRUPO_DESDE_O_INICIO ou GRUPO_SEM_LOTE
    busca: str = ""

    def condicao(self) -> Q:
        condicao = Q()
        if self.sr:
            condicao &= Q(sr_id=self.sr)
        if self.uf:
            condicao &= Q(uf_id=self.uf)
        if self.tipo:
            condicao &= Q(tipo=self.tipo)
        termo = self.busca.strip()
        if termo:
            digitos = "".join(c for c in termo if c.isdigit())
            por_texto = Q(razao_social__icontains=termo) | Q(municipio__nome__icontains=termo)
            if len(digitos) >= 4:
                por_texto |= Q(cnpj__startswith=digitos)
            condicao &= por_texto
        return condicao


def _condicao_do_lote(lote: LoteDaMigracaoA3) -> Q:
    """Espelha `lote_da_entidade` em SQL, para ordenar e filtrar a lista no banco."""
    condicao = Q(pk__isnull=False)
    if lote.sr_id:
        condicao &= Q(sr_id=lote.sr_id)
    if lote.ufs:
        condicao &= Q(uf_id__in=lote.ufs)
    if lote.tipos_de_entidade:
        condicao &= Q(tipo__in=lote.tipos_de_entidade)
    return condicao


def _contagem(vinculos: QuerySet[Vinculo]) -> Coalesce:
    return Coalesce(Subquery(vinculos.order_by().values("entidade").annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), 0)


def entidades_nao_migradas(usuario, filtro: FiltroDoA3, lotes: list[LoteDaMigracaoA3]) -> QuerySet[Entidade]:
    """As entidades acompanhadas que ainda não migraram, as de prazo mais antigo primeiro (quem já perdeu o
    acesso com senha antes), com o início do acordo mais recente — para `prazo_do_a3` não consultar de novo —
    e quantos representantes têm A3. O lote e o dia a partir do qual o A3 é exigido são calculados no banco
    pelos lotes já lidos, a mesma regra de `lote_da_entidade` (a mais nova que alcança a entidade vence)."""
    por_prioridade = sorted(lotes, key=lambda lote: (lote.ordem, lote.pk), reverse=True)
    grupo = Case(
        When(desde_o_inicio=True, then=Value(GRUPO_DESDE_O_INICIO)),
        *[When(_condicao_do_lote(lote), then=Value(str(lote.pk))) for lote in por_prioridade],
        default=Value(GRUPO_SEM_LOTE), output_field=CharField(),
    )
    exige_a3_desde = Case(
        When(desde_o_inicio=True, then=F("inicio_do_acordo")),
        *[When(_condicao_do_lote(lote), then=Value(lote.fim + timedelta(days=1) if lote.fim else None))
          for lote in por_prioridade],
        default=Value(None), output_field=DateField(),
    )
    inicio_do_acordo = Subquery(Acordo.objects.filter(entidade=OuterRef("pk")).order_by("-vigencia_inicio")
                                .values("vigencia_inicio")[:1], output_field=DateField())
    consulta = (
        _com_situacao_do_a3(entidades_acompanhadas(usuario, filtro.condicao()))
        .exclude(MIGRADA)
        .annotate(inicio_do_acordo=inicio_do_acordo)
        .annotate(
            grupo_do_lote=grupo, exige_a3_desde=exige_a3_desde,
            representantes=_contagem(_vinculos_validos(OuterRef("pk"))),
            com_a3=_contagem(_vinculos_validos(OuterRef("pk")).filter(_certificado_valido(OuterRef("usuario")))),
        )
        .select_related("uf", "municipio", "sr")
    )
    if filtro.lote:
        consulta = consulta.filter(grupo_do_lote=filtro.lote)
    return consulta.order_by(F("exige_a3_desde").asc(nulls_last=True), "razao_social", "pk")


def prazo_da_linha(entidade: Entidade, lotes: list[LoteDaMigracaoA3]) -> PrazoDoA3:
    """O prazo de uma entidade de `entidades_nao_migradas`, sem consulta (o início do acordo veio anotado)."""
    return prazo_do_a3(entidade, lotes=lotes, inicio_do_acordo=entidade.inicio_do_acordo)


def situacao_do_prazo(prazo: PrazoDoA3, hoje: date) -> str:
    """"faltam N dias", "vencido há N dias", "a definir"... como a lista e o CSV a mostram."""
    dias = prazo.dias_restantes(hoje)
    if dias is None:
        return "a definir" if prazo.lote is not None else "sem prazo"
    if dias < 0:
        return f"vencido há {-dias} dia{'s' if dias < -1 else ''}"
    if dias == 0:
        return "último dia hoje"
    return f"falta{'m' if dias > 1 else ''} {dias} dia{'s' if dias > 1 else ''}"


CABECALHO_DAS_PENDENTES = ("Entidade", "CNPJ", "Município/UF", "Tipo", "Representantes com A3",
                           "Último dia com senha", "Situação do prazo", "Lote ou origem do prazo")


def linha_da_pendente(entidade: Entidade, lotes: list[LoteDaMigracaoA3], hoje: date) -> list[str]:
    prazo = prazo_da_linha(entidade, lotes)
    origem = prazo.lote.nome if prazo.lote else (
        ROTULO_DESDE_O_INICIO if entidade.grupo_do_lote == GRUPO_DESDE_O_INICIO else ROTULO_SEM_LOTE)
    return [
        entidade.razao_social, entidade.cnpj_formatado, f"{entidade.municipio.nome}/{entidade.uf_id}",
        entidade.get_tipo_display(), f"{entidade.com_a3} de {entidade.representantes}",
        f"{prazo.ultimo_dia:%d/%m/%Y}" if prazo.ultimo_dia else "—", situacao_do_prazo(prazo, hoje), origem,
    ]


def ufs_do_monitoramento(usuario) -> list[tuple[str, str]]:
    escopo = escopo_do_monitoramento(usuario)
    ufs = UF.objects.order_by("sigla")
    if not escopo.tudo:
        ufs = ufs.filter(Q(sr__in=escopo.srs) | Q(sr__gerencias__in=escopo.gexs)).distinct()
    return [(uf.sigla, f"{uf.sigla} — {uf.nome}") for uf in ufs]
