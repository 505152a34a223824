"""A entrada com certificado digital A3 (`/certificado/entrar/`, no endereço de certificado do nginx)."""

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from certificados.acesso import certificado_do_proxy, sessao_marcar_a3
from certificados.icp import CertificadoRecusado
from certificados.services_a3 import certificado_usado_na_entrada
from portal.auditoria.services import evento_registrar
from portal.validadores import ocultar_cpf


def _recusa(request, mensagem: str):
    return render(request, "certificados/entrar_com_certificado.html", {
        "recusa": mensagem, "endereco_de_entrada": settings.PORTAL_URL_ENTRADA_COM_CERTIFICADO}, status=403)


@require_GET
def entrar_com_certificado(request):
    try:
        lido = certificado_do_proxy(request)
    except CertificadoRecusado as recusa:
        return _recusa(request, str(recusa))
    usuario = get_user_model().objects.filter(cpf=lido.cpf, is_active=True).first()
    if usuario is None:
        return _recusa(request, f"Não há conta ativa no portal para o CPF {ocultar_cpf(lido.cpf)}, o do certificado "
                                "apresentado. Peça ao gestor da sua entidade o seu cadastro como representante.")
    login(request, usuario, backend="django.contrib.auth.backends.ModelBackend")
    sessao_marcar_a3(request, lido)
    certificado_usado_na_entrada(usuario=usuario, lido=lido)
    evento_registrar(objeto=usuario, acao="entrada_com_certificado_a3", por=usuario,
                     nota=f"{lido.tipo}, série {lido.serial}, {lido.emissor}"[:300])
    proximo = request.GET.get("proximo", "")
    seguro = url_has_allowed_host_and_scheme(proximo, allowed_hosts={request.get_host()},
                                             require_https=request.is_secure())
    return redirect(proximo if seguro and proximo else "inicio")
