import pytest

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_rascunho(pagina, entrar):
    entrar(pagina, "elisa")
    print(pagina.url, pagina.vigia.documentos_carregados, pagina.vigia.documentos_verificados)
    print(pagina.content()[:3000])
