"""Entrar e sair do portal, no navegador: CPF e senha, TOTP dos servidores, escolha de entidade, menu por papel."""

import re
from contextlib import contextmanager

import pytest
from django.contrib.auth.signals import user_logged_in, user_login_failed
from playwright.sync_api import expect

from portal.contas.menu import ITENS
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.demo import SENHA_DEMO
from portal.organizacao.models import SuperintendenciaRegional
from tests.navegador.apoio import PERSONAS, codigo_totp, entrar, enviar_codigo_totp, enviar_cpf_e_senha

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

# O menu de cada persona, pelas regras de portal/contas/menu.py: além do que todos veem (Início,
# Notificações, Documentos emitidos, Certificado A3, Segurança da conta), o que o papel acrescenta.
PARA_TODOS = {"Início", "Notificações", "Documentos emitidos", "Certificado A3", "Segurança da conta"}
GESTOR_DE_ENTIDADE = {"Minha entidade", "Requerimentos", "Representantes", "Acordo", "Adesão ao ACT", "Suporte INSS",
                      "Meu certificado A3"}
TECNICO_DE_SUPORTE = {"Fila do suporte", "Medidas do suporte", "Entidades da região"}
REGIONAL = {"Painel regional", "Monitoramento do A3", "Solicitações dos acordos", "Cessões de imóvel",
            "Adesões"}  # gestora regional
MENU_ESPERADO = {
    "ana": PARA_TODOS | GESTOR_DE_ENTIDADE,  # gestora e cadastradora
    "bruno": PARA_TODOS | {"Minha entidade", "Requerimentos", "Meu certificado A3"},  # atendente, escolhida a entidade
    "carla": PARA_TODOS | GESTOR_DE_ENTIDADE,
    "diego": PARA_TODOS | GESTOR_DE_ENTIDADE,
    "elisa": PARA_TODOS | TECNICO_DE_SUPORTE,
    "fabio": PARA_TODOS | TECNICO_DE_SUPORTE,
    "gabriela": PARA_TODOS | {"Análise de requerimentos", "Entidades da região"},  # analista
    "heitor": PARA_TODOS | {"Supervisão das APS", "Agendas da agência", "Balcão da agência", "Agendar atendimento",
                           "Agências"},
    "iara": PARA_TODOS | {"Agendar atendimento"},  # Central 135: nem entidades nem agências
    "joao": PARA_TODOS | {"Supervisão das APS", "ATESP nas agências", "Entidades da região", "Agências"},  # supervisor
    "karina": PARA_TODOS | REGIONAL | {"Medidas do suporte", "ATESP nas agências", "Entidades da região", "Agências"},
    # todo papel do INSS
    "admin": PARA_TODOS | TECNICO_DE_SUPORTE | REGIONAL | {"Análise de requerimentos", "Supervisão das APS", "Agências",
                                                           "Agendas da agência", "Balcão da agência",
                                                           "Agendar atendimento", "ATESP nas agências",
                                                           "Administração"},
}
# Todos os itens que o menu conhece, na ordem em que aparecem: cada um ausente também é conferido.
ITENS_DO_MENU = [item.rotulo for item in ITENS]


def itens_do_menu(pagina) -> list[str]:
    return [texto.strip() for texto in pagina.locator("#menu-principal a").all_inner_texts()]


def escolher_entidade(pagina, razao_social: str) -> None:
    # O rádio do gov.br é desenhado pelo rótulo, que fica por cima do <input>: clica-se no rótulo.
    pagina.locator("label", has_text=razao_social).click()
    expect(pagina.get_by_label(razao_social)).to_be_checked()


def esta_na_pagina_de_entrada(pagina) -> None:
    expect(pagina).to_have_url(re.compile(r"/conta/login/"))
    expect(pagina.get_by_role("heading", name="Entrar no Portal ACT")).to_be_visible()
    expect(pagina.get_by_test_id("identificacao")).to_have_count(0)


@pytest.mark.parametrize("apelido", list(MENU_ESPERADO))
def test_cada_persona_entra_e_ve_o_seu_nome_e_so_o_menu_do_seu_papel(portal, pagina, apelido):
    entrar(pagina, apelido)
    if apelido == "bruno":  # representa duas entidades: escolhe uma antes de tudo
        pagina.get_by_role("button", name="Agir por esta entidade").click()

    expect(pagina).to_have_url(portal.url + "/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"Olá, {PERSONAS[apelido].nome.split()[0]}")
    expect(pagina.get_by_test_id("identificacao")).to_contain_text(PERSONAS[apelido].nome)
    menu = pagina.locator("#menu-principal")
    esperado = MENU_ESPERADO[apelido]
    for item in ITENS_DO_MENU:
        expect(menu.get_by_role("link", name=item, exact=True)).to_have_count(1 if item in esperado else 0)
    assert itens_do_menu(pagina) == [item for item in ITENS_DO_MENU if item in esperado]


def test_quem_representa_duas_entidades_escolhe_e_troca_a_entidade_e_a_escolha_fica(pagina):
    entrar(pagina, "bruno")

    expect(pagina.get_by_role("heading", name="Por qual entidade você vai agir?")).to_be_visible()
    expect(pagina.locator("#menu-principal")).to_have_count(0)  # nada a fazer antes de escolher
    escolher_entidade(pagina, "Sindicato dos Trabalhadores Rurais de Campinas")
    pagina.get_by_role("button", name="Agir por esta entidade").click()
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text("Sindicato dos Trabalhadores Rurais de Campinas")

    pagina.get_by_role("link", name="Trocar entidade").click()
    expect(pagina.get_by_label("Sindicato dos Trabalhadores Rurais de Campinas")).to_be_checked()
    escolher_entidade(pagina, "Prefeitura Municipal de Campinas")
    pagina.get_by_role("button", name="Agir por esta entidade").click()
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text("Prefeitura Municipal de Campinas")

    pagina.locator("#menu-principal").get_by_role("link", name="Minha entidade").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Prefeitura Municipal de Campinas")
    pagina.locator("#menu-principal").get_by_role("link", name="Documentos emitidos").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Documentos emitidos")
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text("Prefeitura Municipal de Campinas")


def test_sair_encerra_a_sessao_e_uma_pagina_protegida_volta_a_pedir_a_entrada(pagina):
    entrar(pagina, "ana")
    expect(pagina.get_by_test_id("identificacao")).to_contain_text("Ana Souza")
    # O cookie de produção (__Host-, Secure) funciona em http://localhost, que o Chromium trata como seguro.
    sessao = next(c for c in pagina.context.cookies() if c["name"] == "__Host-sessionid")
    assert sessao["secure"] and sessao["httpOnly"]

    pagina.get_by_role("button", name="Sair").click()
    esta_na_pagina_de_entrada(pagina)

    pagina.goto("/entidade/")
    esta_na_pagina_de_entrada(pagina)
    assert "next=/entidade/" in pagina.url


@contextmanager
def autenticacoes_tentadas():
    """As tentativas de autenticação (falhas e entradas) que o Django registrar durante o bloco. O servidor
    de teste roda noutro thread deste processo: os sinais chegam aqui."""
    tentativas = []

    def registrar(sender, **kwargs):
        tentativas.append(kwargs)

    user_login_failed.connect(registrar, dispatch_uid="navegador-falha")
    user_logged_in.connect(registrar, dispatch_uid="navegador-entrada")
    try:
        yield tentativas
    finally:
        user_login_failed.disconnect(dispatch_uid="navegador-falha")
        user_logged_in.disconnect(dispatch_uid="navegador-entrada")


def test_senha_errada_explica_o_erro_e_mantem_o_cpf_no_campo(pagina):
    with autenticacoes_tentadas() as tentativas:
        enviar_cpf_e_senha(pagina, "111.444.777-35", "senha-errada-123")

        esta_na_pagina_de_entrada(pagina)
        expect(pagina.get_by_role("alert")).to_contain_text("CPF ou senha incorretos")
        expect(pagina.get_by_label("CPF")).to_have_value("111.444.777-35")
        expect(pagina.get_by_label("Senha")).to_have_value("")
    assert len(tentativas) == 1  # a senha foi conferida, e recusada


def test_cpf_com_digito_errado_e_recusado_sem_chegar_a_conferir_a_senha(pagina):
    with autenticacoes_tentadas() as tentativas:
        enviar_cpf_e_senha(pagina, "111.444.777-36", SENHA_DEMO)  # o CPF de Ana, com o último dígito trocado

        esta_na_pagina_de_entrada(pagina)
        campo = pagina.get_by_label("CPF")
        expect(campo).to_have_value("111.444.777-36")
        expect(pagina.locator(".campo", has=campo).get_by_role("alert")).to_contain_text(
            "CPF inválido: os dígitos verificadores não conferem"
        )
        expect(pagina.get_by_text("CPF ou senha incorretos")).to_have_count(0)
    assert tentativas == []  # nem falha nem entrada: a senha nunca foi conferida


def test_cinco_senhas_erradas_bloqueiam_o_cpf_mesmo_com_a_senha_certa_depois(pagina):
    for _ in range(5):
        enviar_cpf_e_senha(pagina, "111.444.777-35", "senha-errada-123")
        expect(pagina.get_by_role("alert")).to_contain_text("CPF ou senha incorretos")

    enviar_cpf_e_senha(pagina, "111.444.777-35", SENHA_DEMO)

    esta_na_pagina_de_entrada(pagina)
    expect(pagina.get_by_role("alert")).to_contain_text("Muitas tentativas")
    pagina.goto("/")
    esta_na_pagina_de_entrada(pagina)


def test_servidor_informa_o_codigo_totp_e_um_codigo_errado_e_recusado(pagina):
    enviar_cpf_e_senha(pagina, PERSONAS["elisa"].cpf, SENHA_DEMO)
    expect(pagina).to_have_url(re.compile(r"/conta/2fa/authenticate/$"))

    certo = codigo_totp()
    errado = f"{(int(certo) + 1) % 1_000_000:06d}"
    enviar_codigo_totp(pagina, errado)
    expect(pagina).to_have_url(re.compile(r"/conta/2fa/authenticate/$"))
    expect(pagina.get_by_role("alert")).to_be_visible()
    expect(pagina.get_by_test_id("identificacao")).to_have_count(0)

    enviar_codigo_totp(pagina, codigo_totp())
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Olá, Elisa")
    expect(pagina.get_by_test_id("identificacao")).to_contain_text("Elisa Rocha")


def criar_servidora_sem_totp() -> Usuario:
    servidora = Usuario.objects.create_user("98765432100", "Lia Moura", "lia.moura@inss.gov.br", SENHA_DEMO)
    Lotacao.objects.create(
        usuario=servidora, papel=PapelINSS.ANALISTA, sr=SuperintendenciaRegional.objects.get(numero=1)
    )
    return servidora


def test_servidor_sem_totp_so_alcanca_o_portal_depois_de_ativar_o_totp(pagina):
    criar_servidora_sem_totp()

    enviar_cpf_e_senha(pagina, "987.654.321-00", SENHA_DEMO)
    expect(pagina.get_by_text("Servidores do INSS precisam da autenticação em dois fatores")).to_be_visible()
    expect(pagina).to_have_url(re.compile(r"/conta/2fa/totp/activate/$"))

    pagina.goto("/entidades/")
    expect(pagina).to_have_url(re.compile(r"/conta/2fa/totp/activate/$"))
    expect(pagina.get_by_role("heading", name="Entidades da região")).to_have_count(0)

    segredo = pagina.locator("#authenticator_secret").input_value()
    pagina.get_by_label("Código do autenticador").fill(codigo_totp(segredo))
    pagina.get_by_role("button", name="Ativar").click()
    expect(pagina).not_to_have_url(re.compile(r"/conta/2fa/totp/activate/$"))

    pagina.goto("/entidades/")
    expect(pagina).to_have_url(re.compile(r"/entidades/$"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Entidades da região")


def test_servidor_sem_totp_vai_da_entrada_direto_para_a_ativacao_sem_repetir_a_senha(pagina):
    criar_servidora_sem_totp()

    enviar_cpf_e_senha(pagina, "987.654.321-00", SENHA_DEMO)
    pagina.wait_for_url(re.compile(r"/conta/(2fa/totp/activate|reauthenticate)/"))

    assert "/conta/2fa/totp/activate/" in pagina.url
