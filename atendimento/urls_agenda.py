from django.urls import path

from atendimento import views_agenda as views
from atendimento import views_balcao

# No espaço de nomes `atendimento` (incluído de atendimento/urls.py).
urlpatterns = [
    path("agencia/agendas/", views.agendas, name="agendas"),
    path("agencia/agendas/nova/", views.agenda_nova, name="agenda_nova"),
    path("agencia/agendas/<int:pk>/", views.agenda, name="agenda"),
    path("agencia/atesp/", views.atesp, name="atesp"),
    path("agencia/atesp/ativar/", views.atesp_ativar, name="atesp_ativar"),
    path("agendamentos/novo/", views.agendamento_novo, name="agendamento_novo"),
    path("agendamentos/<int:pk>/", views.agendamento, name="agendamento"),
    path("agendamentos/<int:pk>/cancelar/", views.agendamento_cancelar_pagina, name="agendamento_cancelar"),
    path("agendamentos/<int:pk>/remarcar/", views.agendamento_remarcar_pagina, name="agendamento_remarcar"),
    path("agencia/balcao/", views_balcao.balcao, name="balcao"),
    path("agencia/balcao/<int:pk>/chegada/", views_balcao.balcao_chegada, name="balcao_chegada"),
    path("agencia/balcao/<int:pk>/falta/", views_balcao.balcao_falta, name="balcao_falta"),
    path("agencia/balcao/<int:pk>/atender/", views_balcao.balcao_atender, name="balcao_atender"),
]
