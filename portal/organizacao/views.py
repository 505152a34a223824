from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.contas.menu import servidor_de_agencias
from portal.organizacao.selectors import agencias_visiveis_para, municipios_da_uf


@login_required
def agencias(request):
    if not servidor_de_agencias(request.perfil):
        raise Http404("Página de servidores do INSS.")
    pagina = Paginator(agencias_visiveis_para(request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "organizacao/agencias.html", {"pagina": pagina})


@require_GET
def municipios(request):
    """As opções de município de uma UF (`?uf=SP`), para o htmx trocar as de um <select>. Pública: a lista
    do IBGE não é segredo, e quem ainda não tem conta escolhe o município no pedido de adesão."""
    uf = request.GET.get("uf", "")[:2].upper()
    opcoes = municipios_da_uf(uf).values_list("codigo_ibge", "nome") if uf.isalpha() else []  # NUL quebraria
    return render(request, "organizacao/_opcoes_de_municipios.html", {"municipios": opcoes, "uf": uf})
