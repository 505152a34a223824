"""Adesão ao ACT (seed 002) e a vida do acordo: documentos e aceites, pedido de documentos, aprovação com
processo SEI, checklist que libera a operacionalização, vencimento e rescisão."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from atendimento.models import Servico
from portal.acordos.models import Acordo, Adesao, AlteracaoDoAcordo, StatusAcordo, StatusAdesao
from portal.acordos.selectors import acordo_em_vigor, adesoes_para_analise, por_que_nao_opera
from portal.acordos.services import (
    DocumentoNovo,
    ErroDoAcordo,
    acordo_rescindir,
    acordos_vencer,
    adesao_aprovar,
    adesao_enviar,
    adesao_iniciar,
    adesao_pedir_documentos,
    adesao_responder,
    checklist_marcar,
)
from portal.arquivos import PDF, verificar_arquivo
from portal.entidades.services import entidade_criar
from portal.organizacao.models import Municipio
from tests.fabricas import cnpj_valido
from tests.suporte_apoio import pdf

pytestmark = pytest.mark.django_db

PROCESSO = "23037.001462/2021-65"


def _doc(tipo):
    return DocumentoNovo(tipo=tipo, verificado=verificar_arquivo(pdf(f"{tipo}.pdf"), tipos=(PDF,), limite=5 << 20))


def _nova_adesao(pessoa, regime="rpps"):
    entidade = entidade_criar(cnpj=cnpj_valido(12345678), razao_social="Prefeitura Municipal de Valinhos",
                              tipo="prefeitura", municipio=Municipio.objects.get(codigo_ibge="3556206"))
    return adesao_iniciar(
        entidade=entidade, representante_legal_nome="Lucimara Godoy", representante_legal_cpf="111.444.777-35",
        representante_legal_cargo="Prefeita", regime=regime, aceite_minuta=True, aceite_plano_de_trabalho=True,
        por=pessoa("ana"),
    )


DOCUMENTOS_BASICOS = ["oficio", "lei_criacao", "outorga", "documento_pessoal"]


def test_adesao_sem_o_crp_e_recusada_e_nada_e_gravado(pessoa):
    adesao = _nova_adesao(pessoa, regime="rpps")
    with pytest.raises(ErroDoAcordo, match="Certificado de Regularidade Previdenciária") as erro:
        adesao_enviar(adesao=adesao, documentos=[_doc(t) for t in DOCUMENTOS_BASICOS], por=pessoa("ana"))
    assert "inexistência de débitos" not in str(erro.value)
    assert adesao.documentos.count() == 0
    assert Adesao.objects.get(pk=adesao.pk).status == StatusAdesao.RASCUNHO
    enviada = adesao_enviar(adesao=adesao, documentos=[_doc(t) for t in [*DOCUMENTOS_BASICOS, "crp"]],
                            por=pessoa("ana"))
    assert enviada.status == StatusAdesao.EM_ANALISE
    assert enviada.documentos.count() == 5


def test_entidade_so_do_rgps_apresenta_a_certidao_em_vez_do_crp(pessoa):
    adesao = _nova_adesao(pessoa, regime="rgps")
    with pytest.raises(ErroDoAcordo, match="inexistência de débitos"):
        adesao_enviar(adesao=adesao, documentos=[_doc(t) for t in [*DOCUMENTOS_BASICOS, "crp"]], por=pessoa("ana"))
    adesao_enviar(adesao=adesao, documentos=[_doc(t) for t in [*DOCUMENTOS_BASICOS, "certidao_debitos"]],
                  por=pessoa("ana"))


def test_sem_aceite_da_minuta_e_do_plano_nao_envia(pessoa):
    adesao = _nova_adesao(pessoa)
    Adesao.objects.filter(pk=adesao.pk).update(aceite_minuta=False, aceite_plano_de_trabalho=False)
    adesao.refresh_from_db()
    with pytest.raises(ErroDoAcordo, match="minuta do ACT.*Plano de Trabalho"):
        adesao_enviar(adesao=adesao, documentos=[_doc(t) for t in [*DOCUMENTOS_BASICOS, "crp"]], por=pessoa("ana"))


def _em_analise(pessoa):
    adesao = _nova_adesao(pessoa)
    return adesao_enviar(adesao=adesao, documentos=[_doc(t) for t in [*DOCUMENTOS_BASICOS, "crp"]], por=pessoa("ana"))


def test_gestora_regional_pede_documento_e_a_entidade_responde(pessoa):
    adesao = _em_analise(pessoa)
    pedido = adesao_pedir_documentos(adesao=adesao, texto="Envie a ata de posse da prefeita.", por=pessoa("karina"))
    assert Adesao.objects.get(pk=adesao.pk).status == StatusAdesao.AGUARDANDO_ENTIDADE
    with pytest.raises(ErroDoAcordo, match="Anexe os documentos pedidos"):
        adesao_responder(pedido=pedido, resposta="", documentos=[], por=pessoa("ana"))
    adesao = adesao_responder(pedido=pedido, resposta="Segue a ata.", documentos=[_doc("adicional")],
                              por=pessoa("ana"))
    assert adesao.status == StatusAdesao.EM_ANALISE
    assert adesao.documentos.filter(pedido=pedido).count() == 1


def test_aprovacao_com_checklist_incompleto_bloqueia_a_operacionalizacao_ate_completar(pessoa):
    adesao = _em_analise(pessoa)
    servicos = list(Servico.objects.filter(codigo__startswith="aposentadoria"))
    acordo = adesao_aprovar(adesao=adesao, processo_sei=PROCESSO, vigencia_inicio=date(2026, 1, 1),
                            vigencia_fim=date(2031, 1, 1), servicos=servicos, por=pessoa("karina"))
    assert acordo.status == StatusAcordo.EM_ANALISE
    assert acordo.processo_sei_formatado == PROCESSO
    assert acordo.numero == "1/2026-SR1"
    assert acordo_em_vigor(acordo.entidade) is None
    motivo = por_que_nao_opera(acordo.entidade)
    assert "bloqueada" in motivo and "Capacitação on-line concluída" in motivo
    for item in ("estrutura_fisica", "representantes_indicados"):
        checklist_marcar(adesao=adesao, item=item, feito=True, por=pessoa("karina"))
    assert Acordo.objects.get(pk=acordo.pk).status == StatusAcordo.EM_ANALISE
    checklist_marcar(adesao=adesao, item="capacitacao_concluida", feito=True, por=pessoa("karina"))
    acordo.refresh_from_db()
    assert acordo.status == StatusAcordo.VIGENTE
    assert acordo_em_vigor(acordo.entidade) == acordo
    assert por_que_nao_opera(acordo.entidade) is None
    assert set(acordo.servicos_pactuados.all()) == set(servicos)
    assert list(acordo.alteracoes.values_list("tipo", flat=True)) == ["criacao", "operacionalizacao"]


def test_processo_sei_com_digito_errado_e_recusado(pessoa):
    from django.core.exceptions import ValidationError

    adesao = _em_analise(pessoa)
    with pytest.raises(ValidationError, match="dígitos verificadores"):
        adesao_aprovar(adesao=adesao, processo_sei="23037.001462/2021-56", vigencia_inicio=date(2026, 1, 1),
                       vigencia_fim=date(2031, 1, 1), servicos=list(Servico.objects.all()[:1]), por=pessoa("karina"))
    assert Adesao.objects.get(pk=adesao.pk).status == StatusAdesao.EM_ANALISE


def test_vigencia_terminada_vira_vencido_pela_varredura_uma_vez(pessoa):
    acordo = Acordo.objects.get(entidade__cnpj="51885242000140")
    fim = acordo.vigencia_fim
    Acordo.objects.exclude(pk=acordo.pk).update(vigencia_fim=fim + timedelta(days=365))
    with time_machine.travel(timezone.make_aware(timezone.datetime.combine(fim, timezone.datetime.min.time()))
                             + timedelta(hours=23)):
        assert acordos_vencer() == 0  # o último dia ainda é de vigência
    with time_machine.travel(timezone.make_aware(timezone.datetime.combine(fim + timedelta(days=1),
                                                                           timezone.datetime.min.time()))):
        assert acordos_vencer() == 1
        assert acordos_vencer() == 0
        assert "terminou" in por_que_nao_opera(acordo.entidade)
    assert AlteracaoDoAcordo.objects.filter(acordo=acordo, tipo="vencimento").count() == 1


def test_rescisao_exige_motivo_e_tira_a_entidade_de_operacao(pessoa):
    acordo = Acordo.objects.get(entidade__cnpj="51885242000140")
    with pytest.raises(ErroDoAcordo, match="motivo"):
        acordo_rescindir(acordo=acordo, motivo=" ", por=pessoa("karina"))
    acordo_rescindir(acordo=acordo, motivo="Descumprimento do plano de trabalho.", por=pessoa("karina"))
    assert "rescindido" in por_que_nao_opera(acordo.entidade)
    with pytest.raises(ErroDoAcordo):
        acordo_rescindir(acordo=acordo, motivo="de novo", por=pessoa("karina"))


def test_adesoes_da_regiao_so_da_sr_da_gestora(pessoa):
    adesao = _em_analise(pessoa)
    assert adesao in adesoes_para_analise(pessoa("karina"))
    assert adesao not in adesoes_para_analise(pessoa("fabio"))
    assert adesao not in adesoes_para_analise(pessoa("elisa"))


def test_demonstracao_tem_acordos_vigentes_com_os_servicos(demo):
    for acordo in Acordo.objects.all():
        assert acordo.status == StatusAcordo.VIGENTE
        assert acordo.servicos_pactuados.count() == Servico.objects.count() == 18


def test_minha_entidade_mostra_o_acordo_e_por_que_a_operacionalizacao_esta_bloqueada(cliente_de, pessoa):
    html = cliente_de("ana").get("/entidade/").content.decode()
    assert "Processo SEI" in html and "Vigente" in html and 'data-testid="bloqueio-do-acordo"' not in html
    acordo = Acordo.objects.get(entidade__cnpj="51885242000140")
    acordo_rescindir(acordo=acordo, motivo="Encerramento a pedido da prefeitura.", por=pessoa("karina"))
    html = cliente_de("ana").get("/entidade/").content.decode()
    assert "A entidade não pode protocolar requerimentos agora." in html
    assert "Encerramento a pedido da prefeitura." in html


def _gestora_de_valinhos(adesao):
    from django.test import Client

    from portal.contas.models import Usuario
    from portal.entidades.services import validade_padrao, vinculo_criar

    gestora = Usuario.objects.create_user("98765432100", "Orestes Previtale", "orestes@valinhos.sp.gov.br", "x")
    vinculo_criar(usuario=gestora, entidade=adesao.entidade, papel="CONSULTA", valido_ate=validade_padrao(),
                  gestor=True, cadastrador=True)
    cliente = Client()
    cliente.force_login(gestora, backend="django.contrib.auth.backends.ModelBackend")
    return cliente


def test_resposta_recusada_volta_com_o_texto_digitado_so_no_pedido_respondido(pessoa):
    adesao = _em_analise(pessoa)
    pedido = adesao_pedir_documentos(adesao=adesao, texto="Envie a ata de posse.", por=pessoa("karina"))
    outro = adesao_pedir_documentos(adesao=adesao, texto="Envie o CRP atualizado.", por=pessoa("karina"))
    cliente = _gestora_de_valinhos(adesao)
    from django.core.files.uploadedfile import SimpleUploadedFile

    falso = SimpleUploadedFile("ata.pdf", b"<html>nao e pdf</html>", content_type="application/pdf")
    resposta = cliente.post(f"/adesao/pedidos/{pedido.pk}/responder/", {"resposta": "Segue a ata & o termo",
                                                                         "documento": falso})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "PDF" in html and "Segue a ata &amp; o termo" in html
    assert html.count("Segue a ata") == 1, "o texto digitado apareceu também no formulário do outro pedido"
    assert not adesao.documentos.filter(pedido=pedido).exists()
    assert not type(pedido).objects.filter(pk__in=[pedido.pk, outro.pk], respondido_em__isnull=False).exists()


def test_adesao_decidida_nao_mostra_nem_aceita_resposta_ao_pedido_aberto(pessoa):
    adesao = _em_analise(pessoa)
    pedido = adesao_pedir_documentos(adesao=adesao, texto="Envie a ata de posse.", por=pessoa("karina"))
    Adesao.objects.filter(pk=adesao.pk).update(status=StatusAdesao.APROVADA)
    cliente = _gestora_de_valinhos(adesao)
    html = cliente.get("/adesao/").content.decode()
    assert "Sem resposta: a adesão já foi decidida." in html
    assert f"/adesao/pedidos/{pedido.pk}/responder/" not in html
    with pytest.raises(ErroDoAcordo, match="já está aprovada"):
        adesao_responder(pedido=type(pedido).objects.get(pk=pedido.pk), resposta="Segue.", documentos=[],
                         por=pessoa("ana"))
