from django.urls import include, path

from certificados import views, views_cadastro, views_entrada

app_name = "certificados"

urlpatterns = [
    path("verificar/", views.verificar, name="verificar"),
    path("verificar/<str:codigo>/<str:crc>/documento.pdf", views.baixar_verificado, name="baixar_verificado"),
    path("documentos/", views.meus_documentos, name="meus_documentos"),
    path("documentos/<str:codigo>.pdf", views.baixar_meu, name="baixar_meu"),
    path("certificado/", views_cadastro.meu_certificado, name="meu_certificado"),
    path("certificado/<int:pk>/remover/", views_cadastro.remover_certificado, name="remover_certificado"),
    path("certificado/entrar/", views_entrada.entrar_com_certificado, name="entrar_com_certificado"),
    path("", include("certificados.urls_migracao")),
]
