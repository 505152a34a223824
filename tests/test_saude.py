import pytest
from django.db import connection
from django.test import Client

from portal.operacao.agendador import AgendadorComBatimento
from portal.operacao.models import Batimento


@pytest.mark.django_db
def test_saude_responde_200_com_banco_e_fila_no_ar():
    from portal.operacao.services import batimento_registrar

    batimento_registrar(processo="beat")
    resposta = Client().get("/saude/")
    corpo = resposta.json()
    assert resposta.status_code == 200
    assert corpo["status"] == "ok"
    assert corpo["banco"]["ok"] and corpo["broker"]["ok"]
    assert corpo["beat"]["em_dia"] and corpo["beat"]["segundos_desde_o_ultimo"] <= 1


@pytest.mark.django_db
def test_beat_parado_deixa_a_saude_degradada_mas_no_ar():
    resposta = Client().get("/saude/")
    assert resposta.status_code == 200
    assert resposta.json()["status"] == "degradado"
    assert resposta.json()["beat"]["segundos_desde_o_ultimo"] is None


@pytest.mark.django_db(transaction=True)
def test_saude_responde_503_quando_o_banco_nao_responde():
    if connection.vendor != "postgresql":
        pytest.skip("fechar o SQLite em memória dos testes o apagaria; o CI roda este teste no PostgreSQL")
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": "1"})
    try:
        resposta = Client().get("/saude/")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert resposta.status_code == 503
    assert resposta.json()["status"] == "fora"
    assert resposta.json()["banco"]["ok"] is False


@pytest.mark.django_db
def test_saude_responde_503_quando_o_redis_nao_responde(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    resposta = Client().get("/saude/")
    assert resposta.status_code == 503
    assert resposta.json()["broker"] == {"ok": False, "tipo": "redis", "erro": "ConnectionError"}


@pytest.mark.django_db(transaction=True)
def test_o_agendador_do_beat_anota_o_proprio_batimento(tmp_path):
    from portal.celery import app

    agendador = AgendadorComBatimento(app=app, schedule_filename=str(tmp_path / "agenda"), lazy=True)
    agendador.setup_schedule()
    try:
        agendador.tick()
    finally:
        agendador.close()
    assert Batimento.objects.filter(processo="beat").exists()


def test_a_agenda_do_beat_esta_declarada_no_codigo_e_as_tarefas_existem(settings):
    from portal.celery import app

    app.loader.import_default_modules()
    for entrada in settings.CELERY_BEAT_SCHEDULE.values():
        assert entrada["task"] in app.tasks, entrada["task"]
    assert settings.CELERY_BEAT_SCHEDULER.endswith("AgendadorComBatimento")
