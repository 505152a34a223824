from django.urls import path

from portal.notificacoes import views

app_name = "notificacoes"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("lidas/", views.marcar_lidas, name="marcar_lidas"),
    path("contador/", views.contador, name="contador"),
]
