"""O catálogo de serviços e os documentos que cada um exige (administrados na administração do portal)."""

import pytest
from django.urls import reverse

from atendimento.catalogo import AUTODECLARACAO, carregar_documentos_exigidos, carregar_servicos, exige_autodeclaracao
from atendimento.models import DocumentoExigido, Servico

pytestmark = pytest.mark.django_db


def _documentos():
    return sorted(DocumentoExigido.objects.values_list("servico__codigo", "nome", "orientacao", "obrigatorio", "ordem"))


def test_todo_servico_ativo_exige_ao_menos_um_documento_obrigatorio(demo):
    servicos = Servico.objects.filter(ativo=True)
    assert servicos.count() == 18
    for servico in servicos:
        assert servico.documentos_exigidos.filter(obrigatorio=True).exists(), servico.codigo


def test_todo_servico_pede_documento_de_identificacao_com_foto_e_cpf(demo):
    for servico in Servico.objects.all():
        identificacao = servico.documentos_exigidos.get(nome="Documento de identificação com foto e CPF")
        assert identificacao.obrigatorio
        assert identificacao.ordem == min(servico.documentos_exigidos.values_list("ordem", flat=True))


def test_variantes_rurais_e_seguro_defeso_exigem_a_autodeclaracao_e_as_provas_rurais(demo):
    rurais = Servico.objects.filter(variante="rural")
    assert rurais.count() == 4
    for servico in rurais:
        assert exige_autodeclaracao(servico)
        assert servico.documentos_exigidos.get(nome=AUTODECLARACAO).obrigatorio, servico.codigo
        assert servico.documentos_exigidos.get(nome="Documentos da terra").obrigatorio, servico.codigo
        assert servico.documentos_exigidos.filter(nome="Notas fiscais de produtor rural").exists(), servico.codigo
    defeso = Servico.objects.get(codigo="seguro-defeso-pescador")
    assert exige_autodeclaracao(defeso)
    assert defeso.documentos_exigidos.get(nome=AUTODECLARACAO).obrigatorio
    assert defeso.documentos_exigidos.get(nome="Registro Geral da Atividade Pesqueira (RGP)").obrigatorio


def test_servicos_urbanos_e_unicos_nao_pedem_autodeclaracao(demo):
    for servico in Servico.objects.exclude(variante="rural").exclude(codigo="seguro-defeso-pescador"):
        assert not exige_autodeclaracao(servico), servico.codigo
        assert not servico.documentos_exigidos.filter(nome=AUTODECLARACAO).exists(), servico.codigo


def test_cada_servico_pede_o_documento_proprio_do_beneficio(demo):
    def obrigatorios(codigo):
        return set(DocumentoExigido.objects.filter(servico__codigo=codigo, obrigatorio=True).values_list("nome",
                                                                                                         flat=True))

    assert {"Certidão de óbito do instituidor", "Comprovante da condição de dependente"} <= obrigatorios(
        "pensao-morte-urbana")
    assert "Certidão de nascimento da criança" in obrigatorios("salario-maternidade-rural")
    assert "Atestado ou laudo médico" in obrigatorios("auxilio-incapacidade-temporaria-urbana")
    assert "Comprovante de inscrição no CadÚnico" in obrigatorios("bpc-loas-deficiencia")
    assert "Declaração da composição e da renda do grupo familiar" in obrigatorios("bpc-loas-idoso")
    assert "Termo de responsabilidade do procurador" in obrigatorios("procuracao-representante-legal")
    # A procuração é opcional nos benefícios: só quando há procurador.
    procuracao = DocumentoExigido.objects.get(servico__codigo="aposentadoria-idade-urbana",
                                              nome__startswith="Procuração")
    assert not procuracao.obrigatorio and procuracao.orientacao


def test_carregar_de_novo_nao_muda_nada_nem_desfaz_o_que_a_administracao_mudou(demo):
    antes = _documentos()
    carregar_servicos(Servico)
    carregar_documentos_exigidos(Servico, DocumentoExigido)
    carregar_documentos_exigidos(Servico, DocumentoExigido)
    assert _documentos() == antes

    editado = DocumentoExigido.objects.get(servico__codigo="revisao", nome__startswith="Documentos que fundamentam")
    DocumentoExigido.objects.filter(pk=editado.pk).update(obrigatorio=False, orientacao="Texto da administração.")
    carregar_documentos_exigidos(Servico, DocumentoExigido)
    editado.refresh_from_db()
    assert (editado.obrigatorio, editado.orientacao) == (False, "Texto da administração.")
    assert DocumentoExigido.objects.count() == len(antes)


def test_carga_recria_o_que_falta_num_banco_vazio(db):
    DocumentoExigido.objects.all().delete()
    carregar_servicos(Servico)
    carregar_documentos_exigidos(Servico, DocumentoExigido)
    assert DocumentoExigido.objects.filter(servico__codigo="aposentadoria-idade-rural").count() == 7


def test_a_pagina_do_servico_na_administracao_mostra_os_documentos_exigidos(cliente_de):
    servico = Servico.objects.get(codigo="aposentadoria-idade-rural")
    resposta = cliente_de("admin").get(reverse("admin:atendimento_servico_change", args=[servico.pk]))
    assert resposta.status_code == 200
    conteudo = resposta.content.decode()
    assert 'name="documentos_exigidos-TOTAL_FORMS"' in conteudo
    assert AUTODECLARACAO in conteudo
    assert "Documentos da terra" in conteudo
