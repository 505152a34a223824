"""Renderização de PDF: dados entram, bytes saem. Nenhuma requisição aqui dentro."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML


def renderizar_pdf(template: str, contexto: dict) -> bytes:
    """Renderiza um template de `templates/pdf/` (que estende `pdf/base.html`) em PDF.

    O HTML é do próprio portal e o texto do usuário chega escapado pelo template; recursos externos não
    são buscados (base_url aponta para os estáticos locais)."""
    html = render_to_string(template, contexto)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=_somente_locais).write_pdf()


def _somente_locais(url: str, *args, **kwargs):
    """Só os estáticos do próprio portal (e data: URIs): nada da rede, nenhum outro arquivo do disco."""
    from weasyprint.urls import default_url_fetcher

    estaticos = (settings.BASE_DIR / "static").resolve().as_uri() + "/"
    if not (url.startswith("data:") or (url.startswith(estaticos) and ".." not in url)):
        raise ValueError(f"Recurso recusado no PDF: {url}")
    return default_url_fetcher(url, *args, **kwargs)
