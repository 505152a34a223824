from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from portal.contas.menu import servidor_de_agencias
from portal.organizacao.selectors import agencias_visiveis_para


@login_required
def agencias(request):
    if not servidor_de_agencias(request.perfil):
        raise Http404("Página de servidores do INSS.")
    pagina = Paginator(agencias_visiveis_para(request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "organizacao/agencias.html", {"pagina": pagina})
