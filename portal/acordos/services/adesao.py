"""A adesão (seed 002): documentos e aceites, pedidos do INSS, checklist, aprovação ou recusa."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.acordos.models import (
    ADESAO_ACEITA_RESPOSTA,
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    DocumentoDeAdesao,
    PedidoDeDocumento,
    RegimePrevidenciario,
    StatusAcordo,
    StatusAdesao,
    TipoAlteracao,
    TipoDocumentoAdesao,
)
from portal.acordos.services._comum import DocumentoNovo, ErroDoAcordo
from portal.auditoria.services import evento_registrar
from portal.operacao.sequencias import proximo_da_sequencia
from portal.validadores import normalizar_cpf, normalizar_processo_sei

DOCUMENTOS_SEMPRE_EXIGIDOS = (
    TipoDocumentoAdesao.OFICIO,
    TipoDocumentoAdesao.LEI_CRIACAO,
    TipoDocumentoAdesao.OUTORGA,
    TipoDocumentoAdesao.DOCUMENTO_PESSOAL,
)


def pendencias_da_adesao(adesao: Adesao, tipos_enviados: set[str]) -> list[str]:
    """O que falta para enviar a adesão à análise (seed 002), em frases para a pessoa."""
    faltam = [
        f"Anexe: {TipoDocumentoAdesao(tipo).label}." for tipo in DOCUMENTOS_SEMPRE_EXIGIDOS
        if tipo not in tipos_enviados
    ]
    if adesao.regime == RegimePrevidenciario.RPPS and TipoDocumentoAdesao.CRP not in tipos_enviados:
        faltam.append(f"Anexe: {TipoDocumentoAdesao.CRP.label} — a entidade declarou ter regime próprio.")
    if adesao.regime == RegimePrevidenciario.RGPS and TipoDocumentoAdesao.CERTIDAO_DEBITOS not in tipos_enviados:
        faltam.append(
            f"Anexe: {TipoDocumentoAdesao.CERTIDAO_DEBITOS.label} — a entidade declarou estar vinculada apenas "
            "ao RGPS."
        )
    if not adesao.aceite_minuta:
        faltam.append("Aceite formalmente os termos da minuta do ACT.")
    if not adesao.aceite_plano_de_trabalho:
        faltam.append("Aceite formalmente o Plano de Trabalho.")
    return faltam


@transaction.atomic
def adesao_iniciar(
    *, entidade, representante_legal_nome: str, representante_legal_cpf: str, representante_legal_cargo: str,
    regime: str, aceite_minuta: bool, aceite_plano_de_trabalho: bool, por,
) -> Adesao:
    if Adesao.objects.filter(entidade=entidade).exclude(status=StatusAdesao.RECUSADA).exists():
        raise ErroDoAcordo(f"{entidade} já tem uma adesão em andamento ou aprovada.")
    adesao = Adesao.objects.create(
        entidade=entidade, iniciada_por=por, representante_legal_nome=representante_legal_nome.strip(),
        representante_legal_cpf=normalizar_cpf(representante_legal_cpf),
        representante_legal_cargo=representante_legal_cargo.strip(), regime=regime,
        aceite_minuta=aceite_minuta, aceite_plano_de_trabalho=aceite_plano_de_trabalho,
    )
    evento_registrar(objeto=adesao, acao="adesao_iniciada", por=por, status_para=StatusAdesao.RASCUNHO)
    return adesao


def _guardar_documentos(adesao: Adesao, documentos: list[DocumentoNovo], por, pedido=None) -> None:
    for documento in documentos:
        registro = DocumentoDeAdesao(
            adesao=adesao, pedido=pedido, tipo=documento.tipo, nome=documento.verificado.nome,
            tamanho=documento.verificado.tamanho, sha256=documento.verificado.sha256, enviado_por=por,
        )
        documento.verificado.arquivo.seek(0)
        registro.arquivo.save(f"adesao-{adesao.pk}-{documento.verificado.sha256[:16]}.pdf",
                              ContentFile(documento.verificado.arquivo.read()), save=False)
        registro.save()


def _mudar_adesao(adesao: Adesao, *, de: tuple[str, ...], **campos) -> Adesao:
    if not Adesao.objects.filter(pk=adesao.pk, status__in=de).update(**campos):
        atual = Adesao.objects.get(pk=adesao.pk)
        raise ErroDoAcordo(f"A adesão mudou enquanto você a via (agora: {atual.get_status_display()}).")
    return Adesao.objects.select_related("entidade__sr").get(pk=adesao.pk)


@transaction.atomic
def adesao_enviar(*, adesao: Adesao, documentos: list[DocumentoNovo], por) -> Adesao:
    """A entidade envia a adesão à análise da SR; recusa, sem gravar nada, se falta documento ou aceite."""
    enviados = set(adesao.documentos.values_list("tipo", flat=True)) | {d.tipo for d in documentos}
    faltam = pendencias_da_adesao(adesao, enviados)
    if faltam:
        raise ErroDoAcordo(" ".join(faltam))
    _guardar_documentos(adesao, documentos, por)
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.RASCUNHO,), status=StatusAdesao.EM_ANALISE,
                           enviada_em=timezone.now())
    evento_registrar(objeto=adesao, acao="adesao_enviada", por=por, status_de=StatusAdesao.RASCUNHO,
                     status_para=StatusAdesao.EM_ANALISE)
    return adesao


@transaction.atomic
def adesao_pedir_documentos(*, adesao: Adesao, texto: str, por) -> PedidoDeDocumento:
    if not texto.strip():
        raise ErroDoAcordo("Diga quais documentos a entidade deve enviar.")
    agora = timezone.now()
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.EM_ANALISE, StatusAdesao.AGUARDANDO_ENTIDADE),
                           status=StatusAdesao.AGUARDANDO_ENTIDADE, aguardando_desde=agora)
    pedido = PedidoDeDocumento.objects.create(adesao=adesao, texto=texto.strip(), pedido_por=por, pedido_em=agora)
    evento_registrar(objeto=adesao, acao="adesao_documentos_pedidos", por=por,
                     status_para=StatusAdesao.AGUARDANDO_ENTIDADE, nota=texto.strip())
    return pedido


@transaction.atomic
def adesao_responder(*, pedido: PedidoDeDocumento, resposta: str, documentos: list[DocumentoNovo], por) -> Adesao:
    if pedido.respondido_em:
        raise ErroDoAcordo("Este pedido já foi respondido.")
    if pedido.adesao.status not in ADESAO_ACEITA_RESPOSTA:
        raise ErroDoAcordo(f"A adesão já está {pedido.adesao.get_status_display().lower()}: o pedido não aceita "
                           "mais resposta.")
    if not documentos and not resposta.strip():
        raise ErroDoAcordo("Anexe os documentos pedidos ou escreva a resposta.")
    adesao = pedido.adesao
    _guardar_documentos(adesao, documentos, por, pedido=pedido)
    PedidoDeDocumento.objects.filter(pk=pedido.pk).update(resposta=resposta.strip(), respondido_em=timezone.now())
    pendentes = adesao.pedidos.filter(respondido_em__isnull=True).exclude(pk=pedido.pk).exists()
    if not pendentes:
        adesao = _mudar_adesao(adesao, de=(StatusAdesao.AGUARDANDO_ENTIDADE,), status=StatusAdesao.EM_ANALISE,
                               aguardando_desde=None)
    evento_registrar(objeto=adesao, acao="adesao_documentos_enviados", por=por,
                     status_de=StatusAdesao.AGUARDANDO_ENTIDADE if not pendentes else "",
                     status_para=StatusAdesao.EM_ANALISE if not pendentes else "")
    return adesao


@transaction.atomic
def adesao_recusar(*, adesao: Adesao, motivo: str, por) -> Adesao:
    if not motivo.strip():
        raise ErroDoAcordo("Diga por que a adesão é recusada.")
    anterior = adesao.status
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.EM_ANALISE, StatusAdesao.AGUARDANDO_ENTIDADE),
                           status=StatusAdesao.RECUSADA, decidida_em=timezone.now(), decidida_por=por,
                           motivo_da_recusa=motivo.strip())
    evento_registrar(objeto=adesao, acao="adesao_recusada", por=por, status_de=anterior,
                     status_para=StatusAdesao.RECUSADA, nota=motivo.strip())
    return adesao


def numero_do_acordo(sr, inicio: date) -> str:
    """"N/AAAA-SRn": a sequência da SR no ano do início da vigência (também a dos acordos importados)."""
    chave = f"SR{sr.numero}-{inicio.year}"
    return f"{proximo_da_sequencia(f'acordo:{chave}')}/{inicio.year}-SR{sr.numero}"


@transaction.atomic
def adesao_aprovar(
    *, adesao: Adesao, processo_sei: str, vigencia_inicio: date, vigencia_fim: date, servicos, por,
    plano_de_trabalho: str = "",
) -> Acordo:
    """Aprova a adesão e celebra o acordo. Ele nasce `vigente` se o checklist está completo; senão, em
    análise, com a operacionalização bloqueada até o checklist fechar (`checklist_marcar`)."""
    processo = normalizar_processo_sei(processo_sei)
    if vigencia_fim <= vigencia_inicio:
        raise ErroDoAcordo("O fim da vigência tem de ser depois do início.")
    if not servicos:
        raise ErroDoAcordo("Escolha ao menos um serviço pactuado.")
    if Acordo.objects.filter(processo_sei=processo).exists():
        raise ErroDoAcordo("Já existe um acordo com este processo SEI.")
    anterior = adesao.status
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.EM_ANALISE,), status=StatusAdesao.APROVADA,
                           decidida_em=timezone.now(), decidida_por=por)
    status = StatusAcordo.VIGENTE if adesao.checklist_completo else StatusAcordo.EM_ANALISE
    acordo = Acordo.objects.create(
        numero=numero_do_acordo(adesao.entidade.sr, vigencia_inicio), entidade=adesao.entidade, adesao=adesao,
        processo_sei=processo, vigencia_inicio=vigencia_inicio, vigencia_fim=vigencia_fim, status=status,
        plano_de_trabalho=plano_de_trabalho,
    )
    acordo.servicos_pactuados.set(servicos)
    AlteracaoDoAcordo.objects.create(
        acordo=acordo, tipo=TipoAlteracao.CRIACAO, por=por, documento_sei=acordo.processo_sei_formatado,
        descricao=f"Vigência de {vigencia_inicio:%d/%m/%Y} a {vigencia_fim:%d/%m/%Y}; "
                  f"{len(servicos)} serviço(s) pactuado(s).",
    )
    evento_registrar(objeto=adesao, acao="adesao_aprovada", por=por, status_de=anterior,
                     status_para=StatusAdesao.APROVADA)
    evento_registrar(objeto=acordo, acao="acordo_celebrado", por=por, status_para=status)
    return acordo


CAMPOS_DO_CHECKLIST = ("estrutura_fisica", "representantes_indicados", "capacitacao_concluida")


@transaction.atomic
def checklist_marcar(*, adesao: Adesao, item: str, feito: bool, por) -> Adesao:
    """Marca um item do checklist; quando o último fecha, o acordo em análise passa a vigente e a
    operacionalização é liberada."""
    if item not in CAMPOS_DO_CHECKLIST:
        raise ErroDoAcordo("Item de checklist desconhecido.")
    Adesao.objects.filter(pk=adesao.pk).update(**{item: feito})
    adesao = Adesao.objects.select_related("entidade").get(pk=adesao.pk)
    evento_registrar(objeto=adesao, acao="checklist_marcado", por=por, alteracoes={item: feito})
    acordo = Acordo.objects.filter(adesao=adesao, status=StatusAcordo.EM_ANALISE).first()
    if acordo and adesao.checklist_completo:
        if Acordo.objects.filter(pk=acordo.pk, status=StatusAcordo.EM_ANALISE).update(status=StatusAcordo.VIGENTE):
            AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=TipoAlteracao.OPERACIONALIZACAO, por=por,
                                             descricao="Checklist completo: operacionalização liberada.")
            evento_registrar(objeto=acordo, acao="operacionalizacao_liberada", por=por,
                             status_de=StatusAcordo.EM_ANALISE, status_para=StatusAcordo.VIGENTE)
    return adesao
