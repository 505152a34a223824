"""O catálogo no banco é o da seed 003: as 19 linhas da tabela (as quatro colunas) e os textos das
"Orientações de utilização do catálogo"."""

import re
from pathlib import Path

import pytest

from suporte.models import ItemCatalogo

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "003_313139905fe2c6db.txt"


def _texto_da_seed() -> str:
    texto = SEED.read_text(encoding="utf-8")
    texto = texto.replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", texto)


def _linhas_da_tabela() -> list[list[str]]:
    linhas = SEED.read_text(encoding="utf-8").splitlines()
    inicio = linhas.index("SERVIÇO/SISTEMA\tMÓDULO\tFUNCIONALIDADE\tMOTIVO") + 1
    return [linha.split("\t") for linha in linhas[inicio:inicio + 19]]


@pytest.mark.django_db
def test_as_19_linhas_da_tabela_estao_no_banco_com_as_quatro_colunas():
    tabela = _linhas_da_tabela()
    itens = list(ItemCatalogo.objects.order_by("numero"))
    assert len(itens) == 19
    for linha, item in zip(tabela, itens, strict=True):
        numero, servico = linha[0].split(". ", 1)
        motivo = "" if linha[3] == "---" else linha[3]
        assert (int(numero), servico, linha[1], linha[2], motivo) == (
            item.numero, item.servico_sistema, item.modulo, item.funcionalidade, item.motivo
        )


@pytest.mark.django_db
def test_solicitacao_objetivo_ocorrencias_e_notas_sao_as_da_seed_palavra_por_palavra():
    seed = _texto_da_seed()
    for item in ItemCatalogo.objects.all():
        for trecho in [item.solicitacao, item.objetivo, *item.ocorrencias]:
            assert re.sub(r"\s+", " ", trecho) in seed, (item.numero, trecho)
        for nota in item.atencao:
            # a única correção de texto: o parêntese que faltava no fim da nota 3 do item 12
            assert re.sub(r"\s+", " ", nota).rstrip(").") in seed, (item.numero, nota)


@pytest.mark.django_db
def test_itens_12_13_e_14_exigem_a_tela_do_erro():
    assert set(ItemCatalogo.objects.filter(exige_tela_de_erro=True).values_list("numero", flat=True)) == {12, 13, 14}


@pytest.mark.django_db
def test_caminho_como_a_tela_do_suporte_mostra():
    assert ItemCatalogo.objects.get(numero=8).caminho == "ACORDO > MANUTENÇÃO DO ACORDO > VIGÊNCIA > PRORROGAÇÃO"
    assert ItemCatalogo.objects.get(numero=12).caminho == "PORTAL DE REQUERIMENTOS > SISTEMA > INDISPONIBILIDADE"
