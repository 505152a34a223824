"""Adesão ao ACT: o lado da entidade (o gestor envia documentos e responde) e o da gestão regional (analisa,
pede documentos, marca o checklist, aprova ou recusa)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from portal.acordos import forms, selectors, services
from portal.acordos.models import ADESAO_ACEITA_RESPOSTA, Adesao, DocumentoDeAdesao, StatusAdesao
from portal.auditoria.selectors import eventos_de
from portal.auditoria.services import evento_registrar
from portal.contas.models import PapelINSS
from portal.contas.perfil import CHAVE_VINCULO_NA_SESSAO
from portal.entidades.selectors import entidades_visiveis_para
from portal.operacao.limites import excedeu_limite

# Quem ainda não tem conta entra pela mesma porta do login do allauth (settings.AUTHENTICATION_BACKENDS).
BACKEND_DA_ENTRADA = "allauth.account.auth_backends.AuthenticationBackend"
CADASTROS_POR_JANELA = 10
JANELA_DO_CADASTRO_EM_SEGUNDOS = 15 * 60


def _gestor(request):
    perfil = request.perfil
    if not perfil.eh_gestor:
        raise Http404("Página dos gestores da entidade.")
    return perfil.vinculo


def _gestor_regional(request):
    if not request.perfil.tem_papel_inss(PapelINSS.GESTOR_REGIONAL):
        raise Http404("Página da gestão regional.")


@require_http_methods(["GET", "POST"])
def aderir(request):
    """Página pública: a entidade sem acordo pede a adesão. Cria a conta do gestor (ou usa a de quem já
    entrou), a entidade e o vínculo, faz a entrada e leva a /adesao/, onde a adesão continua."""
    perfil = request.perfil
    if perfil.servidor:
        return render(request, "acordos/aderir.html", {"servidor": True})
    opcoes = {"conta": not perfil.autenticado, "documentos": bool(perfil.vinculos)}
    enviado = request.method == "POST"
    carregar = enviado and "carregar_municipios" in request.POST
    limitado = enviado and not carregar and excedeu_limite(
        request, acao="aderir", maximo=CADASTROS_POR_JANELA, janela_segundos=JANELA_DO_CADASTRO_EM_SEGUNDOS)
    if carregar or limitado:
        # Só volta o formulário, com o que foi digitado e sem acusar erros de um envio que não houve.
        form = forms.FormularioDeCadastroParaAdesao(initial=request.POST.dict(), **opcoes)
    else:
        form = forms.FormularioDeCadastroParaAdesao(request.POST if enviado else None,
                                                    request.FILES if enviado else None, **opcoes)
    if form.is_bound and form.is_valid():
        try:
            vinculo = services.adesao_cadastrar_entidade(
                **form.dados_da_entidade, conta=form.conta, documentos_do_vinculo=form.documentos_do_vinculo,
                usuario=None if form.conta else request.user,
            )
        except services.ErroDoCadastro as erro:
            form.add_error(erro.campo, str(erro))
        else:
            if form.conta:
                login(request, vinculo.usuario, backend=BACKEND_DA_ENTRADA)
            request.session[CHAVE_VINCULO_NA_SESSAO] = vinculo.pk
            messages.success(request, f"{vinculo.entidade} está cadastrada e você é o(a) gestor(a) dela no portal. "
                                      "Agora informe o representante legal e inicie a adesão ao ACT.")
            return redirect("acordos:adesao")
    contexto = {"form": form, "limitado": limitado, "carregou": carregar}
    return render(request, "acordos/aderir.html", contexto, status=429 if limitado else 200)


@login_required
def adesao_da_entidade(request):
    vinculo = _gestor(request)
    entidade = vinculo.entidade
    adesao = Adesao.objects.filter(entidade=entidade).exclude(status=StatusAdesao.RECUSADA).first()
    recusada = Adesao.objects.filter(entidade=entidade, status=StatusAdesao.RECUSADA).first()
    inicio = forms.FormularioDeAdesao(request.POST or None) if adesao is None else None
    documentos = None
    if adesao is None and request.method == "POST" and inicio.is_valid():
        try:
            services.adesao_iniciar(entidade=entidade, por=request.user, **inicio.cleaned_data)
        except services.ErroDoAcordo as erro:
            inicio.add_error(None, str(erro))
        else:
            messages.success(request, "Adesão iniciada. Anexe os documentos e envie para a análise do INSS.")
            return redirect("acordos:adesao")
    if adesao is not None and adesao.status == StatusAdesao.RASCUNHO:
        documentos = forms.FormularioDeDocumentosDaAdesao(request.POST or None, request.FILES or None)
        if request.method == "POST" and documentos.is_valid():
            try:
                services.adesao_enviar(adesao=adesao, documentos=documentos.documentos, por=request.user)
            except services.ErroDoAcordo as erro:
                documentos.add_error(None, str(erro))
            else:
                messages.success(request, "Adesão enviada para a análise da Superintendência Regional.")
                return redirect("acordos:adesao")
    return _pagina_da_adesao_da_entidade(request, entidade, adesao, recusada=recusada, inicio=inicio,
                                         documentos=documentos)


def _pagina_da_adesao_da_entidade(request, entidade, adesao, *, recusada=None, inicio=None, documentos=None,
                                  resposta=None, respondendo=None):
    """A adesão vista pela entidade. `resposta` é o formulário de resposta recusado, que volta com o que foi
    digitado só no pedido `respondendo`; os outros pedidos abertos recebem um formulário em branco."""
    pedidos = list(adesao.pedidos.all()) if adesao else []
    for pedido in pedidos:
        pedido.formulario_de_resposta = resposta if pedido.pk == respondendo else forms.FormularioDeResposta()
    contexto = {
        "entidade": entidade, "adesao": adesao, "recusada": recusada, "inicio": inicio, "documentos": documentos,
        "pedidos": pedidos, "enviados": list(adesao.documentos.all()) if adesao else [],
        "aceita_resposta": adesao is not None and adesao.status in ADESAO_ACEITA_RESPOSTA,
        "bloqueio": selectors.por_que_nao_opera(entidade),
    }
    return render(request, "acordos/adesao_da_entidade.html", contexto)


@login_required
@require_POST
def responder_pedido(request, pk: int):
    vinculo = _gestor(request)
    pedido = get_object_or_404(selectors.pedidos_da_entidade(vinculo.entidade), pk=pk)
    form = forms.FormularioDeResposta(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.adesao_responder(pedido=pedido, resposta=form.cleaned_data["resposta"],
                                      documentos=form.documentos, por=request.user)
        except services.ErroDoAcordo as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, "Resposta enviada ao INSS.")
            return redirect("acordos:adesao")
    return _pagina_da_adesao_da_entidade(request, vinculo.entidade, pedido.adesao, resposta=form,
                                         respondendo=pedido.pk)


@login_required
def adesoes(request):
    _gestor_regional(request)
    lista = selectors.adesoes_para_analise(request.user).order_by("-enviada_em", "-pk")
    status = request.GET.get("status", "")
    if status in StatusAdesao.values:
        lista = lista.filter(status=status)
    pagina = Paginator(lista, 25).get_page(request.GET.get("pagina"))
    return render(request, "acordos/adesoes.html", {"pagina": pagina, "status": status,
                                                    "opcoes": StatusAdesao.choices[1:]})


def _adesao_da_regiao(request, pk: int) -> Adesao:
    _gestor_regional(request)
    return get_object_or_404(selectors.adesoes_para_analise(request.user), pk=pk)


@login_required
def adesao(request, pk: int):
    adesao = _adesao_da_regiao(request, pk)
    return _pagina_da_adesao(request, adesao)


def _pagina_da_adesao(request, adesao, **formularios):
    contexto = {
        "adesao": adesao,
        "enviados": list(adesao.documentos.all()),
        "pedidos": list(adesao.pedidos.all()),
        "eventos": list(eventos_de(adesao)[:30]),
        "acordo": getattr(adesao, "acordo", None) if adesao.status == StatusAdesao.APROVADA else None,
        "pedido_form": formularios.get("pedido_form") or forms.FormularioDePedido(),
        "aprovacao_form": formularios.get("aprovacao_form") or forms.FormularioDeAprovacao(),
        "recusa_form": formularios.get("recusa_form") or forms.FormularioDeRecusaDaAdesao(),
    }
    return render(request, "acordos/adesao.html", contexto)


def _decidir_adesao(request, pk: int, *, formulario, chave: str, executar, sucesso):
    """O esqueleto das decisões da gestão regional sobre uma adesão: achar na região, validar, chamar o
    serviço; com erro, a página da adesão volta com o formulário e o que foi digitado."""
    adesao = _adesao_da_regiao(request, pk)
    form = formulario(request.POST)
    if form.is_valid():
        try:
            resultado = executar(adesao, form.cleaned_data)
        except services.ErroDoAcordo as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, sucesso(resultado))
            return redirect("acordos:adesao_regional", pk=adesao.pk)
    return _pagina_da_adesao(request, adesao, **{chave: form})


@login_required
@require_POST
def pedir_documentos(request, pk: int):
    return _decidir_adesao(
        request, pk, formulario=forms.FormularioDePedido, chave="pedido_form",
        executar=lambda adesao, dados: services.adesao_pedir_documentos(
            adesao=adesao, texto=dados["texto"], por=request.user),
        sucesso=lambda _: "Pedido enviado à entidade.",
    )


@login_required
@require_POST
def marcar_checklist(request, pk: int):
    adesao = _adesao_da_regiao(request, pk)
    item = request.POST.get("item", "")
    try:
        services.checklist_marcar(adesao=adesao, item=item, feito=request.POST.get("feito") == "1", por=request.user)
    except services.ErroDoAcordo as erro:
        messages.error(request, str(erro))
    return redirect("acordos:adesao_regional", pk=adesao.pk)


@login_required
@require_POST
def aprovar(request, pk: int):
    return _decidir_adesao(
        request, pk, formulario=forms.FormularioDeAprovacao, chave="aprovacao_form",
        executar=lambda adesao, dados: services.adesao_aprovar(adesao=adesao, por=request.user, **dados),
        sucesso=lambda acordo: f"Adesão aprovada: ACT {acordo.numero} ({acordo.get_status_display()}).",
    )


@login_required
@require_POST
def recusar(request, pk: int):
    return _decidir_adesao(
        request, pk, formulario=forms.FormularioDeRecusaDaAdesao, chave="recusa_form",
        executar=lambda adesao, dados: services.adesao_recusar(
            adesao=adesao, motivo=dados["motivo"], por=request.user),
        sucesso=lambda _: "Adesão recusada; a entidade verá o motivo.",
    )


@login_required
def documento(request, pk: int):
    """O PDF enviado na adesão: para os gestores da entidade e para a gestão regional da SR."""
    perfil = request.perfil
    if perfil.tem_papel_inss(PapelINSS.GESTOR_REGIONAL):
        visiveis = DocumentoDeAdesao.objects.filter(adesao__in=selectors.adesoes_para_analise(request.user))
    elif perfil.eh_gestor:
        visiveis = DocumentoDeAdesao.objects.filter(adesao__entidade=perfil.entidade)
    else:
        raise Http404("Documento não encontrado.")
    registro = get_object_or_404(visiveis, pk=pk)
    evento_registrar(objeto=registro, acao="documento_de_adesao_baixado", por=request.user)
    resposta = FileResponse(registro.arquivo.open("rb"), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="adesao-{registro.adesao_id}-{registro.tipo}.pdf"'
    return resposta


@login_required
def acordo_da_entidade(request):
    """O acordo da entidade, as suas alterações, e as solicitações da entidade (itens 6–9)."""
    vinculo = _gestor(request)
    acordo = selectors.acordo_mais_recente(vinculo.entidade)
    form = forms.FormularioDeSolicitacao(request.POST or None)
    if request.method == "POST":
        if acordo is None:
            raise Http404("A entidade não tem acordo.")
        if form.is_valid():
            try:
                services.solicitacao_criar(acordo=acordo, por=request.user, **form.cleaned_data)
            except services.ErroDoAcordo as erro:
                form.add_error(None, str(erro))
            else:
                messages.success(request, "Solicitação enviada à Superintendência Regional.")
                return redirect("acordos:acordo")
    contexto = {
        "acordo": acordo, "form": form, "bloqueio": selectors.por_que_nao_opera(vinculo.entidade),
        "alteracoes": list(acordo.alteracoes.all()) if acordo else [],
        "solicitacoes": list(acordo.solicitacoes.all()) if acordo else [],
    }
    return render(request, "acordos/acordo_da_entidade.html", contexto)


@login_required
def solicitacoes(request):
    _gestor_regional(request)
    pendentes = selectors.solicitacoes_da_regiao(request.user).order_by("status", "-pedida_em")
    pagina = Paginator(pendentes, 25).get_page(request.GET.get("pagina"))
    return render(request, "acordos/solicitacoes.html", {"pagina": pagina})


@login_required
def solicitacao(request, pk: int):
    _gestor_regional(request)
    registro = get_object_or_404(selectors.solicitacoes_da_regiao(request.user), pk=pk)
    form = forms.FormularioDeDecisao(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.solicitacao_decidir(solicitacao=registro, deferir=request.POST.get("deferir") == "1",
                                         por=request.user, **form.cleaned_data)
        except services.ErroDoAcordo as erro:
            form.add_error(None, str(erro))
            registro.refresh_from_db()
        else:
            messages.success(request, "Decisão registrada; a entidade já a vê.")
            return redirect("acordos:solicitacoes")
    return render(request, "acordos/solicitacao.html", {"solicitacao": registro, "form": form})


@login_required
def cessoes(request):
    """TCOU da região: a gestão regional registra e renova as cessões de imóvel dos órgãos públicos."""
    _gestor_regional(request)
    entidades = entidades_visiveis_para(request.user)
    form = forms.FormularioDeCessao(request.POST or None, entidades=entidades)
    if request.method == "POST" and form.is_valid():
        try:
            services.cessao_registrar(por=request.user, **form.cleaned_data)
        except services.ErroDoAcordo as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, "Cessão de imóvel registrada.")
            return redirect("acordos:cessoes")
    lista = selectors.cessoes_da_regiao(request.user)
    pagina = Paginator(lista, 25).get_page(request.GET.get("pagina"))
    return render(request, "acordos/cessoes.html", {"form": form, "pagina": pagina,
                                                    "renovacao": forms.FormularioDeRenovacao()})


@login_required
@require_POST
def renovar_cessao(request, pk: int):
    _gestor_regional(request)
    cessao = get_object_or_404(selectors.cessoes_da_regiao(request.user), pk=pk)
    form = forms.FormularioDeRenovacao(request.POST)
    if form.is_valid():
        try:
            services.cessao_renovar(cessao=cessao, meses=form.cleaned_data["meses"], por=request.user)
        except services.ErroDoAcordo as erro:
            messages.error(request, str(erro))
        else:
            messages.success(request, "Cessão renovada.")
    else:
        for erros in form.errors.values():
            for erro in erros:
                messages.error(request, erro)
    return redirect("acordos:cessoes")
