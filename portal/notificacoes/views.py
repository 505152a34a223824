from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.notificacoes.selectors import contar_nao_lidas, notificacoes_de
from portal.notificacoes.services import notificacoes_marcar_lidas
from portal.validadores import numero_de_id


@login_required
def lista(request):
    pagina = Paginator(notificacoes_de(request.user), 20).get_page(request.GET.get("pagina"))
    return render(request, "notificacoes/lista.html", {"pagina": pagina})


@login_required
@require_POST
def marcar_lidas(request):
    # Sem "notificacao" no envio, marcam-se todas; com ela, só as indicadas (nenhuma, se nenhuma é válida).
    enviados = request.POST.getlist("notificacao")
    ids = [n for i in enviados if (n := numero_de_id(i)) is not None] if enviados else None
    marcadas = notificacoes_marcar_lidas(destinatario=request.user, ids=ids)
    if request.htmx:
        return render(request, "notificacoes/_contador.html", {"nao_lidas": contar_nao_lidas(request.user)})
    messages.success(request, f"{marcadas} notificação(ões) marcada(s) como lida(s).")
    return redirect("notificacoes:lista")


@login_required
def contador(request):
    return render(request, "notificacoes/_contador.html", {"nao_lidas": contar_nao_lidas(request.user)})
