"""O lado da entidade: a lista dos requerimentos (busca por protocolo, CPF e nome; situação; custo fixo de
consultas), o requerimento com as 6 etapas da seed 002, a exigência com o prazo e a decisão. Qualquer
representante com acesso lê (o papel Consulta inclusive); responder é de quem protocola e dos gestores."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from atendimento.models import Decisao, Requerimento, StatusRequerimento
from atendimento.services.analise import requerimento_assumir, requerimento_concluir
from atendimento.services.exigencia import exigencia_emitir, exigencia_responder
from tests.requerimentos_apoio import (
    cliente_de_bruno_por_campinas,
    cliente_logado,
    entidade,
    numero,
    protocolos,
    representante_de_consulta,
    requerimento_protocolado,
)

pytestmark = pytest.mark.django_db

LISTA = "/requerimentos/"


def detalhe(requerimento) -> str:
    return f"/requerimentos/{requerimento.pk}/"


def situacoes(resposta) -> dict[int, str]:
    return {etapa.numero: etapa.situacao for etapa in resposta.context["etapas"]}


@pytest.fixture
def bruno(demo, cliente_de, pessoa):
    return cliente_de_bruno_por_campinas(cliente_de, pessoa)


# --- a lista ------------------------------------------------------------------------------------------------


def test_lista_busca_por_protocolo_cpf_e_nome_e_mascara_o_cpf(bruno):
    joana = requerimento_protocolado(cidadao_nome="Joana Pereira Lima", cidadao_cpf="39053344705")
    pedro = requerimento_protocolado(cidadao_nome="Pedro Alves")
    resposta = bruno.get(LISTA)
    assert resposta.status_code == 200
    assert protocolos(resposta) == [pedro.protocolo, joana.protocolo]  # do mais recente ao mais antigo
    html = resposta.content.decode()
    assert "39053344705" not in html and "390.533.447-05" not in html and "Joana Pereira Lima" in html
    for termo in (joana.protocolo, numero(joana), "39053344705", "390.533.447-05", "Pereira"):
        assert protocolos(bruno.get(LISTA, {"texto": termo})) == [joana.protocolo], termo
    assert protocolos(bruno.get(LISTA, {"texto": "Alves"})) == [pedro.protocolo]
    assert "Nenhum requerimento com estes filtros." in bruno.get(LISTA, {"texto": "Ninguém"}).content.decode()


def test_lista_filtra_pela_situacao_e_mostra_prazo_e_decisao(bruno, pessoa):
    gabriela = pessoa("gabriela")
    em_exigencia = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    exigencia = exigencia_emitir(requerimento=em_exigencia, texto="Falta a CTPS.", itens="", por=gabriela)
    concluido = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    requerimento_concluir(requerimento=concluido, decisao=Decisao.INDEFERIDO, motivo="Renda acima do limite.",
                          por=gabriela)
    aguardando = requerimento_protocolado()
    assert protocolos(bruno.get(LISTA, {"status": "em_exigencia"})) == [em_exigencia.protocolo]
    assert protocolos(bruno.get(LISTA, {"status": "protocolado"})) == [aguardando.protocolo]
    html = bruno.get(LISTA).content.decode()
    assert f"Responder até {exigencia.prazo_fim:%d/%m/%Y}" in html
    assert 'data-testid="decisao">Indeferido<' in html


def test_lista_com_htmx_devolve_so_os_resultados(bruno):
    requerimento = requerimento_protocolado()
    parcial = bruno.get(LISTA, {"texto": requerimento.protocolo}, headers={"HX-Request": "true"}).content.decode()
    assert parcial.lstrip().startswith('<div id="resultados">') and numero(requerimento) in parcial


def test_lista_custa_o_mesmo_numero_de_consultas_com_3_ou_40_requerimentos(bruno, pessoa,
                                                                           django_assert_num_queries):
    for _ in range(3):
        requerimento_protocolado(documentos=0)
    bruno.get(LISTA)
    with CaptureQueriesContext(connection) as poucos:
        assert len(protocolos(bruno.get(LISTA))) == 3
    gabriela = pessoa("gabriela")
    for indice in range(37):
        requerimento = requerimento_protocolado(documentos=0)
        if indice % 4 == 0:
            requerimento = requerimento_assumir(requerimento=requerimento, por=gabriela)
            exigencia_emitir(requerimento=requerimento, texto="Falta a CTPS.", itens="", por=gabriela)
    with django_assert_num_queries(len(poucos.captured_queries)):
        resposta = bruno.get(LISTA)
    assert resposta.context["pagina"].paginator.count == 40
    assert len(poucos.captured_queries) <= 12


def test_o_rascunho_leva_ao_preenchimento(bruno, pessoa):
    rascunho = Requerimento.objects.create(entidade=entidade(), servico=requerimento_protocolado().servico,
                                           representante=pessoa("bruno"), cidadao_nome="Em preenchimento")
    html = bruno.get(LISTA).content.decode()
    assert f'href="/requerimentos/{rascunho.pk}/preencher/"' in html
    resposta = bruno.get(detalhe(rascunho))
    assert resposta.status_code == 302 and resposta["Location"] == f"/requerimentos/{rascunho.pk}/preencher/"


def test_botao_de_novo_requerimento_para_quem_protocola_e_a_razao_para_quem_nao(bruno):
    html = bruno.get(LISTA).content.decode()
    assert 'href="/requerimentos/novo/"' in html and 'data-testid="por-que-nao-protocola"' not in html
    consulta = cliente_logado(representante_de_consulta()).get(LISTA).content.decode()
    assert 'href="/requerimentos/novo/"' not in consulta
    assert "ele permite consultar, não protocolar" in consulta


# --- quem vê o quê -------------------------------------------------------------------------------------------


def test_ana_gestora_ve_o_requerimento_que_bruno_protocolou(demo, cliente_de, pessoa):
    requerimento = requerimento_protocolado(representante=pessoa("bruno"))
    ana = cliente_de("ana")
    assert protocolos(ana.get(LISTA)) == [requerimento.protocolo]
    html = ana.get(detalhe(requerimento)).content.decode()
    assert "Bruno Lima" in html and requerimento.cidadao_nome in html


def test_diego_nao_ve_os_requerimentos_de_campinas(demo, cliente_de):
    requerimento_protocolado()
    assert protocolos(cliente_de("diego").get(LISTA)) == []


def test_consulta_le_o_requerimento_e_a_exigencia_mas_nao_responde(demo, pessoa):
    gabriela = pessoa("gabriela")
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    exigencia_emitir(requerimento=requerimento, texto="Falta a CTPS.", itens="CTPS", por=gabriela)
    consulta = cliente_logado(representante_de_consulta())
    assert protocolos(consulta.get(LISTA)) == [requerimento.protocolo]
    html = consulta.get(detalhe(requerimento)).content.decode()
    assert "Falta a CTPS." in html and 'data-testid="so-consulta"' in html
    assert 'data-testid="formulario-de-resposta"' not in html and 'data-testid="prorrogar"' not in html
    assert consulta.post(f"{detalhe(requerimento)}responder/", {"resposta": "Segue."}).status_code == 404
    assert Requerimento.objects.get(pk=requerimento.pk).status == StatusRequerimento.EM_EXIGENCIA


def test_quem_nunca_representou_entidade_recebe_404_e_quem_teve_o_acesso_vencido_sabe_por_que(demo, cliente_de,
                                                                                              pessoa):
    requerimento = requerimento_protocolado()
    assert cliente_de("gabriela").get(LISTA).status_code == 404
    pessoa("ana").vinculos.update(valido_ate=timezone.now() - timedelta(days=1))
    resposta = cliente_de("ana").get(detalhe(requerimento))
    assert resposta.status_code == 404 and "Prefeitura Municipal de Campinas" in resposta.content.decode()


# --- a linha do tempo ---------------------------------------------------------------------------------------


def test_a_linha_do_tempo_acompanha_as_6_etapas_ate_o_resultado(bruno, pessoa):
    gabriela = pessoa("gabriela")
    requerimento = requerimento_protocolado(documentos=3)

    resposta = bruno.get(detalhe(requerimento))
    assert situacoes(resposta) == {1: "concluida", 2: "concluida", 3: "concluida", 4: "atual", 5: "pendente",
                                   6: "pendente"}
    etapas = {etapa.numero: etapa for etapa in resposta.context["etapas"]}
    assert etapas[3].quando == requerimento.protocolado_em and numero(requerimento) in etapas[3].texto
    assert etapas[2].quando is not None  # os termos assinados, digitalizados no envio
    html = resposta.content.decode()
    for nome in ("Recepção", "Identificação da demanda", "Digitalização e envio", "Análise",
                 "Complementação (exigência)", "Resultado"):
        assert nome in html

    requerimento = requerimento_assumir(requerimento=requerimento, por=gabriela)
    etapas = {e.numero: e for e in bruno.get(detalhe(requerimento)).context["etapas"]}
    assert etapas[4].situacao == "atual" and etapas[4].quando is not None

    exigencia = exigencia_emitir(requerimento=requerimento, texto="Falta o CadÚnico.", itens="CadÚnico",
                                 por=gabriela)
    resposta = bruno.get(detalhe(requerimento))
    assert situacoes(resposta)[5] == "atual"
    html = resposta.content.decode()
    assert f"prazo até {exigencia.prazo_fim:%d/%m/%Y}" in html and 'data-testid="exigencia-aberta"' in html

    exigencia_responder(exigencia=exigencia, resposta="Segue o CadÚnico.", documentos=[], por=pessoa("bruno"))
    assert situacoes(bruno.get(detalhe(requerimento))) == {1: "concluida", 2: "concluida", 3: "concluida",
                                                           4: "atual", 5: "concluida", 6: "pendente"}

    requerimento_concluir(requerimento=Requerimento.objects.get(pk=requerimento.pk), decisao=Decisao.DEFERIDO,
                          motivo="Requisitos comprovados.", por=gabriela)
    resposta = bruno.get(detalhe(requerimento))
    assert set(situacoes(resposta).values()) == {"concluida"}
    resultado = {e.numero: e for e in resposta.context["etapas"]}[6]
    assert resultado.texto.startswith("Deferido.") and "por meio da entidade" in resultado.texto
    html = resposta.content.decode()
    assert 'data-testid="decisao"' in html and "Requisitos comprovados." in html


def test_concluido_sem_exigencia_mostra_a_complementacao_como_dispensada(bruno, pessoa):
    gabriela = pessoa("gabriela")
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    requerimento_concluir(requerimento=requerimento, decisao=Decisao.INDEFERIDO, motivo="Renda acima do limite.",
                          por=gabriela)
    assert situacoes(bruno.get(detalhe(requerimento)))[5] == "dispensada"


def test_pagina_do_requerimento_custa_o_mesmo_numero_de_consultas_com_mais_exigencias(bruno, pessoa,
                                                                                   django_assert_num_queries):
    gabriela = pessoa("gabriela")
    um = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    exigencia_emitir(requerimento=um, texto="Falta a CTPS.", itens="", por=gabriela)
    bruno.get(detalhe(um))
    with CaptureQueriesContext(connection) as poucas:
        bruno.get(detalhe(um))
    outro = requerimento_assumir(requerimento=requerimento_protocolado(documentos=3), por=gabriela)
    for texto in ("Primeira.", "Segunda."):
        exigencia = exigencia_emitir(requerimento=Requerimento.objects.get(pk=outro.pk), texto=texto, itens="",
                                     por=gabriela)
        exigencia_responder(exigencia=exigencia, resposta="Segue.", documentos=[], por=pessoa("bruno"))
    exigencia_emitir(requerimento=Requerimento.objects.get(pk=outro.pk), texto="Terceira.", itens="", por=gabriela)
    with django_assert_num_queries(len(poucas.captured_queries)):
        bruno.get(detalhe(outro))
    assert len(poucas.captured_queries) <= 12
