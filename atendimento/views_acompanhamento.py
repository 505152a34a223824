"""Depois do protocolo: a entidade acompanha os seus requerimentos (as 6 etapas da seed 002, a exigência com o
prazo, a resposta, a decisão) e o analista do INSS trabalha a fila da sua região (assumir, exigir, decidir).

Tudo de outra entidade ou de outra região é 404. Cada ação do analista tem uma página própria com um formulário
comum (funciona sem JavaScript); com htmx, o mesmo formulário abre num diálogo da página de análise."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from atendimento import selectors
from atendimento.forms_analise import (
    FiltroDaFila,
    FiltroDosRequerimentos,
    FormularioDeDecisao,
    FormularioDeExigencia,
    FormularioDeResposta,
)
from atendimento.models import FORMULARIOS_ASSINADOS, Requerimento, StatusExigencia, StatusRequerimento
from atendimento.prazos import dias_restantes
from atendimento.services._comum import ErroDoRequerimento
from atendimento.services.analise import requerimento_assumir, requerimento_concluir
from atendimento.services.exigencia import exigencia_emitir, exigencia_prorrogar, exigencia_responder
from certificados.acesso import conferir_o_a3, pagina_do_a3_exigido, pat_com_a3
from portal.acoes import acao_executar
from portal.auditoria.selectors import eventos_de
from portal.auditoria.services import em_nome_de, evento_registrar
from portal.entidades.views import representante_requerido
from portal.validadores import formatar_protocolo

POR_PAGINA = 25


def _com_protocolo_formatado(requerimentos):
    """O protocolo como a pessoa o lê (AAAA.NNNNNNNN-D), em cada requerimento que a página mostra."""
    for requerimento in requerimentos:
        requerimento.protocolo_formatado = formatar_protocolo(requerimento.protocolo or "")
    return requerimentos

# --- a linha do tempo (seed 002) ----------------------------------------------------------------------------

CONCLUIDA, ATUAL, PENDENTE, DISPENSADA, INTERROMPIDA = "concluida", "atual", "pendente", "dispensada", "interrompida"
ROTULOS_DA_SITUACAO = {CONCLUIDA: "Concluída", ATUAL: "Em andamento", PENDENTE: "A seguir",
                       DISPENSADA: "Não foi necessária", INTERROMPIDA: "Interrompida"}


@dataclass(frozen=True)
class Etapa:
    numero: int
    nome: str
    situacao: str
    quando: datetime | None = None
    texto: str = ""

    @property
    def rotulo_da_situacao(self) -> str:
        return ROTULOS_DA_SITUACAO[self.situacao]


def linha_do_tempo(requerimento: Requerimento, *, documentos: list, exigencias: list, eventos: list) -> list[Etapa]:
    """As 6 etapas do atendimento no ACT, com as datas que os campos e os eventos guardam."""
    status = requerimento.status
    cancelado = status == StatusRequerimento.CANCELADO
    concluido = status == StatusRequerimento.CONCLUIDO
    assumido_em = min((e.quando for e in eventos if e.acao == "requerimento_assumido"), default=None)
    termos = [d.enviado_em for d in documentos if d.tipo in FORMULARIOS_ASSINADOS]
    enviados = sum(1 for d in documentos if d.exigencia_id is None)
    seguinte = INTERROMPIDA if cancelado else PENDENTE

    if status == StatusRequerimento.PROTOCOLADO:
        analise = Etapa(4, "Análise", ATUAL, None, "Na fila do INSS, aguardando um analista.")
    elif status in (StatusRequerimento.EM_ANALISE, StatusRequerimento.EM_EXIGENCIA) or concluido:
        situacao = ATUAL if status == StatusRequerimento.EM_ANALISE else CONCLUIDA
        analise = Etapa(4, "Análise", situacao, assumido_em, "O INSS analisa o requerimento.")
    else:
        analise = Etapa(4, "Análise", seguinte)

    if status == StatusRequerimento.EM_EXIGENCIA:
        aberta = next(e for e in exigencias if e.status == StatusExigencia.ABERTA)
        complementacao = Etapa(5, "Complementação (exigência)", ATUAL, aberta.notificada_em,
                               f"O INSS pediu documentos; prazo até {aberta.prazo_fim:%d/%m/%Y}.")
    elif exigencias:
        ultima = exigencias[-1]
        complementacao = Etapa(5, "Complementação (exigência)", CONCLUIDA, ultima.respondida_em or ultima.notificada_em,
                               f"{len(exigencias)} exigência(s); a última: {ultima.get_status_display().lower()}.")
    elif concluido:
        complementacao = Etapa(5, "Complementação (exigência)", DISPENSADA)
    else:
        complementacao = Etapa(5, "Complementação (exigência)", seguinte, None,
                               "Só se o INSS pedir documentos ou informações adicionais.")

    if concluido:
        resultado = Etapa(6, "Resultado", CONCLUIDA, requerimento.concluido_em,
                          f"{requerimento.get_decisao_display()}. A decisão chega ao cidadão por meio da entidade e "
                          "também pelo Meu INSS e pela Central 135.")
    elif cancelado:
        resultado = Etapa(6, "Resultado", INTERROMPIDA, requerimento.atualizado_em, "Requerimento cancelado.")
    else:
        resultado = Etapa(6, "Resultado", PENDENTE, None,
                          "Disponível aqui, por meio da entidade, quando o INSS decidir.")

    return [
        Etapa(1, "Recepção", CONCLUIDA, requerimento.criado_em, "A entidade recebeu o cidadão."),
        Etapa(2, "Identificação da demanda", CONCLUIDA, min(termos, default=None),
              f"{requerimento.servico}; termo de representação, autorização de acesso aos dados pessoais e termo de "
              "requerimento de serviço."),
        Etapa(3, "Digitalização e envio", CONCLUIDA, requerimento.protocolado_em,
              f"Protocolo {formatar_protocolo(requerimento.protocolo)}; {enviados} documento(s) enviado(s) ao INSS."),
        analise,
        complementacao,
        resultado,
    ]


# --- a entidade ---------------------------------------------------------------------------------------------


def _pode_agir(perfil) -> bool:
    """Responder e pedir prorrogação: o papel que protocola ou o gestor; o papel Consulta só lê."""
    return perfil.vinculo.protocola or perfil.vinculo.gestor


def _requerimento_da_entidade(request, pk: int) -> Requerimento:
    requerimento = selectors.requerimento_da_entidade(request.perfil.entidade, pk)
    if requerimento is None:
        raise Http404("Requerimento não encontrado.")
    return _com_protocolo_formatado([requerimento])[0]


def _resultados(request, template: str, contexto: dict):
    if request.htmx:
        return render(request, f"{template}#resultados", contexto)
    return render(request, template, contexto)


@representante_requerido
@pat_com_a3
def requerimentos(request):
    perfil = request.perfil
    filtro = FiltroDosRequerimentos(request.GET)
    lista = selectors.requerimentos_para_a_lista(selectors.requerimentos_da_entidade(perfil.entidade))
    if filtro.is_valid():
        lista = selectors.filtrar_requerimentos(lista, texto=filtro.cleaned_data["texto"],
                                                status=filtro.cleaned_data["status"])
    else:
        lista = lista.none()
    pagina = Paginator(lista.order_by("-criado_em", "-pk"), POR_PAGINA).get_page(request.GET.get("pagina"))
    _com_protocolo_formatado(pagina)
    return _resultados(request, "atendimento/requerimentos.html", {
        "pagina": pagina, "filtro": filtro, "bloqueio": selectors.por_que_nao_protocola(perfil),
    })


def _pagina_do_requerimento(request, requerimento: Requerimento, *, form: FormularioDeResposta):
    documentos = selectors.documentos_de(requerimento)
    exigencias = selectors.exigencias_de(requerimento)
    eventos = list(eventos_de(requerimento).filter(acao="requerimento_assumido"))
    aberta = next((e for e in exigencias if e.status == StatusExigencia.ABERTA), None)
    # Negativo: o último dia passou e a varredura ainda não registrou a não cumprida (ela roda a cada minuto).
    restantes = dias_restantes(aberta.prazo_fim, timezone.localdate()) if aberta else None
    return render(request, "atendimento/requerimento.html", {
        "requerimento": requerimento,
        "etapas": linha_do_tempo(requerimento, documentos=documentos, exigencias=exigencias, eventos=eventos),
        "documentos_do_envio": [d for d in documentos if d.exigencia_id is None],
        "exigencias": exigencias,
        "agendamentos": selectors.agendamentos_do_requerimento(requerimento),
        "aberta": aberta,
        "dias_restantes": restantes,
        "no_prazo": restantes is not None and restantes >= 0,
        "pode_agir": _pode_agir(request.perfil),
        "form": form,
    })


@representante_requerido
@pat_com_a3
def requerimento(request, pk: int):
    requerimento = _requerimento_da_entidade(request, pk)
    if requerimento.status == StatusRequerimento.RASCUNHO:
        return redirect("atendimento:preencher", pk=requerimento.pk)
    return _pagina_do_requerimento(request, requerimento, form=FormularioDeResposta())


def _exigencia_aberta(request, pk: int):
    if not _pode_agir(request.perfil):
        raise Http404("O papel Consulta acompanha os requerimentos; não responde nem pede prorrogação.")
    requerimento = _requerimento_da_entidade(request, pk)
    return requerimento, requerimento.exigencias.filter(status=StatusExigencia.ABERTA).first()


@representante_requerido
@pat_com_a3
@require_POST
def responder(request, pk: int):
    requerimento, exigencia = _exigencia_aberta(request, pk)
    form = FormularioDeResposta(request.POST, request.FILES)
    if exigencia is None:
        form.add_error(None, f"O requerimento {requerimento.protocolo_formatado} não tem exigência aberta: nada a "
                             "responder agora.")
    elif form.is_valid():
        try:
            exigencia_responder(exigencia=exigencia, resposta=form.cleaned_data["resposta"],
                                documentos=form.cleaned_data["documentos"], por=request.user)
        except ErroDoRequerimento as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, "Resposta registrada. O requerimento voltou para a análise do INSS.")
            return redirect("atendimento:requerimento", pk=requerimento.pk)
    return _pagina_do_requerimento(request, _requerimento_da_entidade(request, pk), form=form)


@representante_requerido
@pat_com_a3
@require_POST
def prorrogar(request, pk: int):
    requerimento, exigencia = _exigencia_aberta(request, pk)
    if exigencia is None:
        messages.error(request, f"O requerimento {requerimento.protocolo_formatado} não tem exigência aberta para "
                                "prorrogar.")
    else:
        try:
            exigencia = exigencia_prorrogar(exigencia=exigencia, por=request.user)
        except ErroDoRequerimento as erro:
            messages.error(request, str(erro))
        else:
            messages.success(request, f"Prazo prorrogado até {exigencia.prazo_fim:%d/%m/%Y}.")
    return redirect("atendimento:requerimento", pk=requerimento.pk)


@login_required
def documento(request, pk: int):
    """O PDF de um documento do cidadão, para a entidade e para os analistas que alcançam o requerimento. Cada
    vez que é aberto fica no registro (LGPD)."""
    documento = get_object_or_404(selectors.documentos_visiveis_para(request.perfil), pk=pk)
    vinculo = request.perfil.vinculo
    if vinculo is not None and documento.requerimento.entidade_id == vinculo.entidade_id:
        prazo = conferir_o_a3(request)  # o documento do cidadão, pela entidade, é do PAT
        if prazo is not None:
            return pagina_do_a3_exigido(request, prazo)
    evento_registrar(objeto=documento, acao="documento_do_cidadao_visto", por=request.user,
                     nota=f"Requerimento {formatar_protocolo(documento.requerimento.protocolo or '')}: "
                          f"{documento.get_tipo_display()}, {em_nome_de(request)}")
    resposta = FileResponse(documento.arquivo.open("rb"), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="{documento.requerimento}-documento-{documento.pk}.pdf"'
    return resposta


# --- o INSS -------------------------------------------------------------------------------------------------


def _so_analista(request) -> None:
    if not selectors.eh_analista(request.perfil):
        raise Http404("Página dos analistas do INSS.")


def _requerimento_para_analise(request, pk: int) -> Requerimento:
    _so_analista(request)
    requerimento = get_object_or_404(
        selectors.requerimentos_para_analise(request.user).select_related("endereco_municipio"), pk=pk
    )
    return _com_protocolo_formatado([requerimento])[0]


@login_required
def fila(request):
    _so_analista(request)
    filtro = FiltroDaFila(request.GET or {"status": "na_fila"})
    lista = selectors.requerimentos_para_analise(request.user)
    if filtro.is_valid():
        dados = filtro.cleaned_data
        lista = selectors.filtrar_requerimentos(
            lista, texto=dados["texto"], status=dados["status"], servico=dados["servico"],
            entidade=dados["entidade"], idade_minima_dias=dados["idade"], atribuicao=dados["atribuicao"],
            usuario=request.user,
        )
    else:
        lista = lista.none()
    pagina = Paginator(selectors.ordenar_fila(lista), POR_PAGINA).get_page(request.GET.get("pagina"))
    _com_protocolo_formatado(pagina)
    return _resultados(request, "atendimento/fila.html", {"pagina": pagina, "filtro": filtro})


@login_required
def analise(request, pk: int):
    requerimento = _requerimento_para_analise(request, pk)
    return render(request, "atendimento/analise.html", {
        "requerimento": requerimento,
        "documentos_do_envio": [d for d in selectors.documentos_de(requerimento) if d.exigencia_id is None],
        "exigencias": selectors.exigencias_de(requerimento),
        "agendamentos": selectors.agendamentos_do_requerimento(requerimento),
        "eventos": list(eventos_de(requerimento)[:50]),
        "responsavel": requerimento.analista_id == request.user.pk,
    })


@login_required
@require_POST
def assumir(request, pk: int):
    requerimento = _requerimento_para_analise(request, pk)
    try:
        requerimento_assumir(requerimento=requerimento, por=request.user)
    except ErroDoRequerimento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"Você assumiu o requerimento {requerimento.protocolo_formatado}.")
    return redirect("atendimento:analise", pk=requerimento.pk)


def _acao(request, pk: int, *, titulo: str, formulario, executar, sucesso: str):
    """As ações do analista: achar no escopo, validar, chamar o serviço, voltar à análise."""
    requerimento = _requerimento_para_analise(request, pk)
    form = formulario(request.POST) if request.method == "POST" else formulario()
    return acao_executar(
        request, form=form, executar=lambda f: executar(requerimento, f.cleaned_data), erro=ErroDoRequerimento,
        sucesso=sucesso, destino=reverse("atendimento:analise", args=[requerimento.pk]),
        template="atendimento/acao.html", contexto={"requerimento": requerimento, "titulo": titulo},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exigir(request, pk: int):
    return _acao(
        request, pk, titulo="Emitir exigência", formulario=FormularioDeExigencia,
        executar=lambda r, dados: exigencia_emitir(requerimento=r, texto=dados["texto"], itens=dados["itens"],
                                                   por=request.user),
        sucesso="Exigência emitida. A entidade foi avisada do prazo.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def concluir(request, pk: int):
    return _acao(
        request, pk, titulo="Concluir a análise", formulario=FormularioDeDecisao,
        executar=lambda r, dados: requerimento_concluir(requerimento=r, decisao=dados["decisao"],
                                                        motivo=dados["motivo"], por=request.user),
        sucesso="Requerimento concluído. A entidade foi avisada da decisão.",
    )
