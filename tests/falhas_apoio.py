"""Servidores privados para os testes de falhas (tests/test_falhas.py): um Redis e um PostgreSQL só deste
arquivo, em portas livres, que se param e se sobem de novo à vontade (os compartilhados, 5432 e 6379, nunca são
tocados); um SMTP mínimo que guarda as mensagens recebidas; e o portal de verdade — gunicorn com as opções do
Dockerfile (bench/medir.py) e o worker do Celery — com as configurações de produção, apontado para eles.

O que precisa do ORM no banco privado roda num processo filho com o ambiente do portal
(`Portal.chamar("nome", ...)` executa a função `_no_portal_<nome>` deste módulo e devolve o JSON que ela
devolve): o processo dos testes continua ligado só ao banco do pytest-django."""

import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CABECALHOS_DO_PROXY = {"X-Real-IP": "127.0.0.1", "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https"}
COOKIE_DE_SESSAO = "__Host-sessionid"


def porta_livre() -> int:
    with socket.socket() as sondagem:
        sondagem.bind(("127.0.0.1", 0))
        return sondagem.getsockname()[1]


def binarios_do_postgres() -> Path | None:
    versoes = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    return versoes[-1].parent if versoes else None


def o_que_falta() -> str | None:
    """Por que estes testes não rodam aqui (None: rodam)."""
    if shutil.which("redis-server") is None:
        return "redis-server não está instalado"
    if binarios_do_postgres() is None:
        return "os binários do PostgreSQL (/usr/lib/postgresql/*/bin) não estão instalados"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "rodando como root sem o usuário postgres do sistema (initdb recusa o root)"
    return None


def esperar(condicao, *, limite: float, passo: float = 0.1, o_que: str) -> float:
    """Espera `condicao()` ficar verdadeira; devolve quantos segundos levou."""
    inicio = time.monotonic()
    while time.monotonic() - inicio < limite:
        if condicao():
            return time.monotonic() - inicio
        time.sleep(passo)
    raise AssertionError(f"{o_que}: não aconteceu em {limite:.0f} s")


def _parar_processo(processo: subprocess.Popen | None, *, matar: bool = False, limite: float = 20) -> None:
    if processo is None or processo.poll() is not None:
        return
    processo.send_signal(signal.SIGKILL if matar else signal.SIGTERM)
    try:
        processo.wait(timeout=limite)
    except subprocess.TimeoutExpired:
        processo.kill()
        processo.wait()


# --- Redis ----------------------------------------------------------------------------------------------------


class RedisPrivado:
    """Um redis-server em primeiro plano (processo filho), sem persistência, sempre na mesma porta."""

    def __init__(self, pasta: Path):
        self.pasta = pasta
        self.porta = porta_livre()
        self.processo = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.porta}/0"

    def responde(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.porta), timeout=0.5) as conexao:
                conexao.sendall(b"PING\r\n")
                return conexao.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def iniciar(self) -> float:
        self.pasta.mkdir(parents=True, exist_ok=True)
        comando = ["redis-server", "--port", str(self.porta), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--daemonize", "no", "--dir", str(self.pasta)]
        with open(self.pasta / "redis.log", "ab") as log:
            self.processo = subprocess.Popen(comando, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        return esperar(self.responde, limite=20, o_que="o Redis privado responder PING")

    def parar(self, *, matar: bool = False) -> None:
        _parar_processo(self.processo, matar=matar)
        self.processo = None

    def tamanho_da_fila(self, fila: str = "celery") -> int:
        with socket.create_connection(("127.0.0.1", self.porta), timeout=2) as conexao:
            conexao.sendall(f"LLEN {fila}\r\n".encode())
            return int(conexao.recv(64).decode().strip().lstrip(":"))


# --- PostgreSQL -----------------------------------------------------------------------------------------------


class PostgresPrivado:
    """Um cluster em pasta temporária (initdb, -A trust), com o pg_ctl do Debian. Como root (CI), initdb e
    postgres recusam rodar: tudo roda como o usuário postgres, dono da pasta."""

    def __init__(self):
        self.bin = binarios_do_postgres()
        self.pasta = Path(tempfile.mkdtemp(prefix="falhas-pg-"))
        self.dados = self.pasta / "dados"
        self.soquetes = self.pasta / "soquetes"
        self.soquetes.mkdir()
        if os.geteuid() == 0:
            usuario = pwd.getpwnam("postgres")
            for caminho in (self.pasta, self.soquetes):
                os.chown(caminho, usuario.pw_uid, usuario.pw_gid)
        self.porta = porta_livre()
        self.tempo_do_initdb = None

    def _comando(self, programa: str, *argumentos: str) -> list[str]:
        comando = [str(self.bin / programa), *argumentos]
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *comando]
        return comando

    def _rodar(self, programa: str, *argumentos: str, limite: float = 120) -> None:
        resultado = subprocess.run(self._comando(programa, *argumentos), capture_output=True, text=True,  # noqa: S603
                                   timeout=limite, cwd=self.pasta)
        if resultado.returncode != 0:
            raise RuntimeError(f"{programa} {' '.join(argumentos)} falhou: {resultado.stdout}{resultado.stderr}")

    def criar(self) -> float:
        inicio = time.monotonic()
        self._rodar("initdb", "-D", str(self.dados), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--no-sync", "--locale=C")
        self.tempo_do_initdb = time.monotonic() - inicio
        return self.tempo_do_initdb

    def iniciar(self) -> float:
        inicio = time.monotonic()
        opcoes = (f"-p {self.porta} -k {self.soquetes} -c listen_addresses=127.0.0.1 -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off")
        self._rodar("pg_ctl", "-D", str(self.dados), "-o", opcoes, "-l", str(self.pasta / "postgres.log"),
                    "-w", "-t", "60", "start")
        return time.monotonic() - inicio

    def parar(self, modo: str = "fast") -> float:
        inicio = time.monotonic()
        self._rodar("pg_ctl", "-D", str(self.dados), "-m", modo, "-w", "-t", "60", "stop")
        return time.monotonic() - inicio

    def rodando(self) -> bool:
        return (self.dados / "postmaster.pid").exists()

    def url(self, banco: str = "portal") -> str:
        return f"postgres://postgres@127.0.0.1:{self.porta}/{banco}"

    def sql(self, comando: str, banco: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.porta, user="postgres", dbname=banco,
                             autocommit=True, connect_timeout=5) as conexao:
            cursor = conexao.execute(comando)
            return cursor.fetchall() if cursor.description else []

    def destruir(self) -> None:
        if self.rodando():
            try:
                self.parar("immediate")
            except Exception:  # noqa: S110 — a pasta some de qualquer jeito
                pass
        shutil.rmtree(self.pasta, ignore_errors=True)


# --- SMTP -----------------------------------------------------------------------------------------------------


class _SessaoSMTP(socketserver.StreamRequestHandler):
    """O bastante do SMTP para o backend do Django: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def _responder(self, linha: str) -> None:
        self.wfile.write(linha.encode() + b"\r\n")

    def handle(self):
        self._responder("220 falhas ESMTP")
        while linha := self.rfile.readline():
            verbo = linha.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verbo in ("EHLO", "HELO"):
                self._responder("250 falhas")
            elif verbo in ("MAIL", "RCPT", "RSET", "NOOP"):
                self._responder("250 OK")
            elif verbo == "DATA":
                self._responder("354 fim com <CRLF>.<CRLF>")
                linhas = []
                while (parte := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    linhas.append(parte[1:] if parte.startswith(b"..") else parte)
                self.server.guardar(b"".join(linhas))
                self._responder("250 OK guardada")
            elif verbo == "QUIT":
                self._responder("221 tchau")
                return
            else:
                self._responder("502 não implementado")


class CorreioDeTeste(socketserver.ThreadingTCPServer):
    """Um servidor SMTP em 127.0.0.1 que guarda cada mensagem recebida (o portal usa o backend SMTP de produção)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SessaoSMTP)
        self.porta = self.server_address[1]
        self.mensagens = []
        self._trava = threading.Lock()
        self._linha = threading.Thread(target=self.serve_forever, daemon=True)
        self._linha.start()

    def guardar(self, bruto: bytes) -> None:
        mensagem = message_from_bytes(bruto)
        with self._trava:
            self.mensagens.append(mensagem)

    def assuntos(self) -> list[str]:
        from email.header import decode_header, make_header

        with self._trava:
            return [str(make_header(decode_header(m["Subject"] or ""))) for m in self.mensagens]

    def fechar(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.fechar()


# --- o portal -------------------------------------------------------------------------------------------------


def opcoes_do_gunicorn(porta: int, pasta_de_logs: Path) -> list[str]:
    """O CMD do Dockerfile (como o benchmark o lê), com o endereço local, 2 workers e os logs em arquivo."""
    sys.path.insert(0, str(RAIZ))
    from bench.medir import opcoes_do_gunicorn as do_dockerfile

    opcoes = do_dockerfile(porta)
    trocas = {"--access-logfile": str(pasta_de_logs / "gunicorn-acesso.log"),
              "--error-logfile": str(pasta_de_logs / "gunicorn.log")}
    for indice, opcao in enumerate(opcoes[:-1]):
        if opcao in trocas:
            opcoes[indice + 1] = trocas[opcao]
    return opcoes


class Resposta:
    def __init__(self, status: int, cabecalhos: dict, corpo: str, segundos: float):
        self.status, self.cabecalhos, self.corpo, self.segundos = status, cabecalhos, corpo, segundos


class Navegador:
    """Um cliente HTTP com cookies, atrás do "nginx" (os cabeçalhos que o proxy de produção escreve)."""

    def __init__(self, porta: int, *, sessao: str | None = None, limite: float = 30):
        self.porta = porta
        self.limite = limite
        self.cookies = {COOKIE_DE_SESSAO: sessao} if sessao else {}

    def pedir(self, metodo: str, caminho: str, dados: dict | None = None) -> Resposta:
        from urllib.parse import urlencode

        cabecalhos = {**CABECALHOS_DO_PROXY, "Accept": "text/html",
                      "Referer": f"https://127.0.0.1:{self.porta}{caminho}"}
        if self.cookies:
            cabecalhos["Cookie"] = "; ".join(f"{nome}={valor}" for nome, valor in self.cookies.items())
        corpo = None
        if dados is not None:
            corpo = urlencode(dados)
            cabecalhos["Content-Type"] = "application/x-www-form-urlencoded"
        conexao = http.client.HTTPConnection("127.0.0.1", self.porta, timeout=self.limite)
        inicio = time.monotonic()
        try:
            conexao.request(metodo, caminho, body=corpo, headers=cabecalhos)
            resposta = conexao.getresponse()
            texto = resposta.read().decode(errors="replace")
            segundos = time.monotonic() - inicio
            for cabecalho in resposta.headers.get_all("Set-Cookie") or []:
                nome, valor = cabecalho.split(";", 1)[0].split("=", 1)
                self.cookies[nome.strip()] = valor.strip()
            return Resposta(resposta.status, dict(resposta.headers), texto, segundos)
        finally:
            conexao.close()

    def csrf(self, caminho: str) -> tuple[Resposta, str]:
        """GET do formulário e o token do campo escondido."""
        resposta = self.pedir("GET", caminho)
        achado = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', resposta.corpo)
        return resposta, (achado.group(1) if achado else "")


class Portal:
    """O ambiente de produção do portal apontado para os servidores privados, e os processos que o servem."""

    def __init__(self, *, banco_url: str, redis_url: str, smtp_porta: int, pasta: Path):
        self.pasta = pasta
        (pasta / "logs").mkdir(parents=True, exist_ok=True)
        self.ambiente = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "CELERY_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": banco_url,
            "REDIS_URL": redis_url,
            "DEBUG": "0",
            "SECRET_KEY": "testes-de-falhas-" + "f" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "PORTAL_VAR_DIR": str(pasta / "var"),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_porta),
            "EMAIL_USE_TLS": "0",
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(RAIZ),
        }
        self.gunicorn = None
        self.worker = None
        self.porta = None

    def manage(self, *argumentos: str, limite: float = 300) -> str:
        resultado = subprocess.run([PYTHON, "manage.py", *argumentos], cwd=RAIZ, env=self.ambiente,  # noqa: S603
                                   capture_output=True, text=True, timeout=limite)
        if resultado.returncode != 0:
            raise RuntimeError(f"manage.py {argumentos}: {resultado.stdout[-2000:]}{resultado.stderr[-4000:]}")
        return resultado.stdout

    def chamar(self, nome: str, limite: float = 300, **argumentos):
        """Roda `_no_portal_<nome>(**argumentos)` deste módulo num processo com o ambiente do portal."""
        resultado = subprocess.run(  # noqa: S603
            [PYTHON, "-m", "tests.falhas_apoio", nome, json.dumps(argumentos)], cwd=RAIZ, env=self.ambiente,
            capture_output=True, text=True, timeout=limite,
        )
        if resultado.returncode != 0:
            raise RuntimeError(f"{nome}: {resultado.stderr[-4000:]}")
        return json.loads(resultado.stdout.strip().splitlines()[-1])

    def subir_web(self) -> float:
        self.porta = porta_livre()
        executavel = Path(PYTHON).with_name("gunicorn")
        comando = [str(executavel) if executavel.exists() else PYTHON, *([] if executavel.exists() else
                                                                          ["-m", "gunicorn"])]
        comando += opcoes_do_gunicorn(self.porta, self.pasta / "logs")
        comando += ["--workers", self.ambiente["WEB_CONCURRENCY"]]
        with open(self.pasta / "logs" / "gunicorn-saida.log", "ab") as log:
            self.gunicorn = subprocess.Popen(comando, cwd=RAIZ, env=self.ambiente, stdout=log,  # noqa: S603
                                             stderr=subprocess.STDOUT)
        return esperar(self._web_responde, limite=90, passo=0.25, o_que="o gunicorn responder em /saude/")

    def _web_responde(self) -> bool:
        if self.gunicorn.poll() is not None:
            raise AssertionError(f"o gunicorn terminou (código {self.gunicorn.returncode}); veja "
                                 f"{self.pasta / 'logs' / 'gunicorn.log'}")
        try:
            return Navegador(self.porta, limite=5).pedir("GET", "/conta/login/").status == 200
        except (OSError, http.client.HTTPException):
            return False

    def parar_web(self) -> None:
        if self.gunicorn is not None and self.gunicorn.poll() is None:
            self.gunicorn.send_signal(signal.SIGQUIT)  # o desligamento rápido do gunicorn, sem os 30 s de graça
        _parar_processo(self.gunicorn)
        self.gunicorn = None

    def subir_worker(self, *, nome: str = "falhas") -> subprocess.Popen:
        """Um worker com o pool solo (como o dev.py): o processo que recebe o SIGKILL é o que executa a tarefa."""
        comando = [PYTHON, "-m", "celery", "-A", "portal", "worker", "--pool", "solo", "--loglevel", "WARNING",
                   "-n", f"{nome}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        with open(self.pasta / "logs" / "worker.log", "ab") as log:
            self.worker = subprocess.Popen(comando, cwd=RAIZ, env=self.ambiente, stdout=log,  # noqa: S603
                                           stderr=subprocess.STDOUT)
        return self.worker

    def parar_worker(self, *, matar: bool = False) -> None:
        _parar_processo(self.worker, matar=matar)
        self.worker = None

    def enfileirar(self, tarefa: str, *args) -> None:
        """Põe uma tarefa na fila do Redis privado, como o beat (ou `enfileirar_email`) faz, sem subir o Django."""
        from celery import Celery

        with Celery("falhas", broker=self.ambiente["REDIS_URL"], set_as_current=False) as app:
            app.send_task(tarefa, args=list(args))

    def encerrar(self) -> None:
        self.parar_worker(matar=True)
        self.parar_web()


# --- as fixtures ----------------------------------------------------------------------------------------------


@dataclass
class Servidores:
    pg: PostgresPrivado
    redis: RedisPrivado
    correio: CorreioDeTeste
    portal: Portal
    tempos: dict
    sessao_da_ana: str
    chamado_de_campinas: str


@pytest.fixture(scope="module")
def servidores():
    """PostgreSQL, Redis e SMTP privados, e o portal migrado, com os dados de demonstração e os estáticos de
    produção. Tudo é parado e apagado no fim, mesmo quando um teste falha no meio."""
    motivo = o_que_falta()
    if motivo:
        pytest.skip(f"Os testes de falhas precisam de servidores próprios: {motivo}.")
    pasta = Path(tempfile.mkdtemp(prefix="falhas-portal-"))
    pg, redis, correio, portal = PostgresPrivado(), RedisPrivado(pasta / "redis"), CorreioDeTeste(), None
    tempos = {}
    try:
        tempos["initdb"] = pg.criar()
        pg.iniciar()
        pg.sql("CREATE DATABASE portal")
        redis.iniciar()
        portal = Portal(banco_url=pg.url(), redis_url=redis.url, smtp_porta=correio.porta, pasta=pasta)
        inicio = time.monotonic()
        portal.manage("migrate", "--no-input", "-v", "0")
        portal.manage("seed_demo")
        portal.chamar("estaticos")
        preparo = portal.chamar("preparar")
        tempos["migrate+seed_demo+estaticos"] = time.monotonic() - inicio
        yield Servidores(pg, redis, correio, portal, tempos, preparo["sessao"], preparo["chamado"])
    finally:
        if portal is not None:
            portal.encerrar()
        redis.parar(matar=True)
        pg.destruir()
        correio.fechar()
        shutil.rmtree(pasta, ignore_errors=True)


# --- o que roda dentro do portal (processo filho, banco privado) ---------------------------------------------


def _no_portal_estaticos() -> int:
    """O collectstatic da imagem sem a compressão do WhiteNoise (3 s em vez de 35 s): o manifesto é o mesmo, e é
    ele que os templates de produção consultam."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    armazenamento = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": armazenamento}):
        call_command("collectstatic", "--no-input", verbosity=0)
    return 0


def _no_portal_preparar() -> dict:
    """A sessão da Ana (gestora de Campinas), sem o formulário (bench/medir.py `sessao_criar`), e um chamado de
    Campinas para a página de detalhe."""
    from bench.medir import sessao_criar
    from portal.contas.models import Usuario
    from portal.entidades.models import Vinculo
    from suporte.models import Chamado
    from tests.conftest import PERSONAS

    ana = Usuario.objects.get(cpf=PERSONAS["ana"])
    vinculo = Vinculo.objects.select_related("entidade").get(usuario=ana, entidade__cnpj="51885242000140")
    chamado = Chamado.objects.filter(entidade=vinculo.entidade).order_by("pk").first()
    return {"sessao": sessao_criar(ana, vinculo=vinculo, a3=True), "chamado": chamado.codigo}


def _no_portal_semear_varreduras(vencidos: int, a_lembrar: int) -> dict:
    """Chamados solucionados de Campinas, em lote (como tests/volume_apoio.py): `vencidos` com o prazo de 7 dias
    já passado (a varredura os fecha) e `a_lembrar` a 36 horas do fim (a varredura avisa os gestores, marco
    "2 dias"). Devolve quantos gestores cada lembrete alcança."""
    from datetime import timedelta

    from django.utils import timezone

    from portal.contas.models import Usuario
    from portal.entidades.models import Entidade
    from suporte.models import Chamado, ItemCatalogo, StatusChamado
    from suporte.selectors import gestores_por_entidade
    from tests.conftest import PERSONAS

    campinas = Entidade.objects.get(cnpj="51885242000140")
    ana, elisa = Usuario.objects.get(cpf=PERSONAS["ana"]), Usuario.objects.get(cpf=PERSONAS["elisa"])
    item, agora = ItemCatalogo.objects.get(numero=11), timezone.now()

    def chamado(numero: int, prazo, titulo: str) -> Chamado:
        return Chamado(codigo=f"F_9{numero:07d}", item=item, entidade=campinas, sr_id=campinas.sr_id, requerente=ana,
                       titulo=titulo, descricao="Volume da varredura.", status=StatusChamado.SOLUCIONADO,
                       tecnico=elisa, aberto_em=agora - timedelta(days=9), atualizado_em=agora - timedelta(days=8),
                       primeira_resposta_em=agora - timedelta(days=9), solucionado_por=elisa,
                       solucionado_em=prazo - timedelta(days=7), prazo_aprovacao=prazo, rodada=1)

    Chamado.objects.bulk_create(
        [chamado(i, agora - timedelta(hours=1, seconds=i), "Varredura: vencido") for i in range(vencidos)]
        + [chamado(vencidos + i, agora + timedelta(hours=36, seconds=i), "Varredura: a lembrar")
           for i in range(a_lembrar)], batch_size=2000)
    return {"gestores": len(gestores_por_entidade([campinas.pk])[campinas.pk])}


if __name__ == "__main__":
    import django

    sys.path.insert(0, str(RAIZ))
    django.setup()
    funcao = globals()[f"_no_portal_{sys.argv[1]}"]
    print(json.dumps(funcao(**json.loads(sys.argv[2])), default=str))  # noqa: T201
