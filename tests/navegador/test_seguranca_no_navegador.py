"""Segurança da entrada e da sessão no navegador, além do que tests/navegador/test_entrada.py já prova (cinco
senhas erradas bloqueiam o CPF de um representante; o TOTP dos servidores; o código errado recusado): um código
TOTP não serve duas vezes; o bloqueio vale para o CPF de um servidor; os pedidos de nova senha são limitados;
a sessão acaba no servidor ao sair e depois de SESSION_COOKIE_AGE; e o htmx manda o token CSRF da página."""

import re
import time
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from portal.contas.models import Usuario
from portal.demo import SEGREDO_TOTP_DEMO, SENHA_DEMO
from portal.notificacoes.models import Notificacao
from tests.navegador.apoio import PERSONAS, entrar, enviar_codigo_totp, enviar_cpf_e_senha

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

MUITAS_TENTATIVAS = "Muitas tentativas sem sucesso para este CPF"
OITO_HORAS = timedelta(hours=8)  # SESSION_COOKIE_AGE: um turno de trabalho


def esta_na_pagina_de_entrada(pagina) -> None:
    expect(pagina).to_have_url(re.compile(r"/conta/login/"))
    expect(pagina.get_by_role("heading", name="Entrar no Portal ACT")).to_be_visible()
    expect(pagina.get_by_test_id("identificacao")).to_have_count(0)


def codigo_com_folga(segundos: float = 10) -> str:
    """O código da janela atual, com ao menos `segundos` antes da virada: dá tempo de usá-lo duas vezes e de ver
    que a segunda recusa não é por ele ter vencido."""
    totp = pyotp.TOTP(SEGREDO_TOTP_DEMO)
    restante = totp.interval - time.time() % totp.interval
    if restante < segundos:
        time.sleep(restante + 0.2)
    return totp.now()


def test_um_codigo_totp_ja_usado_nao_abre_uma_segunda_sessao(abrir_pagina):
    codigo = codigo_com_folga()
    primeira = abrir_pagina()
    enviar_cpf_e_senha(primeira, PERSONAS["elisa"].cpf, SENHA_DEMO)
    enviar_codigo_totp(primeira, codigo)
    expect(primeira.get_by_role("heading", level=1)).to_have_text("Olá, Elisa")

    # Quem viu o código (por cima do ombro, num registro de teclas) e tem a senha tenta entrar com ele.
    segunda = abrir_pagina()
    enviar_cpf_e_senha(segunda, PERSONAS["elisa"].cpf, SENHA_DEMO)
    enviar_codigo_totp(segunda, codigo)

    expect(segunda).to_have_url(re.compile(r"/conta/2fa/authenticate/$"))
    expect(segunda.get_by_role("alert")).to_be_visible()
    expect(segunda.get_by_test_id("identificacao")).to_have_count(0)
    assert pyotp.TOTP(SEGREDO_TOTP_DEMO).now() == codigo  # recusado por repetido, não por vencido
    segunda.goto("/entidades/")
    expect(segunda).not_to_have_url(re.compile(r"/entidades/$"))


def test_cinco_senhas_erradas_bloqueiam_tambem_o_cpf_de_um_servidor_antes_do_totp(pagina):
    for _ in range(5):
        enviar_cpf_e_senha(pagina, PERSONAS["elisa"].cpf, "senha-errada-123")
        expect(pagina.get_by_role("alert")).to_contain_text("CPF ou senha incorretos")

    enviar_cpf_e_senha(pagina, PERSONAS["elisa"].cpf, SENHA_DEMO)

    esta_na_pagina_de_entrada(pagina)
    expect(pagina.get_by_role("alert")).to_contain_text(MUITAS_TENTATIVAS)
    pagina.goto("/conta/2fa/authenticate/")  # nem a etapa do TOTP ficou aberta
    esta_na_pagina_de_entrada(pagina)


def test_os_pedidos_de_nova_senha_para_o_mesmo_email_sao_limitados_com_aviso_em_portugues(pagina):
    email = Usuario.objects.get(cpf=re.sub(r"\D", "", PERSONAS["ana"].cpf)).email
    for _ in range(5):
        pagina.goto("/conta/password/reset/")
        pagina.get_by_label("Email").fill(email)
        pagina.get_by_role("button", name="Redefinir minha senha").click()
        expect(pagina).to_have_url(re.compile(r"/conta/password/reset/done/$"))
    assert len(mail.outbox) == 5

    pagina.goto("/conta/password/reset/")
    pagina.get_by_label("Email").fill(email)
    with pagina.expect_response(lambda r: r.request.method == "POST") as envio:
        pagina.get_by_role("button", name="Redefinir minha senha").click()

    assert envio.value.status == 429
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Muitas tentativas")
    expect(pagina.get_by_text("Aguarde alguns minutos")).to_be_visible()
    assert len(mail.outbox) == 5  # o sexto pedido não mandou e-mail


def _cookie_da_sessao(pagina) -> dict:
    return next(c for c in pagina.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)


def test_sair_apaga_a_sessao_no_servidor_e_o_cookie_antigo_reapresentado_volta_a_entrada(abrir_pagina):
    pagina = abrir_pagina()
    entrar(pagina, "ana")
    antigo = _cookie_da_sessao(pagina)
    assert Session.objects.filter(session_key=antigo["value"]).exists()

    pagina.get_by_role("button", name="Sair").click()
    esta_na_pagina_de_entrada(pagina)
    assert not Session.objects.filter(session_key=antigo["value"]).exists()

    # Quem copiou o cookie antes da saída (outro navegador) não entra com ele.
    copia = abrir_pagina()
    copia.context.add_cookies([antigo])
    copia.goto("/entidade/")
    esta_na_pagina_de_entrada(copia)


def test_a_sessao_acaba_no_servidor_depois_de_oito_horas_mesmo_com_o_navegador_aberto(pagina):
    entrar(pagina, "ana")
    pagina.goto("/entidade/")
    expect(pagina.get_by_test_id("identificacao")).to_contain_text("Ana Souza")

    with time_machine.travel(timezone.now() + OITO_HORAS - timedelta(minutes=1)):
        pagina.goto("/entidade/")  # ainda dentro das 8 horas
        expect(pagina.get_by_test_id("identificacao")).to_contain_text("Ana Souza")
    with time_machine.travel(timezone.now() + OITO_HORAS + timedelta(minutes=1)):
        pagina.goto("/entidade/")
        esta_na_pagina_de_entrada(pagina)


def test_o_htmx_manda_o_token_csrf_da_pagina_em_todo_post(pagina):
    """Um POST do htmx sem formulário nenhum (logo, sem o campo do token) passa pela conferência do CSRF: o
    <body> leva o token em `hx-headers`, e o htmx o manda no cabeçalho X-CSRFToken."""
    entrar(pagina, "ana")
    ana = Usuario.objects.get(cpf=re.sub(r"\D", "", PERSONAS["ana"].cpf))
    Notificacao.objects.create(destinatario=ana, titulo="Aviso", corpo="Corpo do aviso.", url="/")
    pagina.goto("/notificacoes/")
    pagina.wait_for_load_state()

    with pagina.expect_response(lambda r: r.request.method == "POST") as envio:
        pagina.evaluate("() => htmx.ajax('POST', '/notificacoes/lidas/', {source: document.body, swap: 'none'})")

    assert len(envio.value.request.headers.get("x-csrftoken", "")) >= 32
    assert envio.value.status in (200, 302), envio.value.status
    assert not Notificacao.objects.filter(destinatario=ana, lida_em__isnull=True).exists()
    # A conferência é de verdade: com os mesmos cookies e um token trocado, o POST é recusado.
    recusado = pagina.request.post("/notificacoes/lidas/", headers={"X-CSRFToken": "x" * 64}, max_redirects=0)
    assert recusado.status == 403 and "O formulário expirou" in recusado.text()
