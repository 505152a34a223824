"""As páginas da adesão: a entidade inicia, anexa e envia (sem o CRP, recusado sem perder o que digitou),
responde ao pedido; a gestora regional pede documentos, marca o checklist e aprova. Fora da região, 404."""

import pytest

from portal.acordos.models import Acordo, Adesao, StatusAcordo, StatusAdesao
from portal.entidades.models import Entidade
from portal.entidades.services import entidade_criar, vinculo_criar
from portal.organizacao.models import Municipio
from tests.fabricas import cnpj_valido
from tests.suporte_apoio import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def gestora_de_valinhos(pessoa, cliente_de):
    """Uma prefeitura nova, sem acordo, cujo gestor é a Ana (só para o teste)."""
    from django.utils import timezone

    entidade = entidade_criar(cnpj=cnpj_valido(23456789), razao_social="Prefeitura Municipal de Valinhos",
                              tipo="prefeitura", municipio=Municipio.objects.get(codigo_ibge="3556206"))
    vinculo_criar(usuario=pessoa("ana"), entidade=entidade, papel="AUTENTICA", gestor=True,
                  valido_ate=timezone.now() + timezone.timedelta(days=30))
    cliente = cliente_de("ana")
    vinculo = pessoa("ana").vinculos.get(entidade=entidade)
    cliente.post("/entidade/escolher/", {"vinculo": vinculo.pk})
    return cliente, entidade


def _arquivos(*tipos):
    return {tipo: pdf(f"{tipo}.pdf") for tipo in tipos}


def test_entidade_inicia_e_envia_a_adesao_sem_o_crp_e_recusado_e_depois_completa(gestora_de_valinhos):
    cliente, entidade = gestora_de_valinhos
    assert "Iniciar a adesão" in cliente.get("/adesao/").content.decode()
    cliente.post("/adesao/", {
        "representante_legal_nome": "Lucimara Godoy", "representante_legal_cpf": "111.444.777-35",
        "representante_legal_cargo": "Prefeita", "regime": "rpps", "aceite_minuta": "on",
        "aceite_plano_de_trabalho": "on",
    })
    adesao = Adesao.objects.get(entidade=entidade)
    basicos = ("oficio", "lei_criacao", "outorga", "documento_pessoal")
    html = cliente.post("/adesao/", _arquivos(*basicos)).content.decode()
    assert "A adesão ainda não foi enviada." in html and "Certificado de Regularidade Previdenciária" in html
    assert adesao.documentos.count() == 0
    cliente.post("/adesao/", _arquivos(*basicos, "crp"))
    adesao.refresh_from_db()
    assert adesao.status == StatusAdesao.EM_ANALISE and adesao.documentos.count() == 5


def test_gestora_regional_pede_documento_entidade_responde_e_aprovacao_libera_com_checklist(
    gestora_de_valinhos, cliente_de
):
    from atendimento.models import Servico

    cliente, entidade = gestora_de_valinhos
    cliente.post("/adesao/", {
        "representante_legal_nome": "Lucimara Godoy", "representante_legal_cpf": "11144477735",
        "representante_legal_cargo": "Prefeita", "regime": "rgps", "aceite_minuta": "on",
        "aceite_plano_de_trabalho": "on",
    })
    cliente.post("/adesao/", _arquivos("oficio", "lei_criacao", "outorga", "documento_pessoal", "certidao_debitos"))
    adesao = Adesao.objects.get(entidade=entidade)
    karina = cliente_de("karina")
    assert "Prefeitura Municipal de Valinhos" in karina.get("/adesoes/").content.decode()
    karina.post(f"/adesoes/{adesao.pk}/pedir/", {"texto": "Envie a ata de posse."})
    html = cliente.get("/adesao/").content.decode()
    assert "Envie a ata de posse." in html
    pedido = adesao.pedidos.get()
    cliente.post(f"/adesao/pedidos/{pedido.pk}/responder/", {"resposta": "Segue.", "documento": pdf("ata.pdf")})
    adesao.refresh_from_db()
    assert adesao.status == StatusAdesao.EM_ANALISE
    processo_errado = karina.post(f"/adesoes/{adesao.pk}/aprovar/", {
        "processo_sei": "23037.001462/2021-56", "vigencia_inicio": "2026-12-01", "vigencia_fim": "2031-12-01",
        "servicos": [s.pk for s in Servico.objects.all()[:3]],
    }).content.decode()
    assert "dígitos verificadores" in processo_errado and 'value="23037.001462/2021-56"' in processo_errado
    karina.post(f"/adesoes/{adesao.pk}/aprovar/", {
        "processo_sei": "23037.001462/2021-65", "vigencia_inicio": "2026-12-01", "vigencia_fim": "2031-12-01",
        "servicos": [s.pk for s in Servico.objects.all()[:3]],
    })
    acordo = Acordo.objects.get(entidade=entidade)
    assert acordo.status == StatusAcordo.EM_ANALISE
    assert "Capacitação on-line concluída" in cliente.get("/entidade/").content.decode()
    for item in ("estrutura_fisica", "representantes_indicados", "capacitacao_concluida"):
        karina.post(f"/adesoes/{adesao.pk}/checklist/", {"item": item, "feito": "1"})
    acordo.refresh_from_db()
    assert acordo.status == StatusAcordo.VIGENTE
    assert acordo.servicos_pactuados.count() == 3


def test_fora_da_regiao_e_404(gestora_de_valinhos, cliente_de):
    cliente, entidade = gestora_de_valinhos
    cliente.post("/adesao/", {
        "representante_legal_nome": "L", "representante_legal_cpf": "11144477735", "representante_legal_cargo": "P",
        "regime": "rgps", "aceite_minuta": "on", "aceite_plano_de_trabalho": "on",
    })
    cliente.post("/adesao/", _arquivos("oficio", "lei_criacao", "outorga", "documento_pessoal", "certidao_debitos"))
    adesao = Adesao.objects.get(entidade=entidade)
    documento = adesao.documentos.first()
    for intruso in ("fabio", "diego", "elisa"):
        assert cliente_de(intruso).get(f"/adesoes/{adesao.pk}/").status_code == 404
        assert cliente_de(intruso).get(f"/adesoes/documentos/{documento.pk}.pdf").status_code == 404
    assert cliente_de("karina").get(f"/adesoes/documentos/{documento.pk}.pdf").status_code == 200
    assert cliente_de("bruno").get("/adesao/").status_code == 404


def test_listas_da_adesao_com_consultas_limitadas(gestora_de_valinhos, cliente_de, django_assert_max_num_queries):
    karina = cliente_de("karina")
    karina.get("/adesoes/")
    with django_assert_max_num_queries(12):
        karina.get("/adesoes/")
    cliente, _ = gestora_de_valinhos
    with django_assert_max_num_queries(12):
        cliente.get("/adesao/")
    assert Entidade.objects.count() == 6


def test_a_gestao_regional_ve_o_acordo_e_os_servicos_na_pagina_da_entidade(demo, cliente_de):
    from portal.acordos.models import Acordo

    acordo = Acordo.objects.get(entidade__cnpj="51885242000140")
    html = cliente_de("karina").get("/entidades/51885242000140/").content.decode()
    assert f"ACT {acordo.numero}" in html and acordo.processo_sei_formatado in html
    assert all(str(servico) in html for servico in acordo.servicos_pactuados.all())
