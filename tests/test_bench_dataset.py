"""O gerador do conjunto nacional (bench/dataset.py) numa escala pequena, num PostgreSQL descartável: os volumes
seguem a escala, a carga respeita as restrições e devolve índices, chaves e sequências, a mesma semente dá os
mesmos dados, a segunda execução não refaz nada, e as páginas das personas abrem sobre o conjunto."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from bench.comum import volumes_na_escala
from tests.fabricas import url_do_banco_irmao

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="o gerador carrega com COPY do PostgreSQL",
)
RAIZ = Path(__file__).resolve().parent.parent
ESCALA = 0.002

# Abre as páginas com o Client do Django num processo apontado para o banco gerado.
PAGINAS = r"""
import json, os, sys
from urllib.parse import urlencode
import django
django.setup()
from django.test import Client
from portal.contas.models import Usuario

resumo = json.loads(sys.argv[1])
alvos = resumo["alvos"]
requerimento = resumo["detalhes"]["requerimento_campinas"]
paginas = [
    ("ana", "/requerimentos/", "Nenhum requerimento"),
    ("ana", f"/requerimentos/{alvos['requerimento_de_campinas']}/", None),
    ("ana", "/suporte/", "Nenhum chamado"),
    ("gabriela", "/analise/", "Nenhum requerimento"),
    ("gabriela", f"/analise/{alvos['requerimento_de_campinas']}/", "Nenhum evento"),
    ("gabriela", "/analise/?" + urlencode({"texto": alvos["protocolo_para_busca"]}), "Nenhum requerimento"),
    ("gabriela", "/analise/?" + urlencode({"texto": alvos["cpf_para_busca"]}), "Nenhum requerimento"),
    ("elisa", "/suporte/fila/?status=abertos", "Nenhum chamado"),
    ("elisa", f"/suporte/chamados/{alvos['chamado_com_20_acompanhamentos']}/", "Nenhum acompanhamento"),
    ("heitor", "/agencia/balcao/?" + urlencode({"dia": alvos["dia_movimentado_do_heitor"]}), "Nenhum agendamento"),
    ("karina", "/painel/", None),
]
saida = []
for apelido, caminho, vazio in paginas:
    cliente = Client()
    cliente.force_login(Usuario.objects.get(cpf=resumo["personas"][apelido]),
                        backend="django.contrib.auth.backends.ModelBackend")
    resposta = cliente.get(caminho)
    corpo = resposta.content.decode()
    saida.append({"pagina": f"{apelido} {caminho}", "status": resposta.status_code,
                  "vazia": bool(vazio) and vazio in corpo,
                  "protocolo": requerimento["protocolo_formatado"] in corpo})
print(json.dumps(saida))
"""


def _gerar(url: str, resumo: Path, *opcoes: str) -> subprocess.CompletedProcess:
    ambiente = {**os.environ, "BENCH_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "bench.dataset", "--escala", str(ESCALA), "--resumo", str(resumo), *opcoes],
        cwd=RAIZ, env=ambiente, capture_output=True, text=True, timeout=900, check=False,
    )


def _consultar(url: str, sql: str) -> list:
    with psycopg.connect(url) as conexao:
        return conexao.execute(sql).fetchall()


def _impressao_digital(url: str) -> list:
    """O que a semente decide: protocolos e cidadãos, chamados, vagas e pessoas, na ordem dos ids."""
    return [
        _consultar(url, "SELECT protocolo, cidadao_cpf, entidade_id, status FROM atendimento_requerimento ORDER BY id"),
        _consultar(url, "SELECT codigo, entidade_id, status FROM suporte_chamado ORDER BY id"),
        _consultar(url, "SELECT agenda_id, inicio, ocupadas FROM atendimento_vaga ORDER BY id"),
        _consultar(url, "SELECT cpf, nome FROM contas_usuario ORDER BY id"),
    ]


@pytest.fixture(scope="module")
def gerado(tmp_path_factory):
    nome = f"bench_teste_{uuid.uuid4().hex[:12]}"
    url = url_do_banco_irmao(nome)
    resumo = tmp_path_factory.mktemp("bench") / "dataset.json"
    try:
        execucao = _gerar(url, resumo)
        assert execucao.returncode == 0, execucao.stdout + execucao.stderr
        yield {"url": url, "caminho": resumo, "resumo": json.loads(resumo.read_text()), "saida": execucao.stdout}
    finally:
        with psycopg.connect(url_do_banco_irmao("postgres"), autocommit=True) as conexao:
            conexao.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')


def test_os_volumes_seguem_a_escala_contando_a_demonstracao(gerado):
    volumes = gerado["resumo"]["volumes"]
    for chave, esperado in volumes_na_escala(ESCALA).items():
        assert volumes[chave] == esperado, chave
    assert volumes["requerimentos"] == 4_000 and volumes["chamados"] == 400 and volumes["vagas"] == 1_000
    assert volumes["eventos"] > volumes["requerimentos"] + volumes["chamados"]
    assert gerado["resumo"]["contagens"]["atendimento_requerimento"] == volumes["requerimentos"]


def test_o_resumo_traz_o_que_o_benchmark_procura(gerado):
    resumo = gerado["resumo"]
    alvos = resumo["alvos"]
    url = gerado["url"]
    codigo = alvos["chamado_com_20_acompanhamentos"]
    assert _consultar(url, "SELECT count(*) FROM suporte_acompanhamento a JOIN suporte_chamado c "
                           f"ON c.id = a.chamado_id WHERE c.codigo = '{codigo}'") == [(20,)]
    (cnpj, protocolo, cpf), = _consultar(
        url, "SELECT e.cnpj, r.protocolo, r.cidadao_cpf FROM atendimento_requerimento r JOIN entidades_entidade e "
             f"ON e.id = r.entidade_id WHERE r.id = {int(alvos['requerimento_de_campinas'])}")
    assert (cnpj, protocolo, cpf) == ("51885242000140", alvos["protocolo_para_busca"], alvos["cpf_para_busca"])
    assert alvos["dia_movimentado_do_heitor"] == resumo["hoje"]
    assert resumo["detalhes"]["balcao_heitor"]["agendamentos"] > 0
    assert resumo["detalhes"]["fila_sudeste_1"]["abertos"] > 0


@pytest.mark.django_db
def test_a_carga_devolve_indices_chaves_e_sequencias(gerado):
    """Os índices e as chaves estrangeiras retirados para a carga voltaram (os mesmos de um banco migrado, todos
    validados) e as sequências estão depois dos ids e números gerados."""
    sql_chaves = ("SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                  "WHERE n.nspname = 'public' AND c.contype = 'f' AND c.convalidated ORDER BY 1")
    sql_indices = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
    with connection.cursor() as cursor:
        cursor.execute(sql_chaves)
        chaves = cursor.fetchall()
        cursor.execute(sql_indices)
        indices = cursor.fetchall()
    url = gerado["url"]
    assert chaves and _consultar(url, sql_chaves) == chaves
    assert set(indices) <= set(_consultar(url, sql_indices))
    for tabela in ("atendimento_requerimento", "auditoria_evento", "suporte_chamado", "contas_usuario"):
        (proximo_livre,), = _consultar(
            url, f"SELECT (SELECT last_value FROM {tabela}_id_seq) >= (SELECT max(id) FROM {tabela})")
        assert proximo_livre, tabela
    ano = gerado["resumo"]["hoje"][:4]
    (maior,), = _consultar(url, f"SELECT max(substr(protocolo, 5, 8)::int) FROM atendimento_requerimento "
                                f"WHERE protocolo LIKE '{ano}%'")
    assert _consultar(url, f"SELECT ultimo FROM operacao_sequencia WHERE chave = 'protocolo:{ano}'") == [(maior,)]


def test_a_mesma_semente_da_os_mesmos_dados_e_a_segunda_execucao_nao_refaz_nada(gerado):
    url, resumo = gerado["url"], gerado["caminho"]
    antes = _impressao_digital(url)
    repetida = _gerar(url, resumo)
    assert repetida.returncode == 0, repetida.stdout + repetida.stderr
    assert "nada a fazer" in repetida.stdout
    assert _impressao_digital(url) == antes
    outra_semente = _gerar(url, resumo.with_name("outra.json"), "--semente", "7")
    assert outra_semente.returncode == 2 and "--recriar" in outra_semente.stdout
    refeita = _gerar(url, resumo, "--recriar")
    assert refeita.returncode == 0, refeita.stdout + refeita.stderr
    if json.loads(resumo.read_text())["hoje"] != gerado["resumo"]["hoje"]:
        pytest.skip("a geração atravessou a meia-noite: a âncora mudou")
    assert _impressao_digital(url) == antes


def test_as_paginas_das_personas_abrem_sobre_o_conjunto(gerado):
    ambiente = {**os.environ, "DATABASE_URL": gerado["url"], "DJANGO_SETTINGS_MODULE": "portal.settings_teste"}
    execucao = subprocess.run([sys.executable, "-c", PAGINAS, json.dumps(gerado["resumo"])], cwd=RAIZ,
                              env=ambiente, capture_output=True, text=True, timeout=300, check=False)
    assert execucao.returncode == 0, execucao.stderr
    paginas = json.loads(execucao.stdout.strip().splitlines()[-1])
    assert [p["pagina"] for p in paginas if p["status"] != 200] == []
    assert [p["pagina"] for p in paginas if p["vazia"]] == []
    # As buscas de Gabriela pelo protocolo e pelo CPF acham o requerimento de Campinas do resumo.
    assert [p["protocolo"] for p in paginas if "texto=" in p["pagina"]] == [True, True]
