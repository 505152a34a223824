"""O protocolo de requerimentos passo a passo (seed 002, etapas 1 a 3), pelo atendente da entidade.

Cada etapa é uma página comum (funciona sem JavaScript; com ele, o htmx troca só o miolo). O rascunho fica
guardado a cada etapa e pode ser retomado pela lista de requerimentos."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from atendimento import forms, selectors
from atendimento.catalogo import exige_autodeclaracao
from atendimento.models import FORMULARIOS_ASSINADOS, Requerimento, StatusRequerimento, TipoDocumentoRequerimento
from atendimento.pdf import renderizar_formulario
from atendimento.services import protocolo as servicos
from atendimento.services._comum import ErroDoRequerimento
from portal.entidades.views import representante_requerido
from portal.validadores import formatar_protocolo


def _explicacao(request, motivo: str):
    return render(request, "atendimento/protocolar/sem_acesso.html", {"motivo": motivo})


def _rascunho_do_atendente(request, pk: int) -> Requerimento:
    """O rascunho da entidade pela qual a pessoa age (de outra entidade: 404)."""
    requerimento = get_object_or_404(
        Requerimento.objects.select_related("entidade", "servico", "endereco_municipio__uf"),
        pk=pk, entidade=request.perfil.entidade,
    )
    if requerimento.status != StatusRequerimento.RASCUNHO:
        raise _JaProtocolado(requerimento)
    return requerimento


class _JaProtocolado(Exception):
    def __init__(self, requerimento):
        self.requerimento = requerimento


def _etapas(requerimento) -> list[tuple[str, str]]:
    etapas = [("cidadao", "Cidadão")]
    if exige_autodeclaracao(requerimento.servico):
        etapas.append(("autodeclaracao", "Autodeclaração rural"))
    etapas += [("formularios", "Formulários assinados"), ("documentos", "Documentos"),
               ("revisar", "Revisar e protocolar")]
    return etapas


def _proxima(requerimento, etapa: str) -> str:
    chaves = [chave for chave, _ in _etapas(requerimento)]
    return chaves[min(chaves.index(etapa) + 1, len(chaves) - 1)]


def _do_atendente(view):
    """Quem protocola: papel que protocola, acesso válido, acordo vigente (cada recusa explicada); e o rascunho
    que já foi protocolado leva à página do requerimento."""

    @representante_requerido
    def pagina(request, *args, **kwargs):
        motivo = selectors.por_que_nao_protocola(request.perfil)
        if motivo:
            return _explicacao(request, motivo)
        try:
            return view(request, *args, **kwargs)
        except _JaProtocolado as ja:
            messages.info(request, f"Este requerimento já foi protocolado sob o número "
                                   f"{formatar_protocolo(ja.requerimento.protocolo)}.")
            return redirect(reverse("atendimento:requerimento", args=[ja.requerimento.pk]))

    return pagina


@_do_atendente
def novo(request):
    entidade = request.perfil.entidade
    form = forms.FormularioDeInicio(request.POST or None, servicos=selectors.servicos_que_protocola(entidade))
    if request.method == "POST" and form.is_valid():
        try:
            requerimento = servicos.requerimento_iniciar(
                vinculo=request.perfil.vinculo, servico=form.cleaned_data["servico"],
                chave=form.cleaned_data["chave"], por=request.user,
            )
        except ErroDoRequerimento as erro:
            form.add_error("servico", str(erro))
        else:
            return redirect("atendimento:etapa", pk=requerimento.pk, etapa="cidadao")
    return render(request, "atendimento/protocolar/novo.html", {"form": form})


@_do_atendente
def preencher(request, pk: int):
    """Retoma o rascunho na primeira etapa com pendência (ou na revisão, se nada falta)."""
    requerimento = _rascunho_do_atendente(request, pk)
    faltam = servicos.pendencias(requerimento)
    return redirect("atendimento:etapa", pk=pk, etapa=faltam[0][0] if faltam else "revisar")


def _pagina_da_etapa(request, requerimento, etapa: str, contexto: dict, status: int = 200):
    etapas = _etapas(requerimento)
    contexto = {
        "requerimento": requerimento, "etapas": etapas, "etapa": etapa,
        "rotulo_da_etapa": dict(etapas)[etapa], "numero_da_etapa": [c for c, _ in etapas].index(etapa) + 1,
        **contexto,
    }
    return render(request, f"atendimento/protocolar/{etapa}.html", contexto, status=status)


@_do_atendente
def etapa(request, pk: int, etapa: str):
    requerimento = _rascunho_do_atendente(request, pk)
    if etapa not in dict(_etapas(requerimento)):
        raise Http404("Etapa desconhecida.")
    return ETAPAS[etapa](request, requerimento)


def _seguir(request, requerimento, etapa: str):
    if request.POST.get("acao") == "rascunho":
        messages.success(request, "Rascunho salvo. Retome quando quiser pela lista de requerimentos.")
        return redirect("atendimento:requerimentos")
    return redirect("atendimento:etapa", pk=requerimento.pk, etapa=_proxima(requerimento, etapa))


def _etapa_cidadao(request, requerimento):
    inicial = {campo: getattr(requerimento, campo) for campo in forms.FormularioDoCidadao.base_fields
               if hasattr(requerimento, campo)}
    if requerimento.endereco_municipio:
        inicial.update(uf=requerimento.endereco_municipio.uf_id, municipio=requerimento.endereco_municipio_id)
    carregar = "carregar_municipios" in request.POST
    if request.method == "POST" and carregar:  # sem JavaScript: só traz os municípios da UF, nada é gravado
        form = forms.FormularioDoCidadao(initial=request.POST.dict())
        return _pagina_da_etapa(request, requerimento, "cidadao", {"form": form, "municipios_carregados": True})
    completo = request.POST.get("acao") != "rascunho"
    form = forms.FormularioDoCidadao(request.POST or None, initial=inicial, completo=completo)
    if request.method == "POST" and form.is_valid():
        servicos.requerimento_salvar_cidadao(requerimento=requerimento, dados=form.dados_do_requerimento,
                                             por=request.user)
        return _seguir(request, requerimento, "cidadao")
    return _pagina_da_etapa(request, requerimento, "cidadao", {"form": form})


def _etapa_autodeclaracao(request, requerimento):
    from atendimento import forms_autodeclaracao as rurais
    from atendimento.services.autodeclaracao import autodeclaracao_dados_iniciais, autodeclaracao_salvar

    if request.method == "POST":
        conjunto = rurais.formularios_da_autodeclaracao(request.POST)
        if conjunto.mais_linhas:
            return _pagina_da_etapa(request, requerimento, "autodeclaracao", conjunto.contexto)
        if conjunto.is_valid():
            try:
                autodeclaracao_salvar(requerimento=requerimento, por=request.user, **conjunto.dados)
            except ErroDoRequerimento as erro:
                conjunto.form_autodeclaracao.add_error(None, str(erro))
            else:
                return _seguir(request, requerimento, "autodeclaracao")
        return _pagina_da_etapa(request, requerimento, "autodeclaracao", conjunto.contexto)
    producao, periodos, membros = autodeclaracao_dados_iniciais(requerimento)
    conjunto = rurais.formularios_da_autodeclaracao(None, producao=producao, periodos=periodos, membros=membros)
    return _pagina_da_etapa(request, requerimento, "autodeclaracao", conjunto.contexto)


def _anexar(request, requerimento, form, etapa: str, enviados: list):
    recusas = servicos.requerimento_anexar(requerimento=requerimento, enviados=enviados, por=request.user) \
        if enviados else []
    if recusas:
        for recusa in recusas:
            form.add_error(None, recusa)
        if len(recusas) < len(enviados):
            messages.success(request, "Os demais arquivos foram anexados.")
        return None
    if enviados:
        messages.success(request, f"{len(enviados)} arquivo(s) anexado(s).")
    return _seguir(request, requerimento, etapa)


def _anexados(requerimento) -> dict:
    return {(d.tipo, d.documento_exigido_id): d for d in requerimento.documentos.all()}


def _etapa_formularios(request, requerimento):
    form = forms.FormularioDosFormulariosAssinados(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        enviados = [servicos.ArquivoEnviado(tipo=tipo, arquivo=arquivo)
                    for tipo in FORMULARIOS_ASSINADOS if (arquivo := form.cleaned_data.get(tipo))]
        resposta = _anexar(request, requerimento, form, "formularios", enviados)
        if resposta:
            return resposta
    anexados = _anexados(requerimento)
    formularios = [(TipoDocumentoRequerimento(tipo), form[tipo], anexados.get((tipo, None)))
                   for tipo in FORMULARIOS_ASSINADOS]
    return _pagina_da_etapa(request, requerimento, "formularios", {"form": form, "formularios": formularios})


def _etapa_documentos(request, requerimento):
    exigidos = servicos.documentos_para_anexar(requerimento.servico)
    form = forms.FormularioDosDocumentosExigidos(request.POST or None, request.FILES or None, exigidos=exigidos)
    if request.method == "POST" and form.is_valid():
        enviados = [servicos.ArquivoEnviado(tipo=TipoDocumentoRequerimento.EXIGIDO, arquivo=arquivo,
                                            documento_exigido=exigido)
                    for nome, exigido in form.exigidos.items() if (arquivo := form.cleaned_data.get(nome))]
        resposta = _anexar(request, requerimento, form, "documentos", enviados)
        if resposta:
            return resposta
    anexados = _anexados(requerimento)
    linhas = [(exigido, form[nome], anexados.get((TipoDocumentoRequerimento.EXIGIDO, exigido.pk)))
              for nome, exigido in form.exigidos.items()]
    total = sum(documento.tamanho for documento in anexados.values())
    return _pagina_da_etapa(request, requerimento, "documentos", {"form": form, "linhas": linhas, "total": total})


def _etapa_revisar(request, requerimento):
    contexto = {
        "faltam": servicos.pendencias(requerimento),
        "documentos": list(requerimento.documentos.select_related("documento_exigido")),
        "autodeclaracao": getattr(requerimento, "autodeclaracao", None),
    }
    return _pagina_da_etapa(request, requerimento, "revisar", contexto)


ETAPAS = {
    "cidadao": _etapa_cidadao,
    "autodeclaracao": _etapa_autodeclaracao,
    "formularios": _etapa_formularios,
    "documentos": _etapa_documentos,
    "revisar": _etapa_revisar,
}


@_do_atendente
@require_POST
def protocolar(request, pk: int):
    requerimento = get_object_or_404(Requerimento, pk=pk, entidade=request.perfil.entidade)
    try:
        requerimento = servicos.requerimento_protocolar(requerimento=requerimento, vinculo=request.perfil.vinculo,
                                                        por=request.user)
    except ErroDoRequerimento as erro:
        messages.error(request, str(erro))
        return redirect("atendimento:etapa", pk=pk, etapa="revisar")
    messages.success(request, f"Requerimento protocolado sob o número {formatar_protocolo(requerimento.protocolo)}. "
                              "Entregue ao cidadão o comprovante de protocolo.")
    return redirect("atendimento:requerimento", pk=requerimento.pk)


@_do_atendente
@require_POST
def remover_documento(request, pk: int, documento: int):
    requerimento = _rascunho_do_atendente(request, pk)
    registro = get_object_or_404(requerimento.documentos, pk=documento)
    try:
        servicos.requerimento_remover_documento(documento=registro, por=request.user)
    except ErroDoRequerimento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"“{registro.nome}” removido.")
    etapa = "formularios" if registro.tipo in FORMULARIOS_ASSINADOS else "documentos"
    return redirect("atendimento:etapa", pk=pk, etapa=etapa)


@_do_atendente
@require_POST
def descartar(request, pk: int):
    requerimento = _rascunho_do_atendente(request, pk)
    servicos.requerimento_descartar(requerimento=requerimento, por=request.user)
    messages.success(request, "Rascunho descartado.")
    return redirect("atendimento:requerimentos")


@_do_atendente
def formulario(request, pk: int, tipo: str):
    """Um dos três formulários da seed 002, já preenchido, para imprimir e assinar."""
    if tipo not in FORMULARIOS_ASSINADOS:
        raise Http404("Formulário desconhecido.")
    requerimento = _rascunho_do_atendente(request, pk)
    conteudo = renderizar_formulario(requerimento, tipo, atendente=request.user)
    resposta = HttpResponse(conteudo, content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="{tipo.replace("_", "-")}-{requerimento.pk}.pdf"'
    return resposta


@representante_requerido
def comprovante(request, pk: int):
    """O comprovante de protocolo (documento emitido), para qualquer representante da entidade."""
    requerimento = get_object_or_404(Requerimento.objects.select_related("comprovante"), pk=pk,
                                     entidade=request.perfil.entidade, comprovante__isnull=False)
    resposta = HttpResponse(requerimento.comprovante.arquivo.open("rb").read(), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="comprovante-{requerimento.protocolo}.pdf"'
    return resposta
