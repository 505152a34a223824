"""O Chromium de verdade contra o servidor de teste (`live_server`), com um vigia em cada contexto
(vigia.py): erros de JavaScript, violações da CSP, requisições a outra origem, cabeçalhos de segurança e
o axe-core em todo documento carregado. O que o vigia encontra reprova o teste na desmontagem.
"""

import os
from contextlib import contextmanager

import pytest
from django.core.cache import cache

from portal.demo import semear_demo
from tests.navegador.vigia import Vigia, fonte_do_axe

# O sync API do Playwright deixa um laço de eventos "rodando" no thread principal; o ORM do Django recusa
# consultas feitas ali sem DJANGO_ALLOW_ASYNC_UNSAFE. O teste não é assíncrono: só convive com o laço.
# A variável vale só durante os testes desta pasta: herdada por um subprocesso de outro teste, faria o
# `check --deploy` acusar async.E001.
ORM_AO_LADO_DO_LACO = "DJANGO_ALLOW_ASYNC_UNSAFE"

CHROMIUM = "/usr/bin/chromium"
ARGUMENTOS_DO_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Os testes de navegador por último (depois até de um embaralhamento): o flush de cada teste
    transacional apaga também o que as migrações carregaram, e um teste comum que viesse depois
    encontraria o banco sem municípios nem catálogo do suporte."""
    items[:] = [item for item in items if not item.get_closest_marker("navegador")] + [
        item for item in items if item.get_closest_marker("navegador")
    ]


@pytest.fixture(scope="session")
def _banco_devolvido_ao_fim(django_db_setup, django_db_blocker):
    """Fotografa o banco de teste antes do primeiro teste de navegador e o devolve no fim da sessão.

    Com --reuse-db, um banco PostgreSQL esvaziado pelos flushes seguiria vazio para a próxima execução
    (sem os municípios e o catálogo que as migrações carregam). O SQLite de teste é em memória e morre com
    a sessão: nada a fazer.
    """
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connections

    with django_db_blocker.unblock():
        fotos = {
            alias: connections[alias].creation.serialize_db_to_string()
            for alias in connections
            if not (connections[alias].vendor == "sqlite" and connections[alias].is_in_memory_db())
        }
    yield
    with django_db_blocker.unblock():
        for alias, foto in fotos.items():
            conexao = connections[alias]
            call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
            conexao.creation.deserialize_db_from_string(foto)
            with conexao.cursor() as cursor:  # as chaves gravadas de volta não avançaram as sequências
                for sql in conexao.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(sql)


@pytest.fixture(scope="session")
def navegador():
    """Um Chromium para a sessão inteira; cada teste abre os seus contextos."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"O Chromium do Debian não está em {CHROMIUM}: os testes de navegador precisam dele.")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTOS_DO_CHROMIUM, headless=True)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def axe():
    return fonte_do_axe()


@contextmanager
def _orm_liberado():
    anterior = os.environ.get(ORM_AO_LADO_DO_LACO)
    os.environ[ORM_AO_LADO_DO_LACO] = "true"
    try:
        yield
    finally:
        if anterior is None:
            del os.environ[ORM_AO_LADO_DO_LACO]
        else:
            os.environ[ORM_AO_LADO_DO_LACO] = anterior


@pytest.fixture(scope="session", autouse=True)
def _orm_ao_lado_do_laco_do_playwright():
    """Da primeira à última coisa dos testes desta pasta (que rodam por último), inclusive o flush."""
    with _orm_liberado():
        yield


@pytest.fixture(autouse=True)
def _cache_limpo():
    """O limite de tentativas de entrada e os códigos TOTP já usados moram no cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(_banco_devolvido_ao_fim, live_server):
    """O servidor de teste com os dados de demonstração: o flush do banco transacional apaga tudo, até os
    municípios que a migração carrega, e `semear_demo` os recarrega."""
    semear_demo()
    return live_server


@pytest.fixture
def vigias():
    return []


@pytest.fixture
def abrir_pagina(navegador, portal, axe, vigias):
    """Abre um contexto novo (sessão nova, anônima), vigiado, e devolve a sua página."""
    contextos = []

    def abrir(**opcoes):
        opcoes.setdefault("locale", "pt-BR")
        opcoes.setdefault("base_url", portal.url)
        contexto = navegador.new_context(**opcoes)
        contexto.set_default_timeout(10_000)
        contextos.append(contexto)
        vigia = Vigia(contexto, opcoes["base_url"], axe, javascript=opcoes.get("java_script_enabled", True))
        vigias.append(vigia)
        pagina = contexto.new_page()
        vigia.vigiar(pagina)
        return pagina

    yield abrir

    problemas = []
    try:
        for vigia in vigias:
            problemas.extend(vigia.concluir(navegador))
    finally:
        for contexto in contextos:
            contexto.close()
    if problemas:
        pytest.fail("\n".join(problemas), pytrace=False)


@pytest.fixture
def pagina(abrir_pagina):
    return abrir_pagina()
