"""A transição para o certificado A3 (Portaria 96/2024, art. 5º), sob /a3/, no espaço de nomes `certificados`
(incluído por certificados/urls.py): `certificados:a3` é a página das orientações."""

from django.urls import path

from certificados import views_migracao as views

urlpatterns = [
    path("a3/", views.inicio, name="a3"),
    path("a3/comunicados/", views.comunicados, name="a3_comunicados"),
    path("a3/comunicados/novo/", views.comunicado_novo, name="a3_comunicado_novo"),
    path("a3/comunicados/<int:pk>/", views.comunicado, name="a3_comunicado"),
    path("a3/comunicados/<int:pk>/enviar/", views.comunicado_enviar, name="a3_comunicado_enviar"),
    path("a3/webinarios/", views.webinarios, name="a3_webinarios"),
    path("a3/webinarios/nova/", views.webinario_novo, name="a3_webinario_novo"),
    path("a3/webinarios/<int:pk>/anunciar/", views.webinario_anunciar, name="a3_webinario_anunciar"),
    path("a3/monitoramento/", views.monitoramento, name="a3_monitoramento"),
    path("a3/monitoramento/pendentes/", views.pendentes, name="a3_pendentes"),
]
