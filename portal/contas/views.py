from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from certificados.acesso import conferir_o_a3
from portal.contas.forms import FormularioDeEscolhaDeEntidade
from portal.contas.menu import itens_para
from portal.contas.services import ErroDeAcesso, entidade_escolher
from portal.entidades.selectors import vinculos_encerrados_de


@login_required
def inicio(request):
    perfil = request.perfil
    if perfil.precisa_escolher_entidade:
        return redirect("escolher_entidade")
    itens = [item for item in itens_para(perfil) if item.url_name != "inicio"]
    # O representante cujo acesso venceu ou foi excluído fica sabendo por quê, e a quem pedir.
    encerrados = [] if perfil.servidor else list(vinculos_encerrados_de(request.user))
    conferir_o_a3(request)  # a faixa com os dias que faltam para o certificado A3 (ou nada)
    return render(request, "contas/inicio.html", {"itens": itens, "encerrados": encerrados})


@login_required
@require_http_methods(["GET", "POST"])
def escolher_entidade(request):
    perfil = request.perfil
    if not perfil.vinculos:
        messages.info(request, "Você não representa nenhuma entidade com acesso válido.")
        return redirect("inicio")
    form = FormularioDeEscolhaDeEntidade(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entidade_escolher(request=request, vinculo_id=form.cleaned_data["vinculo"])
        except ErroDeAcesso as erro:
            messages.error(request, str(erro))
        else:
            messages.success(request, f"Agora você age por {perfil.entidade}.")
            proximo = request.POST.get("proximo", "")
            # Só um caminho deste site: "-1" ou "abc" o redirect() tomaria por nome de view (NoReverseMatch, 500).
            seguro = proximo.startswith("/") and url_has_allowed_host_and_scheme(
                proximo, allowed_hosts=None, require_https=request.is_secure())
            return redirect(proximo if seguro else "inicio")
    return render(request, "contas/escolher_entidade.html", {"form": form, "proximo": request.GET.get("proximo", "")})


@login_required
def conta_seguranca(request):
    totp_ativo = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
    return render(request, "contas/seguranca.html", {"totp_ativo": totp_ativo})
