"""Meu certificado A3: a pessoa registra o certificado público do seu A3 (Portaria 96/2024), vê o que o portal
leu e os certificados que já registrou, e remove o que não usa mais."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from certificados.forms import FormularioDeCertificado
from certificados.icp import CertificadoRecusado
from certificados.models import CertificadoDoRepresentante
from certificados.services_a3 import certificado_registrar, certificado_remover

# O leitor recusa acima de 256 KB; ler um pouco além basta para a recusa, sem carregar um arquivo enorme.
_LEITURA_MAXIMA = 256 * 1024 + 1
_VENCE_EM_BREVE = timedelta(days=30)


def _certificados_da_pessoa(request):
    return CertificadoDoRepresentante.objects.filter(usuario=request.user)


def _certificado_da_pessoa(request, pk: int) -> CertificadoDoRepresentante:
    """O certificado de outra pessoa é um 404, como o que não existe."""
    return get_object_or_404(_certificados_da_pessoa(request), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def meu_certificado(request):
    enviado = request.method == "POST"
    form = FormularioDeCertificado(request.POST if enviado else None, request.FILES if enviado else None)
    if enviado and form.is_valid():
        try:
            certificado = certificado_registrar(
                usuario=request.user, conteudo=form.cleaned_data["arquivo"].read(_LEITURA_MAXIMA), por=request.user
            )
        except CertificadoRecusado as erro:
            form.add_error("arquivo", erro.mensagem)
        else:
            messages.success(request, f"Certificado {certificado.tipo} de {certificado.titular_nome} registrado.")
            return redirect(f"{reverse('certificados:meu_certificado')}?registrado={certificado.pk}")
    registrado = None
    if request.GET.get("registrado"):
        try:
            registrado = _certificado_da_pessoa(request, int(request.GET["registrado"]))
        except ValueError:
            raise Http404("Certificado não encontrado.") from None
    agora = timezone.now()
    certificados = [(certificado, _situacao(certificado, agora)) for certificado in _certificados_da_pessoa(request)]
    return render(request, "certificados/meu_certificado.html", {
        "form": form, "registrado": registrado, "certificados": certificados,
    })


@login_required
@require_http_methods(["GET", "POST"])
def remover_certificado(request, pk: int):
    """Confirma antes de remover: o botão da lista traz a esta página; só o POST confirmado remove."""
    certificado = _certificado_da_pessoa(request, pk)
    if request.method == "POST" and request.POST.get("confirmado") == "sim":
        if certificado_remover(certificado=certificado, por=request.user):
            messages.success(request, f"Certificado de série {certificado.serial} removido.")
        else:
            messages.info(request, "Este certificado já estava removido.")
        return redirect("certificados:meu_certificado")
    return render(request, "certificados/cadastro_remover.html", {
        "certificado": certificado, "situacao": _situacao(certificado, timezone.now()),
    })


def _situacao(certificado: CertificadoDoRepresentante, agora) -> tuple[str, str]:
    """(rótulo, cor do br-tag) do certificado para a lista."""
    if certificado.removido_em is not None:
        return "Removido", "secondary"
    if certificado.valido_ate <= agora:
        return "Vencido", "danger"
    if certificado.valido_de > agora:
        return "Ainda não vale", "warning"
    if certificado.valido_ate - agora <= _VENCE_EM_BREVE:
        dias = (timezone.localdate(certificado.valido_ate) - timezone.localdate(agora)).days
        return ("Vence hoje" if dias <= 0 else "Vence amanhã" if dias == 1 else f"Vence em {dias} dias"), "warning"
    return "Válido", "success"
