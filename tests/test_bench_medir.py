"""O benchmark (bench/medir.py) em miniatura: as funções de medida contra o banco de testes, sem gunicorn.

A medição de verdade é `python3 dev.py bench`, contra o conjunto nacional; aqui se confere que as sessões das
personas chegam às páginas certas, que as consultas são contadas e que as varreduras medidas não mudam o banco."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session

from bench import medir
from certificados.models import LoteDaMigracaoA3
from suporte.models import Chamado, StatusChamado
from suporte.services import chamado_solucionar
from tests.suporte_apoio import abrir


def test_percentil_interpola_entre_as_posicoes_vizinhas():
    assert medir.percentil([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert medir.percentil([7.0], 95) == 7.0
    assert medir.percentil([float(n) for n in range(1, 101)], 95) == pytest.approx(95.05)
    with pytest.raises(ValueError):
        medir.percentil([], 50)


def test_resumo_das_latencias_em_milissegundos():
    resumo = medir.resumir([0.010, 0.020, 0.030])
    assert resumo == {"n": 3, "p50_ms": 20.0, "p95_ms": 29.0, "media_ms": 20.0, "max_ms": 30.0}


def test_a_sessao_da_tecnica_chega_a_fila_e_as_consultas_sao_contadas(demo, pessoa):
    abrir(pessoa("ana"))
    chave = medir.sessao_criar(pessoa("elisa"), servidor=True)

    resultado = medir.contar_consultas("/suporte/fila/", chave, marca="Fila do suporte")

    assert 0 < resultado["consultas"] <= medir.ORCAMENTO_CONSULTAS
    assert len(resultado["sql"]) == resultado["consultas"]


def test_uma_pagina_que_nao_e_a_esperada_e_erro_de_medicao(demo, pessoa):
    chave = medir.sessao_criar(pessoa("gabriela"), servidor=True)
    with pytest.raises(medir.ErroDeMedicao, match="não é a página esperada"):
        medir.contar_consultas("/analise/", chave, marca="Fila do suporte")
    with pytest.raises(medir.ErroDeMedicao, match="respondeu 302"):
        medir.contar_consultas("/analise/", None)


def test_bruno_age_por_campinas_e_depois_do_prazo_do_a3_a_sessao_e_marcada(demo):
    lote = LoteDaMigracaoA3.objects.get(nome__startswith="Lote 8")
    campinas = "Requerimentos de Prefeitura Municipal de Campinas"

    chaves, notas = medir.sessoes_das_personas()
    assert set(chaves) == set(medir.PERSONAS) and notas["bruno"].startswith("sessão com senha")
    assert medir.contar_consultas("/requerimentos/", chaves["bruno"], marca=campinas)["consultas"] > 0

    with time_machine.travel(datetime.combine(lote.fim + timedelta(days=1), datetime.min.time())
                             .replace(hour=15, tzinfo=UTC)):
        depois, notas = medir.sessoes_das_personas()
        assert "A3" in notas["bruno"]
        assert medir.contar_consultas("/requerimentos/", depois["bruno"], marca=campinas)["consultas"] > 0

    medir.sessoes_apagar([*chaves.values(), *depois.values()])
    assert not Session.objects.exists()


@pytest.mark.urls("bench.urls_piso")
def test_o_piso_desenha_os_chamados_com_uma_consulta(demo, pessoa):
    for numero in range(3):
        abrir(pessoa("ana"), titulo=f"Chamado do piso {numero}")
    resultado = medir.contar_consultas("/bench/piso/", None, marca="Chamado do piso 2")
    assert resultado["consultas"] == 1


def test_o_fechamento_medido_nao_muda_o_banco(demo, pessoa):
    solucionados = [chamado_solucionar(chamado=abrir(pessoa("ana")), solucao="Feito.", por=pessoa("elisa"))
                    for _ in range(2)]
    novo = abrir(pessoa("ana"))

    with time_machine.travel(datetime.now(UTC) + timedelta(days=8)):
        medida = medir.medir_fechamento(alvo=3)

    assert medida["devidos"] == medida["itens"] == 3 and medida["ja_vencidos_no_banco"] == 2
    assert medida["ok"] and medida["consultas"] > 0
    assert set(Chamado.objects.values_list("status", flat=True).filter(pk__in=[c.pk for c in solucionados])) == {
        StatusChamado.SOLUCIONADO}
    assert Chamado.objects.get(pk=novo.pk).status == StatusChamado.NOVO
