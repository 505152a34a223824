"""Entrada por CPF, TOTP obrigatório para servidores, limite de tentativas e a escolha da entidade."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.demo import SEGREDO_TOTP_DEMO
from portal.organizacao.models import SuperintendenciaRegional

pytestmark = pytest.mark.django_db


def _entrar(cliente, cpf, senha):
    return cliente.post("/conta/login/", {"login": cpf, "password": senha})


def test_representante_entra_com_o_cpf_mascarado(demo, senha_demo):
    cliente = Client()
    resposta = _entrar(cliente, "111.444.777-35", senha_demo)
    assert resposta.status_code == 302
    assert resposta["Location"] == "/"
    pagina = cliente.get("/")
    assert "Olá, Ana" in pagina.content.decode()
    assert "Prefeitura Municipal de Campinas" in pagina.content.decode()


def test_senha_errada_diz_o_que_houve_e_mantem_o_cpf_no_campo(demo):
    resposta = _entrar(Client(), "111.444.777-35", "senha-errada")
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "CPF ou senha incorretos" in html
    assert 'value="111.444.777-35"' in html


def test_cpf_com_digito_errado_e_recusado_antes_da_senha(demo, senha_demo):
    resposta = _entrar(Client(), "111.444.777-36", senha_demo)
    html = resposta.content.decode()
    assert "CPF inválido" in html
    assert 'value="111.444.777-36"' in html
    assert "_auth_user_id" not in resposta.wsgi_request.session


def test_cinco_senhas_erradas_bloqueiam_o_cpf_mesmo_com_a_senha_certa(demo, senha_demo):
    cliente = Client()
    for _ in range(5):
        assert "CPF ou senha incorretos" in _entrar(cliente, "11144477735", "errada").content.decode()
    resposta = _entrar(cliente, "11144477735", senha_demo)
    assert "Muitas tentativas" in resposta.content.decode()
    assert cliente.get("/").status_code == 302


def test_servidor_precisa_do_codigo_totp_depois_da_senha(demo, senha_demo):
    cliente = Client()
    resposta = _entrar(cliente, "314.159.265-90", senha_demo)
    assert resposta["Location"] == "/conta/2fa/authenticate/"
    assert cliente.get("/").status_code == 302  # ainda não entrou
    errado = cliente.post("/conta/2fa/authenticate/", {"code": "000000"})
    assert errado.status_code == 200
    certo = cliente.post("/conta/2fa/authenticate/", {"code": pyotp.TOTP(SEGREDO_TOTP_DEMO).now()})
    assert certo.status_code == 302
    assert "Elisa" in cliente.get("/").content.decode()


def test_servidor_sem_totp_so_alcanca_a_ativacao_do_totp(demo, senha_demo):
    novo = Usuario.objects.create_user("98765432100", "Lia Nova", "lia@inss.gov.br", senha_demo)
    Lotacao.objects.create(usuario=novo, papel=PapelINSS.ANALISTA, sr=SuperintendenciaRegional.objects.get(numero=1))
    cliente = Client()
    assert _entrar(cliente, "98765432100", senha_demo)["Location"] == "/"
    resposta = cliente.get("/entidades/")
    assert resposta.status_code == 302
    assert resposta["Location"] == "/conta/2fa/totp/activate/"


def test_servidor_nao_pode_remover_o_proprio_totp(pessoa):
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=pessoa("elisa"), type=Authenticator.Type.TOTP)
    assert not get_adapter().can_delete_authenticator(totp)


def test_cadastro_aberto_esta_fechado(db):
    resposta = Client().get("/conta/signup/")
    assert "cadastro" in resposta.content.decode().lower() or resposta.status_code in (302, 403)
    assert Usuario.objects.count() == 0


def test_quem_representa_duas_entidades_escolhe_e_o_cabecalho_mostra(cliente_de, pessoa):
    cliente = cliente_de("bruno")
    assert cliente.get("/")["Location"] == "/entidade/escolher/"
    bruno = pessoa("bruno")
    sindicato = bruno.vinculos.get(entidade__razao_social__startswith="Sindicato")
    resposta = cliente.post("/entidade/escolher/", {"vinculo": sindicato.pk})
    assert resposta.status_code == 302
    html = cliente.get("/").content.decode()
    assert 'data-testid="entidade-ativa"' in html
    assert "Sindicato dos Trabalhadores Rurais de Campinas" in html
    assert "Trocar entidade" in html


def test_a_escolha_envia_a_chave_do_vinculo_sem_separador_de_milhar(cliente_de, pessoa):
    """Com USE_THOUSAND_SEPARATOR, `{{ vinculo.pk }}` sairia "1.285" no rádio e o IntegerField recusaria a
    escolha. As chaves passam de mil numa execução longa dos testes (a sequência do PostgreSQL não volta)."""
    bruno = pessoa("bruno")
    for chave, vinculo in enumerate(bruno.vinculos.order_by("pk"), start=1285):
        vinculo.delete()
        vinculo.pk = chave
        vinculo.save(force_insert=True)
    sindicato = bruno.vinculos.get(entidade__razao_social__startswith="Sindicato")
    cliente = cliente_de("bruno")
    html = cliente.get("/entidade/escolher/").content.decode()
    assert f'id="vinculo-{sindicato.pk}" type="radio" name="vinculo" value="{sindicato.pk}"' in html
    resposta = cliente.post("/entidade/escolher/", {"vinculo": str(sindicato.pk)})
    assert resposta.status_code == 302
    assert "Sindicato dos Trabalhadores Rurais de Campinas" in cliente.get("/").content.decode()


def test_nao_se_escolhe_entidade_que_nao_representa(cliente_de, pessoa):
    cliente = cliente_de("bruno")
    de_outra = pessoa("diego").vinculos.get()
    resposta = cliente.post("/entidade/escolher/", {"vinculo": de_outra.pk}, follow=True)
    assert "Você não representa essa entidade" in resposta.content.decode()
    assert "Belo Horizonte" not in cliente.get("/entidade/escolher/").content.decode().split("<main")[0]


def test_vinculo_vencido_nao_da_acesso(cliente_de, pessoa):
    from django.utils import timezone

    ana = pessoa("ana")
    ana.vinculos.update(valido_ate=timezone.now())
    assert cliente_de("ana").get("/entidade/").status_code == 404


def test_cpf_e_guardado_com_11_digitos(pessoa):
    assert pessoa("ana").cpf == "11144477735"
    assert pessoa("ana").cpf_formatado == "111.444.777-35"


def test_sair_encerra_a_sessao(cliente_de):
    cliente = cliente_de("ana")
    assert cliente.post("/conta/logout/").status_code == 302
    assert cliente.get("/entidade/").status_code == 302


def test_senha_esquecida_e_redefinida_pelo_link_enviado_por_email(demo, mailoutbox):
    import re

    cliente = Client()
    resposta = cliente.post("/conta/password/reset/", {"email": "ana.souza@campinas.sp.gov.br"})
    assert resposta.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/conta/password/reset/key/\S+/)", mailoutbox[0].body).group(1)
    formulario = cliente.get(link, follow=True)
    assert formulario.status_code == 200
    nova = "Outra@Senha2026"
    definida = cliente.post(formulario.redirect_chain[-1][0] if formulario.redirect_chain else link,
                            {"password1": nova, "password2": nova})
    assert definida.status_code == 302
    assert _entrar(Client(), "11144477735", nova)["Location"] == "/"


@pytest.mark.parametrize("proximo", ["//mal.example/", "/\\mal.example", "https://mal.example/"])
def test_escolha_de_entidade_nao_redireciona_para_outro_site(cliente_de, pessoa, proximo):
    vinculo = pessoa("bruno").vinculos.first()
    resposta = cliente_de("bruno").post("/entidade/escolher/", {"vinculo": vinculo.pk, "proximo": proximo})
    assert resposta["Location"] == "/"
