"""Isolamento entre entidades e regiões, e custo fixo das listas da área de entidades e acordos.

Quem é de outra entidade (Diego, gestor e cadastrador da Prefeitura de Belo Horizonte) ou de outra região
(Fábio e os demais servidores da Sudeste II) recebe 404 — nunca 200, 403 ou 500 — em tudo o que é da
Prefeitura de Campinas: adesão e as suas ações, documentos da adesão, solicitações do acordo, cessões, a
página da entidade, os representantes e as páginas da Escola PEP; e nada muda. Os 404 de leitura que
test_acordos_paginas, test_acordos_solicitacoes, test_acesso e test_representantes já cobrem para parte
destas páginas aqui se estendem às ações (POST) e às personas da Sudeste II que passam pela checagem de
papel (gestores regionais, supervisor), porque é o escopo, não o papel, que as recusa.

Cada lista custa o mesmo número de consultas com poucas e com muitas linhas.
"""

from datetime import date, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.utils import timezone

from portal.acordos.models import (
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    CessaoDeImovel,
    DocumentoDeAdesao,
    PedidoDeDocumento,
    SolicitacaoDoAcordo,
)
from portal.acordos.services import (
    DocumentoNovo,
    adesao_enviar,
    adesao_iniciar,
    adesao_pedir_documentos,
    cessao_registrar,
    solicitacao_criar,
    solicitacao_decidir,
)
from portal.arquivos import PDF, verificar_arquivo
from portal.auditoria.models import Evento
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.demo import SEGREDO_TOTP_DEMO
from portal.entidades.models import CapacitacaoPEP, Entidade, Vinculo
from portal.entidades.services import (
    capacitacao_pep_registrar,
    representante_atualizar,
    representante_cadastrar,
    vinculo_criar,
)
from portal.organizacao.models import GerenciaExecutiva, Municipio, SuperintendenciaRegional
from tests.fabricas import EntidadeFactory
from tests.suporte_apoio import pdf
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db

CAMPINAS, BH = "51885242000140", "18715383000140"
PESSOAS_DA_SUDESTE_II = {
    # apelido: (CPF, papel, GEX — None para a SR inteira)
    "lucia": (cpf_de(410000001), PapelINSS.GESTOR_REGIONAL, None),
    "mauro": (cpf_de(410000002), PapelINSS.GESTOR_REGIONAL, "11001"),
    "nair": (cpf_de(410000003), PapelINSS.SUPERVISOR, None),
}


@pytest.fixture(autouse=True)
def _arquivos_no_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _verificado(nome: str = "documento.pdf"):
    return verificar_arquivo(pdf(nome), tipos=(PDF,), limite=5 * 1024 * 1024)


def _entrar(usuario) -> Client:
    cliente = Client()
    cliente.force_login(usuario, backend="django.contrib.auth.backends.ModelBackend")
    return cliente


def _servidor_da_sudeste_ii(apelido: str) -> Usuario:
    cpf, papel, gex = PESSOAS_DA_SUDESTE_II[apelido]
    usuario = Usuario.objects.create_user(cpf, apelido.capitalize(), f"{apelido}@inss.gov.br", None)
    Lotacao.objects.create(
        usuario=usuario, papel=papel, sr=SuperintendenciaRegional.objects.get(numero=2),
        gex=GerenciaExecutiva.objects.get(codigo=gex) if gex else None,
    )
    TOTP.activate(usuario, SEGREDO_TOTP_DEMO)  # servidor sem TOTP não passaria da ativação: seria 302
    return usuario


@pytest.fixture
def intrusos(demo, pessoa, cliente_de):
    """Diego também cadastrador de Belo Horizonte, para passar pela checagem de papel de todas as páginas
    de representantes e chegar à do escopo; e os servidores da Sudeste II."""
    diego = Vinculo.objects.get(usuario=pessoa("diego"), entidade__cnpj=BH)
    representante_atualizar(
        vinculo=diego, nome=diego.usuario.nome, email=diego.usuario.email, telefone="", papel=diego.papel,
        gestor=True, cadastrador=True, por=pessoa("diego"),
    )
    clientes = {"diego": cliente_de("diego"), "fabio": cliente_de("fabio")}
    clientes.update({apelido: _entrar(_servidor_da_sudeste_ii(apelido)) for apelido in PESSOAS_DA_SUDESTE_II})
    return clientes


@pytest.fixture
def coisas_de_campinas(demo, pessoa):
    """Um de cada: a adesão (da demonstração) com um documento e um pedido aberto, uma solicitação sobre o
    acordo, uma cessão de imóvel, e a Escola PEP de Bruno."""
    ana, karina = pessoa("ana"), pessoa("karina")
    entidade = Entidade.objects.get(cnpj=CAMPINAS)
    adesao = Adesao.objects.get(entidade=entidade)
    verificado = _verificado("oficio.pdf")
    documento = DocumentoDeAdesao(adesao=adesao, tipo="oficio", nome=verificado.nome, tamanho=verificado.tamanho,
                                  sha256=verificado.sha256, enviado_por=ana)
    documento.arquivo.save("oficio.pdf", verificado.arquivo, save=True)
    pedido = PedidoDeDocumento.objects.create(adesao=adesao, texto="Envie a ata de posse.", pedido_por=karina,
                                              pedido_em=timezone.now())
    acordo = Acordo.objects.get(entidade=entidade)
    solicitacao = solicitacao_criar(acordo=acordo, tipo="termo_aditivo", descricao="Alterar a cláusula 3.", por=ana)
    cessao = cessao_registrar(entidade=entidade, endereco="Rua Barão de Jaguara, 1000", descricao="Sala",
                              inicio=date(2026, 12, 1), meses=12, por=karina)
    bruno = Vinculo.objects.get(usuario=pessoa("bruno"), entidade=entidade)
    capacitacao_pep_registrar(vinculo=bruno, concluida_em=timezone.localdate() - timedelta(days=3),
                              declaracao=_verificado("pep.pdf"), por=ana)
    return {"adesao": adesao, "documento": documento, "pedido": pedido, "solicitacao": solicitacao,
            "cessao": cessao, "bruno": bruno}


def _leituras(c) -> list[str]:
    rep = f"/entidade/representantes/{c['bruno'].pk}"
    return [
        f"/adesoes/{c['adesao'].pk}/",
        f"/adesoes/documentos/{c['documento'].pk}.pdf",
        f"/acordos/solicitacoes/{c['solicitacao'].pk}/",
        f"/entidades/{CAMPINAS}/",
        *(f"{rep}/{acao}/" for acao in ("editar", "prorrogar", "excluir", "senha", "escola-pep")),
        f"{rep}/escola-pep.pdf",
    ]


def _acoes(c) -> list[tuple[str, dict]]:
    adesao, rep = c["adesao"].pk, f"/entidade/representantes/{c['bruno'].pk}"
    return [
        (f"/adesoes/{adesao}/pedir/", {"texto": "Mande tudo de novo."}),
        (f"/adesoes/{adesao}/checklist/", {"item": "estrutura_fisica", "feito": "0"}),
        (f"/adesoes/{adesao}/aprovar/", {"processo_sei": "23037.001462/2021-65", "vigencia_inicio": "2026-12-01",
                                         "vigencia_fim": "2031-12-01"}),
        (f"/adesoes/{adesao}/recusar/", {"motivo": "Recusada por engano."}),
        (f"/adesao/pedidos/{c['pedido'].pk}/responder/", {"resposta": "Segue."}),
        (f"/acordos/solicitacoes/{c['solicitacao'].pk}/", {"decisao": "Deferido.", "deferir": "1"}),
        (f"/acordos/cessoes/{c['cessao'].pk}/renovar/", {"meses": "12"}),
        (f"{rep}/editar/", {"nome": "Invasor", "email": "x@x.br", "papel": "CONSULTA"}),
        (f"{rep}/prorrogar/", {"valido_ate": (timezone.localdate() + timedelta(days=500)).isoformat()}),
        (f"{rep}/excluir/", {"motivo": "Invasão."}),
        (f"{rep}/senha/", {}),
        (f"{rep}/escola-pep/", {"concluida_em": timezone.localdate().isoformat(), "declaracao": pdf()}),
    ]


def _retrato(c) -> dict:
    """O que uma ação de fora mudaria."""
    bruno = Vinculo.objects.select_related("usuario").get(pk=c["bruno"].pk)
    return {
        "eventos": Evento.objects.count(),
        "adesao": Adesao.objects.filter(pk=c["adesao"].pk).values().get(),
        "pedidos": list(PedidoDeDocumento.objects.values()),
        "documentos": DocumentoDeAdesao.objects.count(),
        "solicitacao": SolicitacaoDoAcordo.objects.filter(pk=c["solicitacao"].pk).values().get(),
        "cessoes": CessaoDeImovel.objects.count(),
        "bruno": (bruno.ativo, bruno.papel, bruno.valido_ate, bruno.usuario.nome),
        "pep": list(CapacitacaoPEP.objects.values("concluida_em", "sha256")),
    }


@pytest.mark.parametrize("apelido", ["diego", "fabio", "lucia", "mauro", "nair"])
def test_de_outra_entidade_ou_regiao_tudo_de_campinas_e_404_e_nada_muda(intrusos, coisas_de_campinas, apelido):
    cliente = intrusos[apelido]
    antes = _retrato(coisas_de_campinas)
    for url in _leituras(coisas_de_campinas):
        resposta = cliente.get(url)
        assert resposta.status_code == 404, (apelido, url, resposta.status_code)
        assert b"Campinas" not in b"".join(getattr(resposta, "streaming_content", [resposta.content])), url
    for url, dados in _acoes(coisas_de_campinas):
        resposta = cliente.post(url, dados)
        assert resposta.status_code == 404, (apelido, url, resposta.status_code)
    assert _retrato(coisas_de_campinas) == antes


def test_as_mesmas_paginas_abrem_para_quem_e_de_campinas(coisas_de_campinas, cliente_de):
    """O controle do teste acima: os endereços existem e abrem para a entidade e a região certas."""
    c = coisas_de_campinas
    karina, ana = cliente_de("karina"), cliente_de("ana")
    for url in _leituras(c)[:4]:
        assert karina.get(url).status_code == 200, url
    for url in _leituras(c)[4:]:
        assert ana.get(url).status_code == 200, url


# --- custo fixo das listas ----------------------------------------------------------------------------------


def _consultas(cliente, url: str, django_assert_max_num_queries, *, contem: str = "") -> int:
    cliente.get(url)  # a primeira visita grava a sessão
    with django_assert_max_num_queries(12) as consultas:
        resposta = cliente.get(url)
    assert resposta.status_code == 200, url
    if contem:
        assert contem in resposta.content.decode(), contem
    return len(consultas.captured_queries)


def _prefeituras_de_sudeste_i(quantas: int) -> list[Entidade]:
    return EntidadeFactory.create_batch(quantas)


def _representantes_de_campinas(quantos: int, *, por) -> list[Vinculo]:
    entidade = Entidade.objects.get(cnpj=CAMPINAS)
    return [
        representante_cadastrar(
            entidade=entidade, cpf=cpf_de(420000000 + numero), nome=f"Pessoa {numero}", email=f"p{numero}@x.br",
            papel="CONSULTA", valido_ate=timezone.localdate() + timedelta(days=30), por=por,
        )
        for numero in range(quantos)
    ]


def _aditivos_de_campinas(quantos: int, *, por) -> list[SolicitacaoDoAcordo]:
    acordo = Acordo.objects.get(entidade__cnpj=CAMPINAS)
    return [
        solicitacao_criar(acordo=acordo, tipo="termo_aditivo", descricao=f"Aditivo {numero}.", por=por)
        for numero in range(quantos)
    ]


def _adesao_enviada(entidade, gestor) -> Adesao:
    adesao = adesao_iniciar(
        entidade=entidade, representante_legal_nome="Lucimara Godoy", representante_legal_cpf="11144477735",
        representante_legal_cargo="Prefeita", regime="rgps", aceite_minuta=True, aceite_plano_de_trabalho=True,
        por=gestor,
    )
    tipos = ("oficio", "lei_criacao", "outorga", "documento_pessoal", "certidao_debitos")
    return adesao_enviar(adesao=adesao, documentos=[DocumentoNovo(tipo, _verificado(f"{tipo}.pdf")) for tipo in tipos],
                         por=gestor)


def test_lista_de_adesoes_da_regiao_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    karina = cliente_de("karina")
    for entidade in _prefeituras_de_sudeste_i(2):
        _adesao_enviada(entidade, pessoa("ana"))
    poucas = _consultas(karina, "/adesoes/", django_assert_max_num_queries)
    for entidade in _prefeituras_de_sudeste_i(20):
        _adesao_enviada(entidade, pessoa("ana"))
    assert _consultas(karina, "/adesoes/", django_assert_max_num_queries, contem="Prefeitura de Teste") == poucas


def test_lista_de_solicitacoes_da_regiao_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    karina, ana, carla = cliente_de("karina"), pessoa("ana"), pessoa("carla")
    campinas = Acordo.objects.get(entidade__cnpj=CAMPINAS)
    oab = Acordo.objects.get(entidade__cnpj="43419613000170")
    solicitacao_criar(acordo=campinas, tipo="termo_aditivo", descricao="Primeira.", por=ana)
    poucas = _consultas(karina, "/acordos/solicitacoes/", django_assert_max_num_queries)
    for numero in range(15):
        solicitacao_criar(acordo=campinas, tipo="consulta_vigencia", descricao=f"Consulta {numero}.", por=ana)
        solicitacao_criar(acordo=oab, tipo="termo_aditivo", descricao=f"Aditivo {numero}.", por=carla)
    assert _consultas(karina, "/acordos/solicitacoes/", django_assert_max_num_queries,
                      contem="OAB Seção São Paulo") == poucas


def test_lista_de_cessoes_da_regiao_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    from portal.acordos.services import cessao_renovar

    karina = cliente_de("karina")
    campinas = Entidade.objects.get(cnpj=CAMPINAS)

    def ceder(entidade, numero: int) -> CessaoDeImovel:
        return cessao_registrar(entidade=entidade, endereco=f"Rua {numero}, 100", descricao="Sala",
                                inicio=date(2026, 1, 1) + timedelta(days=numero), meses=12, por=pessoa("karina"))

    ceder(campinas, 0)
    poucas = _consultas(karina, "/acordos/cessoes/", django_assert_max_num_queries)
    for numero, entidade in enumerate(_prefeituras_de_sudeste_i(10), start=1):
        cessao_renovar(cessao=ceder(entidade, numero), meses=6, por=pessoa("karina"))
    assert _consultas(karina, "/acordos/cessoes/", django_assert_max_num_queries, contem="(renovação)") == poucas


def test_pagina_do_acordo_da_entidade_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    ana = cliente_de("ana")
    poucas = _consultas(ana, "/acordo/", django_assert_max_num_queries)
    for numero, pedido in enumerate(_aditivos_de_campinas(12, por=pessoa("ana"))):
        solicitacao_decidir(solicitacao=pedido, deferir=numero % 2 == 0, decisao="Decidido.", por=pessoa("karina"))
    assert AlteracaoDoAcordo.objects.filter(acordo__entidade__cnpj=CAMPINAS).count() > 6
    assert _consultas(ana, "/acordo/", django_assert_max_num_queries, contem="Aditivo 11.") == poucas


def test_pagina_da_adesao_da_entidade_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    entidade = EntidadeFactory(razao_social="Prefeitura Municipal de Valinhos",
                               municipio=Municipio.objects.select_related("uf__sr").get(codigo_ibge="3556206"))
    vinculo = vinculo_criar(usuario=pessoa("ana"), entidade=entidade, papel="AUTENTICA", gestor=True,
                            valido_ate=timezone.now() + timedelta(days=30))
    ana = cliente_de("ana")
    ana.post("/entidade/escolher/", {"vinculo": vinculo.pk})
    adesao = _adesao_enviada(entidade, pessoa("ana"))
    adesao_pedir_documentos(adesao=adesao, texto="Pedido 0.", por=pessoa("karina"))
    poucas = _consultas(ana, "/adesao/", django_assert_max_num_queries)
    for numero in range(1, 12):
        adesao_pedir_documentos(adesao=adesao, texto=f"Pedido {numero}.", por=pessoa("karina"))
    assert _consultas(ana, "/adesao/", django_assert_max_num_queries, contem="Pedido 11.") == poucas


def test_minha_entidade_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    ana = cliente_de("ana")
    poucas = _consultas(ana, "/entidade/", django_assert_max_num_queries)
    _representantes_de_campinas(15, por=pessoa("ana"))
    _aditivos_de_campinas(15, por=pessoa("ana"))
    assert _consultas(ana, "/entidade/", django_assert_max_num_queries, contem="Prefeitura Municipal de Campinas") \
        == poucas


def test_lista_de_representantes_com_escola_pep_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    """test_representantes mede a lista crescendo; aqui, com a coluna da Escola PEP preenchida e vínculos
    excluídos no meio."""
    from portal.entidades.services import vinculo_excluir

    ana = cliente_de("ana")
    poucas = _consultas(ana, "/entidade/representantes/", django_assert_max_num_queries)
    for numero, vinculo in enumerate(_representantes_de_campinas(20, por=pessoa("ana"))):
        if numero % 2:
            capacitacao_pep_registrar(vinculo=vinculo, concluida_em=timezone.localdate(), declaracao=_verificado(),
                                      por=pessoa("ana"))
        if numero % 5 == 0:
            vinculo_excluir(vinculo=vinculo, motivo="Saiu.", por=pessoa("ana"))
    assert _consultas(ana, "/entidade/representantes/", django_assert_max_num_queries,
                      contem="escola-pep.pdf") == poucas
