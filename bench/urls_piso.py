"""A URLconf do benchmark: a do portal inteira, mais o piso — a página mais simples que esta pilha serve.

O piso lê 25 linhas da tabela de chamados numa consulta e as desenha com um template, sem login, sem layout e
sem processadores de contexto; passa pelo mesmo gunicorn, pelos mesmos middlewares e pelas mesmas configurações
das páginas medidas. Cada página do relatório é comparada com ele (p50 da página / p50 do piso)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from suporte.models import Chamado

LINHAS = 25

_TABELA = """<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Piso</title></head>
<body><table>
<thead><tr><th>Código</th><th>Título</th><th>Status</th><th>Aberto em</th></tr></thead>
<tbody>{% for chamado in chamados %}
<tr><td>{{ chamado.codigo }}</td><td>{{ chamado.titulo }}</td><td>{{ chamado.get_status_display }}</td>
<td>{{ chamado.aberto_em|date:"d/m/Y H:i" }}</td></tr>{% endfor %}
</tbody></table></body></html>
"""
# Compilado uma vez, como o carregador de templates em cache faz com os templates das páginas em produção.
_TEMPLATE = engines["django"].from_string(_TABELA)


def piso(request):
    chamados = Chamado.objects.only("codigo", "titulo", "status", "aberto_em").order_by("-pk")[:LINHAS]
    return HttpResponse(_TEMPLATE.render({"chamados": chamados}))


urlpatterns = [
    path("bench/piso/", piso, name="bench_piso"),
    path("", include("portal.urls")),
]
