from django.urls import path

from atendimento import views_supervisao as views

# No espaço de nomes `atendimento` (incluído de atendimento/urls.py).
urlpatterns = [
    path("", views.lista, name="supervisao"),
    path("relatorio/", views.relatorio, name="supervisao_relatorio"),
    path("aps/<int:aps>/designar/", views.designar, name="supervisao_designar"),
    path("aps/<int:aps>/criar/", views.criar, name="supervisao_criar"),
    path("<int:pk>/", views.detalhe, name="supervisao_detalhe"),
    path("imagens/<int:pk>/", views.imagem, name="supervisao_imagem"),
    path("imagens/<int:pk>/remover/", views.remover_imagem, name="supervisao_remover_imagem"),
]
