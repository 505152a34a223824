from django import template

from portal.validadores import formatar_cnpj, formatar_cpf, ocultar_cpf

register = template.Library()


@register.filter
def cpf(valor: str) -> str:
    return formatar_cpf(valor or "")


@register.filter
def cpf_oculto(valor: str) -> str:
    return ocultar_cpf(valor or "")


@register.filter
def cnpj(valor: str) -> str:
    return formatar_cnpj(valor or "")


@register.simple_tag(takes_context=True)
def url_da_pagina(context, numero) -> str:
    """A query string atual com outra página: filtros preservados na paginação."""
    consulta = context["request"].GET.copy()
    consulta["pagina"] = numero
    return "?" + consulta.urlencode()
