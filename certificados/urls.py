from django.urls import path

from certificados import views

app_name = "certificados"

urlpatterns = [
    path("verificar/", views.verificar, name="verificar"),
    path("verificar/<str:codigo>/<str:crc>/documento.pdf", views.baixar_verificado, name="baixar_verificado"),
    path("documentos/", views.meus_documentos, name="meus_documentos"),
    path("documentos/<str:codigo>.pdf", views.baixar_meu, name="baixar_meu"),
]
