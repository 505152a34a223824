"""Leituras da Supervisão das APS. O supervisor (SERAT/SEAT) alcança as APS do seu escopo; o responsável
designado, as APS que lhe foram designadas. Qualquer outra APS, e a sua supervisão, é 404."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from atendimento.models_supervisao import (
    CicloDeSupervisao,
    DesignacaoDeResponsavel,
    StatusSupervisao,
    Supervisao,
)
from portal.contas.models import PapelINSS, Usuario
from portal.contas.selectors import Escopo, escopo_inss
from portal.organizacao.models import AgenciaPrevidencia


def escopo_de_supervisor(usuario) -> Escopo:
    return escopo_inss(usuario, papeis=(PapelINSS.SUPERVISOR,))


def no_escopo(escopo: Escopo, aps: AgenciaPrevidencia) -> bool:
    """Sem consulta: a APS (com `gex` carregada) está no escopo?"""
    return escopo.tudo or aps.gex.sr_id in escopo.srs or aps.gex_id in escopo.gexs or aps.pk in escopo.apss


def agencias_do_supervisor(usuario) -> QuerySet[AgenciaPrevidencia]:
    """As APS ativas em que o usuário designa o responsável: as do seu escopo de SERAT/SEAT."""
    escopo = escopo_de_supervisor(usuario)
    base = AgenciaPrevidencia.objects.filter(ativa=True)
    return base if escopo.tudo else base.filter(escopo.filtro(sr="gex__sr", gex="gex", aps="pk"))


def _designadas_a(usuario) -> QuerySet[DesignacaoDeResponsavel]:
    return DesignacaoDeResponsavel.objects.filter(ativa=True, responsavel=usuario)


def agencias_da_supervisao_para(usuario) -> QuerySet[AgenciaPrevidencia]:
    """As APS que o usuário vê na Supervisão: as do seu escopo de supervisor e as designadas a ele."""
    escopo = escopo_de_supervisor(usuario)
    designadas = Q(pk__in=_designadas_a(usuario).values("aps_id"))
    if escopo.tudo:
        return AgenciaPrevidencia.objects.filter(ativa=True)
    return AgenciaPrevidencia.objects.filter(ativa=True).filter(
        escopo.filtro(sr="gex__sr", gex="gex", aps="pk") | designadas
    )


def ciclo_atual(hoje: date | None = None) -> CicloDeSupervisao | None:
    """O último ciclo já iniciado: aberto até o seu fim; depois dele, as que faltam estão atrasadas até o
    próximo ciclo começar."""
    hoje = hoje or timezone.localdate()
    return CicloDeSupervisao.objects.filter(inicio__lte=hoje).order_by("-inicio").first()


def linhas_da_supervisao(usuario, ciclo: CicloDeSupervisao | None) -> QuerySet[AgenciaPrevidencia]:
    """Cada APS com o responsável designado (`designacoes_ativas`) e a supervisão do ciclo (`do_ciclo`):
    três consultas, seja qual for o número de APS."""
    supervisoes = Supervisao.objects.filter(ciclo=ciclo) if ciclo else Supervisao.objects.none()
    return (
        agencias_da_supervisao_para(usuario)
        .select_related("gex__sr", "municipio")
        .prefetch_related(
            Prefetch("designacoes_de_supervisao", to_attr="designacoes_ativas",
                     queryset=DesignacaoDeResponsavel.objects.filter(ativa=True).select_related("responsavel")),
            Prefetch("supervisoes", queryset=supervisoes.select_related("ciclo"), to_attr="do_ciclo"),
        )
        .order_by("gex__sr__numero", "gex__nome", "nome")
    )


def designacao_ativa(aps: AgenciaPrevidencia) -> DesignacaoDeResponsavel | None:
    return DesignacaoDeResponsavel.objects.filter(aps=aps, ativa=True).select_related("responsavel").first()


def e_responsavel(usuario, aps: AgenciaPrevidencia) -> bool:
    return _designadas_a(usuario).filter(aps=aps).exists()


def servidores_da_sr(sr_id: int) -> QuerySet[Usuario]:
    """Quem pode ser designado: servidor do INSS com lotação ativa na SR da APS."""
    return Usuario.objects.filter(
        is_active=True, pk__in=Usuario.objects.filter(lotacoes__ativa=True, lotacoes__sr_id=sr_id).values("pk")
    ).order_by("nome")


def supervisoes_visiveis_para(usuario) -> QuerySet[Supervisao]:
    return Supervisao.objects.filter(aps__in=agencias_da_supervisao_para(usuario)).select_related(
        "ciclo", "aps__gex__sr", "responsavel"
    )


def pendentes_do_ciclo(ciclo: CicloDeSupervisao) -> QuerySet[DesignacaoDeResponsavel]:
    """As designações ativas cuja APS ainda não tem a supervisão do ciclo concluída."""
    concluida = Supervisao.objects.filter(ciclo=ciclo, aps=OuterRef("aps"), status=StatusSupervisao.CONCLUIDA)
    return DesignacaoDeResponsavel.objects.filter(ativa=True, aps__ativa=True).filter(~Exists(concluida))


# --- o relatório por SR/GEX ---------------------------------------------------------------------------------


@dataclass
class LinhaDoRelatorio:
    sr: str
    gex: str
    total: int = 0
    concluidas: int = 0
    com_atraso: int = 0  # concluídas depois do fim do ciclo
    em_preenchimento: int = 0
    sem_responsavel: int = 0
    pendentes: int = 0  # não concluídas, ciclo aberto
    atrasadas: int = 0  # não concluídas, ciclo encerrado


@dataclass
class RelatorioDeSupervisoes:
    ciclo: CicloDeSupervisao
    encerrado: bool
    linhas: list[LinhaDoRelatorio] = field(default_factory=list)
    total: LinhaDoRelatorio = field(default_factory=lambda: LinhaDoRelatorio(sr="", gex="Total"))


def relatorio_de_supervisoes(*, usuario, ciclo: CicloDeSupervisao, hoje: date | None = None) -> RelatorioDeSupervisoes:
    """As APS do escopo de supervisor, por SR e GEX: concluídas (e delas, com atraso), pendentes (ciclo
    aberto) e atrasadas (ciclo encerrado sem a conclusão). Uma consulta, agregada no banco."""
    hoje = hoje or timezone.localdate()
    encerrado = ciclo.encerrado(hoje)
    do_ciclo = Supervisao.objects.filter(ciclo=ciclo, aps=OuterRef("pk"))
    concluida = do_ciclo.filter(status=StatusSupervisao.CONCLUIDA)
    linhas = (
        agencias_do_supervisor(usuario)
        .annotate(
            concluida=Exists(concluida),
            atrasada=Exists(concluida.filter(concluida_em__date__gt=ciclo.fim)),
            rascunho=Exists(do_ciclo.filter(status=StatusSupervisao.RASCUNHO)),
            designada=Exists(DesignacaoDeResponsavel.objects.filter(aps=OuterRef("pk"), ativa=True)),
        )
        .values("gex__sr__numero", "gex__sr__nome", "gex__nome")
        .annotate(
            total=Count("pk"),
            concluidas=Count("pk", filter=Q(concluida=True)),
            com_atraso=Count("pk", filter=Q(atrasada=True)),
            em_preenchimento=Count("pk", filter=Q(rascunho=True)),
            sem_responsavel=Count("pk", filter=Q(designada=False, concluida=False)),
        )
        .order_by("gex__sr__numero", "gex__nome")
    )
    relatorio = RelatorioDeSupervisoes(ciclo=ciclo, encerrado=encerrado)
    for dados in linhas:
        faltam = dados["total"] - dados["concluidas"]
        linha = LinhaDoRelatorio(
            sr=dados["gex__sr__nome"], gex=dados["gex__nome"], total=dados["total"],
            concluidas=dados["concluidas"], com_atraso=dados["com_atraso"],
            em_preenchimento=dados["em_preenchimento"], sem_responsavel=dados["sem_responsavel"],
            pendentes=0 if encerrado else faltam, atrasadas=faltam if encerrado else 0,
        )
        relatorio.linhas.append(linha)
        for nome in ("total", "concluidas", "com_atraso", "em_preenchimento", "sem_responsavel", "pendentes",
                     "atrasadas"):
            setattr(relatorio.total, nome, getattr(relatorio.total, nome) + getattr(linha, nome))
    return relatorio
