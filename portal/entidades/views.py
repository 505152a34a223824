from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.acordos.selectors import acordo_mais_recente, por_que_nao_opera
from portal.auditoria.selectors import eventos_de
from portal.contas.menu import gestor_ou_cadastrador, servidor_regional
from portal.entidades.forms import FiltroDeEntidades
from portal.entidades.selectors import entidades_visiveis_para, representantes_da_entidade
from portal.entidades.services import ErroDeEntidade, declaracao_de_vinculo_emitir
from portal.validadores import somente_digitos


def _vinculo_do_representante(request):
    """O vínculo pelo qual a pessoa age agora; quem não representa entidade nenhuma recebe 404."""
    perfil = request.perfil
    if perfil.vinculo is None:
        if perfil.precisa_escolher_entidade:
            return None
        raise Http404("Você não representa nenhuma entidade.")
    return perfil.vinculo


@login_required
def minha_entidade(request):
    vinculo = _vinculo_do_representante(request)
    if vinculo is None:
        return redirect(f"/entidade/escolher/?proximo={request.path}")
    entidade = vinculo.entidade
    return render(request, "entidades/minha_entidade.html", {
        "vinculo": vinculo, "entidade": entidade,
        "acordo": acordo_mais_recente(entidade), "bloqueio": por_que_nao_opera(entidade),
    })


@login_required
def representantes(request):
    vinculo = _vinculo_do_representante(request)
    if vinculo is None:
        return redirect(f"/entidade/escolher/?proximo={request.path}")
    if not gestor_ou_cadastrador(request.perfil):
        raise Http404("Só o gestor e o cadastrador externo veem os representantes.")
    return render(
        request,
        "entidades/representantes.html",
        {"entidade": vinculo.entidade, "representantes": representantes_da_entidade(vinculo.entidade)},
    )


@login_required
@require_POST
def emitir_declaracao(request):
    vinculo = _vinculo_do_representante(request)
    if vinculo is None:
        return redirect("escolher_entidade")
    try:
        documento = declaracao_de_vinculo_emitir(vinculo=vinculo, por=request.user)
    except ErroDeEntidade as erro:
        messages.error(request, str(erro))
        return redirect("entidades:minha_entidade")
    messages.success(
        request,
        f"Declaração emitida. Código verificador {documento.codigo_verificador}, CRC {documento.crc}.",
    )
    return redirect("certificados:meus_documentos")


def _entidades_do_servidor(request):
    if not servidor_regional(request.perfil):
        raise Http404("Página de servidores do INSS.")
    return entidades_visiveis_para(request.user)


@login_required
def da_regiao(request):
    entidades = _entidades_do_servidor(request)
    filtro = FiltroDeEntidades(request.GET or None)
    if filtro.is_valid():
        termo = filtro.cleaned_data["q"].strip()
        if termo:
            digitos = somente_digitos(termo)
            condicao = Q(razao_social__icontains=termo) | Q(municipio__nome__icontains=termo)
            if len(digitos) >= 4:
                condicao |= Q(cnpj__startswith=digitos)
            entidades = entidades.filter(condicao)
        if filtro.cleaned_data["tipo"]:
            entidades = entidades.filter(tipo=filtro.cleaned_data["tipo"])
    pagina = Paginator(entidades, 25).get_page(request.GET.get("pagina"))
    contexto = {"pagina": pagina, "filtro": filtro}
    if request.htmx:
        return render(request, "entidades/da_regiao.html#resultados", contexto)
    return render(request, "entidades/da_regiao.html", contexto)


@login_required
def detalhe(request, cnpj: str):
    entidade = get_object_or_404(_entidades_do_servidor(request), cnpj=cnpj)
    return render(
        request,
        "entidades/detalhe.html",
        {
            "entidade": entidade,
            "representantes": representantes_da_entidade(entidade),
            "eventos": eventos_de(entidade)[:20],
        },
    )
