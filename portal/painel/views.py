"""A revisão regional: o painel da gestão regional, as listas que pedem ação (com exportação) e os
relatórios em PDF e PowerPoint gerados em segundo plano."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.contas.models import PapelINSS
from portal.painel import selectors, services
from portal.painel.dados import DadosDoRelatorio
from portal.painel.forms import FiltroDoPainel
from portal.painel.models import FormatoRelatorio, RelatorioRegional


def _gestao_regional(request) -> None:
    if not request.perfil.tem_papel_inss(PapelINSS.GESTOR_REGIONAL):
        raise Http404("Página da gestão regional.")


def _filtros(request) -> tuple[FiltroDoPainel, selectors.Filtros]:
    form = FiltroDoPainel(request.GET or None, ufs=selectors.ufs_da_regiao(request.user))
    if form.is_bound and form.is_valid():
        dados = form.cleaned_data
        return form, selectors.Filtros(uf=dados["uf"], busca=dados["busca"], status=dados["status"])
    return form, selectors.Filtros()


@login_required
def painel(request):
    _gestao_regional(request)
    form, filtros = _filtros(request)
    resumo = selectors.resumo_regional(request.user, filtros)
    contexto = {
        "form": form, "resumo": resumo, "dados": DadosDoRelatorio(resumo=resumo), "listas": selectors.LISTAS,
        "consulta": request.GET.urlencode(),
        "relatorios": list(RelatorioRegional.objects.filter(solicitado_por=request.user)[:5]),
    }
    return render(request, "painel/painel.html", contexto)


class _Eco:
    """O arquivo de mentira do csv.writer: devolve a linha em vez de escrevê-la, para o streaming."""

    def write(self, valor: str) -> str:
        return valor


def _csv(lista: selectors.Lista, consulta) -> StreamingHttpResponse:
    escritor = csv.writer(_Eco(), delimiter=";")

    def linhas():
        yield "\ufeff"  # o Excel em português só lê UTF-8 com a marca
        yield escritor.writerow(lista.cabecalho)
        for objeto in consulta.iterator(chunk_size=2000):
            yield escritor.writerow(lista.linha(objeto))

    resposta = StreamingHttpResponse(linhas(), content_type="text/csv; charset=utf-8")
    nome = f"{lista.chave}-{timezone.localdate():%Y%m%d}.csv"
    resposta["Content-Disposition"] = f'attachment; filename="{nome}"'
    return resposta


@login_required
def lista(request, chave: str):
    _gestao_regional(request)
    definicao = selectors.LISTAS.get(chave)
    if definicao is None:
        raise Http404("Lista não encontrada.")
    form, filtros = _filtros(request)
    consulta = definicao.consulta(request.user, filtros)
    if request.GET.get("exportar") == "csv":
        return _csv(definicao, consulta)
    pagina = Paginator(consulta, 25).get_page(request.GET.get("pagina"))
    linhas = [(definicao.link(objeto), definicao.linha(objeto)) for objeto in pagina]
    consulta_sem_pagina = request.GET.copy()
    consulta_sem_pagina.pop("pagina", None)
    contexto = {"form": form, "lista": definicao, "pagina": pagina, "linhas": linhas,
                "consulta": consulta_sem_pagina.urlencode()}
    if request.htmx:
        return render(request, "painel/lista.html#resultados", contexto)
    return render(request, "painel/lista.html", contexto)


@login_required
@require_POST
def relatorio_pedir(request):
    _gestao_regional(request)
    try:
        relatorio = services.relatorio_solicitar(formato=request.POST.get("formato", ""), por=request.user)
    except services.ErroDoRelatorio as erro:
        messages.error(request, str(erro))
        return redirect("painel:painel")
    return redirect("painel:relatorio", pk=relatorio.pk)


def _relatorio_de(request, pk: int) -> RelatorioRegional:
    _gestao_regional(request)
    return get_object_or_404(RelatorioRegional.objects.select_related("documento"), pk=pk,
                             solicitado_por=request.user)


@login_required
def relatorio(request, pk: int):
    registro = _relatorio_de(request, pk)
    if request.htmx:
        return render(request, "painel/relatorio.html#progresso", {"relatorio": registro})
    return render(request, "painel/relatorio.html", {"relatorio": registro})


@login_required
def relatorio_baixar(request, pk: int):
    registro = _relatorio_de(request, pk)
    arquivo = registro.documento.arquivo if registro.documento_id else registro.arquivo
    if not arquivo:
        raise Http404("O relatório ainda não está pronto.")
    tipo = ("application/pdf" if registro.formato == FormatoRelatorio.PDF
            else "application/vnd.openxmlformats-officedocument.presentationml.presentation")
    return FileResponse(arquivo.open("rb"), content_type=tipo, as_attachment=True,
                        filename=registro.nome_do_arquivo)
