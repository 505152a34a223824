from django.urls import path

from suporte import views

app_name = "suporte"

urlpatterns = [
    path("", views.meus_chamados, name="meus_chamados"),
    path("novo/", views.novo, name="novo"),
    path("fila/", views.fila, name="fila"),
    path("medidas/", views.medidas, name="medidas"),
    path("chamados/<str:codigo>/", views.chamado, name="chamado"),
    path("chamados/<str:codigo>/responder/", views.acompanhar, name="acompanhar"),
    path("chamados/<str:codigo>/atribuir/", views.atribuir, name="atribuir"),
    path("chamados/<str:codigo>/pendente/", views.pendenciar, name="pendenciar"),
    path("chamados/<str:codigo>/solucionar/", views.solucionar, name="solucionar"),
    path("chamados/<str:codigo>/aprovar/", views.aprovar, name="aprovar"),
    path("chamados/<str:codigo>/recusar/", views.recusar, name="recusar"),
    path("chamados/<str:codigo>/indisponibilidade/", views.indisponibilidade, name="indisponibilidade"),
    path("chamados/<str:codigo>/indisponibilidades/<int:pk>.pdf", views.certificado, name="certificado"),
    path("anexos/<int:pk>/", views.anexo, name="anexo"),
]
