from django.urls import path

from atendimento import views_acompanhamento as views

urlpatterns = [
    # A entidade
    path("requerimentos/", views.requerimentos, name="requerimentos"),
    path("requerimentos/<int:pk>/", views.requerimento, name="requerimento"),
    path("requerimentos/<int:pk>/responder/", views.responder, name="responder"),
    path("requerimentos/<int:pk>/prorrogar/", views.prorrogar, name="prorrogar"),
    # A entidade e os analistas no escopo; cada abertura fica no registro.
    path("requerimentos/documentos/<int:pk>.pdf", views.documento, name="documento"),
    # O INSS
    path("analise/", views.fila, name="fila"),
    path("analise/<int:pk>/", views.analise, name="analise"),
    path("analise/<int:pk>/assumir/", views.assumir, name="assumir"),
    path("analise/<int:pk>/exigencia/", views.exigir, name="exigir"),
    path("analise/<int:pk>/concluir/", views.concluir, name="concluir"),
]
