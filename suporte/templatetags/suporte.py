from django import template
from django.utils.html import format_html

register = template.Library()

_CORES = {"novo": "info", "processando": "warning", "pendente": "warning", "solucionado": "success",
          "fechado": "secondary"}


@register.simple_tag
def status_do_chamado(chamado):
    return format_html('<span class="br-tag small {}" data-testid="status">{}</span>',
                       _CORES.get(chamado.status, "info"), chamado.get_status_display())


@register.filter
def horas(valor):
    """Horas decimais como "3 h 20 min" (ou "—")."""
    if valor is None:
        return "—"
    minutos = round(valor * 60)
    dias, resto = divmod(minutos, 24 * 60)
    h, m = divmod(resto, 60)
    return f"{dias} d {h} h" if dias else f"{h} h {m:02d} min"
