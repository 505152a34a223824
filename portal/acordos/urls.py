from django.urls import path

from portal.acordos import views

app_name = "acordos"

urlpatterns = [
    path("aderir/", views.aderir, name="aderir"),
    path("adesao/", views.adesao_da_entidade, name="adesao"),
    path("acordo/", views.acordo_da_entidade, name="acordo"),
    path("acordos/solicitacoes/", views.solicitacoes, name="solicitacoes"),
    path("acordos/cessoes/", views.cessoes, name="cessoes"),
    path("acordos/cessoes/<int:pk>/renovar/", views.renovar_cessao, name="renovar_cessao"),
    path("acordos/solicitacoes/<int:pk>/", views.solicitacao, name="solicitacao"),
    path("adesao/pedidos/<int:pk>/responder/", views.responder_pedido, name="responder_pedido"),
    path("adesoes/", views.adesoes, name="adesoes"),
    path("adesoes/<int:pk>/", views.adesao, name="adesao_regional"),
    path("adesoes/<int:pk>/pedir/", views.pedir_documentos, name="pedir_documentos"),
    path("adesoes/<int:pk>/checklist/", views.marcar_checklist, name="marcar_checklist"),
    path("adesoes/<int:pk>/aprovar/", views.aprovar, name="aprovar"),
    path("adesoes/<int:pk>/recusar/", views.recusar, name="recusar"),
    path("adesoes/documentos/<int:pk>.pdf", views.documento, name="documento"),
]
