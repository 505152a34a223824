from functools import wraps

from allauth.account.forms import ResetPasswordForm
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from portal.acordos.selectors import acordo_mais_recente, por_que_nao_opera
from portal.auditoria.selectors import eventos_de
from portal.auditoria.services import evento_registrar
from portal.contas.menu import gestor_ou_cadastrador, servidor_regional
from portal.entidades.forms import (
    FiltroDeEntidades,
    FormularioDeCapacitacaoPEP,
    FormularioDeDadosDoRepresentante,
    FormularioDeExclusao,
    FormularioDeProrrogacao,
    FormularioDeRepresentante,
)
from portal.entidades.models import Vinculo
from portal.entidades.selectors import (
    capacitacao_pep_visivel,
    entidades_visiveis_para,
    representantes_da_entidade,
    vinculos_encerrados_de,
)
from portal.entidades.services import (
    DocumentosObrigatorios,
    ErroDeEntidade,
    capacitacao_pep_registrar,
    declaracao_de_vinculo_emitir,
    envio_de_senha_registrar,
    representante_atualizar,
    representante_cadastrar,
    validade_padrao,
    vinculo_excluir,
    vinculo_prorrogar,
)
from portal.validadores import somente_digitos


def representante_requerido(view):
    """As páginas de quem age por uma entidade. Quem representa mais de uma escolhe antes; quem teve o acesso
    vencido ou excluído fica sabendo por quê e a quem pedir (é a sua própria entidade: não há o que esconder),
    com o mesmo 404 das demais recusas; quem nunca representou entidade nenhuma recebe o 404 comum. Dentro da
    view, `request.perfil.vinculo` existe."""

    @wraps(view)
    def pagina(request, *args, **kwargs):
        perfil = request.perfil
        if perfil.vinculo is None:
            if perfil.precisa_escolher_entidade:
                # Depois da escolha, volta-se a esta página; a um POST não se volta por GET.
                proximo = f"?proximo={request.path}" if request.method == "GET" else ""
                return redirect(f"/entidade/escolher/{proximo}")
            encerrados = list(vinculos_encerrados_de(request.user))
            if not encerrados:
                raise Http404("Você não representa nenhuma entidade.")
            return render(request, "entidades/acesso_encerrado.html", {"encerrados": encerrados}, status=404)
        return view(request, *args, **kwargs)

    return login_required(pagina)


@representante_requerido
def minha_entidade(request):
    vinculo = request.perfil.vinculo
    entidade = vinculo.entidade
    return render(request, "entidades/minha_entidade.html", {
        "vinculo": vinculo, "entidade": entidade,
        "acordo": acordo_mais_recente(entidade), "bloqueio": por_que_nao_opera(entidade),
    })


def _entidade_do_gestor_ou_cadastrador(request):
    if not gestor_ou_cadastrador(request.perfil):
        raise Http404("Só o gestor e o cadastrador externo veem os representantes.")
    return request.perfil.entidade


@representante_requerido
def representantes(request):
    entidade = _entidade_do_gestor_ou_cadastrador(request)
    return render(request, "entidades/representantes.html", {
        "entidade": entidade, "representantes": representantes_da_entidade(entidade),
        "pode_alterar": request.perfil.eh_cadastrador, "pode_baixar": True,
    })


@representante_requerido
def declaracao_escola_pep(request, pk: int):
    """A declaração da Escola PEP de quem representa a entidade, para os seus gestores e cadastradores."""
    capacitacao = capacitacao_pep_visivel(entidade=_entidade_do_gestor_ou_cadastrador(request), vinculo_pk=pk)
    if capacitacao is None:
        raise Http404("Declaração não encontrada.")
    evento_registrar(objeto=capacitacao, acao="declaracao_pep_baixada", por=request.user)
    resposta = FileResponse(capacitacao.declaracao.open("rb"), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="escola-pep-{pk}.pdf"'
    return resposta


# O cadastrador externo (seed 003, itens 15–19). Só ele altera; o gestor que não é cadastrador só lê, e
# recebe 404 aqui, como quem tenta um representante de outra entidade.
def _entidade_do_cadastrador(request):
    if not request.perfil.eh_cadastrador:
        raise Http404("Só o cadastrador externo altera os representantes.")
    return request.perfil.entidade


def _representante(request, pk: int) -> Vinculo:
    return get_object_or_404(representantes_da_entidade(_entidade_do_cadastrador(request)), pk=pk)


def _erro_no_formulario(form, erro: ErroDeEntidade) -> None:
    form.add_error(erro.campo if erro.campo in form.fields else None, str(erro))


def _enviar_email_de_senha(request, vinculo: Vinculo) -> None:
    """O e-mail de definir (ou redefinir) a senha é o do allauth: um link com validade, para o e-mail da pessoa."""
    form = ResetPasswordForm(data={"email": vinculo.usuario.email})
    if form.is_valid():
        form.save(request)


def _pagina(request, template: str, contexto: dict):
    return render(request, f"entidades/{template}", contexto)


@representante_requerido
@require_http_methods(["GET", "POST"])
def representante_novo(request):
    entidade = _entidade_do_cadastrador(request)
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


def _acao_sobre_representante(request, vinculo: Vinculo, form, *, executar, sucesso, titulo: str, aviso: str):
    """O esqueleto das ações do cadastrador sobre um representante: validar, chamar o serviço e voltar à lista
    com a mensagem; com erro, a mesma página, com o formulário e o que foi digitado."""
    if request.method == "POST" and form.is_valid():
        try:
            executar(form.cleaned_data)
        except ErroDeEntidade as erro:
            _erro_no_formulario(form, erro)
        else:
            messages.success(request, sucesso(form.cleaned_data))
            return redirect("entidades:representantes")
    return _pagina(request, "representante_acao.html", {
        "vinculo": vinculo, "form": form, "titulo": titulo, "aviso": aviso,
    })


@representante_requerido
@require_http_methods(["GET", "POST"])
def representante_editar(request, pk: int):
    vinculo = _representante(request, pk)
    usuario = vinculo.usuario
    form = FormularioDeDadosDoRepresentante(request.POST or None, initial={
        "nome": usuario.nome, "email": usuario.email, "telefone": usuario.telefone,
        "papel": vinculo.papel, "gestor": vinculo.gestor, "cadastrador": vinculo.cadastrador,
    })
    return _acao_sobre_representante(
        request, vinculo, form,
        executar=lambda dados: representante_atualizar(vinculo=vinculo, por=request.user, **dados),
        sucesso=lambda _: f"Dados de {vinculo.usuario.nome} atualizados.",
        titulo="Atualizar dados do representante",
        aviso="Nome, e-mail e telefone são da pessoa: valem em todas as entidades que ela representa.",
    )


@representante_requerido
@require_http_methods(["GET", "POST"])
def representante_prorrogar(request, pk: int):
    vinculo = _representante(request, pk)
    return _acao_sobre_representante(
        request, vinculo, FormularioDeProrrogacao(request.POST or None, initial={"valido_ate": validade_padrao()}),
        executar=lambda dados: vinculo_prorrogar(vinculo=vinculo, valido_ate=dados["valido_ate"], por=request.user),
        sucesso=lambda dados: f"Acesso de {vinculo.usuario.nome} prorrogado até {dados['valido_ate']:%d/%m/%Y}.",
        titulo="Prorrogar acesso",
        aviso=f"Acesso válido hoje até {timezone.localtime(vinculo.valido_ate):%d/%m/%Y}.",
    )


@representante_requerido
@require_http_methods(["GET", "POST"])
def representante_excluir(request, pk: int):
    vinculo = _representante(request, pk)
    return _acao_sobre_representante(
        request, vinculo, FormularioDeExclusao(request.POST or None),
        executar=lambda dados: vinculo_excluir(vinculo=vinculo, motivo=dados["motivo"], por=request.user),
        sucesso=lambda _: f"Acesso de {vinculo.usuario.nome} excluído.",
        titulo="Excluir acesso",
        aviso="A pessoa deixa de agir pela entidade assim que o acesso é excluído.",
    )


@representante_requerido
@require_http_methods(["GET", "POST"])
def representante_escola_pep(request, pk: int):
    """A conclusão da Escola PEP, com a declaração: é da pessoa, e por isso registrá-la de novo substitui a
    que outra entidade já tenha registrado."""
    vinculo = _representante(request, pk)
    capacitacao = getattr(vinculo.usuario, "capacitacao_pep", None)
    aviso = "A capacitação é da pessoa: vale para todas as entidades que ela representa."
    if capacitacao is not None:
        aviso += f" Já registrada: concluída em {capacitacao.concluida_em:%d/%m/%Y}; um novo registro a substitui."
    return _acao_sobre_representante(
        request, vinculo, FormularioDeCapacitacaoPEP(request.POST or None, request.FILES or None),
        executar=lambda dados: capacitacao_pep_registrar(vinculo=vinculo, por=request.user, **dados),
        sucesso=lambda dados: f"Escola PEP de {vinculo.usuario.nome}: concluída em {dados['concluida_em']:%d/%m/%Y}.",
        titulo="Registrar a Escola PEP", aviso=aviso,
    )


@representante_requerido
@require_http_methods(["GET", "POST"])
def representante_senha(request, pk: int):
    vinculo = _representante(request, pk)
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


@representante_requerido
@require_POST
def emitir_declaracao(request):
    try:
        documento = declaracao_de_vinculo_emitir(vinculo=request.perfil.vinculo, por=request.user)
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
            "acordo": acordo_mais_recente(entidade), "bloqueio": por_que_nao_opera(entidade),
            "representantes": representantes_da_entidade(entidade),
            "eventos": eventos_de(entidade)[:20],
        },
    )
