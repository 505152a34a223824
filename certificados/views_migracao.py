"""As páginas da transição para o certificado A3 (Portaria 96/2024, art. 5º): as orientações gerais, para todos;
os comunicados, os webinars e o monitoramento, para a gestão regional (a SR ou a GEX) e o administrador. Quem
não é da gestão regional recebe 404, como no painel; o comunicado ou webinar de outra SR, também."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from certificados import selectors_migracao as selectors
from certificados import services_migracao as services
from certificados.forms import FiltroDasPendentes, FormularioDeComunicado, FormularioDeWebinario
from certificados.models import LoteDaMigracaoA3
from certificados.selectors import OrigemDoPrazo, certificados_validos_de, prazo_do_a3
from portal.contas.models import PapelINSS

# --- Acesso ---------------------------------------------------------------------------------------------------


def _gestao_regional(request) -> None:
    if not request.perfil.tem_papel_inss(PapelINSS.GESTOR_REGIONAL):
        raise Http404("Página da gestão regional.")


def _comunicado_de(request, pk: int):
    _gestao_regional(request)
    return get_object_or_404(selectors.comunicados_visiveis_para(request.user), pk=pk)


def _webinario_de(request, pk: int):
    _gestao_regional(request)
    return get_object_or_404(selectors.webinarios_visiveis_para(request.user), pk=pk)


# --- Orientações gerais (para todos) --------------------------------------------------------------------------


@login_required
def inicio(request):
    """O cronograma como a Portaria o publica, o prazo da entidade de quem a representa, os webinars, os
    materiais e as perguntas frequentes."""
    perfil = request.perfil
    lotes = list(LoteDaMigracaoA3.objects.select_related("sr"))
    linhas, notas = selectors.anexo_i(lotes)
    hoje = timezone.localdate()
    entidade = perfil.entidade
    prazo = prazo_do_a3(entidade, lotes=lotes) if entidade is not None else None
    if entidade is not None:
        srs = {entidade.sr_id}
    elif perfil.administrador:
        srs = None
    else:  # quem ainda não escolheu a entidade vê os de todas as suas; o servidor, os da sua SR
        srs = {vinculo.entidade.sr_id for vinculo in perfil.vinculos} | {
            lotacao.sr_id or lotacao.gex.sr_id for lotacao in perfil.lotacoes if lotacao.sr_id or lotacao.gex_id}
    materiais, perguntas = selectors.orientacoes()
    contexto = {
        "linhas_do_anexo": linhas, "notas_do_anexo": notas,
        "lotes_novos": [(lote, selectors.rotulos_de_tipos(lote.tipos_de_entidade))
                        for lote in selectors.lotes_novos(lotes)],
        "entidade": entidade, "prazo": prazo, "hoje": hoje,
        "dias": prazo.dias_restantes(hoje) if prazo else None,
        "desde_o_inicio": prazo is not None and prazo.origem == OrigemDoPrazo.DESDE_O_INICIO,
        "situacao_do_prazo": selectors.situacao_do_prazo(prazo, hoje) if prazo else "",
        "certificados": list(certificados_validos_de(request.user)) if entidade is not None else [],
        "webinarios": list(selectors.webinarios_futuros(srs=srs)),
        "materiais": materiais, "perguntas": perguntas,
        "gestao_regional": perfil.tem_papel_inss(PapelINSS.GESTOR_REGIONAL),
    }
    return render(request, "certificados/a3/inicio.html", contexto)


# --- Sensibilização: comunicados e webinars -------------------------------------------------------------------


@login_required
def comunicados(request):
    _gestao_regional(request)
    pagina = Paginator(selectors.comunicados_visiveis_para(request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "certificados/a3/comunicados.html", {
        "pagina": pagina, "envia": selectors.alcance_do_a3(request.user).envia})


def _formulario(request, classe):
    alcance = selectors.alcance_do_a3(request.user)
    if not alcance.envia:
        raise Http404("Comunicados e webinars são da gestão regional lotada na SR.")
    return classe(request.POST or None, srs=selectors.srs_para_enviar(request.user), todas=alcance.tudo)


@login_required
def comunicado_novo(request):
    _gestao_regional(request)
    form = _formulario(request, FormularioDeComunicado)
    if request.method == "POST" and form.is_valid():
        try:
            comunicado = services.comunicado_a3_criar(por=request.user, **form.cleaned_data)
        except services.ErroDaMigracao as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, "Comunicado gravado. Confira o texto com o cronograma e envie.")
            return redirect("certificados:a3_comunicado", pk=comunicado.pk)
    return render(request, "certificados/a3/comunicado_novo.html", {"form": form})


@login_required
def comunicado(request, pk: int):
    registro = _comunicado_de(request, pk)
    enviado = registro.enviado_em is not None
    contexto = {
        "comunicado": registro,
        "texto": registro.corpo if enviado else services.texto_do_comunicado_agora(registro),
        "a_enviar": None if enviado else selectors.representantes_da_sr(registro.sr).count(),
        "pode_enviar": not enviado and selectors.alcance_do_a3(request.user).pode_enviar_para(registro.sr_id),
    }
    return render(request, "certificados/a3/comunicado.html", contexto)


@login_required
@require_POST
def comunicado_enviar(request, pk: int):
    registro = _comunicado_de(request, pk)
    try:
        quantos = services.comunicado_a3_enviar(comunicado=registro, por=request.user)
    except services.ErroDaMigracao as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"Comunicado enviado a {quantos} representante(s), no portal e por e-mail.")
    return redirect("certificados:a3_comunicado", pk=registro.pk)


@login_required
def webinarios(request):
    _gestao_regional(request)
    pagina = Paginator(selectors.webinarios_visiveis_para(request.user), 25).get_page(request.GET.get("pagina"))
    alcance = selectors.alcance_do_a3(request.user)
    agora = timezone.now()
    linhas = [(webinario, webinario.anunciado_em is None and webinario.quando > agora
               and alcance.pode_enviar_para(webinario.sr_id)) for webinario in pagina]
    return render(request, "certificados/a3/webinarios.html", {"pagina": pagina, "linhas": linhas,
                                                              "envia": alcance.envia})


@login_required
def webinario_novo(request):
    _gestao_regional(request)
    form = _formulario(request, FormularioDeWebinario)
    if request.method == "POST" and form.is_valid():
        try:
            services.webinario_agendar(por=request.user, **form.cleaned_data)
        except services.ErroDaMigracao as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, "Webinar agendado. Anuncie-o às entidades quando quiser.")
            return redirect("certificados:a3_webinarios")
    return render(request, "certificados/a3/webinario_novo.html", {"form": form})


@login_required
@require_POST
def webinario_anunciar(request, pk: int):
    registro = _webinario_de(request, pk)
    try:
        quantos = services.webinario_anunciar(webinario=registro, por=request.user)
    except services.ErroDaMigracao as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"Webinar anunciado a {quantos} representante(s), no portal e por e-mail.")
    return redirect("certificados:a3_webinarios")


# --- Monitoramento --------------------------------------------------------------------------------------------


@login_required
def monitoramento(request):
    _gestao_regional(request)
    lotes = list(LoteDaMigracaoA3.objects.select_related("sr"))
    adocao = selectors.adocao_do_a3(request.user, lotes=lotes)
    return render(request, "certificados/a3/monitoramento.html", {
        "adocao": adocao, "regiao": _nome_da_regiao(request),
    })


def _nome_da_regiao(request) -> str:
    if request.perfil.administrador:
        return "Brasil (todas as Superintendências Regionais)"
    return "; ".join(str(lotacao.local) for lotacao in request.perfil.lotacoes
                     if lotacao.papel == PapelINSS.GESTOR_REGIONAL)


class _Eco:
    """O arquivo de mentira do csv.writer: devolve a linha em vez de escrevê-la, para o streaming."""

    def write(self, valor: str) -> str:
        return valor


def _csv(consulta, lotes, hoje) -> StreamingHttpResponse:
    escritor = csv.writer(_Eco(), delimiter=";")

    def linhas():
        yield "\ufeff"  # o Excel em português só lê UTF-8 com a marca
        yield escritor.writerow(selectors.CABECALHO_DAS_PENDENTES)
        for entidade in consulta.iterator(chunk_size=2000):
            yield escritor.writerow(selectors.linha_da_pendente(entidade, lotes, hoje))

    resposta = StreamingHttpResponse(linhas(), content_type="text/csv; charset=utf-8")
    resposta["Content-Disposition"] = f'attachment; filename="a3-nao-migradas-{hoje:%Y%m%d}.csv"'
    return resposta


@login_required
def pendentes(request):
    """As entidades que ainda não migraram, do prazo mais antigo ao mais novo; filtros, páginas e CSV."""
    _gestao_regional(request)
    lotes = list(LoteDaMigracaoA3.objects.select_related("sr"))
    form = FiltroDasPendentes(request.GET or None, ufs=selectors.ufs_do_monitoramento(request.user), lotes=lotes)
    filtro = selectors.FiltroDoA3()
    if form.is_bound and form.is_valid():
        filtro = selectors.FiltroDoA3(**form.cleaned_data)
    consulta = selectors.entidades_nao_migradas(request.user, filtro, lotes)
    hoje = timezone.localdate()
    if request.GET.get("exportar") == "csv":
        return _csv(consulta, lotes, hoje)
    pagina = Paginator(consulta, 25).get_page(request.GET.get("pagina"))
    linhas = [(reverse("entidades:detalhe", args=[entidade.cnpj]), selectors.linha_da_pendente(entidade, lotes, hoje))
              for entidade in pagina]
    consulta_sem_pagina = request.GET.copy()
    consulta_sem_pagina.pop("pagina", None)
    contexto = {"form": form, "pagina": pagina, "linhas": linhas, "cabecalho": selectors.CABECALHO_DAS_PENDENTES,
                "consulta": consulta_sem_pagina.urlencode()}
    if request.htmx:
        return render(request, "certificados/a3/pendentes.html#resultados", contexto)
    return render(request, "certificados/a3/pendentes.html", contexto)
