from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from certificados.forms import FormularioDeVerificacao
from certificados.selectors import documento_pelo_par, documentos_de
from portal.auditoria.services import em_nome_de, evento_registrar
from portal.operacao.limites import excedeu_limite


def verificar(request):
    """Página pública: qualquer pessoa confere um documento pelo par código verificador + CRC."""
    form = FormularioDeVerificacao(request.GET or None)
    documento = None
    consultado = False
    limitado = False
    if form.is_valid():
        if excedeu_limite(request, acao="verificar", maximo=30, janela_segundos=60):
            limitado = True
        else:
            consultado = True
            documento = documento_pelo_par(codigo=form.cleaned_data["codigo"], crc=form.cleaned_data["crc"])
    status = 429 if limitado else 200
    return render(
        request,
        "certificados/verificar.html",
        {"form": form, "documento": documento, "consultado": consultado, "limitado": limitado},
        status=status,
    )


def baixar_verificado(request, codigo: str, crc: str):
    if excedeu_limite(request, acao="verificar", maximo=30, janela_segundos=60):
        return render(request, "certificados/verificar.html", {"form": FormularioDeVerificacao(), "limitado": True},
                      status=429)
    documento = documento_pelo_par(codigo=codigo, crc=crc)
    if documento is None:
        raise Http404("Documento não encontrado.")
    return _pdf(request, documento)


@login_required
def meus_documentos(request):
    pagina = Paginator(documentos_de(request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "certificados/meus_documentos.html", {"pagina": pagina})


@login_required
def baixar_meu(request, codigo: str):
    documento = get_object_or_404(documentos_de(request.user), codigo_verificador=codigo)
    return _pdf(request, documento)


def _pdf(request, documento):
    """O PDF registrado; cada download fica no registro (um comprovante traz o nome do cidadão)."""
    evento_registrar(objeto=documento, acao="documento_emitido_baixado",
                     por=request.user if request.user.is_authenticated else None,
                     nota=f"{documento.titulo}, {em_nome_de(request)}")
    resposta = FileResponse(documento.arquivo.open("rb"), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="{documento.nome_do_arquivo}"'
    resposta["Cache-Control"] = "private, no-store"
    return resposta
