"""O teste de carga (issue 9, item 4): 50 usuários do locust, 10 novos por segundo, 2 minutos, misturando as
jornadas principais, cada uma com a persona certa, contra o gunicorn de produção (o CMD do Dockerfile, por
bench/medir.py) num banco de carga novo (migrado, com a demonstração e o que tests/carga/preparar.py semeia) e
um worker do Celery que roda a varredura do prazo dos chamados a cada poucos segundos, disputando com as
aprovações. Zero falhas no locust, nenhum 500 nos logs, e depois as regras de concorrência conferidas no banco
(tests/carga/conferir.py): vagas, códigos de chamado, envios repetidos, aprovação contra fechamento automático.

Variáveis: CARGA_SEGUNDOS (padrão 120; 20 para iterar), CARGA_USUARIOS (50), CARGA_BANCO (o nome do banco de
carga; padrão um nome novo a cada execução, apagado no fim), CARGA_REDIS_URL (padrão o REDIS_URL dos testes).
O resumo vai para var/carga/resultado.json (e aparece com `pytest -s`)."""

import csv
import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from bench import medir
from tests.fabricas import url_do_banco_irmao
from tests.falhas_apoio import CorreioDeTeste

RAIZ = Path(__file__).resolve().parent.parent
SEGUNDOS = int(os.environ.get("CARGA_SEGUNDOS", "120"))
USUARIOS = int(os.environ.get("CARGA_USUARIOS", "50"))
REDIS = os.environ.get("CARGA_REDIS_URL") or getattr(settings, "REDIS_URL", "")
INTERVALO_DA_VARREDURA = 4  # segundos entre duas varreduras enfileiradas
RESULTADO = RAIZ / "var" / "carga" / "resultado.json"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not REDIS,
    reason="a carga roda sobre PostgreSQL e Redis (o broker do worker), como em produção",
)


def _rodar(comando: list[str], ambiente: dict, limite: int = 300) -> str:
    feito = subprocess.run(comando, cwd=RAIZ, env=ambiente, capture_output=True, text=True, timeout=limite,
                           check=False)
    assert feito.returncode == 0, f"{' '.join(comando)}:\n{feito.stdout[-3000:]}\n{feito.stderr[-3000:]}"
    return feito.stdout


def _ambiente_de_carga(url: str, pasta: Path, smtp: int) -> dict:
    """O ambiente de produção do benchmark (medir.configurar_ambiente) apontado para o banco de carga, com o Redis
    dos testes e o SMTP local; o ambiente deste processo volta a ser o de antes."""
    antes = dict(os.environ)
    try:
        os.environ.update({
            "BENCH_DATABASE_URL": url, "BENCH_REDIS_URL": REDIS, "PORTAL_VAR_DIR": str(pasta / "portal"),
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp), "EMAIL_USE_TLS": "0",
        })
        escolhido = medir.configurar_ambiente()
        assert escolhido["redis"], f"o Redis de {REDIS} não respondeu"
        return dict(os.environ)
    finally:
        os.environ.clear()
        os.environ.update(antes)


class Varredura(threading.Thread):
    """Enfileira suporte.tasks.fechar_chamados_sem_resposta a cada poucos segundos, como o beat a cada minuto
    (mais vezes, para a disputa com as aprovações acontecer durante a carga)."""

    def __init__(self, broker: str):
        super().__init__(daemon=True)
        from celery import Celery

        # Não vira o app corrente do processo: as tarefas dos testes seguintes (eager, pelo app do portal) iriam
        # para este broker, pela conexão desta thread.
        self.app = Celery("carga", broker=broker, set_as_current=False)
        self.parar = threading.Event()
        self.enfileiradas = 0

    def run(self):
        while not self.parar.wait(INTERVALO_DA_VARREDURA):
            self.app.send_task("suporte.tasks.fechar_chamados_sem_resposta")
            self.enfileiradas += 1
        self.app.close()


def _estatisticas(prefixo: Path) -> list[dict]:
    with open(f"{prefixo}_stats.csv", newline="") as arquivo:
        return list(csv.DictReader(arquivo))


def _status_no_log(caminho: Path) -> Counter:
    """Os status do log de acesso do gunicorn (formato do Dockerfile: `"GET /x HTTP/1.1" 200 ...`)."""
    return Counter(achado.group(1) for linha in caminho.read_text().splitlines()
                   if (achado := re.search(r'HTTP/[\d.]+" (\d{3}) ', linha)))


def _subir_o_gunicorn(ambiente: dict, saida: Path) -> medir.Servidor:
    """medir.Servidor com o ambiente de carga; a saída de erro dos workers (onde o Django registra cada 500, com
    o traceback) vai para `saida`: o processo do gunicorn herda o descritor 2 deste."""
    antes = dict(os.environ)
    descritor = os.dup(2)
    with open(saida, "w") as arquivo:
        os.dup2(arquivo.fileno(), 2)
        os.environ.clear()
        os.environ.update(ambiente)
        try:
            return medir.Servidor().__enter__()
        finally:
            os.environ.clear()
            os.environ.update(antes)
            os.dup2(descritor, 2)
            os.close(descritor)


@pytest.fixture(scope="module")
def carga(tmp_path_factory):
    pasta = tmp_path_factory.mktemp("carga")
    nome = os.environ.get("CARGA_BANCO") or f"portal_act_carga_{uuid.uuid4().hex[:10]}"
    url = url_do_banco_irmao(nome)
    with psycopg.connect(url_do_banco_irmao("postgres"), autocommit=True) as conexao:
        conexao.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')
        conexao.execute(f'CREATE DATABASE "{nome}"')
    inicio = time.monotonic()
    worker = None
    try:
        with CorreioDeTeste() as smtp, pytest.MonkeyPatch.context() as remendo:
            remendo.setattr(medir, "VAR", pasta)  # os logs do gunicorn ficam com este teste
            ambiente = _ambiente_de_carga(url, pasta, smtp.porta)
            python = sys.executable
            # Com DEBUG desligado os templates pedem os estáticos ao manifesto do WhiteNoise (como na imagem): o
            # collectstatic, o passo mais longo da preparação, corre junto com as migrações e a semeadura.
            estaticos = subprocess.Popen(  # noqa: S603
                [python, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=RAIZ, env=ambiente,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            _rodar([python, "manage.py", "migrate", "--no-input", "-v", "0"], ambiente)
            _rodar([python, "manage.py", "seed_demo"], ambiente)
            alvos_json = pasta / "alvos.json"
            preparado = json.loads(_rodar([python, "-m", "tests.carga.preparar", str(alvos_json), str(SEGUNDOS)],
                                          ambiente))
            alvos = json.loads(alvos_json.read_text())
            saida_dos_estaticos = estaticos.communicate(timeout=300)[0]
            assert estaticos.returncode == 0, saida_dos_estaticos[-3000:]
            worker_log = pasta / "worker.log"
            worker = subprocess.Popen(  # noqa: S603
                [python, "-m", "celery", "-A", "portal", "worker", "--pool", "solo", "--loglevel", "INFO",
                 "--without-gossip", "--without-mingle", "--logfile", str(worker_log)],
                cwd=RAIZ, env=ambiente, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
            servidor = _subir_o_gunicorn(ambiente, pasta / "gunicorn-saida.log")
            try:
                varredura = Varredura(REDIS)
                varredura.start()
                prefixo = pasta / "locust"
                comeco = time.monotonic()
                locust = subprocess.run(  # noqa: S603
                    [python, "-m", "locust", "-f", str(RAIZ / "tests" / "carga" / "locustfile.py"), "--headless",
                     "-u", str(USUARIOS), "-r", "10", "-t", f"{SEGUNDOS}s", "--stop-timeout", "15",
                     "--host", f"http://127.0.0.1:{servidor.porta}", "--only-summary", "--csv", str(prefixo),
                     "--loglevel", "WARNING"],
                    cwd=RAIZ, env={**ambiente, "CARGA_ALVOS": str(alvos_json)}, capture_output=True, text=True,
                    timeout=SEGUNDOS + 120, check=False)
                duracao = time.monotonic() - comeco
                assert Path(f"{prefixo}_stats.csv").exists(), locust.stdout[-3000:] + locust.stderr[-3000:]
                varredura.parar.set()
                varredura.join()
            finally:
                servidor.__exit__()
            # A última varredura e as conferências, com o portal parado; o worker termina o que tem na fila.
            worker.terminate()
            worker.wait(timeout=60)
            conferido = json.loads(_rodar([python, "-m", "tests.carga.conferir", str(alvos_json)], ambiente))
            resultado = {
                "banco": nome, "segundos": SEGUNDOS, "usuarios": USUARIOS, "duracao_do_locust_s": round(duracao, 1),
                "codigo_de_saida_do_locust": locust.returncode, "preparado": preparado,
                "varreduras_enfileiradas": varredura.enfileiradas, "emails_recebidos": len(smtp.mensagens),
                "estatisticas": _estatisticas(prefixo), "status_no_log": _status_no_log(pasta / "gunicorn-acesso.log"),
                "log_de_erros": (pasta / "gunicorn.log").read_text() + (pasta / "gunicorn-saida.log").read_text(),
                "log_do_worker": worker_log.read_text(),
                "falhas": (Path(f"{prefixo}_failures.csv").read_text() if Path(f"{prefixo}_failures.csv").exists()
                           else ""),
                "saida_do_locust": locust.stdout[-4000:] + locust.stderr[-4000:],
                "banco_conferido": conferido, "alvos": {"vagas": alvos["vagas"]},
            }
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait()
        if not os.environ.get("CARGA_BANCO"):
            with psycopg.connect(url_do_banco_irmao("postgres"), autocommit=True) as conexao:
                conexao.execute(f'DROP DATABASE IF EXISTS "{nome}" WITH (FORCE)')
    resultado["tempo_total_s"] = round(time.monotonic() - inicio, 1)
    RESULTADO.parent.mkdir(parents=True, exist_ok=True)
    RESULTADO.write_text(json.dumps(resultado, ensure_ascii=False, indent=2))
    print(_resumo(resultado))
    return resultado


def _resumo(resultado: dict) -> str:
    linhas = [f"carga: {resultado['usuarios']} usuários por {resultado['segundos']} s "
              f"(locust {resultado['duracao_do_locust_s']} s; tudo {resultado.get('tempo_total_s')} s)"]
    for linha in resultado["estatisticas"]:
        linhas.append(f"  {linha['Name']:<42} {linha['Request Count']:>6} pedidos {linha['Failure Count']:>4} falhas "
                      f"p50 {linha['50%']:>6} ms p95 {linha['95%']:>6} ms {float(linha['Requests/s']):6.1f}/s")
    linhas.append(f"  status no log: {dict(resultado['status_no_log'])}")
    linhas.append(f"  banco: {json.dumps({k: v for k, v in resultado['banco_conferido'].items()}, ensure_ascii=False)}")
    return "\n".join(linhas)


def test_cinquenta_usuarios_por_dois_minutos_sem_nenhuma_falha(carga):
    total = next(linha for linha in carga["estatisticas"] if linha["Name"] == "Aggregated")
    assert int(total["Request Count"]) > carga["usuarios"] * carga["segundos"] / 10, total
    assert int(total["Failure Count"]) == 0, carga["falhas"][:3000]
    assert carga["codigo_de_saida_do_locust"] == 0, carga["saida_do_locust"]
    assert carga["duracao_do_locust_s"] >= carga["segundos"]


def test_nenhum_erro_nos_logs_do_gunicorn_e_do_worker(carga):
    assert carga["status_no_log"], "o log de acesso do gunicorn está vazio"
    assert not [status for status in carga["status_no_log"] if status.startswith("5")], carga["status_no_log"]
    assert "Traceback" not in carga["log_de_erros"], carga["log_de_erros"][-3000:]
    assert "Traceback" not in carga["log_do_worker"], carga["log_do_worker"][-3000:]
    assert carga["varreduras_enfileiradas"] >= carga["segundos"] // INTERVALO_DA_VARREDURA // 2
    assert "fechar_chamados_sem_resposta" in carga["log_do_worker"] and " succeeded in " in carga["log_do_worker"]


def test_as_regras_de_concorrencia_conferidas_no_banco(carga):
    conferido = carga["banco_conferido"]
    assert conferido["problemas"] == [], "\n".join(conferido["problemas"][:30])


def test_a_carga_exercitou_as_disputas(carga):
    """Sem disputa não há o que conferir: os horários se esgotaram, houve duplo clique, protocolo pelo assistente, e
    os chamados que venciam durante a carga foram uns aprovados, outros fechados pela varredura."""
    conferido = carga["banco_conferido"]
    vagas = conferido["vagas"]
    assert vagas["horarios_esgotados_para_quem_nao_tem_prioridade"] == vagas["horarios_disputados"], vagas
    assert conferido["envios_repetidos"]["aberturas_com_duplo_clique"] > 0
    assert conferido["envios_repetidos"]["protocolados_na_carga"] > 0
    fechamentos = conferido["fechamentos"]
    assert fechamentos["fechados_automaticamente"] > 0 and fechamentos["aprovados"] > 0, fechamentos
