"""A Supervisão das APS no portal: o supervisor (SERAT/SEAT) designa o responsável por APS e acompanha o
ciclo; o responsável cria a supervisão, preenche todos os campos, anexa as imagens e conclui. Qualquer APS
fora do alcance da pessoa, e a sua supervisão, é 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from atendimento import selectors_supervisao as selectors
from atendimento.forms_supervisao import (
    FormularioDaSupervisao,
    FormularioDeDesignacao,
    nome_da_resposta,
    nome_das_observacoes,
)
from atendimento.models_supervisao import CicloDeSupervisao, ImagemDaSupervisao, StatusSupervisao, Supervisao
from atendimento.services.supervisao import (
    ErroDaSupervisao,
    relatorio_de_supervisoes_emitir,
    responsavel_designar,
    supervisao_anexar_imagens,
    supervisao_concluir,
    supervisao_criar,
    supervisao_remover_imagem,
    supervisao_salvar_respostas,
)
from atendimento.supervisao_catalogo import ITENS
from portal.acoes import acao_executar

POR_PAGINA = 50


def _so_servidor(request) -> None:
    if not request.perfil.servidor:
        raise Http404("Página dos servidores do INSS.")


def _supervisao_do_usuario(request, pk: int) -> Supervisao:
    _so_servidor(request)
    return get_object_or_404(selectors.supervisoes_visiveis_para(request.user), pk=pk)


@login_required
def lista(request):
    _so_servidor(request)
    hoje = timezone.localdate()
    ciclo = selectors.ciclo_atual(hoje)
    escopo = selectors.escopo_de_supervisor(request.user)
    pagina = Paginator(selectors.linhas_da_supervisao(request.user, ciclo), POR_PAGINA).get_page(
        request.GET.get("pagina"))
    for aps in pagina:
        aps.designacao = aps.designacoes_ativas[0] if aps.designacoes_ativas else None
        aps.supervisao = aps.do_ciclo[0] if aps.do_ciclo else None
        aps.pode_designar = selectors.no_escopo(escopo, aps)
        aps.e_responsavel = aps.designacao is not None and aps.designacao.responsavel_id == request.user.pk
    return render(request, "atendimento/supervisao/lista.html", {
        "ciclo": ciclo, "encerrado": ciclo.encerrado(hoje) if ciclo else False,
        "dias_restantes": ciclo.dias_restantes(hoje) if ciclo else 0,
        "pagina": pagina, "supervisor": not escopo.vazio,
    })


@login_required
@require_http_methods(["GET", "POST"])
def designar(request, aps: int):
    _so_servidor(request)
    agencia = get_object_or_404(selectors.agencias_do_supervisor(request.user).select_related("gex__sr"), pk=aps)
    form = FormularioDeDesignacao(request.POST or None, aps=agencia)
    return acao_executar(
        request, form=form, erro=ErroDaSupervisao,
        executar=lambda f: responsavel_designar(aps=agencia, responsavel=f.cleaned_data["responsavel"],
                                                execucao_na_aps=f.cleaned_data["execucao_na_aps"], por=request.user),
        sucesso=f"Responsável pela supervisão da {agencia} designado(a).",
        destino=reverse("atendimento:supervisao"), template="atendimento/supervisao/designar.html",
        contexto={"aps": agencia, "designacao": selectors.designacao_ativa(agencia),
                  "titulo": "Designar o responsável pela supervisão"},
    )


@login_required
@require_POST
def criar(request, aps: int):
    _so_servidor(request)
    agencia = get_object_or_404(selectors.agencias_da_supervisao_para(request.user).select_related("gex"), pk=aps)
    try:
        supervisao = supervisao_criar(aps=agencia, por=request.user)
    except ErroDaSupervisao as erro:
        messages.error(request, str(erro))
        return redirect("atendimento:supervisao")
    return redirect("atendimento:supervisao_detalhe", pk=supervisao.pk)


def _marcar_o_que_falta(form: FormularioDaSupervisao, supervisao: Supervisao) -> None:
    """Cada item incompleto com o seu erro, ao lado do campo; o que foi digitado continua no formulário."""
    respostas = {r.item: r for r in supervisao.respostas.all()}
    for item in ITENS:
        gravada = respostas.get(item.codigo)
        if gravada is None or not gravada.resposta:
            form.add_error(nome_da_resposta(item.codigo), "Responda a este item.")
        if gravada is None or not gravada.observacoes:
            form.add_error(nome_das_observacoes(item.codigo), "Escreva as observações deste item.")
    if not supervisao.imagens.exists():
        form.add_error("imagens", "Anexe ao menos uma imagem da supervisão realizada.")


@login_required
@require_http_methods(["GET", "POST"])
def detalhe(request, pk: int):
    supervisao = _supervisao_do_usuario(request, pk)
    editavel = supervisao.status == StatusSupervisao.RASCUNHO and selectors.e_responsavel(request.user,
                                                                                            supervisao.aps)
    respostas = list(supervisao.respostas.all())
    if request.method == "POST":
        if not editavel:
            raise Http404("A supervisão não está em preenchimento por você.")
        form = FormularioDaSupervisao(request.POST, request.FILES, respostas=respostas)
        form.is_valid()
        falha = None
        try:
            supervisao_salvar_respostas(supervisao=supervisao, respostas=form.respostas, por=request.user)
            if form.cleaned_data.get("imagens"):
                supervisao_anexar_imagens(supervisao=supervisao, imagens=form.cleaned_data["imagens"],
                                          por=request.user)
            if not form.errors and request.POST.get("acao") == "concluir":
                supervisao_concluir(supervisao=supervisao, por=request.user)
                messages.success(request, f"Supervisão da {supervisao.aps} concluída.")
                return redirect("atendimento:supervisao")
        except ErroDaSupervisao as erro:
            falha = erro
            form.add_error(erro.campo if erro.campo in form.fields else None, str(erro))
            if erro.faltando:
                _marcar_o_que_falta(form, supervisao)
        if not form.errors and falha is None:
            messages.success(request, "O que você preencheu foi salvo. Conclua quando tudo estiver respondido.")
            return redirect("atendimento:supervisao_detalhe", pk=supervisao.pk)
    else:
        form = FormularioDaSupervisao(respostas=respostas)
    return render(request, "atendimento/supervisao/supervisao.html", {
        "supervisao": supervisao, "form": form, "editavel": editavel,
        "imagens": list(supervisao.imagens.all()),
        "respostas": _respostas_para_leitura(respostas),
    })


def _respostas_para_leitura(respostas) -> list[tuple]:
    gravadas = {r.item: r for r in respostas}
    return [(item, gravadas.get(item.codigo)) for item in ITENS]


def _imagem_do_usuario(request, pk: int) -> ImagemDaSupervisao:
    _so_servidor(request)
    return get_object_or_404(
        ImagemDaSupervisao.objects.filter(supervisao__in=selectors.supervisoes_visiveis_para(request.user))
        .select_related("supervisao"), pk=pk)


@login_required
def imagem(request, pk: int):
    registro = _imagem_do_usuario(request, pk)
    resposta = FileResponse(registro.arquivo.open("rb"), content_type=registro.tipo)
    extensao = registro.arquivo.name.rsplit(".", 1)[-1]
    resposta["Content-Disposition"] = f'inline; filename="supervisao-imagem-{registro.pk}.{extensao}"'
    resposta["Cache-Control"] = "private, no-store"
    return resposta


@login_required
@require_POST
def remover_imagem(request, pk: int):
    registro = _imagem_do_usuario(request, pk)
    try:
        supervisao_remover_imagem(imagem=registro, por=request.user)
    except ErroDaSupervisao as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"Imagem “{registro.nome}” removida.")
    return redirect("atendimento:supervisao_detalhe", pk=registro.supervisao_id)


@login_required
@require_http_methods(["GET", "POST"])
def relatorio(request):
    _so_servidor(request)
    if selectors.escopo_de_supervisor(request.user).vazio:
        raise Http404("Relatório dos supervisores (SERAT/SEAT).")
    hoje = timezone.localdate()
    ciclos = list(CicloDeSupervisao.objects.filter(inicio__lte=hoje).order_by("-inicio")[:12])
    escolhido = request.POST.get("ciclo") or request.GET.get("ciclo")
    ciclo = next((c for c in ciclos if str(c.pk) == escolhido), ciclos[0] if ciclos else None)
    if escolhido and ciclo is not None and str(ciclo.pk) != escolhido:
        raise Http404("Ciclo inexistente.")
    if request.method == "POST":
        if ciclo is None:
            raise Http404("Nenhum ciclo.")
        try:
            documento = relatorio_de_supervisoes_emitir(ciclo=ciclo, por=request.user)
        except ErroDaSupervisao as erro:
            messages.error(request, str(erro))
            return redirect(f"{reverse('atendimento:supervisao_relatorio')}?ciclo={ciclo.pk}")
        return redirect("certificados:baixar_meu", codigo=documento.codigo_verificador)
    relatorio = selectors.relatorio_de_supervisoes(usuario=request.user, ciclo=ciclo, hoje=hoje) if ciclo else None
    return render(request, "atendimento/supervisao/relatorio.html",
                  {"ciclos": ciclos, "ciclo": ciclo, "relatorio": relatorio})
