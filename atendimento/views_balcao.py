"""O balcão da APS: a lista do dia (no fuso da agência) e as ações sobre cada agendamento — chegada, falta,
atendimento com o protocolo. O servidor da APS vê só a sua; o administrador escolhe a APS (`?aps=`). Fora
disso, 404; cada recusa do serviço volta com uma mensagem clara e, no atendimento, com o que foi digitado."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from atendimento import selectors_agenda as selectors
from atendimento.forms_agenda import FiltroDoBalcao, FormularioDeAtendimento
from atendimento.models_agenda import StatusAgendamento
from atendimento.services.agenda import ErroDeAgendamento
from atendimento.services.balcao import (
    agendamento_atender,
    agendamento_registrar_chegada,
    agendamento_registrar_falta,
)
from portal.validadores import formatar_cpf


def _agencias_do_balcao(request):
    agencias = selectors.agencias_que_publicam(request.user)
    if not request.user.is_superuser and not agencias.exists():
        raise Http404("Página dos servidores das APS.")
    return agencias


def _agendamento_do_balcao(request, pk: int):
    _agencias_do_balcao(request)
    agendamento = get_object_or_404(selectors.agendamentos_do_balcao(request.user), pk=pk)
    selectors.com_horario_local([agendamento.vaga])
    return agendamento


def _volta_ao_balcao(agendamento):
    dia = agendamento.vaga.inicio.astimezone(ZoneInfo(agendamento.vaga.aps.fuso_horario)).date()
    consulta = urlencode({"aps": agendamento.vaga.aps_id, "dia": f"{dia:%Y-%m-%d}"})
    return redirect(f"{reverse('atendimento:balcao')}?{consulta}")


@login_required
def balcao(request):
    agencias = _agencias_do_balcao(request)
    filtro = FiltroDoBalcao(request.GET or None, agencias=agencias)
    dados = filtro.cleaned_data if filtro.is_valid() else {}
    if request.GET.get("aps") and not dados.get("aps"):
        raise Http404("APS fora do seu alcance.")
    aps = dados.get("aps") or agencias.first()
    if aps is None:
        raise Http404("Nenhuma APS.")
    dia = dados.get("dia") or timezone.localtime(timezone.now(), ZoneInfo(aps.fuso_horario)).date()
    if not filtro.is_bound or not filtro.is_valid():
        filtro = FiltroDoBalcao(initial={"aps": aps, "dia": dia}, agencias=agencias)
    return render(request, "atendimento/agenda/balcao.html", {
        "filtro": filtro, "aps": aps, "dia": dia, "varias_aps": request.user.is_superuser,
        "agendamentos": selectors.agendamentos_do_dia(request.user, aps=aps, dia=dia),
        "status": StatusAgendamento,
    })


@login_required
@require_POST
def balcao_chegada(request, pk: int):
    agendamento = _agendamento_do_balcao(request, pk)
    try:
        agendamento_registrar_chegada(agendamento=agendamento, por=request.user)
    except ErroDeAgendamento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"Chegada registrada: {agendamento.cidadao_nome}.")
    return _volta_ao_balcao(agendamento)


@login_required
@require_POST
def balcao_falta(request, pk: int):
    agendamento = _agendamento_do_balcao(request, pk)
    try:
        agendamento_registrar_falta(agendamento=agendamento, por=request.user)
    except ErroDeAgendamento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"Falta registrada: {agendamento.cidadao_nome}.")
    return _volta_ao_balcao(agendamento)


@login_required
@require_http_methods(["GET", "POST"])
def balcao_atender(request, pk: int):
    agendamento = _agendamento_do_balcao(request, pk)
    if agendamento.status not in (StatusAgendamento.AGENDADO, StatusAgendamento.COMPARECEU):
        messages.error(request, "Este agendamento já não está à espera de atendimento.")
        return _volta_ao_balcao(agendamento)
    form = FormularioDeAtendimento(request.POST or None, initial={"motivo_identificado": agendamento.motivo})
    if request.method == "POST" and form.is_valid():
        try:
            agendamento = agendamento_atender(agendamento=agendamento, por=request.user, **form.cleaned_data)
        except ErroDeAgendamento as erro:
            form.add_error(None, str(erro))
        else:
            comprovante = agendamento.comprovante
            messages.success(request, f"Atendimento registrado, protocolo {agendamento.protocolo_atendimento}. "
                                      f"Comprovante: código {comprovante.codigo_verificador}, CRC {comprovante.crc}.")
            return _volta_ao_balcao(agendamento)
    return render(request, "atendimento/agenda/balcao_atender.html", {
        "agendamento": agendamento, "form": form, "cpf": formatar_cpf(agendamento.cidadao_cpf)})
