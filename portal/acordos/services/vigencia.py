"""A vida do acordo: solicitações (itens 6–9), rescisão, fim da vigência e os lembretes pelo livro."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.acordos.models import (
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    SolicitacaoDoAcordo,
    StatusAcordo,
    StatusAdesao,
    StatusSolicitacao,
    TipoAlteracao,
    TipoSolicitacao,
)
from portal.acordos.services._comum import ErroDoAcordo, _fim_do_dia
from portal.auditoria.services import evento_registrar, eventos_registrar_em_lote
from portal.notificacoes.services import Lembrete, em_lotes, lembretes_registrar, marco_devido


@transaction.atomic
def acordo_rescindir(*, acordo: Acordo, motivo: str, por) -> Acordo:
    if not motivo.strip():
        raise ErroDoAcordo("A rescisão exige o motivo.")
    anterior = acordo.status
    agora = timezone.now()
    if not Acordo.objects.filter(pk=acordo.pk, status__in=(StatusAcordo.EM_ANALISE, StatusAcordo.VIGENTE)).update(
        status=StatusAcordo.RESCINDIDO, encerrado_em=agora, motivo_da_rescisao=motivo.strip()
    ):
        raise ErroDoAcordo("Só se rescinde um acordo em análise ou vigente.")
    AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=TipoAlteracao.RESCISAO, por=por, descricao=motivo.strip())
    evento_registrar(objeto=acordo, acao="acordo_rescindido", por=por, status_de=anterior,
                     status_para=StatusAcordo.RESCINDIDO, nota=motivo.strip())
    return Acordo.objects.get(pk=acordo.pk)


def acordos_vencer(*, agora: datetime | None = None) -> int:
    """Varredura: o acordo cuja vigência terminou passa a vencido (guardado pelo status: repetir não muda
    nada). A vigência vale até o fim do último dia, no horário de Brasília."""
    hoje = timezone.localdate(agora or timezone.now())
    with transaction.atomic():
        ids = list(
            Acordo.objects.select_for_update(skip_locked=True)
            .filter(status=StatusAcordo.VIGENTE, vigencia_fim__lt=hoje)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Acordo.objects.filter(pk__in=ids, status=StatusAcordo.VIGENTE).update(
            status=StatusAcordo.VENCIDO, encerrado_em=timezone.now()
        )
        AlteracaoDoAcordo.objects.bulk_create([
            AlteracaoDoAcordo(acordo_id=pk, tipo=TipoAlteracao.VENCIMENTO, descricao="Fim da vigência.")
            for pk in ids
        ])
        eventos_registrar_em_lote(modelo=Acordo, ids=ids, acao="acordo_vencido", status_de=StatusAcordo.VIGENTE,
                                  status_para=StatusAcordo.VENCIDO)
    return len(ids)


MARCOS_DA_VIGENCIA = [("90_dias", timedelta(days=90)), ("60_dias", timedelta(days=60)), ("30_dias", timedelta(days=30))]


PRAZO_DA_ENTIDADE_NA_ADESAO = timedelta(days=15)


def acordos_lembrar_vencimento(*, agora: datetime | None = None) -> int:
    """Varredura: avisa os gestores da entidade e os gestores regionais da SR do acordo vigente que termina
    em 90, 60 e 30 dias — cada marco uma vez; depois de uma parada, só o mais recente. Gestores e livro de
    lembretes lidos por lote de 500 acordos."""
    from portal.acordos.selectors import gestores_regionais_da_sr
    from suporte.selectors import gestores_por_entidade

    agora = agora or timezone.now()
    limite = timezone.localdate(agora) + MARCOS_DA_VIGENCIA[0][1]
    acordos = Acordo.objects.filter(status=StatusAcordo.VIGENTE, vigencia_fim__lte=limite).select_related(
        "entidade__sr"
    ).order_by("vigencia_fim", "pk")
    regionais_por_sr: dict[int, list] = {}

    def lembretes():
        for lote in em_lotes(acordos.iterator(chunk_size=500)):
            devidos = [(acordo, marco) for acordo in lote
                       if (marco := marco_devido(prazo=_fim_do_dia(acordo.vigencia_fim), marcos=MARCOS_DA_VIGENCIA,
                                                 agora=agora))]
            gestores = gestores_por_entidade(acordo.entidade_id for acordo, _ in devidos)
            for acordo, marco in devidos:
                sr = acordo.entidade.sr
                if sr.pk not in regionais_por_sr:
                    regionais_por_sr[sr.pk] = list(gestores_regionais_da_sr(sr))
                destinatarios = {pessoa.pk: pessoa for pessoa in [*gestores[acordo.entidade_id],
                                                                  *regionais_por_sr[sr.pk]]}
                for pessoa in destinatarios.values():
                    yield Lembrete(
                        objeto=acordo, marco=f"{acordo.vigencia_fim.isoformat()}:{marco}", destinatario=pessoa,
                        titulo=f"A vigência do ACT {acordo.numero} ({acordo.entidade}) termina em "
                               f"{acordo.vigencia_fim:%d/%m/%Y}",
                        corpo="Para continuar operando, a entidade deve pedir a prorrogação antes do fim da vigência.",
                        url=reverse("entidades:minha_entidade"),
                    )

    return lembretes_registrar(tipo="vigencia_do_acordo", lembretes=lembretes())


def adesoes_lembrar_pedidos(*, agora: datetime | None = None) -> int:
    """Varredura: a adesão que espera documentos da entidade há 15 dias gera um lembrete aos gestores da
    entidade (uma vez por pedido)."""
    from suporte.selectors import gestores_por_entidade

    agora = agora or timezone.now()
    adesoes = Adesao.objects.filter(
        status=StatusAdesao.AGUARDANDO_ENTIDADE, aguardando_desde__lte=agora - PRAZO_DA_ENTIDADE_NA_ADESAO
    ).select_related("entidade").order_by("pk")

    def lembretes():
        for lote in em_lotes(adesoes.iterator(chunk_size=500)):
            gestores = gestores_por_entidade(adesao.entidade_id for adesao in lote)
            for adesao in lote:
                for pessoa in gestores[adesao.entidade_id]:
                    yield Lembrete(
                        objeto=adesao, marco=adesao.aguardando_desde.isoformat(), destinatario=pessoa,
                        titulo="A adesão ao ACT aguarda documentos da entidade há 15 dias",
                        corpo="Veja o que o INSS pediu e responda pela página da adesão.",
                        url=reverse("acordos:adesao"),
                    )

    return lembretes_registrar(tipo="adesao_aguardando_entidade", lembretes=lembretes())


@transaction.atomic
def solicitacao_criar(
    *, acordo: Acordo, tipo: str, descricao: str, por, servicos=(), nova_vigencia_fim: date | None = None,
) -> SolicitacaoDoAcordo:
    """A entidade pede (itens 6–9): termo aditivo, inclusão de serviços, prorrogação ou consulta da vigência."""
    if acordo.status not in (StatusAcordo.EM_ANALISE, StatusAcordo.VIGENTE):
        raise ErroDoAcordo(f"O acordo {acordo.numero} está {acordo.get_status_display().lower()}: "
                           "não aceita solicitações.")
    if not descricao.strip():
        raise ErroDoAcordo("Descreva a solicitação.")
    if tipo == TipoSolicitacao.INCLUSAO_SERVICOS:
        novos = [s for s in servicos if not acordo.servicos_pactuados.filter(pk=s.pk).exists()]
        if not novos:
            raise ErroDoAcordo("Escolha ao menos um serviço que ainda não esteja pactuado.")
        servicos = novos
    if tipo == TipoSolicitacao.PRORROGACAO and (nova_vigencia_fim is None or nova_vigencia_fim <= acordo.vigencia_fim):
        raise ErroDoAcordo(f"O novo fim da vigência tem de ser depois do atual, {acordo.vigencia_fim:%d/%m/%Y}.")
    solicitacao = SolicitacaoDoAcordo.objects.create(
        acordo=acordo, tipo=tipo, descricao=descricao.strip(), pedida_por=por,
        nova_vigencia_fim=nova_vigencia_fim if tipo == TipoSolicitacao.PRORROGACAO else None,
    )
    if tipo == TipoSolicitacao.INCLUSAO_SERVICOS:
        solicitacao.servicos.set(servicos)
    evento_registrar(objeto=acordo, acao="solicitacao_do_acordo", por=por, nota=solicitacao.get_tipo_display())
    return solicitacao


@transaction.atomic
def solicitacao_decidir(
    *, solicitacao: SolicitacaoDoAcordo, deferir: bool, decisao: str, por, documento_sei: str = "",
) -> SolicitacaoDoAcordo:
    """O gestor regional decide. Deferida, a mudança entra no acordo com a data e o documento SEI; a
    consulta de vigência é respondida."""
    if not decisao.strip():
        raise ErroDoAcordo("Escreva a decisão ou a resposta à entidade.")
    consulta = solicitacao.tipo == TipoSolicitacao.CONSULTA_VIGENCIA
    status = StatusSolicitacao.RESPONDIDA if consulta else (
        StatusSolicitacao.DEFERIDA if deferir else StatusSolicitacao.INDEFERIDA)
    if not SolicitacaoDoAcordo.objects.filter(pk=solicitacao.pk, status=StatusSolicitacao.PENDENTE).update(
        status=status, decisao=decisao.strip(), documento_sei=documento_sei.strip(), decidida_por=por,
        decidida_em=timezone.now(),
    ):
        raise ErroDoAcordo("Esta solicitação já foi decidida.")
    acordo = solicitacao.acordo
    if status == StatusSolicitacao.DEFERIDA:
        if solicitacao.tipo == TipoSolicitacao.INCLUSAO_SERVICOS:
            nomes = [str(s) for s in solicitacao.servicos.all()]
            acordo.servicos_pactuados.add(*solicitacao.servicos.all())
            descricao = "Serviços incluídos: " + "; ".join(nomes) + "."
        elif solicitacao.tipo == TipoSolicitacao.PRORROGACAO:
            anterior = acordo.vigencia_fim
            Acordo.objects.filter(pk=acordo.pk).update(vigencia_fim=solicitacao.nova_vigencia_fim)
            descricao = f"Vigência prorrogada de {anterior:%d/%m/%Y} para {solicitacao.nova_vigencia_fim:%d/%m/%Y}."
        else:
            descricao = f"Termo aditivo: {solicitacao.descricao}"
        AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=solicitacao.tipo, descricao=descricao,
                                         documento_sei=documento_sei.strip(), por=por)
    evento_registrar(objeto=acordo, acao=f"solicitacao_{status}", por=por, nota=solicitacao.get_tipo_display())
    return SolicitacaoDoAcordo.objects.get(pk=solicitacao.pk)
