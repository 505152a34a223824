"""A ativação do ATESP nas agências e a cobrança das vagas (seed 000: o Atendimento Especializado "já está ativo
em todas as unidades do órgão, que têm até dois dias para ofertar vagas"; contamos dias úteis).

Ativar grava o prazo (o 2º dia útil depois do dia da ativação, no calendário da UF da agência) e avisa os
servidores da APS. A varredura procura as ativações com o prazo vencido sem agenda do ATESP publicada e avisa a
GEX, uma vez por agência: a marca `gex_avisada_em` é uma atualização guardada, e duas varreduras juntas não
avisam duas vezes. O prazo vale até o fim do último dia no horário de Brasília, como o das exigências."""

from collections import defaultdict
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from atendimento.models_agenda import AtivacaoDoAtesp
from atendimento.prazos import PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS, somar_dias_uteis
from atendimento.selectors_agenda import agenda_do_atesp_publicada
from portal.auditoria.services import evento_registrar, eventos_registrar_em_lote
from portal.contas.models import PapelINSS, Usuario
from portal.notificacoes.services import notificacao_criar


def prazo_para_ofertar(*, aps, ativado_em: datetime | date) -> date:
    """O último dia para a APS ofertar vagas: o 2º dia útil depois do dia da ativação, na UF da agência."""
    return somar_dias_uteis(ativado_em, PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS, aps.municipio.uf_id)


def _servidores_da_aps(aps):
    return Usuario.objects.filter(
        is_active=True, lotacoes__ativa=True, lotacoes__papel=PapelINSS.SERVIDOR_APS, lotacoes__aps=aps,
    ).distinct().order_by("pk")


@transaction.atomic
def atesp_ativar(*, aps, por, agora: datetime | None = None) -> AtivacaoDoAtesp:
    """Ativa o ATESP na APS. Ativar de novo não muda nada: devolve a ativação que já existe (com o prazo dela).
    `por=None` nas cargas de dados."""
    existente = AtivacaoDoAtesp.objects.filter(aps=aps).first()
    if existente is not None:
        return existente
    agora = agora or timezone.now()
    prazo = prazo_para_ofertar(aps=aps, ativado_em=agora)
    try:
        with transaction.atomic():
            ativacao = AtivacaoDoAtesp.objects.create(aps=aps, ativado_em=agora, prazo_para_ofertar=prazo,
                                                      ativado_por=por)
    except IntegrityError:  # outra ativação da mesma APS ganhou a corrida
        return AtivacaoDoAtesp.objects.get(aps=aps)
    evento_registrar(objeto=ativacao, acao="atesp_ativado", por=por,
                     nota=f"{aps}: ofertar vagas até {prazo:%d/%m/%Y} ({PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS} dias úteis).")
    for pessoa in _servidores_da_aps(aps):
        notificacao_criar(
            destinatario=pessoa,
            titulo=f"ATESP ativado na {aps}: ofereça vagas até {prazo:%d/%m/%Y}",
            corpo=f"O Atendimento Especializado (ATESP) foi ativado na agência em "
                  f"{timezone.localtime(agora):%d/%m/%Y}. Publique a agenda do ATESP até {prazo:%d/%m/%Y} "
                  f"({PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS} dias úteis); depois disso, a GEX é avisada.",
            url=reverse("atendimento:agenda_nova"),
        )
    return ativacao


@transaction.atomic
def atesp_ativar_em(*, agencias, por, agora: datetime | None = None) -> list[AtivacaoDoAtesp]:
    """Ativa o ATESP em cada agência do queryset que ainda não o tem, todas ou nenhuma; devolve as novas."""
    ja_ativas = set(AtivacaoDoAtesp.objects.filter(aps__in=agencias).values_list("aps_id", flat=True))
    return [atesp_ativar(aps=aps, por=por, agora=agora) for aps in agencias.select_related("municipio")
            if aps.pk not in ja_ativas]


def quem_cobra_da_gex(gex) -> list:
    """Quem a GEX avisa: os supervisores (SERAT/SEAT) e gestores regionais lotados na própria GEX; se não há
    ninguém lá, os gestores regionais da SR."""
    ativos = {"is_active": True, "lotacoes__ativa": True, "lotacoes__aps__isnull": True}
    na_gex = Usuario.objects.filter(
        lotacoes__papel__in=(PapelINSS.SUPERVISOR, PapelINSS.GESTOR_REGIONAL), lotacoes__gex=gex, **ativos,
    ).distinct().order_by("pk")
    pessoas = list(na_gex)
    if pessoas:
        return pessoas
    return list(Usuario.objects.filter(
        lotacoes__papel=PapelINSS.GESTOR_REGIONAL, lotacoes__sr_id=gex.sr_id, lotacoes__gex__isnull=True, **ativos,
    ).distinct().order_by("pk"))


def _linha(ativacao: AtivacaoDoAtesp) -> str:
    return (f"- {ativacao.aps} ({ativacao.aps.codigo}): ativado em {timezone.localtime(ativacao.ativado_em):%d/%m/%Y}, "
            f"prazo para ofertar vagas até {ativacao.prazo_para_ofertar:%d/%m/%Y}.")


def _avisar_a_gex(gex, ativacoes: list[AtivacaoDoAtesp]) -> None:
    plural = len(ativacoes) > 1
    titulo = (f"ATESP sem vagas ofertadas no prazo: {len(ativacoes)} agência{'s' if plural else ''} da {gex}")
    corpo = "\n".join([
        f"{'Estas agências não publicaram' if plural else 'Esta agência não publicou'} a agenda do Atendimento "
        f"Especializado (ATESP) nos {PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS} dias úteis depois da ativação:",
        *(_linha(ativacao) for ativacao in ativacoes),
        "Cobre da agência a oferta de vagas.",
    ])
    url = reverse("atendimento:atesp") + "?situacao=vencido"
    for pessoa in quem_cobra_da_gex(gex):
        notificacao_criar(destinatario=pessoa, titulo=titulo, corpo=corpo, url=url)


def ativacoes_a_cobrar(hoje: date):
    """As ativações com o último dia antes de hoje, sem agenda do ATESP publicada e com a GEX ainda não avisada."""
    return (
        AtivacaoDoAtesp.objects.filter(gex_avisada_em__isnull=True, prazo_para_ofertar__lt=hoje)
        .exclude(agenda_do_atesp_publicada())
        .select_related("aps__gex", "aps__municipio")
        .order_by("aps__gex_id", "aps__nome", "pk")
    )


def atesp_cobrar_ofertas(*, agora: datetime | None = None) -> int:
    """Varredura (a cada hora): marca e avisa a GEX de cada agência que deixou passar o prazo sem ofertar
    vagas do ATESP. Uma notificação por pessoa e por GEX a cada passada, com a lista das agências. Devolve
    quantas agências foram cobradas."""
    agora = agora or timezone.now()
    hoje = timezone.localdate(agora)
    por_gex = defaultdict(list)
    for ativacao in ativacoes_a_cobrar(hoje):
        por_gex[ativacao.aps.gex_id].append(ativacao)
    cobradas = 0
    for ativacoes in por_gex.values():
        with transaction.atomic():
            # A guarda repete as condições: quem chega depois (outra varredura, uma agenda publicada agora) não
            # muda nada.
            marcadas = [
                ativacao for ativacao in ativacoes
                if AtivacaoDoAtesp.objects.filter(pk=ativacao.pk, gex_avisada_em__isnull=True)
                .exclude(agenda_do_atesp_publicada()).update(gex_avisada_em=agora)
            ]
            if not marcadas:
                continue
            eventos_registrar_em_lote(
                modelo=AtivacaoDoAtesp, ids=[ativacao.pk for ativacao in marcadas], acao="atesp_gex_avisada",
                nota="Prazo para ofertar vagas do ATESP vencido sem agenda publicada: GEX avisada.",
            )
            _avisar_a_gex(marcadas[0].aps.gex, marcadas)
            cobradas += len(marcadas)
    return cobradas
