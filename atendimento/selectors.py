"""As leituras do atendimento: requerimentos já no escopo de quem pergunta (a entidade pela qual o
representante age; a SR ou GEX do analista), com as junções que as páginas usam."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.utils import timezone

from atendimento.models import (
    STATUS_NA_FILA,
    DocumentoDoRequerimento,
    Exigencia,
    Requerimento,
    StatusAgendamento,
    StatusExigencia,
    StatusRequerimento,
    Vaga,
)
from atendimento.selectors_agenda import com_horario_local, vaga_cabe
from portal.acordos.selectors import acordo_em_vigor, por_que_nao_opera
from portal.contas.models import PapelINSS
from portal.contas.selectors import escopo_inss
from portal.entidades.models import PAPEIS_QUE_PROTOCOLAM, Vinculo


def requerimentos_da_entidade(entidade) -> QuerySet[Requerimento]:
    return Requerimento.objects.filter(entidade=entidade).select_related("servico", "representante")


def requerimentos_para_analise(usuario) -> QuerySet[Requerimento]:
    """O que o analista alcança: requerimentos já protocolados das entidades da sua SR (ou GEX)."""
    escopo = escopo_inss(usuario, papeis=(PapelINSS.ANALISTA,))
    base = (
        Requerimento.objects.exclude(status=StatusRequerimento.RASCUNHO)
        .select_related("servico", "entidade__uf", "entidade__municipio", "representante", "analista")
    )
    return base if escopo.tudo else base.filter(escopo.filtro(sr="entidade__sr", gex="entidade__gex", aps=None))


def motivo_para_nao_protocolar(vinculo, servico=None) -> str | None:
    """A explicação, para o atendente, de por que não pode protocolar (ou este serviço); None se pode.
    A validade do acesso já foi conferida ao carregar o perfil (vínculos vencidos não chegam aqui)."""
    if vinculo is None:
        return "Você não age por nenhuma entidade com acesso válido."
    if not vinculo.protocola:
        return (f"O seu papel na entidade é {vinculo.get_papel_display()}: ele permite consultar, não protocolar. "
                "Protocolam os papéis Autentica, Advogado e OAB; fale com o cadastrador externo da entidade.")
    bloqueio = por_que_nao_opera(vinculo.entidade)
    if bloqueio:
        return bloqueio
    if servico is not None and not acordo_em_vigor(vinculo.entidade).servicos_pactuados.filter(pk=servico.pk).exists():
        return (f"O serviço “{servico}” não está entre os serviços pactuados no acordo da entidade. "
                "O gestor da entidade pode pedir a inclusão de serviços (Acordo › Nova solicitação).")
    return None


def por_que_nao_protocola(perfil, servico=None) -> str | None:
    return motivo_para_nao_protocolar(perfil.vinculo, servico)


def servicos_que_protocola(entidade) -> QuerySet:
    acordo = acordo_em_vigor(entidade)
    if acordo is None:
        from atendimento.models import Servico

        return Servico.objects.none()
    return acordo.servicos_pactuados.filter(ativo=True).prefetch_related("documentos_exigidos")


# --- Acompanhamento (a entidade) e análise (o INSS) -------------------------------------------------------


def eh_analista(perfil) -> bool:
    return perfil.tem_papel_inss(PapelINSS.ANALISTA)


def requerimentos_para_a_lista(requerimentos: QuerySet[Requerimento]) -> QuerySet[Requerimento]:
    """Com o prazo da exigência aberta (se houver) numa subconsulta: a lista custa uma consulta por página."""
    aberta = Exigencia.objects.filter(requerimento=OuterRef("pk"), status=StatusExigencia.ABERTA)
    return requerimentos.annotate(prazo_da_exigencia=Subquery(aberta.values("prazo_fim")[:1]))


def _busca(texto: str):
    """Protocolo (AAAA.NNNNNNNN-D, com ou sem máscara), CPF (com ou sem máscara) ou parte do nome do cidadão.
    Quem digita só números e máscara procura protocolo ou CPF, e a busca vai pelo índice (igualdade); o nome,
    que não tem dígitos, só é procurado quando há letras — um OR com o nome obrigaria a ler a tabela inteira."""
    texto = texto.strip()
    digitos = "".join(c for c in texto if c.isdigit())
    so_numero = digitos and all(c.isdigit() or c in ".-/ " for c in texto)
    if not so_numero:
        return Q(cidadao_nome__icontains=texto)
    if len(digitos) == 11:
        return Q(cidadao_cpf=digitos)
    return Q(protocolo=digitos)


def filtrar_requerimentos(
    requerimentos: QuerySet[Requerimento], *, texto: str = "", status: str = "", servico=None, entidade: str = "",
    idade_minima_dias: int | None = None, atribuicao: str = "", usuario=None,
) -> QuerySet[Requerimento]:
    if status == "na_fila":
        requerimentos = requerimentos.filter(status__in=STATUS_NA_FILA)
    elif status:
        requerimentos = requerimentos.filter(status=status)
    if texto.strip():
        requerimentos = requerimentos.filter(_busca(texto))
    if servico is not None:
        requerimentos = requerimentos.filter(servico=servico)
    if entidade.strip():
        digitos = "".join(c for c in entidade if c.isdigit())
        condicao = Q(entidade__razao_social__icontains=entidade.strip())
        if len(digitos) >= 4:
            condicao |= Q(entidade__cnpj__startswith=digitos)
        requerimentos = requerimentos.filter(condicao)
    if idade_minima_dias:
        requerimentos = requerimentos.filter(protocolado_em__lte=timezone.now() - timedelta(days=idade_minima_dias))
    if atribuicao == "meus" and usuario is not None:
        requerimentos = requerimentos.filter(analista=usuario)
    elif atribuicao == "sem_analista":
        requerimentos = requerimentos.filter(analista__isnull=True)
    return requerimentos


def ordenar_fila(requerimentos: QuerySet[Requerimento]) -> QuerySet[Requerimento]:
    """Do protocolo mais antigo ao mais novo (o índice `requerimento_na_fila` serve esta ordem)."""
    return requerimentos.order_by("protocolado_em", "pk")


def requerimento_da_entidade(entidade, pk: int) -> Requerimento | None:
    return requerimentos_da_entidade(entidade).select_related("entidade", "analista").filter(pk=pk).first()


def e_de_outra_entidade(perfil, pk) -> bool:
    """O `pk` de uma URL do PAT não é requerimento da entidade pela qual a pessoa age: um 404 antes de qualquer
    outra recusa (a página do A3, a explicação de por que não protocola), que diria que ele existe."""
    return not requerimentos_da_entidade(perfil.entidade).filter(pk=pk).exists()


def rascunho_para_revisar(requerimento: Requerimento) -> Requerimento:
    """O rascunho com os documentos (com o documento exigido de cada um) e a autodeclaração com os períodos já
    carregados: as pendências e o resumo da revisão leem os mesmos objetos, sem voltar ao banco."""
    prefetch_related_objects(
        [requerimento],
        Prefetch("documentos", queryset=DocumentoDoRequerimento.objects.select_related("documento_exigido")),
        "autodeclaracao__periodos",
    )
    return requerimento


def documentos_de(requerimento: Requerimento) -> list:
    return list(requerimento.documentos.select_related("documento_exigido").order_by("enviado_em", "pk"))


def exigencias_de(requerimento: Requerimento) -> list:
    return list(
        requerimento.exigencias.select_related("emitida_por", "respondida_por")
        .prefetch_related(Prefetch("documentos", queryset=DocumentoDoRequerimento.objects.order_by("pk")))
        .order_by("notificada_em", "pk")
    )


def documentos_visiveis_para(perfil) -> QuerySet:
    """Os documentos que a pessoa pode abrir: os dos requerimentos da entidade pela qual age, e os dos
    requerimentos que alcança como analista. Os demais: nenhum (404)."""
    condicao = Q(pk__in=[])
    if perfil.vinculo is not None:
        condicao |= Q(requerimento__entidade_id=perfil.vinculo.entidade_id)
    if eh_analista(perfil):
        condicao |= Q(requerimento__in=requerimentos_para_analise(perfil.usuario).values("pk"))
    return DocumentoDoRequerimento.objects.filter(condicao).select_related("requerimento")


def age_pela_entidade(usuario, entidade) -> bool:
    """Quem responde exigências e pede prorrogação: um representante com acesso válido cujo papel protocola,
    ou um gestor da entidade. O papel Consulta só lê."""
    return Vinculo.objects.filter(
        Q(papel__in=PAPEIS_QUE_PROTOCOLAM) | Q(gestor=True),
        usuario=usuario, entidade=entidade, ativo=True, valido_ate__gt=timezone.now(), usuario__is_active=True,
    ).exists()


def destinatarios_na_entidade(requerimento: Requerimento) -> list:
    """A quem a entidade recebe os avisos do requerimento: os gestores e o representante que o protocolou,
    enquanto o seu acesso vale (quem deixou a entidade não recebe mais dados dos cidadãos dela)."""
    return destinatarios_por_requerimento([requerimento])[requerimento.pk]


def destinatarios_por_requerimento(requerimentos: list[Requerimento]) -> dict[int, list]:
    """`destinatarios_na_entidade` de muitos requerimentos numa consulta (as varreduras de lembretes), em ordem de
    id de pessoa."""
    representantes = {requerimento.representante_id for requerimento in requerimentos} - {None}
    vinculos = Vinculo.objects.filter(
        Q(gestor=True) | Q(usuario_id__in=representantes),
        entidade_id__in={requerimento.entidade_id for requerimento in requerimentos}, ativo=True,
        valido_ate__gt=timezone.now(), usuario__is_active=True,
    ).select_related("usuario")
    por_entidade: dict[int, list[Vinculo]] = {}
    for vinculo in vinculos:
        por_entidade.setdefault(vinculo.entidade_id, []).append(vinculo)
    destinatarios = {}
    for requerimento in requerimentos:
        pessoas = {vinculo.usuario_id: vinculo.usuario for vinculo in por_entidade.get(requerimento.entidade_id, [])
                   if vinculo.gestor or vinculo.usuario_id == requerimento.representante_id}
        destinatarios[requerimento.pk] = [pessoas[pk] for pk in sorted(pessoas)]
    return destinatarios


# --- O agendamento simplificado no PAT (seed 002) ----------------------------------------------------------


@dataclass(frozen=True)
class HorariosPerto:
    """Os próximos horários livres de uma avaliação presencial perto da entidade, em dois grupos: as APS do
    município da entidade e as demais da GEX."""

    servico: str
    no_municipio: list
    na_gex: list

    @property
    def vazio(self) -> bool:
        return not self.no_municipio and not self.na_gex

    @property
    def grupos(self) -> list[tuple[str, list]]:
        return [("No município da entidade", self.no_municipio),
                ("Em outras agências da Gerência-Executiva", self.na_gex)]


def horarios_perto_da_entidade(entidade, *, servico: str, prioritario: bool, a_partir_de: date | None = None,
                               por_grupo: int = 8) -> HorariosPerto:
    """Onde o cidadão pode ser atendido: primeiro o município da entidade, depois a GEX; em cada grupo, do
    horário mais cedo. Só horários que cabem o cidadão (a reserva das prioridades só para quem tem prioridade,
    até a véspera). Duas consultas, quantos horários houver."""
    agora = timezone.now()
    vagas = Vaga.objects.filter(vaga_cabe(prioritario=prioritario, agora=agora), servico=servico, inicio__gt=agora,
                                aps__ativa=True).select_related("aps__municipio").order_by("inicio", "pk")
    if a_partir_de:
        vagas = vagas.filter(inicio__gte=timezone.make_aware(datetime.combine(a_partir_de, time.min)))
    no_municipio = vagas.filter(aps__municipio_id=entidade.municipio_id)
    na_gex = vagas.filter(aps__gex_id=entidade.gex_id).exclude(aps__municipio_id=entidade.municipio_id)
    return HorariosPerto(servico=servico, no_municipio=com_horario_local(list(no_municipio[:por_grupo])),
                         na_gex=com_horario_local(list(na_gex[:por_grupo])))


def vaga_perto_da_entidade(entidade, pk: int):
    """O horário escolhido, se é de uma APS do município ou da GEX da entidade (senão, None)."""
    return (Vaga.objects.filter(Q(aps__municipio_id=entidade.municipio_id) | Q(aps__gex_id=entidade.gex_id), pk=pk,
                                aps__ativa=True)
            .select_related("aps__municipio").first())


def agendamentos_do_requerimento(requerimento: Requerimento) -> list:
    """As avaliações presenciais agendadas pelo requerimento (as vivas e as que já aconteceram), com o horário
    no fuso da agência. Uma consulta."""
    agendamentos = list(requerimento.agendamentos.exclude(status=StatusAgendamento.CANCELADO)
                        .select_related("vaga__aps__municipio").order_by("vaga__inicio", "pk"))
    com_horario_local([agendamento.vaga for agendamento in agendamentos])
    return agendamentos
