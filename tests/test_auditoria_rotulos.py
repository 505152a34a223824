"""Toda ação gravada num evento tem rótulo em português no histórico: uma ação nova sem rótulo reprova."""

import ast
from pathlib import Path

from portal.auditoria.rotulos import ACOES

RAIZ = Path(__file__).resolve().parent.parent
FUNCOES_DE_EVENTO = {"evento_registrar", "eventos_registrar_em_lote"}


def _acoes_gravadas_no_codigo() -> dict[str, str]:
    acoes = {}
    for arquivo in RAIZ.glob("*/**/*.py"):
        if arquivo.parts[len(RAIZ.parts)] in {".venv", "tests", "var", "bench"}:
            continue
        for no in ast.walk(ast.parse(arquivo.read_text(), filename=str(arquivo))):
            if isinstance(no, ast.Call) and getattr(no.func, "id", getattr(no.func, "attr", None)) in FUNCOES_DE_EVENTO:
                for argumento in no.keywords:
                    if argumento.arg == "acao" and isinstance(argumento.value, ast.Constant):
                        acoes[argumento.value.value] = f"{arquivo.relative_to(RAIZ)}:{no.lineno}"
    return acoes


def test_cada_acao_gravada_em_evento_tem_rotulo():
    acoes = _acoes_gravadas_no_codigo()
    assert len(acoes) > 30  # a varredura acha as chamadas de verdade
    sem_rotulo = {acao: onde for acao, onde in acoes.items() if acao not in ACOES}
    assert not sem_rotulo, f"Ações sem rótulo em portal/auditoria/rotulos.py: {sem_rotulo}"
