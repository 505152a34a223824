from django.urls import path

from portal.entidades import views

app_name = "entidades"

urlpatterns = [
    path("entidade/", views.minha_entidade, name="minha_entidade"),
    path("entidade/representantes/", views.representantes, name="representantes"),
    path("entidade/declaracao/", views.emitir_declaracao, name="emitir_declaracao"),
    path("entidades/", views.da_regiao, name="da_regiao"),
    path("entidades/<str:cnpj>/", views.detalhe, name="detalhe"),
]
