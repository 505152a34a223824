from django.urls import path

from portal.entidades import views

app_name = "entidades"

urlpatterns = [
    path("entidade/", views.minha_entidade, name="minha_entidade"),
    path("entidade/representantes/", views.representantes, name="representantes"),
    path("entidade/representantes/novo/", views.representante_novo, name="representante_novo"),
    path("entidade/representantes/<int:pk>/editar/", views.representante_editar, name="representante_editar"),
    path("entidade/representantes/<int:pk>/prorrogar/", views.representante_prorrogar,
         name="representante_prorrogar"),
    path("entidade/representantes/<int:pk>/excluir/", views.representante_excluir, name="representante_excluir"),
    path("entidade/representantes/<int:pk>/senha/", views.representante_senha, name="representante_senha"),
    path("entidade/representantes/<int:pk>/escola-pep/", views.representante_escola_pep,
         name="representante_escola_pep"),
    path("entidade/representantes/<int:pk>/escola-pep.pdf", views.declaracao_escola_pep,
         name="declaracao_escola_pep"),
    path("entidade/declaracao/", views.emitir_declaracao, name="emitir_declaracao"),
    path("entidades/", views.da_regiao, name="da_regiao"),
    path("entidades/<str:cnpj>/", views.detalhe, name="detalhe"),
]
