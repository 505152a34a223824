"""A exigência (etapa 5 da seed 002, "complementação"): o analista pede o que falta; a entidade responde ou pede
mais 30 dias, uma vez; no fim do prazo sem resposta, a varredura a registra como não cumprida e devolve o
requerimento à análise. A resposta da entidade e a varredura disputam a mesma linha com a mesma atualização
guardada (`status = aberta`): quem atualiza primeiro vence, e o outro não muda nada."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from atendimento.models import (
    Exigencia,
    Requerimento,
    StatusExigencia,
    StatusRequerimento,
    TipoDocumentoRequerimento,
)
from atendimento.prazos import LEMBRETES_ANTES_DO_FIM, dias_restantes, prazo_da_exigencia, prazo_prorrogado
from atendimento.selectors import age_pela_entidade, destinatarios_por_requerimento
from atendimento.services._comum import ErroDoRequerimento
from atendimento.services.analise import (
    analista_responsavel_conferir,
    avisar_a_entidade,
    avisar_o_analista,
    numero,
    requerimento_mudar,
    url_na_entidade,
)
from atendimento.services.documentos import documento_guardar, total_conferir
from portal.arquivos import ArquivoVerificado
from portal.auditoria.services import evento_registrar, eventos_registrar_em_lote
from portal.notificacoes.services import Lembrete, em_lotes, lembretes_registrar, marco_devido

# Cada marco é o início do dia em que faltam N dias para o último (prazos.dias_restantes == N).
MARCOS_DA_EXIGENCIA = [(f"{dias}_dias" if dias > 1 else "1_dia", timedelta(days=dias)) for dias in
                       LEMBRETES_ANTES_DO_FIM]


def _itens_limpos(itens: str) -> str:
    return "\n".join(linha.strip() for linha in (itens or "").splitlines() if linha.strip())


def _quando_termina(dias: int) -> str:
    if dias <= 0:
        return "termina hoje"
    return "termina amanhã" if dias == 1 else f"termina em {dias} dias"


def _entidade_conferir(exigencia: Exigencia, por) -> None:
    if not age_pela_entidade(por, exigencia.requerimento.entidade):
        raise ErroDoRequerimento(
            "Respondem exigências e pedem prorrogação os representantes da entidade cujo papel protocola "
            "(Autentica, Advogado, OAB) e os gestores; o papel Consulta só acompanha."
        )


def _exigencia_relida(exigencia: Exigencia) -> Exigencia:
    return Exigencia.objects.select_related("requerimento__entidade", "requerimento__analista", "respondida_por").get(
        pk=exigencia.pk
    )


def _por_que_nao_muda(exigencia: Exigencia, hoje: date) -> str:
    """Relida depois de uma atualização guardada que não mudou nada: a frase que explica à pessoa."""
    atual = _exigencia_relida(exigencia)
    if atual.status == StatusExigencia.NAO_CUMPRIDA:
        return (f"O prazo terminou em {atual.prazo_fim:%d/%m/%Y} e a exigência foi registrada como não cumprida; "
                "o requerimento voltou para a análise do INSS.")
    if atual.status == StatusExigencia.RESPONDIDA:
        quem = f" por {atual.respondida_por.nome}" if atual.respondida_por_id else ""
        quando = timezone.localtime(atual.respondida_em).strftime("%d/%m/%Y %H:%M")
        return f"A exigência já foi respondida{quem} em {quando}."
    if atual.prazo_fim < hoje:
        return (f"O prazo terminou em {atual.prazo_fim:%d/%m/%Y}: a exigência não aceita mais resposta nem "
                "prorrogação.")
    if atual.prorrogada_em:
        return f"O prazo já foi prorrogado uma vez, até {atual.prazo_fim:%d/%m/%Y}; a prorrogação é uma só."
    return "A exigência mudou enquanto você a via. Recarregue a página e confira."


@transaction.atomic
def exigencia_emitir(*, requerimento: Requerimento, texto: str, itens: str, por) -> Exigencia:
    """O analista pede complementação: o requerimento fica em exigência e a entidade tem 30 dias, contados
    pela Lei 9.784/99, art. 66 (sem o dia da notificação; fim em dia sem expediente vai ao dia útil seguinte)."""
    texto = texto.strip()
    if not texto:
        raise ErroDoRequerimento("Diga à entidade o que falta e por quê.", campo="texto")
    analista_responsavel_conferir(requerimento, por)
    agora = timezone.now()
    prazo_fim = prazo_da_exigencia(agora, requerimento.entidade.uf_id)
    # Uma exigência nova recomeça a conta: a marca da anterior não cumprida fica na própria exigência.
    requerimento = requerimento_mudar(
        requerimento, de=(StatusRequerimento.EM_ANALISE,), condicoes={"analista": por},
        status=StatusRequerimento.EM_EXIGENCIA, exigencia_nao_cumprida=False,
    )
    exigencia = Exigencia.objects.create(
        requerimento=requerimento, texto=texto, itens=_itens_limpos(itens), emitida_por=por, notificada_em=agora,
        prazo_fim=prazo_fim,
    )
    evento_registrar(objeto=requerimento, acao="exigencia_emitida", por=por,
                     status_de=StatusRequerimento.EM_ANALISE, status_para=StatusRequerimento.EM_EXIGENCIA,
                     nota=f"Prazo até {prazo_fim:%d/%m/%Y}.")
    avisar_a_entidade(
        requerimento, titulo=f"Exigência no requerimento {numero(requerimento)} — prazo até {prazo_fim:%d/%m/%Y}",
        corpo="O INSS pede complementação. Responda pelo requerimento, com o texto e os documentos em PDF; "
              "se precisar, peça uma vez mais 30 dias.",
    )
    return exigencia


@transaction.atomic
def exigencia_prorrogar(*, exigencia: Exigencia, por) -> Exigencia:
    """Mais 30 dias a pedido da entidade, uma vez só, enquanto o prazo corre."""
    _entidade_conferir(exigencia, por)
    requerimento = exigencia.requerimento
    agora = timezone.now()
    hoje = timezone.localdate(agora)
    novo_prazo = prazo_prorrogado(exigencia.prazo_fim, requerimento.entidade.uf_id)
    # O novo prazo é calculado do prazo lido: a guarda exige que ele não tenha mudado.
    if not Exigencia.objects.filter(
        pk=exigencia.pk, status=StatusExigencia.ABERTA, prorrogada_em__isnull=True, prazo_fim=exigencia.prazo_fim,
        prazo_fim__gte=hoje,
    ).update(prazo_fim=novo_prazo, prorrogada_em=agora):
        raise ErroDoRequerimento(_por_que_nao_muda(exigencia, hoje))
    evento_registrar(objeto=requerimento, acao="exigencia_prorrogada", por=por,
                     nota=f"Prazo de {exigencia.prazo_fim:%d/%m/%Y} prorrogado para {novo_prazo:%d/%m/%Y}.")
    exigencia = _exigencia_relida(exigencia)
    avisar_o_analista(exigencia.requerimento, titulo=f"A entidade prorrogou a exigência do requerimento "
                                                     f"{numero(requerimento)} até {novo_prazo:%d/%m/%Y}")
    return exigencia


@transaction.atomic
def exigencia_responder(*, exigencia: Exigencia, resposta: str, documentos: list[ArquivoVerificado], por) -> Exigencia:
    """A entidade responde com texto, PDFs ou os dois (limites do PAT); o requerimento volta à análise."""
    _entidade_conferir(exigencia, por)
    resposta = resposta.strip()
    documentos = list(documentos)
    if not resposta and not documentos:
        raise ErroDoRequerimento("Escreva a resposta ou anexe ao menos um documento em PDF.", campo="resposta")
    requerimento = exigencia.requerimento
    total_conferir(requerimento, documentos)
    agora = timezone.now()
    hoje = timezone.localdate(agora)
    # Primeiro a linha disputada (a varredura do prazo age sobre a mesma): só quem a muda segue adiante.
    if not Exigencia.objects.filter(pk=exigencia.pk, status=StatusExigencia.ABERTA, prazo_fim__gte=hoje).update(
        status=StatusExigencia.RESPONDIDA, resposta=resposta, respondida_em=agora, respondida_por=por
    ):
        raise ErroDoRequerimento(_por_que_nao_muda(exigencia, hoje))
    requerimento = requerimento_mudar(requerimento, de=(StatusRequerimento.EM_EXIGENCIA,),
                                      status=StatusRequerimento.EM_ANALISE)
    for verificado in documentos:
        documento_guardar(requerimento=requerimento, tipo=TipoDocumentoRequerimento.RESPOSTA_EXIGENCIA,
                          verificado=verificado, por=por, exigencia=exigencia)
    anexos = f" {len(documentos)} documento(s) anexado(s)." if documentos else ""
    evento_registrar(objeto=requerimento, acao="exigencia_respondida", por=por,
                     status_de=StatusRequerimento.EM_EXIGENCIA, status_para=StatusRequerimento.EM_ANALISE,
                     nota=f"Resposta da entidade.{anexos}")
    avisar_o_analista(requerimento, titulo=f"A entidade respondeu à exigência do requerimento {numero(requerimento)}",
                      corpo=f"Resposta de {requerimento.entidade}.{anexos} O requerimento voltou para a sua análise.")
    return _exigencia_relida(exigencia)


def _inicio_do_dia(dia: date) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time.min))


def exigencias_varrer(*, agora: datetime | None = None, lote: int = 1000) -> int:
    """Varredura: a exigência aberta cujo último dia já passou (o prazo vale até o fim desse dia, no horário
    de Brasília) fica não cumprida, e o requerimento volta à análise marcado. Linhas que uma resposta está
    gravando agora (travadas) ficam para a próxima passada, que então não as acha mais abertas."""
    agora = agora or timezone.now()
    hoje = timezone.localdate(agora)
    marcadas = 0
    while True:
        with transaction.atomic():
            linhas = list(
                Exigencia.objects.select_for_update(skip_locked=True)
                .filter(status=StatusExigencia.ABERTA, prazo_fim__lt=hoje)
                .order_by("prazo_fim", "pk")
                .values_list("pk", "requerimento_id")[:lote]
            )
            if not linhas:
                return marcadas
            ids = [pk for pk, _ in linhas]
            requerimentos = [requerimento_id for _, requerimento_id in linhas]
            Exigencia.objects.filter(pk__in=ids, status=StatusExigencia.ABERTA).update(
                status=StatusExigencia.NAO_CUMPRIDA
            )
            Requerimento.objects.filter(pk__in=requerimentos, status=StatusRequerimento.EM_EXIGENCIA).update(
                status=StatusRequerimento.EM_ANALISE, exigencia_nao_cumprida=True, atualizado_em=agora
            )
            eventos_registrar_em_lote(
                modelo=Requerimento, ids=requerimentos, acao="exigencia_nao_cumprida",
                status_de=StatusRequerimento.EM_EXIGENCIA, status_para=StatusRequerimento.EM_ANALISE,
                nota="O prazo da exigência terminou sem resposta da entidade.",
            )
            for requerimento in Requerimento.objects.filter(pk__in=requerimentos).select_related("analista"):
                avisar_o_analista(
                    requerimento, titulo=f"Exigência não cumprida no requerimento {numero(requerimento)}",
                    corpo="O prazo terminou sem resposta da entidade; o requerimento voltou para a sua análise.",
                )
            marcadas += len(ids)


def exigencias_lembrar(*, agora: datetime | None = None) -> int:
    """Varredura: avisa a entidade quando faltam 5 dias e 1 dia para o último dia da exigência — cada marco uma
    vez por prazo (a data entra no marco: o prazo prorrogado recebe os seus avisos); depois de uma parada, só o
    mais recente. Destinatários e livro de lembretes lidos por lote de 500 exigências."""
    agora = agora or timezone.now()
    hoje = timezone.localdate(agora)
    limite = hoje + max(antecedencia for _, antecedencia in MARCOS_DA_EXIGENCIA)
    exigencias = (
        Exigencia.objects.filter(status=StatusExigencia.ABERTA, prazo_fim__gte=hoje, prazo_fim__lte=limite)
        .select_related("requerimento")
        .order_by("prazo_fim", "pk")
    )

    def lembretes():
        for lote in em_lotes(exigencias.iterator(chunk_size=500)):
            devidas = [(exigencia, marco) for exigencia in lote
                       if (marco := marco_devido(prazo=_inicio_do_dia(exigencia.prazo_fim), marcos=MARCOS_DA_EXIGENCIA,
                                                 agora=agora))]
            destinatarios = destinatarios_por_requerimento([exigencia.requerimento for exigencia, _ in devidas])
            for exigencia, marco in devidas:
                requerimento = exigencia.requerimento
                quando = _quando_termina(dias_restantes(exigencia.prazo_fim, hoje))
                for pessoa in destinatarios[requerimento.pk]:
                    yield Lembrete(
                        objeto=exigencia, marco=f"{exigencia.prazo_fim.isoformat()}:{marco}", destinatario=pessoa,
                        titulo=f"O prazo da exigência do requerimento {numero(requerimento)} {quando} "
                               f"({exigencia.prazo_fim:%d/%m/%Y})",
                        corpo="Responda pelo requerimento; sem resposta no prazo, a exigência é registrada como não "
                              "cumprida e o INSS decide com o que tem.",
                        url=url_na_entidade(requerimento),
                    )

    return lembretes_registrar(tipo="prazo_da_exigencia", lembretes=lembretes())

