from allauth.account.forms import ResetPasswordForm
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from portal.acordos.selectors import acordo_mais_recente, por_que_nao_opera
from portal.auditoria.selectors import eventos_de
from portal.contas.menu import gestor_ou_cadastrador, servidor_regional
from portal.entidades.forms import (
    FiltroDeEntidades,
    FormularioDeDadosDoRepresentante,
    FormularioDeExclusao,
    FormularioDeProrrogacao,
    FormularioDeRepresentante,
)
from portal.entidades.models import Vinculo
from portal.entidades.selectors import entidades_visiveis_para, representantes_da_entidade
from portal.entidades.services import (
    DocumentosObrigatorios,
    ErroDeEntidade,
    declaracao_de_vinculo_emitir,
    envio_de_senha_registrar,
    representante_atualizar,
    representante_cadastrar,
    validade_padrao,
    vinculo_excluir,
    vinculo_prorrogar,
)
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
    return render(request, "entidades/representantes.html", {
        "entidade": vinculo.entidade, "representantes": representantes_da_entidade(vinculo.entidade),
        "pode_alterar": request.perfil.eh_cadastrador,
    })


# O cadastrador externo (seed 003, itens 15–19). Só ele altera; o gestor que não é cadastrador só lê, e
# recebe 404 aqui, como quem tenta um representante de outra entidade.
def _entidade_do_cadastrador(request):
    vinculo = _vinculo_do_representante(request)
    if vinculo is None:
        return None
    if not request.perfil.eh_cadastrador:
        raise Http404("Só o cadastrador externo altera os representantes.")
    return vinculo.entidade


def _representante(request, pk: int) -> Vinculo | None:
    entidade = _entidade_do_cadastrador(request)
    if entidade is None:
        return None
    return get_object_or_404(representantes_da_entidade(entidade), pk=pk)


def _escolher_entidade(request):
    return redirect(f"/entidade/escolher/?proximo={request.path}")


def _erro_no_formulario(form, erro: ErroDeEntidade) -> None:
    form.add_error(erro.campo if erro.campo in form.fields else None, str(erro))


def _enviar_email_de_senha(request, vinculo: Vinculo) -> None:
    """O e-mail de definir (ou redefinir) a senha é o do allauth: um link com validade, para o e-mail da pessoa."""
    form = ResetPasswordForm(data={"email": vinculo.usuario.email})
    if form.is_valid():
        form.save(request)


def _pagina(request, template: str, contexto: dict):
    return render(request, f"entidades/{template}", contexto)


@login_required
@require_http_methods(["GET", "POST"])
def representante_novo(request):
    entidade = _entidade_do_cadastrador(request)
    if entidade is None:
        return _escolher_entidade(request)
    form = FormularioDeRepresentante(
        request.POST or None, request.FILES or None, initial={"valido_ate": validade_padrao()}
    )
    if request.method == "POST" and form.is_valid():
        dados = form.cleaned_data
        try:
            vinculo = representante_cadastrar(
                entidade=entidade, cpf=dados["cpf"], nome=dados["nome"], email=dados["email"],
                telefone=dados["telefone"], papel=dados["papel"], gestor=dados["gestor"],
                cadastrador=dados["cadastrador"], valido_ate=dados["valido_ate"], documentos=form.documentos(),
                por=request.user,
            )
        except DocumentosObrigatorios as erro:
            form.add_error(None, str(erro))
            for tipo in erro.faltando:
                form.add_error(tipo.value, f"Envie: {tipo.label}.")
        except ErroDeEntidade as erro:
            _erro_no_formulario(form, erro)
        else:
            mensagem = f"{vinculo.usuario.nome} agora representa {entidade}."
            if not vinculo.usuario.has_usable_password():
                _enviar_email_de_senha(request, vinculo)
                mensagem += f" Enviamos para {vinculo.usuario.email} o link para definir a senha."
            messages.success(request, mensagem)
            return redirect("entidades:representantes")
    return _pagina(request, "representante_novo.html", {"entidade": entidade, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def representante_editar(request, pk: int):
    vinculo = _representante(request, pk)
    if vinculo is None:
        return _escolher_entidade(request)
    usuario = vinculo.usuario
    form = FormularioDeDadosDoRepresentante(request.POST or None, initial={
        "nome": usuario.nome, "email": usuario.email, "telefone": usuario.telefone,
        "papel": vinculo.papel, "gestor": vinculo.gestor, "cadastrador": vinculo.cadastrador,
    })
    if request.method == "POST" and form.is_valid():
        try:
            representante_atualizar(vinculo=vinculo, por=request.user, **form.cleaned_data)
        except ErroDeEntidade as erro:
            _erro_no_formulario(form, erro)
        else:
            messages.success(request, f"Dados de {vinculo.usuario.nome} atualizados.")
            return redirect("entidades:representantes")
    return _pagina(request, "representante_acao.html", {
        "vinculo": vinculo, "form": form, "titulo": "Atualizar dados do representante",
        "aviso": "Nome, e-mail e telefone são da pessoa: valem em todas as entidades que ela representa.",
    })


@login_required
@require_http_methods(["GET", "POST"])
def representante_prorrogar(request, pk: int):
    vinculo = _representante(request, pk)
    if vinculo is None:
        return _escolher_entidade(request)
    form = FormularioDeProrrogacao(request.POST or None, initial={"valido_ate": validade_padrao()})
    if request.method == "POST" and form.is_valid():
        try:
            vinculo_prorrogar(vinculo=vinculo, valido_ate=form.cleaned_data["valido_ate"], por=request.user)
        except ErroDeEntidade as erro:
            _erro_no_formulario(form, erro)
        else:
            messages.success(
                request, f"Acesso de {vinculo.usuario.nome} prorrogado até {form.cleaned_data['valido_ate']:%d/%m/%Y}."
            )
            return redirect("entidades:representantes")
    return _pagina(request, "representante_acao.html", {
        "vinculo": vinculo, "form": form, "titulo": "Prorrogar acesso",
        "aviso": f"Acesso válido hoje até {timezone.localtime(vinculo.valido_ate):%d/%m/%Y}.",
    })


@login_required
@require_http_methods(["GET", "POST"])
def representante_excluir(request, pk: int):
    vinculo = _representante(request, pk)
    if vinculo is None:
        return _escolher_entidade(request)
    form = FormularioDeExclusao(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vinculo_excluir(vinculo=vinculo, motivo=form.cleaned_data["motivo"], por=request.user)
        except ErroDeEntidade as erro:
            _erro_no_formulario(form, erro)
        else:
            messages.success(request, f"Acesso de {vinculo.usuario.nome} excluído.")
            return redirect("entidades:representantes")
    return _pagina(request, "representante_acao.html", {
        "vinculo": vinculo, "form": form, "titulo": "Excluir acesso",
        "aviso": "A pessoa deixa de agir pela entidade assim que o acesso é excluído.",
    })


@login_required
@require_http_methods(["GET", "POST"])
def representante_senha(request, pk: int):
    vinculo = _representante(request, pk)
    if vinculo is None:
        return _escolher_entidade(request)
    if request.method == "POST":
        try:
            envio_de_senha_registrar(vinculo=vinculo, por=request.user)
        except ErroDeEntidade as erro:
            messages.error(request, str(erro))
        else:
            _enviar_email_de_senha(request, vinculo)
            messages.success(request, f"Enviamos para {vinculo.usuario.email} o link para definir a senha.")
        return redirect("entidades:representantes")
    return _pagina(request, "representante_acao.html", {
        "vinculo": vinculo, "form": None, "titulo": "Enviar e-mail de senha",
        "aviso": f"{vinculo.usuario.nome} receberá em {vinculo.usuario.email} um link para definir uma nova senha.",
    })


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
