from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from portal.operacao.selectors import estado_do_banco, estado_do_broker, idade_dos_batimentos


@never_cache
def saude(request):
    """200 quando banco e fila respondem; 503 quando um deles não responde. O atraso do beat é informado
    (e marca o estado como "degradado"), mas não tira o servidor web do balanceador."""
    banco = estado_do_banco()
    broker = estado_do_broker()
    batimentos = idade_dos_batimentos() if banco["ok"] else {"beat": None, "worker": None}
    limite = settings.BEAT_ATRASO_MAXIMO.total_seconds()
    beat_em_dia = batimentos["beat"] is not None and batimentos["beat"] <= limite
    if not (banco["ok"] and broker["ok"]):
        status = "fora"
    elif not beat_em_dia:
        status = "degradado"
    else:
        status = "ok"
    corpo = {
        "status": status,
        "banco": banco,
        "broker": broker,
        "beat": {"segundos_desde_o_ultimo": batimentos["beat"], "em_dia": beat_em_dia, "limite_segundos": limite},
        "worker": {"segundos_desde_o_ultimo": batimentos["worker"]},
    }
    return JsonResponse(corpo, status=503 if status == "fora" else 200, json_dumps_params={"ensure_ascii": False})


def falha_csrf(request, reason=""):
    return render(request, "403_csrf.html", status=403)
