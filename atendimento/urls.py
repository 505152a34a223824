from django.urls import include, path

from atendimento import views

app_name = "atendimento"

urlpatterns = [
    path("requerimentos/novo/", views.novo, name="novo"),
    path("requerimentos/<int:pk>/preencher/", views.preencher, name="preencher"),
    path("requerimentos/<int:pk>/preencher/<slug:etapa>/", views.etapa, name="etapa"),
    path("requerimentos/<int:pk>/formularios/<slug:tipo>.pdf", views.formulario, name="formulario"),
    path("requerimentos/<int:pk>/documentos/<int:documento>/remover/", views.remover_documento,
         name="remover_documento"),
    path("requerimentos/<int:pk>/protocolar/", views.protocolar, name="protocolar"),
    path("requerimentos/<int:pk>/descartar/", views.descartar, name="descartar"),
    path("requerimentos/<int:pk>/comprovante.pdf", views.comprovante, name="comprovante"),
    path("", include("atendimento.urls_acompanhamento")),
    path("", include("atendimento.urls_agenda")),
    path("supervisao/", include("atendimento.urls_supervisao")),
]
