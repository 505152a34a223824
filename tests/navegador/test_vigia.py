"""O vigia (vigia.py) pega o que promete pegar: sem isto, uma suíte verde poderia só estar cega."""

import pytest

from tests.navegador.vigia import Vigia

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

PAGINA_RUIM = """<!doctype html>
<html><head><title>Ruim</title><script src="https://cdn.exemplo.com/biblioteca.js"></script></head>
<body><main><h1>Ruim</h1><img src="/static/img/favicon.svg"><script>throw new Error("quebrou");</script>
<a href="/outra/">seguir</a></main></body></html>"""


@pytest.fixture
def vigia_de_teste(navegador, portal, axe):
    """Um contexto vigiado fora do fixture `pagina`: os problemas voltam para o teste, não o reprovam."""
    abertos = []

    def abrir(**opcoes):
        contexto = navegador.new_context(base_url=portal.url, **opcoes)
        contexto.set_default_timeout(10_000)
        vigia = Vigia(contexto, portal.url, axe, javascript=opcoes.get("java_script_enabled", True))
        pagina = contexto.new_page()
        vigia.vigiar(pagina)
        # Uma página "do portal" que não passa pelo Django: sem CSP, com tudo o que não pode.
        pagina.route("**/ruim/", lambda rota: rota.fulfill(status=200, content_type="text/html", body=PAGINA_RUIM))
        abertos.append(contexto)
        return vigia, pagina

    yield abrir
    for contexto in abertos:
        contexto.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["com-javascript", "sem-javascript"])
def test_o_vigia_acusa_pagina_inacessivel_recurso_externo_e_cabecalhos_ausentes(navegador, vigia_de_teste, javascript):
    vigia, pagina = vigia_de_teste(java_script_enabled=javascript)
    pagina.goto("/ruim/")

    relatorio = "\n".join(vigia.concluir(navegador))

    assert "image-alt" in relatorio  # axe: imagem sem texto alternativo (critical)
    assert "html-has-lang" in relatorio  # axe: página sem idioma (serious)
    assert "https://cdn.exemplo.com/biblioteca.js" in relatorio  # bloqueada e registrada
    assert "falta content-security-policy" in relatorio
    assert ("erros de JavaScript:" in relatorio) is javascript  # sem JavaScript o script nem roda


def test_o_vigia_examina_cada_documento_mesmo_quando_o_teste_sai_antes_do_load(navegador, vigia_de_teste):
    vigia, pagina = vigia_de_teste()

    pagina.goto("/conta/login/", wait_until="commit")
    pagina.goto("/verificar/", wait_until="commit")
    pagina.get_by_role("link", name="Verificar a autenticidade de um documento").click()
    pagina.goto("/conta/login/")

    assert vigia.concluir(navegador) == []
    assert vigia.exames_feitos == 4
    assert sorted(vigia.respostas_de_documento) == sorted(
        [f"{vigia.origem}/conta/login/"] * 2 + [f"{vigia.origem}/verificar/"] * 2
    )
