"""A análise pelo INSS (etapas 4 e 6 da seed 002): o analista assume o requerimento e decide. Cada função: uma
transação, atualização guardada pelo status anterior (contagem 0 = outra ação chegou antes), evento gravado,
avisos depois do commit."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from atendimento.models import Decisao, Requerimento, StatusRequerimento
from atendimento.selectors import destinatarios_na_entidade, requerimentos_para_analise
from atendimento.services._comum import ErroDoRequerimento
from portal.auditoria.services import evento_registrar
from portal.notificacoes.services import notificacao_criar
from portal.validadores import formatar_protocolo


def numero(requerimento: Requerimento) -> str:
    """O protocolo como a pessoa o lê (AAAA.NNNNNNNN-D), para as mensagens e os avisos."""
    return formatar_protocolo(requerimento.protocolo) if requerimento.protocolo else str(requerimento)


def url_na_entidade(requerimento: Requerimento) -> str:
    return reverse("atendimento:requerimento", args=[requerimento.pk])


def url_na_analise(requerimento: Requerimento) -> str:
    return reverse("atendimento:analise", args=[requerimento.pk])


def avisar_a_entidade(requerimento: Requerimento, *, titulo: str, corpo: str) -> None:
    for pessoa in destinatarios_na_entidade(requerimento):
        notificacao_criar(destinatario=pessoa, titulo=titulo, corpo=corpo, url=url_na_entidade(requerimento))


def avisar_o_analista(requerimento: Requerimento, *, titulo: str, corpo: str = "") -> None:
    if requerimento.analista_id:
        notificacao_criar(destinatario=requerimento.analista, titulo=titulo, corpo=corpo,
                          url=url_na_analise(requerimento))


def requerimento_mudar(requerimento: Requerimento, *, de: tuple[str, ...], condicoes: dict | None = None,
                       **campos) -> Requerimento:
    """Atualização guardada: só muda se o requerimento ainda está num dos status `de` (e nas condições extras).
    Devolve o requerimento relido; ErroDoRequerimento quando outra ação chegou antes."""
    mudou = Requerimento.objects.filter(pk=requerimento.pk, status__in=de, **(condicoes or {})).update(
        atualizado_em=timezone.now(), **campos
    )
    atual = Requerimento.objects.select_related("entidade", "servico", "representante", "analista").get(
        pk=requerimento.pk
    )
    if not mudou:
        raise ErroDoRequerimento(
            f"O requerimento {numero(atual)} mudou enquanto você o via (agora: {atual.get_status_display().lower()}"
            f"{', com ' + atual.analista.nome if atual.analista_id else ''}). Recarregue a página e confira."
        )
    return atual


def _analista_no_escopo(requerimento: Requerimento, por) -> None:
    if not requerimentos_para_analise(por).filter(pk=requerimento.pk).exists():
        raise ErroDoRequerimento("Só os analistas da região da entidade analisam este requerimento.")


def analista_responsavel_conferir(requerimento: Requerimento, por) -> None:
    """Emitir exigência e decidir são de quem assumiu o requerimento."""
    _analista_no_escopo(requerimento, por)
    if requerimento.status == StatusRequerimento.PROTOCOLADO:
        raise ErroDoRequerimento(f"Assuma o requerimento {numero(requerimento)} antes de analisá-lo.")
    if requerimento.analista_id != por.pk:
        com = f"com {requerimento.analista.nome}" if requerimento.analista_id else "sem analista"
        raise ErroDoRequerimento(f"O requerimento {numero(requerimento)} está {com}: só quem o assumiu o analisa.")


@transaction.atomic
def requerimento_assumir(*, requerimento: Requerimento, por) -> Requerimento:
    """Etapa 4: o analista tira o requerimento da fila (protocolado → em análise) e passa a responder por ele.
    Dois analistas no mesmo clique: um assume, o outro fica sabendo com quem ficou."""
    _analista_no_escopo(requerimento, por)
    requerimento = requerimento_mudar(
        requerimento, de=(StatusRequerimento.PROTOCOLADO,), condicoes={"analista__isnull": True},
        status=StatusRequerimento.EM_ANALISE, analista=por,
    )
    evento_registrar(objeto=requerimento, acao="requerimento_assumido", por=por,
                     status_de=StatusRequerimento.PROTOCOLADO, status_para=StatusRequerimento.EM_ANALISE)
    return requerimento


@transaction.atomic
def requerimento_concluir(*, requerimento: Requerimento, decisao: str, motivo: str, por) -> Requerimento:
    """Etapa 6: a decisão, sempre fundamentada, que a entidade repassa ao cidadão."""
    if decisao not in Decisao.values:
        raise ErroDoRequerimento("Escolha a decisão: deferido ou indeferido.", campo="decisao")
    motivo = motivo.strip()
    if not motivo:
        if decisao == Decisao.INDEFERIDO:
            raise ErroDoRequerimento(
                "O indeferimento exige a fundamentação: diga o motivo e o dispositivo legal, para que a entidade "
                "explique ao cidadão e ele possa recorrer.", campo="motivo",
            )
        raise ErroDoRequerimento("Fundamente a decisão: o que foi reconhecido e com base em quê.", campo="motivo")
    analista_responsavel_conferir(requerimento, por)
    if requerimento.status == StatusRequerimento.EM_EXIGENCIA:
        raise ErroDoRequerimento(
            f"O requerimento {numero(requerimento)} tem uma exigência aberta: decida depois da resposta da entidade "
            "ou do fim do prazo."
        )
    agora = timezone.now()
    requerimento = requerimento_mudar(
        requerimento, de=(StatusRequerimento.EM_ANALISE,), condicoes={"analista": por},
        status=StatusRequerimento.CONCLUIDO, decisao=decisao, motivo_da_decisao=motivo, concluido_em=agora,
    )
    rotulo = Decisao(decisao).label
    evento_registrar(objeto=requerimento, acao="requerimento_concluido", por=por,
                     status_de=StatusRequerimento.EM_ANALISE, status_para=StatusRequerimento.CONCLUIDO,
                     nota=f"{rotulo}: {motivo}")
    avisar_a_entidade(
        requerimento, titulo=f"Requerimento {numero(requerimento)}: {rotulo.lower()}",
        corpo=f"{requerimento.servico}. A decisão e a fundamentação estão no requerimento: informe o cidadão "
              "(o resultado chega a ele por meio da entidade, além do Meu INSS e da Central 135).",
    )
    return requerimento
