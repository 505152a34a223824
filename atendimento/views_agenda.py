"""As páginas do agendamento presencial: a APS publica as agendas e vê a ocupação de cada horário; a Central
135 (e, excepcionalmente, a agência) busca um horário com vaga e agenda o cidadão; o agendamento tem a sua
página, com cancelar e remarcar. Tudo fora do alcance da pessoa é 404; cada recusa do motor volta ao
formulário com o que foi digitado."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from atendimento import selectors_agenda as selectors
from atendimento.forms_agenda import (
    DIAS_DA_SEMANA,
    FiltroDeVagas,
    FiltroDoAtesp,
    FormularioDeAgenda,
    FormularioDeAgendamento,
    FormularioDeAtivacaoDoAtesp,
    FormularioDeCancelamento,
    FormularioDeRemarcacao,
)
from atendimento.models_agenda import OrigemDoAgendamento, ServicoPresencial, StatusAgendamento, Vaga
from atendimento.prazos import PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS
from atendimento.services.agenda import (
    ErroDeAgendamento,
    agenda_publicar,
    agendamento_cancelar,
    agendamento_remarcar,
    agendar,
)
from atendimento.services.atesp_ativacao import atesp_ativar_em
from portal.contas.models import PapelINSS
from portal.validadores import formatar_cpf, numero_de_id

POR_PAGINA = 25
AVISOS_DO_ATESP = 10  # na lista de agendas; o administrador alcança todas as APS


def _quem_publica(request):
    agencias = selectors.agencias_que_publicam(request.user)
    if not request.user.is_superuser and not agencias.exists():
        raise Http404("Página dos servidores das APS.")
    return agencias


def _quem_agenda(request) -> bool:
    """True para a Central 135; False para a agência (excepcional). Quem não agenda recebe 404."""
    if not selectors.pode_agendar(request.user):
        raise Http404("Página da Central 135 e das APS.")
    return selectors.agenda_pela_central(request.user)


# --- a agência publica as agendas -----------------------------------------------------------------------------


@login_required
def agendas(request):
    agencias = _quem_publica(request)
    pagina = Paginator(selectors.agendas_visiveis_para(request.user), POR_PAGINA).get_page(request.GET.get("pagina"))
    # O ATESP ativado sem agenda publicada: o prazo para ofertar vagas (dois dias úteis), ou o aviso de vencido.
    hoje = timezone.localdate()
    avisos = list(selectors.atesp_sem_agenda(agencias)[:AVISOS_DO_ATESP])
    for ativacao in avisos:
        ativacao.vencido = ativacao.prazo_para_ofertar < hoje
    return render(request, "atendimento/agenda/agendas.html", {
        "pagina": pagina, "avisos_do_atesp": avisos, "dias_uteis": PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS,
    })


@login_required
@require_http_methods(["GET", "POST"])
def agenda_nova(request):
    agencias = _quem_publica(request)
    form = FormularioDeAgenda(request.POST or None, agencias=agencias)
    if request.method == "POST" and form.is_valid():
        try:
            agenda = agenda_publicar(**form.cleaned_data, por=request.user)
        except ErroDeAgendamento as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, f"Agenda publicada: {agenda.vagas.count()} horário(s) abertos.")
            return redirect("atendimento:agenda", pk=agenda.pk)
    return render(request, "atendimento/agenda/agenda_nova.html", {"form": form, "dias": DIAS_DA_SEMANA})


@login_required
def agenda(request, pk: int):
    _quem_publica(request)
    agenda = get_object_or_404(selectors.agendas_visiveis_para(request.user), pk=pk)
    rotulos = dict(DIAS_DA_SEMANA)
    return render(request, "atendimento/agenda/agenda.html", {
        "agenda": agenda, "vagas": selectors.vagas_da_agenda(agenda),
        "dias_da_semana": ", ".join(rotulos[str(dia)] for dia in agenda.dias_da_semana),
    })


# --- a Central 135 (e a agência) agenda -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agendamento_novo(request):
    pela_central = _quem_agenda(request)
    vaga = request.POST.get("vaga") or request.GET.get("vaga")
    if vaga:
        return _agendar(request, vaga, pela_central=pela_central)
    agencias = selectors.agencias_para_agendar(request.user)
    filtro = FiltroDeVagas(request.GET or {"servico": ServicoPresencial.ATESP}, agencias=agencias,
                           pela_central=pela_central)
    pagina = None
    if filtro.is_valid():
        vagas = selectors.vagas_livres(request.user, **filtro.cleaned_data)
        pagina = Paginator(vagas, POR_PAGINA).get_page(request.GET.get("pagina"))
        selectors.com_horario_local(pagina)
    contexto = {"filtro": filtro, "pagina": pagina, "pela_central": pela_central}
    if request.htmx:
        return render(request, "atendimento/agenda/busca.html#resultados", contexto)
    return render(request, "atendimento/agenda/busca.html", contexto)


def _agendar(request, vaga: str, *, pela_central: bool):
    if numero_de_id(vaga) is None:
        raise Http404("Horário não encontrado.")
    vagas = Vaga.objects.filter(aps__in=selectors.agencias_para_agendar(request.user)).select_related(
        "aps__municipio")
    vaga = selectors.com_horario_local([get_object_or_404(vagas, pk=vaga)])[0]
    form = FormularioDeAgendamento(request.POST if request.method == "POST" else None, servico=vaga.servico,
                                   pela_agencia=not pela_central)
    if request.method == "POST" and form.is_valid():
        dados = form.cleaned_data
        try:
            agendamento = agendar(
                vaga=vaga, chave=dados["chave"], cidadao_cpf=dados["cidadao_cpf"],
                cidadao_nome=dados["cidadao_nome"], cidadao_nascimento=dados["cidadao_nascimento"],
                cidadao_email=dados["cidadao_email"], cidadao_telefone=dados["cidadao_telefone"],
                prioridade=dados["prioridade"], motivo=dados.get("motivo", ""), caso=dados.get("caso", ""),
                justificativa=dados.get("justificativa", ""), por=request.user,
                origem=OrigemDoAgendamento.CENTRAL_135 if pela_central else OrigemDoAgendamento.AGENCIA,
            )
        except ErroDeAgendamento as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, f"Agendado: {agendamento.cidadao_nome}, {vaga.inicio_local:%d/%m/%Y às %H:%M}"
                                      f" na {vaga.aps}.")
            return redirect("atendimento:agendamento", pk=agendamento.pk)
    return render(request, "atendimento/agenda/agendar.html", {"form": form, "vaga": vaga,
                                                                "pela_central": pela_central})


def _agendamento_do_usuario(request, pk: int):
    _quem_agenda(request)
    agendamento = get_object_or_404(selectors.agendamentos_visiveis_para(request.user), pk=pk)
    selectors.com_horario_local([agendamento.vaga])
    return agendamento


@login_required
def agendamento(request, pk: int):
    agendamento = _agendamento_do_usuario(request, pk)
    return render(request, "atendimento/agenda/agendamento.html", {
        "agendamento": agendamento, "cpf": formatar_cpf(agendamento.cidadao_cpf),
        "ativo": agendamento.status == StatusAgendamento.AGENDADO, "cancelamento": FormularioDeCancelamento(),
    })


@login_required
@require_POST
def agendamento_cancelar_pagina(request, pk: int):
    agendamento = _agendamento_do_usuario(request, pk)
    form = FormularioDeCancelamento(request.POST)
    motivo = form.cleaned_data["motivo"] if form.is_valid() else ""
    try:
        agendamento_cancelar(agendamento=agendamento, por=request.user, motivo=motivo)
    except ErroDeAgendamento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, "Agendamento cancelado; o horário voltou a ficar livre.")
    return redirect("atendimento:agendamento", pk=agendamento.pk)


@login_required
@require_http_methods(["GET", "POST"])
def agendamento_remarcar_pagina(request, pk: int):
    agendamento = _agendamento_do_usuario(request, pk)
    if agendamento.status != StatusAgendamento.AGENDADO:
        messages.error(request, "Este agendamento já não está ativo.")
        return redirect("atendimento:agendamento", pk=agendamento.pk)
    vagas = selectors.vagas_livres(request.user, servico=agendamento.servico, aps=agendamento.vaga.aps).exclude(
        pk=agendamento.vaga_id)
    form = FormularioDeRemarcacao(request.POST or None, vagas=vagas)
    if request.method == "POST" and form.is_valid():
        try:
            novo = agendamento_remarcar(agendamento=agendamento, vaga=form.cleaned_data["vaga"],
                                        chave=form.cleaned_data["chave"], por=request.user)
        except ErroDeAgendamento as erro:
            form.add_error(None, str(erro))
        else:
            messages.success(request, "Agendamento remarcado.")
            return redirect("atendimento:agendamento", pk=novo.pk)
    return render(request, "atendimento/agenda/remarcar.html", {"agendamento": agendamento, "form": form})


# --- a GEX e a SR acompanham o ATESP nas agências -------------------------------------------------------------


def _quem_acompanha_o_atesp(request) -> None:
    if not request.perfil.tem_papel_inss(PapelINSS.SUPERVISOR, PapelINSS.GESTOR_REGIONAL):
        raise Http404("Página dos supervisores (SERAT/SEAT) e dos gestores regionais.")


def _ativa_o_atesp(request) -> bool:
    return request.perfil.tem_papel_inss(PapelINSS.GESTOR_REGIONAL)


def _pagina_do_atesp(request, ativacao: FormularioDeAtivacaoDoAtesp | None):
    hoje = timezone.localdate()
    filtro = FiltroDoAtesp(request.GET)
    situacao = filtro.cleaned_data["situacao"] if filtro.is_valid() else ""
    ativacoes = selectors.ativacoes_do_atesp_para(request.user, situacao=situacao, hoje=hoje)
    pagina = Paginator(ativacoes, POR_PAGINA).get_page(request.GET.get("pagina"))
    for linha in pagina:
        linha.situacao = selectors.situacao_do_atesp(linha, hoje, vagas_ofertadas=linha.vagas_ofertadas)
    return render(request, "atendimento/agenda/atesp.html", {
        "pagina": pagina, "filtro": filtro, "ativacao": ativacao, "dias_uteis": PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS,
    })


@login_required
def atesp(request):
    _quem_acompanha_o_atesp(request)
    ativacao = None
    if _ativa_o_atesp(request):
        ativacao = FormularioDeAtivacaoDoAtesp(agencias=selectors.agencias_em_que_ativa_o_atesp(request.user))
    return _pagina_do_atesp(request, ativacao)


@login_required
@require_POST
def atesp_ativar(request):
    if not _ativa_o_atesp(request):
        raise Http404("Ativam o ATESP os gestores regionais.")
    form = FormularioDeAtivacaoDoAtesp(request.POST, agencias=selectors.agencias_em_que_ativa_o_atesp(request.user))
    if not form.is_valid():
        if form.has_error("agencias", "invalid_choice") or form.has_error("agencias", "invalid_pk_value"):
            # uma agência fora do escopo: como se não existisse
            raise Http404("Agência não encontrada.")
        return _pagina_do_atesp(request, form)
    escolhidas = form.cleaned_data["agencias"]
    novas = atesp_ativar_em(agencias=escolhidas, por=request.user)
    ja_ativas = escolhidas.count() - len(novas)
    texto = f"ATESP ativado em {len(novas)} agência(s): cada uma tem {PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS} dias úteis " \
            "para ofertar vagas."
    if ja_ativas:
        texto += f" {ja_ativas} já estava(m) com o ATESP ativo."
    messages.success(request, texto)
    return redirect("atendimento:atesp")
