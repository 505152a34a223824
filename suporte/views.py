"""Suporte INSS: o lado da entidade (gestores) e o dos técnicos (fila, ações, medidas).

Cada ação tem uma página própria com um formulário comum (funciona sem JavaScript); com htmx, o mesmo
formulário abre num diálogo dentro da página do chamado (`#dialogo`)."""

import unicodedata
from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from portal.acoes import acao_executar
from portal.auditoria.selectors import eventos_de
from portal.auditoria.services import em_nome_de, evento_registrar
from portal.contas.models import PapelINSS
from portal.validadores import numero_de_id
from suporte import forms, selectors, services
from suporte.models import STATUS_EM_ATENDIMENTO, Chamado, Indisponibilidade, ItemCatalogo, StatusChamado

ABAS = {
    "atendimento": ("Em atendimento", Q(status__in=STATUS_EM_ATENDIMENTO)),
    "solucionados": ("Solucionados", Q(status=StatusChamado.SOLUCIONADO)),
    "fechados": ("Fechados", Q(status=StatusChamado.FECHADO)),
}


def _gestor_ou_explicacao(request):
    """O vínculo de gestor pelo qual a pessoa age, ou a página que explica quem usa o Suporte."""
    perfil = request.perfil
    if perfil.precisa_escolher_entidade:
        return None, redirect(f"{reverse('escolher_entidade')}?proximo={request.path}")
    if not perfil.eh_gestor:
        return None, render(request, "suporte/sem_acesso.html", status=200)
    return perfil.vinculo, None


def _chamado_visivel(request, codigo: str) -> Chamado:
    return get_object_or_404(selectors.chamados_visiveis_para(request.perfil), codigo=codigo)


def _pelo_inss(request) -> bool:
    return selectors.eh_tecnico(request.perfil)


def _so_tecnico(request) -> None:
    if not _pelo_inss(request):
        raise Http404("Ação da equipe de suporte.")


@login_required
def meus_chamados(request):
    vinculo, resposta = _gestor_ou_explicacao(request)
    if resposta:
        return resposta
    aba = request.GET.get("aba") if request.GET.get("aba") in ABAS else "atendimento"
    chamados = selectors.chamados_da_entidade(vinculo)
    contagens = chamados.aggregate(**{chave: Count("pk", filter=filtro) for chave, (_, filtro) in ABAS.items()})
    lista = chamados.filter(ABAS[aba][1]).order_by("-atualizado_em", "-pk")
    pagina = Paginator(lista, 20).get_page(request.GET.get("pagina"))
    abas = [(chave, rotulo, contagens[chave]) for chave, (rotulo, _) in ABAS.items()]
    return render(request, "suporte/meus_chamados.html", {"pagina": pagina, "aba": aba, "abas": abas})


def _sem_acentos(texto: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texto.casefold()) if not unicodedata.combining(c))


def _itens_filtrados(termo: str) -> list[ItemCatalogo]:
    """Cada palavra digitada tem de aparecer em alguma parte do caminho (ou ser o número do item), sem
    distinguir maiúsculas nem acentos. O catálogo tem 19 itens: filtra-se aqui mesmo."""
    palavras = _sem_acentos(termo.replace(">", " ")).split()
    return [
        item for item in selectors.itens_ativos()
        if all(p == str(item.numero) or p in _sem_acentos(item.caminho) for p in palavras)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def novo(request):
    vinculo, resposta = _gestor_ou_explicacao(request)
    if resposta:
        return resposta
    numero = numero_de_id(request.POST.get("item") or request.GET.get("item"))
    item = ItemCatalogo.objects.filter(numero=numero, ativo=True).first() if numero is not None else None
    if item is None:
        itens = _itens_filtrados(request.GET.get("q", ""))
        contexto = {"itens": itens, "q": request.GET.get("q", "")}
        if request.htmx:
            return render(request, "suporte/novo.html#lista_de_itens", contexto)
        return render(request, "suporte/novo.html", contexto)
    form = forms.FormularioDeChamado(request.POST or None, request.FILES or None, item=item,
                                     entidade=vinculo.entidade)
    if request.method == "POST" and form.is_valid():
        try:
            chamado = services.chamado_abrir(
                vinculo=vinculo, item=item, titulo=form.cleaned_data["titulo"],
                descricao=form.cleaned_data["descricao"], anexos=form.anexos, por=request.user,
                cpf_representante=form.cleaned_data.get("cpf_representante", ""),
                chave=form.cleaned_data.get("chave"),
            )
        except services.ErroDoChamado as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, f"Chamado {chamado.codigo} registrado. O formulário foi salvo e o grupo "
                                      f"{chamado.sr.grupo_suporte} já foi avisado.")
            return redirect("suporte:chamado", codigo=chamado.codigo)
    return render(request, "suporte/novo.html", {"item": item, "form": form, "enviou": request.method == "POST"})


@login_required
def chamado(request, codigo: str):
    chamado = _chamado_visivel(request, codigo)
    pelo_inss = _pelo_inss(request)
    eventos = eventos_de(chamado)
    if not pelo_inss:
        eventos = eventos.exclude(acao="nota_interna")
    contexto = {
        "chamado": chamado,
        "pelo_inss": pelo_inss,
        "conversa": selectors.conversa(chamado, pelo_inss=pelo_inss),
        "anexos_da_abertura": list(selectors.anexos_da_abertura(chamado)),
        "eventos": list(eventos[:50]),
        "indisponibilidades": list(chamado.indisponibilidades.select_related("documento")),
        "pode_responder": chamado.aguardando_resposta_da_entidade and request.perfil.eh_gestor,
        "form_acompanhamento": forms.FormularioDeAcompanhamento(pelo_inss=pelo_inss),
    }
    return render(request, "suporte/chamado.html", contexto)


def _acao(request, codigo: str, *, titulo: str, formulario, executar, so_tecnico: bool = False,
          so_gestor: bool = False, com_arquivos: bool = False, sucesso: str):
    """Toda ação sobre um chamado: achar no escopo, conferir o papel, validar, chamar o serviço, voltar."""
    chamado = _chamado_visivel(request, codigo)
    if so_tecnico:
        _so_tecnico(request)
    if so_gestor and not request.perfil.eh_gestor:
        raise Http404("Ação dos gestores da entidade.")
    dados = (request.POST, request.FILES) if com_arquivos else (request.POST,)
    form = formulario(chamado, *dados) if request.method == "POST" else formulario(chamado)
    return acao_executar(
        request, form=form, executar=lambda f: executar(chamado, f), erro=services.ErroDoChamado, sucesso=sucesso,
        destino=reverse("suporte:chamado", args=[chamado.codigo]), template="suporte/acao.html",
        contexto={"chamado": chamado, "titulo": titulo, "com_arquivos": com_arquivos},
    )


@login_required
@require_http_methods(["GET", "POST"])
def acompanhar(request, codigo: str):
    pelo_inss = _pelo_inss(request)
    return _acao(
        request, codigo, titulo="Responder", com_arquivos=True,
        formulario=lambda c, *d: forms.FormularioDeAcompanhamento(*d, pelo_inss=pelo_inss),
        executar=lambda c, f: services.chamado_acompanhar(
            chamado=c, texto=f.cleaned_data["texto"], interno=f.cleaned_data.get("interno", False),
            anexos=f.lista_de_anexos, por=request.user, pelo_inss=pelo_inss,
        ),
        sucesso="Mensagem registrada.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def atribuir(request, codigo: str):
    return _acao(
        request, codigo, titulo="Atribuir", so_tecnico=True,
        formulario=lambda c, *d: forms.FormularioDeAtribuicao(
            *d, tecnicos=selectors.tecnicos_do_grupo(c.sr), initial={"tecnico": c.tecnico_id or request.user.pk}
        ),
        executar=lambda c, f: services.chamado_atribuir(chamado=c, tecnico=f.cleaned_data["tecnico"],
                                                        por=request.user),
        sucesso="Chamado atribuído.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def pendenciar(request, codigo: str):
    return _acao(
        request, codigo, titulo="Pedir algo à entidade (pendente)", so_tecnico=True,
        formulario=lambda c, *d: forms.FormularioDePendencia(*d),
        executar=lambda c, f: services.chamado_pendenciar(chamado=c, texto=f.cleaned_data["texto"],
                                                          por=request.user),
        sucesso="O chamado está pendente, aguardando a entidade.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def solucionar(request, codigo: str):
    return _acao(
        request, codigo, titulo="Solucionar", so_tecnico=True, com_arquivos=True,
        formulario=lambda c, *d: forms.FormularioDeSolucao(*d),
        executar=lambda c, f: services.chamado_solucionar(chamado=c, solucao=f.cleaned_data["solucao"],
                                                          anexos=f.lista_de_anexos, por=request.user),
        sucesso="Chamado solucionado. A entidade tem 7 dias para aprovar ou recusar.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def aprovar(request, codigo: str):
    return _acao(
        request, codigo, titulo="Aprovar a solução", so_gestor=True,
        formulario=lambda c, *d: forms.FormularioDeAprovacao(*d),
        executar=lambda c, f: services.chamado_aprovar(chamado=c, comentario=f.cleaned_data["comentario"],
                                                       por=request.user),
        sucesso="Solução aprovada. O chamado está fechado.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def recusar(request, codigo: str):
    return _acao(
        request, codigo, titulo="Recusar a solução", so_gestor=True, com_arquivos=True,
        formulario=lambda c, *d: forms.FormularioDeRecusa(*d),
        executar=lambda c, f: services.chamado_recusar(chamado=c, motivo=f.cleaned_data["motivo"],
                                                       anexos=f.lista_de_anexos, por=request.user),
        sucesso="Solução recusada. O chamado voltou para o técnico que o solucionou.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def indisponibilidade(request, codigo: str):
    return _acao(
        request, codigo, titulo="Certificado de indisponibilidade", so_tecnico=True,
        formulario=lambda c, *d: forms.FormularioDeIndisponibilidade(*d),
        executar=lambda c, f: services.indisponibilidade_certificar(chamado=c, por=request.user, **f.cleaned_data),
        sucesso="Certificado de indisponibilidade emitido.",
    )


@login_required
def anexo(request, pk: int):
    anexo = get_object_or_404(
        selectors.anexos_visiveis_para(request.perfil).select_related("chamado"), pk=pk
    )
    evento_registrar(objeto=anexo, acao="anexo_baixado", por=request.user,
                     nota=f"{anexo.chamado.codigo}, {em_nome_de(request)}")
    resposta = FileResponse(anexo.arquivo.open("rb"), content_type=anexo.tipo_conteudo)
    extensao = anexo.arquivo.name.rsplit(".", 1)[-1]
    resposta["Content-Disposition"] = f'attachment; filename="{anexo.chamado.codigo}-anexo-{anexo.pk}.{extensao}"'
    return resposta


@login_required
def certificado(request, codigo: str, pk: int):
    chamado = _chamado_visivel(request, codigo)
    registro = get_object_or_404(Indisponibilidade.objects.select_related("documento"), pk=pk, chamado=chamado)
    resposta = FileResponse(registro.documento.arquivo.open("rb"), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="{registro.documento.nome_do_arquivo}"'
    return resposta


@login_required
def fila(request):
    _so_tecnico(request)
    filtro = forms.FiltroDaFila(request.GET or {"status": "abertos"})
    chamados = selectors.chamados_do_grupo(request.user)
    if filtro.is_valid():
        chamados = selectors.filtrar_fila(
            chamados, status=filtro.cleaned_data["status"], item=filtro.cleaned_data["item"],
            entidade=filtro.cleaned_data["entidade"], idade_minima_dias=filtro.cleaned_data["idade"],
            texto=filtro.cleaned_data["texto"], atribuicao=filtro.cleaned_data["atribuicao"],
        )
    else:
        chamados = chamados.none()
    pagina = Paginator(selectors.ordenar_fila(chamados), 25).get_page(request.GET.get("pagina"))
    contexto = {"pagina": pagina, "filtro": filtro}
    if request.htmx:
        return render(request, "suporte/fila.html#resultados", contexto)
    return render(request, "suporte/fila.html", contexto)


@login_required
def medidas(request):
    if not request.perfil.tem_papel_inss(PapelINSS.TECNICO_SUPORTE, PapelINSS.GESTOR_REGIONAL):
        raise Http404("Página da equipe de suporte e da gestão regional.")
    periodo = forms.PeriodoDasMedidas(request.GET)
    hoje = timezone.localdate()
    inicio, fim = hoje.replace(day=1), hoje
    if periodo.is_bound and periodo.is_valid():
        inicio, fim = periodo.cleaned_data["inicio"], periodo.cleaned_data["fim"]
    elif not periodo.is_bound:
        inicio, fim = periodo.initial["inicio"], periodo.initial["fim"]
    zona = timezone.get_current_timezone()
    chamados = selectors.chamados_para_medidas(request.user)
    dados = selectors.medidas_do_grupo(
        chamados,
        inicio=datetime.combine(inicio, time.min, tzinfo=zona),
        fim=datetime.combine(fim, time.max, tzinfo=zona),
    )
    return render(request, "suporte/medidas.html", {"periodo": periodo, "m": dados, "inicio": inicio, "fim": fim})

