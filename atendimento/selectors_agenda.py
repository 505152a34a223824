"""Leituras do agendamento presencial. A APS publica e vê as suas agendas (o servidor da APS, só a sua);
a Central 135 agenda em todo o país; a agência agenda, excepcionalmente, só nas suas vagas. Qualquer agenda,
vaga ou agendamento fora disso é 404."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from atendimento.models_agenda import Agenda, Agendamento, AtivacaoDoAtesp, ServicoPresencial, Vaga
from portal.contas.models import PapelINSS
from portal.contas.selectors import Escopo, escopo_inss
from portal.organizacao.models import AgenciaPrevidencia

POR_APS = {"sr": "gex__sr", "gex": "gex", "aps": "pk"}
# A reserva das prioridades abre para todos quando sobra, na véspera do horário.
ABERTURA_DA_RESERVA = timedelta(days=1)


def vaga_cabe(*, prioritario: bool, agora: datetime) -> Q:
    """Onde cabe mais um: quem tem prioridade usa qualquer lugar livre; quem não tem, só os não reservados — ou
    qualquer um a partir da véspera do horário. A mesma condição guarda a atualização que ocupa a vaga."""
    cabe = Q(ocupadas__lt=F("capacidade"))
    if prioritario:
        return cabe
    return cabe & (Q(ocupadas_gerais__lt=F("capacidade") - F("prioritarias"))
                   | Q(inicio__lte=agora + ABERTURA_DA_RESERVA))


def _agencias_no_escopo(escopo: Escopo) -> QuerySet[AgenciaPrevidencia]:
    base = AgenciaPrevidencia.objects.filter(ativa=True).select_related("municipio").order_by("nome")
    if escopo.tudo:
        return base
    return base.filter(escopo.filtro(**POR_APS))


def agencias_que_publicam(usuario) -> QuerySet[AgenciaPrevidencia]:
    """As APS em que o usuário publica agendas: a(s) da sua lotação como servidor da APS."""
    return _agencias_no_escopo(escopo_inss(usuario, papeis=(PapelINSS.SERVIDOR_APS,)))


def agendas_visiveis_para(usuario) -> QuerySet[Agenda]:
    return Agenda.objects.filter(aps__in=agencias_que_publicam(usuario)).select_related("aps", "publicada_por")


def vagas_da_agenda(agenda: Agenda) -> list[Vaga]:
    """As vagas da agenda, com o início e o fim no fuso da agência (`inicio_local`, `fim_local`)."""
    fuso = ZoneInfo(agenda.aps.fuso_horario)
    vagas = list(agenda.vagas.order_by("inicio"))
    for vaga in vagas:
        vaga.inicio_local = vaga.inicio.astimezone(fuso)
        vaga.fim_local = vaga.fim.astimezone(fuso)
    return vagas


def agenda_pela_central(usuario) -> bool:
    """A Central 135 (e o administrador) agenda em todo o país; os demais, pela agência, excepcionalmente."""
    return usuario.is_superuser or not escopo_inss(usuario, papeis=(PapelINSS.OPERADOR_135,)).vazio


def agencias_para_agendar(usuario) -> QuerySet[AgenciaPrevidencia]:
    if agenda_pela_central(usuario):
        return _agencias_no_escopo(escopo_inss(usuario, papeis=(PapelINSS.OPERADOR_135,)))
    return agencias_que_publicam(usuario)


def pode_agendar(usuario) -> bool:
    return agenda_pela_central(usuario) or not escopo_inss(usuario, papeis=(PapelINSS.SERVIDOR_APS,)).vazio


def vagas_livres(usuario, *, servico: str, uf: str = "", aps: AgenciaPrevidencia | None = None,
                 municipio: str = "", a_partir_de: date | None = None) -> QuerySet[Vaga]:
    """Os horários ainda por vir, onde cabe alguém, nas agências em que o usuário agenda."""
    agora = timezone.now()
    vagas = Vaga.objects.filter(servico=servico, ocupadas__lt=F("capacidade"), inicio__gt=agora,
                                aps__in=agencias_para_agendar(usuario))
    if a_partir_de:
        vagas = vagas.filter(inicio__gte=timezone.make_aware(datetime.combine(a_partir_de, time.min)))
    if uf:
        vagas = vagas.filter(aps__municipio__uf_id=uf)
    if aps is not None:
        vagas = vagas.filter(aps=aps)
    if municipio:
        vagas = vagas.filter(aps__municipio__nome__icontains=municipio.strip())
    return vagas.select_related("aps__municipio").order_by("inicio", "pk")


def com_horario_local(vagas):
    for vaga in vagas:
        fuso = ZoneInfo(vaga.aps.fuso_horario)
        vaga.inicio_local = vaga.inicio.astimezone(fuso)
        vaga.fim_local = vaga.fim.astimezone(fuso)
    return vagas


def agendamentos_visiveis_para(usuario) -> QuerySet[Agendamento]:
    """A Central 135 vê os agendamentos do país; a agência, os das suas vagas."""
    agencias = AgenciaPrevidencia.objects.none()
    if agenda_pela_central(usuario):
        agencias = agencias_para_agendar(usuario)
    condicao = Q(vaga__aps__in=agencias) | Q(vaga__aps__in=agencias_que_publicam(usuario))
    return Agendamento.objects.filter(condicao).select_related("vaga__aps__municipio", "criado_por")


def agendamentos_do_balcao(usuario) -> QuerySet[Agendamento]:
    """Os agendamentos das APS em que o usuário atende no balcão (o servidor da APS, só a sua)."""
    return Agendamento.objects.filter(vaga__aps__in=agencias_que_publicam(usuario)).select_related(
        "vaga__aps", "comprovante")


def agendamentos_do_dia(usuario, *, aps: AgenciaPrevidencia, dia: date) -> list[Agendamento]:
    """Os agendamentos do dia na APS, na ordem do horário, com `inicio_local` no fuso da agência. Consultas
    fixas: uma, quantos forem."""
    fuso = ZoneInfo(aps.fuso_horario)
    inicio = datetime.combine(dia, time.min, tzinfo=fuso)
    fim = datetime.combine(dia, time.max, tzinfo=fuso)
    agendamentos = list(
        agendamentos_do_balcao(usuario).filter(vaga__aps=aps, vaga__inicio__range=(inicio, fim))
        .exclude(status="cancelado").order_by("vaga__inicio", "pk"))
    for agendamento in agendamentos:
        agendamento.vaga.inicio_local = agendamento.vaga.inicio.astimezone(fuso)
        agendamento.vaga.fim_local = agendamento.vaga.fim.astimezone(fuso)
    return agendamentos


# --- o ATESP ativado nas agências (atendimento/services/atesp_ativacao.py) --------------------------------------


class SituacaoDoAtesp:
    OFERTADAS = "ofertadas"
    NO_PRAZO = "no_prazo"
    VENCIDO = "vencido"
    ESCOLHAS = [(OFERTADAS, "Vagas ofertadas"), (NO_PRAZO, "No prazo"), (VENCIDO, "Prazo vencido")]


def agenda_do_atesp_publicada() -> Exists:
    """Para anotar ou filtrar ativações: a APS já publicou alguma agenda do ATESP."""
    return Exists(Agenda.objects.filter(aps=OuterRef("aps"), servico=ServicoPresencial.ATESP))


def atesp_sem_agenda(agencias: QuerySet[AgenciaPrevidencia]) -> QuerySet[AtivacaoDoAtesp]:
    """As ativações do ATESP nas agências dadas que ainda não têm agenda do ATESP publicada: uma consulta."""
    return (AtivacaoDoAtesp.objects.filter(aps__in=agencias).exclude(agenda_do_atesp_publicada()).select_related("aps")
            .order_by("prazo_para_ofertar", "aps__nome"))


def agencias_que_acompanham_o_atesp(usuario) -> QuerySet[AgenciaPrevidencia]:
    """As APS que o supervisor (SERAT/SEAT) e o gestor regional acompanham: as do seu escopo (GEX ou SR)."""
    return _agencias_no_escopo(escopo_inss(usuario, papeis=(PapelINSS.SUPERVISOR, PapelINSS.GESTOR_REGIONAL)))


def agencias_em_que_ativa_o_atesp(usuario) -> QuerySet[AgenciaPrevidencia]:
    """As APS em que o usuário ativa o ATESP: as do seu escopo de gestor regional."""
    return _agencias_no_escopo(escopo_inss(usuario, papeis=(PapelINSS.GESTOR_REGIONAL,)))


def ativacoes_do_atesp_para(usuario, *, situacao: str = "", hoje: date | None = None) -> QuerySet[AtivacaoDoAtesp]:
    """As ativações do ATESP nas APS que o usuário acompanha, cada uma com `vagas_ofertadas` (há agenda do
    ATESP publicada), filtradas pela situação; da GEX e da APS em ordem alfabética. Uma consulta por página."""
    hoje = hoje or timezone.localdate()
    ativacoes = AtivacaoDoAtesp.objects.filter(aps__in=agencias_que_acompanham_o_atesp(usuario)).annotate(
        vagas_ofertadas=agenda_do_atesp_publicada())
    if situacao == SituacaoDoAtesp.OFERTADAS:
        ativacoes = ativacoes.filter(vagas_ofertadas=True)
    elif situacao == SituacaoDoAtesp.NO_PRAZO:
        ativacoes = ativacoes.filter(vagas_ofertadas=False, prazo_para_ofertar__gte=hoje)
    elif situacao == SituacaoDoAtesp.VENCIDO:
        ativacoes = ativacoes.filter(vagas_ofertadas=False, prazo_para_ofertar__lt=hoje)
    return ativacoes.select_related("aps__gex", "aps__municipio").order_by("aps__gex__nome", "aps__nome", "pk")


def situacao_do_atesp(ativacao: AtivacaoDoAtesp, hoje: date, *, vagas_ofertadas: bool) -> str:
    """Sem consulta: a situação da ativação hoje (o último dia do prazo ainda está no prazo)."""
    if vagas_ofertadas:
        return SituacaoDoAtesp.OFERTADAS
    return SituacaoDoAtesp.NO_PRAZO if ativacao.prazo_para_ofertar >= hoje else SituacaoDoAtesp.VENCIDO
