"""O pedido de adesão de uma entidade nova (/aderir/): quem não tem conta cadastra a entidade e a própria conta,
entra como gestor(a) e segue para a adesão; cada recusa explica o motivo e mantém o que foi digitado; quem já
entrou só cadastra a entidade; o município vem da lista real da UF, com htmx ou sem JavaScript."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.utils import timezone

from portal.acordos.models import Adesao, StatusAdesao
from portal.auditoria.models import Evento
from portal.contas.models import Usuario
from portal.entidades.models import Entidade, PapelRepresentante, Vinculo
from portal.entidades.services import validade_padrao
from tests.fabricas import cnpj_valido
from tests.suporte_apoio import pdf

pytestmark = pytest.mark.django_db

VALINHOS = "3556206"
SENHA = "Valinhos@2026-seguro"
CNPJ_DE_VALINHOS = cnpj_valido(46540901)
CNPJ_DE_CAMPINAS = "51885242000140"  # Prefeitura Municipal de Campinas, da demonstração
CPF_NOVO = "98765432100"
CPF_DA_ANA = "11144477735"


def _pedido(**mudancas) -> dict:
    dados = {
        "cnpj": _mascara_cnpj(CNPJ_DE_VALINHOS), "razao_social": "Prefeitura Municipal de Valinhos",
        "tipo": "prefeitura", "uf": "SP", "municipio": VALINHOS, "cpf": "987.654.321-00", "nome": "Orestes Previtale",
        "email": "gabinete@valinhos.sp.gov.br", "telefone": "(19) 3849-8000", "senha": SENHA,
        "senha_confirmacao": SENHA,
    }
    return {**dados, **mudancas}


def _mascara_cnpj(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def _arquivos(*tipos):
    return {tipo: pdf(f"{tipo}.pdf") for tipo in tipos}


def _mantem_o_que_foi_digitado(html: str, dados: dict) -> None:
    for campo in ("cnpj", "razao_social", "cpf", "nome", "email", "telefone"):
        if campo in dados:
            assert f'value="{dados[campo]}"' in html, campo
    assert f'<option value="{dados["uf"]}" selected>' in html
    assert f'<option value="{dados["tipo"]}" selected>' in html
    assert SENHA not in html  # a senha não volta para a página


# --- o caminho feliz ---------------------------------------------------------------------------------------


def test_prefeitura_nova_se_cadastra_entra_como_gestora_e_envia_a_adesao(demo, cliente_de):
    cliente = Client()
    resposta = cliente.post("/aderir/", _pedido())
    assert resposta.status_code == 302 and resposta["Location"] == "/adesao/"

    usuario = Usuario.objects.get(cpf=CPF_NOVO)
    assert usuario.nome == "Orestes Previtale" and usuario.telefone == "(19) 3849-8000"
    assert usuario.check_password(SENHA)
    entidade = Entidade.objects.get(cnpj=CNPJ_DE_VALINHOS)
    assert (entidade.uf_id, entidade.municipio_id, entidade.sr.numero) == ("SP", VALINHOS, 1)
    assert entidade.gex is None  # nenhuma GEX sediada em Valinhos: a gestão regional a define
    vinculo = Vinculo.objects.get(usuario=usuario, entidade=entidade)
    assert vinculo.gestor and vinculo.cadastrador and vinculo.papel == PapelRepresentante.AUTENTICA
    assert timezone.localdate(vinculo.valido_ate) == validade_padrao()
    acoes = set(Evento.objects.filter(ator=usuario).values_list("acao", flat=True))
    assert {"conta_criada_na_adesao", "entidade_criada", "vinculo_criado", "entidade_cadastrada_para_adesao"} <= acoes
    assert cliente.session[SESSION_KEY] == str(usuario.pk)

    pagina = cliente.get("/adesao/").content.decode()
    assert "Adesão de Prefeitura Municipal de Valinhos ao ACT" in pagina and "Iniciar a adesão" in pagina
    assert "está cadastrada e você é o(a) gestor(a) dela" in pagina
    cliente.post("/adesao/", {
        "representante_legal_nome": "Orestes Previtale", "representante_legal_cpf": "987.654.321-00",
        "representante_legal_cargo": "Prefeito", "regime": "rgps", "aceite_minuta": "on",
        "aceite_plano_de_trabalho": "on",
    })
    cliente.post("/adesao/", _arquivos("oficio", "lei_criacao", "outorga", "documento_pessoal", "certidao_debitos"))
    adesao = Adesao.objects.get(entidade=entidade)
    assert adesao.status == StatusAdesao.EM_ANALISE and adesao.iniciada_por == usuario
    assert "Prefeitura Municipal de Valinhos" in cliente_de("karina").get("/adesoes/").content.decode()


@pytest.mark.parametrize(("municipio", "gex"), [("3509502", "21001"), ("3303302", "17001"), (VALINHOS, None)])
def test_sr_vem_da_uf_e_gex_da_sede_no_municipio(demo, municipio, gex):
    from portal.organizacao.models import Municipio

    uf = Municipio.objects.get(pk=municipio).uf_id
    Client().post("/aderir/", _pedido(razao_social="Associação de Teste", tipo="associacao", uf=uf,
                                      municipio=municipio))
    entidade = Entidade.objects.get(cnpj=CNPJ_DE_VALINHOS)
    assert entidade.sr == entidade.municipio.uf.sr
    assert (entidade.gex.codigo if entidade.gex else None) == gex


def test_a_entrada_tem_o_link_para_pedir_a_adesao(db):
    html = Client().get("/conta/login/").content.decode()
    assert "Sua entidade ainda não tem acordo com o INSS?" in html and 'href="/aderir/">Solicite a adesão' in html


# --- recusas: a mensagem, e nada do que foi digitado se perde ----------------------------------------------


def _recusado(dados: dict, mensagem: str) -> str:
    pessoas, entidades = Usuario.objects.count(), Entidade.objects.count()
    resposta = Client().post("/aderir/", dados)
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "A entidade ainda não foi cadastrada." in html
    assert mensagem in html
    _mantem_o_que_foi_digitado(html, dados)
    assert (Usuario.objects.count(), Entidade.objects.count()) == (pessoas, entidades)
    return html


def test_cnpj_ja_cadastrado_e_recusado_sem_dizer_quem_representa_a_entidade(demo):
    html = _recusado(
        _pedido(cnpj=_mascara_cnpj(CNPJ_DE_CAMPINAS)),
        "Esta entidade já está cadastrada no portal. Peça acesso ao gestor ou ao cadastrador externo dela.",
    )
    assert "Ana Souza" not in html and "Prefeitura Municipal de Campinas" not in html
    assert not Usuario.objects.filter(cpf=CPF_NOVO).exists()


def test_cpf_que_ja_tem_conta_e_recusado(demo):
    _recusado(_pedido(cpf="111.444.777-35", nome="Outra Pessoa"),
              "Já existe uma conta com este CPF: entre no portal com ela para aderir.")
    assert not Entidade.objects.filter(cnpj=CNPJ_DE_VALINHOS).exists()


@pytest.mark.parametrize(("mudancas", "mensagem"), [
    ({"cpf": "987.654.321-01"}, "CPF inválido: os dígitos verificadores não conferem."),
    ({"cpf": "1234"}, "O CPF tem 11 dígitos"),
    ({"cnpj": "46.540.901/0001-00"}, "CNPJ inválido: os dígitos verificadores não conferem."),
    ({"uf": "RJ"}, "O município escolhido não é de RJ"),
    ({"senha_confirmacao": "Outra@senha-2026"}, "As senhas não conferem"),
    ({"senha": "12345678", "senha_confirmacao": "12345678"}, "Esta senha é muito curta"),
    ({"email": "gabinete-valinhos"}, "Informe um e-mail válido."),
    ({"municipio": ""}, "Escolha o município."),
], ids=["cpf_invalido", "cpf_curto", "cnpj_invalido", "municipio_de_outra_uf", "senhas_diferentes", "senha_fraca",
        "email_invalido", "sem_municipio"])
def test_dado_invalido_e_recusado_com_a_mensagem_e_mantem_o_digitado(demo, mudancas, mensagem):
    _recusado(_pedido(**mudancas), mensagem)


@pytest.mark.parametrize("dados", [
    {"uf": "ZZZ", "municipio": "abc", "tipo": "x"},
    {"uf": "SP", "municipio": "9999999"},
    {"cnpj": "x" * 500, "cpf": "y" * 500, "nome": "n" * 500},
    {"uf": ["RJ", "SP"], "municipio": [VALINHOS, "3303302"]},
    {},
])
def test_entrada_estranha_nao_quebra_a_pagina(demo, dados):
    resposta = Client().post("/aderir/", {**_pedido(), **dados} if dados else {})
    assert resposta.status_code == 200
    assert "A entidade ainda não foi cadastrada." in resposta.content.decode()
    assert not Entidade.objects.filter(razao_social="Prefeitura Municipal de Valinhos").exists()


# Um cache só deste processo: o de arquivos em var/teste é limpo por qualquer outra execução dos testes.
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                       "LOCATION": "limite-do-aderir"}})
def test_muitos_envios_do_mesmo_endereco_sao_limitados_sem_perder_o_digitado(demo):
    cliente = Client()
    invalido = _pedido(cpf="987.654.321-01")
    for _ in range(10):
        assert cliente.post("/aderir/", invalido).status_code == 200
    resposta = cliente.post("/aderir/", _pedido())
    html = resposta.content.decode()
    assert resposta.status_code == 429
    assert "Muitos pedidos seguidos deste endereço." in html
    _mantem_o_que_foi_digitado(html, _pedido())
    assert not Entidade.objects.filter(cnpj=CNPJ_DE_VALINHOS).exists()


# --- quem já entrou --------------------------------------------------------------------------------------


def test_quem_ja_entrou_e_nao_representa_ninguem_so_cadastra_a_entidade(demo):
    pessoa = Usuario.objects.create_user("98765432100", "Orestes Previtale", "orestes@valinhos.sp.gov.br", SENHA)
    cliente = Client()
    cliente.force_login(pessoa, backend="django.contrib.auth.backends.ModelBackend")
    html = cliente.get("/aderir/").content.decode()
    assert "Orestes Previtale</strong>, será o(a) gestor(a)" in html
    assert 'name="senha"' not in html and 'name="cpf"' not in html and 'name="tcms"' not in html

    dados = {k: v for k, v in _pedido().items() if k in ("cnpj", "razao_social", "tipo", "uf", "municipio")}
    resposta = cliente.post("/aderir/", dados)
    assert resposta.status_code == 302 and resposta["Location"] == "/adesao/"
    vinculo = Vinculo.objects.get(usuario=pessoa)
    assert vinculo.entidade.cnpj == CNPJ_DE_VALINHOS and vinculo.gestor and vinculo.cadastrador
    assert Usuario.objects.filter(cpf=CPF_NOVO).count() == 1
    assert "Iniciar a adesão" in cliente.get("/adesao/").content.decode()


def test_gestora_de_outra_entidade_envia_os_documentos_do_item_16_e_passa_a_agir_pela_nova(demo, cliente_de):
    ana = cliente_de("ana")
    dados = {k: v for k, v in _pedido().items() if k in ("cnpj", "razao_social", "tipo", "uf", "municipio")}
    html = ana.post("/aderir/", dados).content.decode()
    assert "Anexe: TCMS" in html and 'value="Prefeitura Municipal de Valinhos"' in html
    assert not Entidade.objects.filter(cnpj=CNPJ_DE_VALINHOS).exists()

    resposta = ana.post("/aderir/", {**dados, **_arquivos("tcms", "identidade", "escola_pep")})
    assert resposta.status_code == 302
    vinculo = Vinculo.objects.get(usuario__cpf=CPF_DA_ANA, entidade__cnpj=CNPJ_DE_VALINHOS)
    assert vinculo.gestor and vinculo.documentos.count() == 3
    assert "Adesão de Prefeitura Municipal de Valinhos ao ACT" in ana.get("/adesao/").content.decode()


def test_servidor_do_inss_nao_pede_adesao(demo, cliente_de):
    karina = cliente_de("karina")
    html = karina.get("/aderir/").content.decode()
    assert "Servidores do INSS não representam entidades" in html and 'name="cnpj"' not in html
    karina.post("/aderir/", _pedido())
    assert not Entidade.objects.filter(cnpj=CNPJ_DE_VALINHOS).exists()


# --- o município: sem JavaScript e pelo htmx -----------------------------------------------------------------


def test_sem_javascript_carregar_municipios_traz_os_da_uf_e_mantem_o_digitado(demo):
    dados = _pedido(municipio="")
    resposta = Client().post("/aderir/", {**dados, "carregar_municipios": "1"})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "Municípios de SP carregados" in html
    assert f'<option value="{VALINHOS}">Valinhos</option>' in html and html.count("<option value=\"35") == 645
    assert "A entidade ainda não foi cadastrada." not in html  # não é um envio: nenhum erro acusado
    _mantem_o_que_foi_digitado(html, dados)
    assert not Entidade.objects.filter(cnpj=CNPJ_DE_VALINHOS).exists()


def test_sem_uf_a_pagina_pede_a_uf_antes_do_municipio(demo):
    html = Client().get("/aderir/").content.decode()
    assert '<option value="" selected>Escolha primeiro a UF</option>' in html
    assert 'hx-get="/municipios/"' in html and 'hx-target="#id_municipio"' in html
    assert "placeholder=" not in html


def test_fragmento_htmx_traz_as_opcoes_de_municipio_da_uf(db):
    resposta = Client().get("/municipios/", {"uf": "SP"}, headers={"HX-Request": "true"})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert html.count("<option") == 646 and f'<option value="{VALINHOS}">Valinhos</option>' in html
    assert "<html" not in html
    vazio = Client().get("/municipios/", {"uf": "<script>"}).content.decode()
    assert vazio.count("<option") == 1 and "Escolha primeiro a UF" in vazio


def test_paginas_com_consultas_limitadas(demo, cliente_de, django_assert_max_num_queries):
    # Um número fixo de consultas, sejam quantos forem os municípios da UF (SP tem 645).
    with django_assert_max_num_queries(2):
        Client().get("/aderir/")
    with django_assert_max_num_queries(3):
        Client().post("/aderir/", {**_pedido(), "carregar_municipios": "1"})
    with django_assert_max_num_queries(4):
        Client().post("/aderir/", _pedido(uf="RJ"))
    with django_assert_max_num_queries(1):
        Client().get("/municipios/", {"uf": "SP"})
    ana = cliente_de("ana")
    ana.get("/aderir/")
    with django_assert_max_num_queries(8):
        ana.get("/aderir/")
