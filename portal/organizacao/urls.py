from django.urls import path

from portal.organizacao import views

app_name = "organizacao"

urlpatterns = [
    path("agencias/", views.agencias, name="agencias"),
    path("municipios/", views.municipios, name="municipios"),
]
