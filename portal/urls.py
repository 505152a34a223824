from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from portal.contas import views as contas
from portal.operacao import views as operacao

# A administração usa a entrada do portal (CPF, senha e TOTP), não a própria.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Portal ACT — administração"
admin.site.site_title = "Portal ACT"

urlpatterns = [
    path("", contas.inicio, name="inicio"),
    path("entidade/escolher/", contas.escolher_entidade, name="escolher_entidade"),
    path("conta/seguranca/", contas.conta_seguranca, name="conta_seguranca"),
    path("conta/", include("allauth.urls")),
    path("saude/", operacao.saude, name="saude"),
    path("notificacoes/", include("portal.notificacoes.urls")),
    path("", include("portal.entidades.urls")),
    path("", include("portal.organizacao.urls")),
    path("", include("certificados.urls")),
    path("suporte/", include("suporte.urls")),
    path("", include("portal.acordos.urls")),
    path("painel/", include("portal.painel.urls")),
    path("", include("atendimento.urls")),
    path("admin/", admin.site.urls),
]
