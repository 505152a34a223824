from django.urls import path

from portal.painel import views

app_name = "painel"

urlpatterns = [
    path("", views.painel, name="painel"),
    path("listas/<slug:chave>/", views.lista, name="lista"),
    path("relatorios/", views.relatorio_pedir, name="relatorio_pedir"),
    path("relatorios/<int:pk>/", views.relatorio, name="relatorio"),
    path("relatorios/<int:pk>/baixar/", views.relatorio_baixar, name="relatorio_baixar"),
]
