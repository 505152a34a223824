"""O benchmark do Portal ACT (issue 8, parte 2): serve o portal com gunicorn em 127.0.0.1 contra o banco nacional
(`bench/dataset.py`) e mede, com a persona certa para cada uma, as páginas que a issue lista, o piso desta pilha,
as varreduras do beat, o comprovante em PDF e a apresentação regional.

    .venv/bin/python -m bench.medir [--requisicoes 200] [--segundos 20] [--clientes 8] [--so nome,...]

O banco vem de BENCH_DATABASE_URL (padrão postgres://postgres@127.0.0.1:5432/portal_act_nacional). Configurações
de produção (DEBUG desligado), com os valores de bancada que faltarem; o servidor é o gunicorn com as opções do
CMD do Dockerfile. Para cada página: consultas por requisição (contadas neste processo, com o Client do Django e
CaptureQueriesContext, depois de um aquecimento), p50 e p95 de N requisições sequenciais e requisições por segundo
com C clientes simultâneos (threads, cada uma com a sua conexão). As varreduras rodam numa transação desfeita no
fim: o banco continua reaproveitável. Resultados em bench/RESULTS.md e bench/var/resultados.json.

Sai com 0 mesmo quando um orçamento não é cumprido (o relatório diz); com 1 quando algo deu errado — uma página
que não respondeu 200 é um erro. Nada aqui entra no código de produção: o piso vive em bench/urls_piso.py, que só
este gunicorn carrega (bench/settings_bench.py).

Os imports do Django ficam dentro das funções: o ambiente (banco, configurações) é montado por `main` antes de
o Django ser carregado."""

import argparse
import http.client
import json
import math
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

RAIZ = Path(__file__).resolve().parent.parent
VAR = RAIZ / "bench" / "var"
RESUMO_DO_DATASET = VAR / "dataset.json"
RESULTADOS_JSON = VAR / "resultados.json"
RESULTADOS_MD = RAIZ / "bench" / "RESULTS.md"
# Uma medição parcial (--so) não apaga o relatório da última completa: vai para var/, com o seu JSON.
RESULTADOS_PARCIAIS_MD = VAR / "RESULTS-parcial.md"
RESULTADOS_PARCIAIS_JSON = VAR / "resultados-parcial.json"
# O que cada correção mudou (antes → depois), escrito à mão: entra no fim de todo relatório.
CORRECOES_MD = RAIZ / "bench" / "CORRECOES.md"
BANCO_PADRAO = "postgres://postgres@127.0.0.1:5432/portal_act_nacional"
# Um banco do Redis só do benchmark: ele é esvaziado no começo de cada medição (o cache guarda ids do banco medido).
REDIS_DO_BENCHMARK = "redis://127.0.0.1:6379/14"

# DESIGN.md, "Scale we design for".
ORCAMENTO_CONSULTAS = 12
ORCAMENTO_P95_MS = 150.0
ORCAMENTO_FECHAMENTO_S = 5.0
ORCAMENTO_PDF_S = 0.5
CHAMADOS_VENCIDOS = 10_000
PREVISTO = {
    "superintendencias": 6, "gerencias": 100, "agencias": 1_600, "entidades": 10_000, "acordos": 12_000,
    "representantes": 60_000, "requerimentos": 2_000_000, "chamados": 200_000, "acompanhamentos": 600_000,
    "vagas": 500_000,
}

AQUECIMENTO = 10  # requisições descartadas por página antes das medidas (templates, conexões dos workers)
REPETICOES_PDF = 5
REPETICOES_PPTX = 3
TEMPO_LIMITE_HTTP = 120

# As personas de demonstração (README, "Personas"); o conjunto nacional as mantém.
PERSONAS = {
    "elisa": ("31415926590", "técnica de suporte, Sudeste I"),
    "gabriela": ("16180339805", "analista, Sudeste I"),
    "bruno": ("52998224725", "atendente, Prefeitura de Campinas"),
    "karina": ("30000000116", "gestora regional, Sudeste I"),
    "heitor": ("14142135651", "servidor da APS Campinas - Centro"),
    "iara": ("17320508052", "Central 135"),
}
CNPJ_CAMPINAS = "51885242000140"
APS_DO_HEITOR = "21001010"

# O que o nginx de produção acrescenta a cada pedido (deploy/nginx/portal.conf).
CABECALHOS_DO_PROXY = {"X-Real-IP": "127.0.0.1", "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https",
                       "Accept": "text/html"}


class ErroDeMedicao(Exception):
    """A medição não pôde ser feita (uma página que não respondeu 200, o servidor que não subiu...)."""


# --- estatística -----------------------------------------------------------------------------------------------


def percentil(valores: list[float], p: float) -> float:
    """O percentil p (0–100) com interpolação linear entre as posições vizinhas (o padrão do numpy)."""
    if not valores:
        raise ValueError("percentil de uma lista vazia")
    ordenados = sorted(valores)
    posicao = (len(ordenados) - 1) * p / 100
    abaixo = math.floor(posicao)
    acima = min(abaixo + 1, len(ordenados) - 1)
    return ordenados[abaixo] + (ordenados[acima] - ordenados[abaixo]) * (posicao - abaixo)


def resumir(segundos: list[float]) -> dict:
    """p50, p95, média e máximo, em milissegundos."""
    ms = [s * 1000 for s in segundos]
    return {"n": len(ms), "p50_ms": round(percentil(ms, 50), 2), "p95_ms": round(percentil(ms, 95), 2),
            "media_ms": round(statistics.fmean(ms), 2), "max_ms": round(max(ms), 2)}


# --- o ambiente ------------------------------------------------------------------------------------------------


def redis_responde(url: str) -> bool:
    endereco = urlsplit(url)
    try:
        with socket.create_connection((endereco.hostname or "127.0.0.1", endereco.port or 6379), timeout=1) as conexao:
            conexao.sendall(b"PING\r\n")
            return conexao.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def configurar_ambiente() -> dict:
    """As variáveis de produção que o gunicorn e este processo leem; devolve o que foi escolhido."""
    banco = os.environ.get("BENCH_DATABASE_URL", BANCO_PADRAO)
    redis = os.environ.get("BENCH_REDIS_URL", REDIS_DO_BENCHMARK)
    os.environ.update({
        "DATABASE_URL": banco,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    })
    os.environ.setdefault("SECRET_KEY", "bancada-de-medicao-" + "b" * 48)
    os.environ.setdefault("EMAIL_HOST", "127.0.0.1")  # nada é enviado: as varreduras são desfeitas antes do commit
    os.environ.setdefault("PORTAL_VAR_DIR", str(VAR / "portal"))
    os.environ.setdefault("WEB_CONCURRENCY", "3")  # o padrão do Dockerfile
    os.environ.pop("CSRF_TRUSTED_ORIGINS", None)
    com_redis = redis_responde(redis)
    if com_redis:
        os.environ["REDIS_URL"] = redis
    else:
        os.environ.pop("REDIS_URL", None)
    return {"banco": re.sub(r"//[^@/]*@", "//…@", banco) if "@" in banco else banco,
            "redis": redis if com_redis else None, "workers": int(os.environ["WEB_CONCURRENCY"])}


def opcoes_do_gunicorn(porta: int) -> list[str]:
    """O CMD do Dockerfile, com o endereço local e os logs em bench/var/: as mesmas opções de produção."""
    texto = (RAIZ / "Dockerfile").read_text()
    inicio = re.search(r"^CMD \[", texto, re.MULTILINE)
    if inicio is None:
        raise ErroDeMedicao("O Dockerfile não tem mais um CMD em forma de lista: atualize bench/medir.py.")
    bloco = texto[inicio.end() - 1:].split("]", 1)[0] + "]"
    argumentos = json.loads(bloco.replace("\\\n", "\n"))
    if argumentos[:2] != ["gunicorn", "portal.wsgi:application"]:
        raise ErroDeMedicao(f"O CMD do Dockerfile não é o gunicorn do portal: {argumentos[:2]}")
    trocas = {"--bind": f"127.0.0.1:{porta}", "--access-logfile": str(VAR / "gunicorn-acesso.log"),
              "--error-logfile": str(VAR / "gunicorn.log")}
    opcoes = argumentos[1:]
    for indice, opcao in enumerate(opcoes[:-1]):
        if opcao in trocas:
            opcoes[indice + 1] = trocas[opcao]
    return opcoes


def porta_livre() -> int:
    with socket.socket() as sondagem:
        sondagem.bind(("127.0.0.1", 0))
        return sondagem.getsockname()[1]


class Servidor:
    """O gunicorn do portal, com o ambiente deste processo, numa porta livre de 127.0.0.1."""

    def __init__(self):
        self.porta = porta_livre()
        self.processo = None

    def __enter__(self):
        executavel = Path(sys.executable).with_name("gunicorn")
        comando = [str(executavel)] if executavel.exists() else [sys.executable, "-m", "gunicorn"]
        self.comando = [*comando, *opcoes_do_gunicorn(self.porta)]
        VAR.mkdir(parents=True, exist_ok=True)
        self.processo = subprocess.Popen(self.comando, cwd=RAIZ, env=os.environ.copy())  # noqa: S603
        try:
            self._esperar_saude()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _esperar_saude(self, limite: float = 120) -> None:
        prazo = time.monotonic() + limite
        while time.monotonic() < prazo:
            if self.processo.poll() is not None:
                raise ErroDeMedicao(f"O gunicorn terminou ao subir (código {self.processo.returncode}); "
                                    f"veja {VAR / 'gunicorn.log'}.")
            conexao = http.client.HTTPConnection("127.0.0.1", self.porta, timeout=5)
            try:
                conexao.request("GET", "/saude/", headers={"Accept": "application/json"})
                if conexao.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conexao.close()
            time.sleep(0.5)
        raise ErroDeMedicao(f"/saude/ não respondeu 200 em {limite:.0f} s; veja {VAR / 'gunicorn.log'}.")

    def __exit__(self, *_):
        if self.processo and self.processo.poll() is None:
            self.processo.terminate()
            try:
                self.processo.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.processo.kill()
                self.processo.wait()


# --- as personas, sem passar pelo formulário -------------------------------------------------------------------


def sessao_criar(usuario, *, vinculo=None, servidor: bool = False, a3: bool = False) -> str:
    """Uma sessão autenticada como a que o login deixa (como `Client.force_login`, com o motor de sessões das
    configurações): para servidores, o TOTP conferido e a entrada registrada com senha e TOTP; para quem age por
    uma entidade, a entidade escolhida (`entidade_escolher`); depois do prazo do A3 da entidade, a marca de sessão
    aberta com o certificado (`sessao_marcar_a3`). Devolve a chave da sessão (o valor do cookie)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest

    from certificados.acesso import sessao_marcar_a3
    from portal.contas.middleware import _CHAVE_TOTP_NA_SESSAO
    from portal.contas.perfil import CHAVE_VINCULO_NA_SESSAO

    pedido = HttpRequest()
    pedido.session = import_module(settings.SESSION_ENGINE).SessionStore()
    login(pedido, usuario, backend="django.contrib.auth.backends.ModelBackend")
    agora = time.time()
    entradas = [{"method": "password", "at": agora, "username": usuario.cpf}]
    if servidor:
        totp = Authenticator.objects.filter(user=usuario, type=Authenticator.Type.TOTP).first()
        if totp is None:
            raise ErroDeMedicao(f"{usuario.cpf} é servidor e não tem TOTP: rode o seed_demo no banco medido.")
        entradas.append({"method": "mfa", "at": agora, "type": "totp", "id": totp.pk})
        pedido.session[_CHAVE_TOTP_NA_SESSAO] = True
    pedido.session[AUTHENTICATION_METHODS_SESSION_KEY] = entradas
    if vinculo is not None:
        pedido.session[CHAVE_VINCULO_NA_SESSAO] = vinculo.pk
    if a3:
        from django.utils import timezone

        sessao_marcar_a3(pedido, SimpleNamespace(cpf=usuario.cpf, sha256="bancada-de-medicao", tipo="A3",
                                                 valido_ate=timezone.now() + timedelta(days=365)))
    pedido.session.save()
    return pedido.session.session_key


def sessoes_apagar(chaves) -> None:
    from django.conf import settings

    motor = import_module(settings.SESSION_ENGINE)
    for chave in chaves:
        motor.SessionStore(session_key=chave).delete()


def sessoes_das_personas() -> tuple[dict[str, str], dict]:
    """A chave de sessão de cada persona, e o que foi preciso marcar nelas."""
    from django.utils import timezone

    from certificados.selectors import prazo_do_a3
    from portal.contas.models import Usuario
    from portal.entidades.models import Vinculo

    chaves, notas = {}, {}
    for apelido, (cpf, _papel) in PERSONAS.items():
        usuario = Usuario.objects.filter(cpf=cpf).first()
        if usuario is None:
            raise ErroDeMedicao(f"A persona {apelido} ({cpf}) não existe no banco medido.")
        if apelido == "bruno":
            vinculo = Vinculo.objects.select_related("entidade").get(usuario=usuario, entidade__cnpj=CNPJ_CAMPINAS)
            a3 = prazo_do_a3(vinculo.entidade).exige_a3(timezone.localdate())
            chaves[apelido] = sessao_criar(usuario, vinculo=vinculo, a3=a3)
            notas[apelido] = ("sessão marcada como A3 (o prazo do A3 de Campinas passou)" if a3
                              else "sessão com senha (Campinas ainda está no prazo do A3)")
        else:
            chaves[apelido] = sessao_criar(usuario, servidor=True)
    return chaves, notas


# --- o que medir -----------------------------------------------------------------------------------------------


@dataclass
class Alvos:
    """Os objetos que as páginas de detalhe e as buscas pedem."""

    chamado: str  # código do chamado com 20 acompanhamentos
    acompanhamentos: int
    requerimento: int  # pk de um requerimento protocolado da Prefeitura de Campinas
    cpf: str
    protocolo: str
    aps: int  # pk da APS do Heitor
    dia: str  # o dia mais movimentado do balcão do Heitor (AAAA-MM-DD)
    origem: dict = field(default_factory=dict)  # de onde veio cada valor: o resumo do dataset ou uma consulta


def ler_resumo() -> tuple[dict, str | None]:
    """O resumo do gerador e de onde veio: o que ele guardou no próprio banco medido (a tabela `bench_dataset`),
    que é sempre o deste banco; sem ela, bench/var/dataset.json; sem os dois, nada."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_dataset') IS NOT NULL" if connection.vendor == "postgresql"
                       else "SELECT 0")
        if cursor.fetchone()[0]:
            cursor.execute("SELECT resumo FROM bench_dataset WHERE id = 1")
            linha = cursor.fetchone()
            if linha is not None:
                return (json.loads(linha[0]) if isinstance(linha[0], str) else linha[0]), "da tabela `bench_dataset`"
    if RESUMO_DO_DATASET.exists():
        return json.loads(RESUMO_DO_DATASET.read_text()), "de `bench/var/dataset.json`"
    return {}, None


def _do_resumo(resumo: dict, *chaves: str):
    """O primeiro valor presente entre as chaves, no topo do resumo ou nas suas seções `ids`/`alvos`."""
    for lugar in (resumo, resumo.get("ids") or {}, resumo.get("alvos") or {}):
        for chave in chaves:
            if isinstance(lugar, dict) and lugar.get(chave) not in (None, ""):
                return lugar[chave]
    return None


def descobrir_alvos(resumo: dict | None = None) -> Alvos:
    """Do resumo que o gerador grava (bench/var/dataset.json), conferido no banco; o que faltar ou não bater com
    o banco é procurado com consultas."""
    from zoneinfo import ZoneInfo

    from django.db.models import Count
    from django.db.models.functions import TruncDate

    from atendimento.models import Requerimento, StatusRequerimento
    from atendimento.models_agenda import Agendamento
    from portal.organizacao.models import AgenciaPrevidencia
    from suporte.models import Acompanhamento, Chamado

    resumo = ler_resumo()[0] if resumo is None else resumo
    origem = {}

    # Elisa e Gabriela trabalham na Sudeste I: os alvos delas são de lá.
    chamado = _do_resumo(resumo, "chamado_com_20_acompanhamentos", "chamado_20_acompanhamentos", "chamado")
    if isinstance(chamado, int):
        chamado = Chamado.objects.filter(pk=chamado).values_list("codigo", flat=True).first()
    acompanhamentos = 0
    if chamado:
        acompanhamentos = Acompanhamento.objects.filter(chamado__codigo=chamado, chamado__sr__numero=1).count()
    origem["chamado"] = "resumo"
    if not acompanhamentos:
        grupos = (Acompanhamento.objects.filter(chamado__sr__numero=1).values("chamado__codigo")
                  .annotate(n=Count("pk")).filter(n__gte=20).order_by("n", "chamado__codigo"))
        escolhido = grupos.first()
        if escolhido is None:
            escolhido = (Acompanhamento.objects.filter(chamado__sr__numero=1).values("chamado__codigo")
                         .annotate(n=Count("pk")).order_by("-n").first())
        if escolhido is None:
            raise ErroDeMedicao("Nenhum chamado da Sudeste I com acompanhamentos no banco medido.")
        chamado, acompanhamentos = escolhido["chamado__codigo"], escolhido["n"]
        origem["chamado"] = "consulta"

    protocolados = Requerimento.objects.filter(entidade__cnpj=CNPJ_CAMPINAS).exclude(
        status=StatusRequerimento.RASCUNHO)
    pk = _do_resumo(resumo, "requerimento_de_campinas", "requerimento_campinas", "requerimento")
    requerimento = protocolados.filter(pk=pk).first() if isinstance(pk, int) else None
    origem["requerimento"] = "resumo"
    if requerimento is None:
        # Um com exigência, se houver: o detalhe mais completo.
        requerimento = (protocolados.filter(exigencias__isnull=False).order_by("-protocolado_em").first()
                        or protocolados.order_by("-protocolado_em").first())
        origem["requerimento"] = "consulta"
    if requerimento is None:
        raise ErroDeMedicao("A Prefeitura de Campinas não tem requerimento protocolado no banco medido.")

    na_sudeste_1 = Requerimento.objects.filter(entidade__sr__numero=1).exclude(status=StatusRequerimento.RASCUNHO)
    cpf = "".join(c for c in str(_do_resumo(resumo, "cpf_para_busca", "cpf_busca", "cpf") or "") if c.isdigit())
    origem["cpf"] = "resumo"
    if not cpf or not na_sudeste_1.filter(cidadao_cpf=cpf).exists():
        cpf, origem["cpf"] = requerimento.cidadao_cpf, "consulta"
    protocolo = _do_resumo(resumo, "protocolo_para_busca", "protocolo_busca", "protocolo")
    protocolo = "".join(c for c in str(protocolo or "") if c.isdigit())
    origem["protocolo"] = "resumo"
    if not protocolo or not na_sudeste_1.filter(protocolo=protocolo).exists():
        protocolo, origem["protocolo"] = requerimento.protocolo, "consulta"

    aps = AgenciaPrevidencia.objects.get(codigo=APS_DO_HEITOR)
    dia = _do_resumo(resumo, "dia_movimentado_do_heitor", "dia_do_heitor", "dia_movimentado", "dia")
    origem["dia"] = "resumo"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(dia or "")):
        mais_cheio = (Agendamento.objects.filter(vaga__aps=aps)
                      .annotate(dia=TruncDate("vaga__inicio", tzinfo=ZoneInfo(aps.fuso_horario)))
                      .values("dia").annotate(n=Count("pk")).order_by("-n", "dia").first())
        if mais_cheio is None:
            raise ErroDeMedicao(f"A APS {APS_DO_HEITOR} não tem agendamentos no banco medido.")
        dia, origem["dia"] = mais_cheio["dia"].isoformat(), "consulta"
    return Alvos(chamado=chamado, acompanhamentos=acompanhamentos, requerimento=requerimento.pk, cpf=cpf,
                 protocolo=protocolo, aps=aps.pk, dia=str(dia), origem=origem)


@dataclass(frozen=True)
class Pagina:
    nome: str
    titulo: str
    persona: str | None  # None: sem login (o piso)
    caminho: str
    # Um 200 não basta (a página "sem acesso" também é 200): o texto que a página certa mostra, e o que não mostra.
    marca: str
    sem: str | None = None


def paginas(alvos: Alvos) -> list[Pagina]:
    from urllib.parse import urlencode

    from portal.validadores import formatar_cpf, formatar_protocolo

    nenhum = "Nenhum requerimento"
    return [
        Pagina("piso", "Piso: 25 linhas de chamados, uma consulta, sem login", None, "/bench/piso/", "<table>"),
        Pagina("fila_chamados", "Fila de chamados (1ª página)", "elisa", "/suporte/fila/", "Fila do suporte",
               "Nenhum chamado"),
        Pagina("fila_chamados_filtrada", "Fila de chamados filtrada (item 11, abertos há 7+ dias, 2ª página)",
               "elisa", "/suporte/fila/?" + urlencode({"status": "abertos", "item": 11, "idade": 7, "pagina": 2}),
               "Fila do suporte"),
        Pagina("chamado", f"Chamado com {alvos.acompanhamentos} acompanhamentos", "elisa",
               f"/suporte/chamados/{alvos.chamado}/", alvos.chamado),
        Pagina("fila_analise", "Fila dos analistas", "gabriela", "/analise/", "Análise de requerimentos", nenhum),
        Pagina("busca_cpf", "Busca por CPF na fila dos analistas", "gabriela",
               "/analise/?" + urlencode({"texto": formatar_cpf(alvos.cpf)}), "Análise de requerimentos", nenhum),
        Pagina("busca_protocolo", "Busca por protocolo na fila dos analistas", "gabriela",
               "/analise/?" + urlencode({"texto": formatar_protocolo(alvos.protocolo)}),
               formatar_protocolo(alvos.protocolo)),
        Pagina("analise", "Requerimento (detalhe da análise)", "gabriela", f"/analise/{alvos.requerimento}/",
               'data-testid="protocolo"'),
        Pagina("requerimentos_entidade", "Requerimentos da entidade (Campinas)", "bruno", "/requerimentos/",
               "Requerimentos de Prefeitura Municipal de Campinas", nenhum),
        Pagina("painel", "Painel regional (Sudeste I)", "karina", "/painel/", "Painel regional"),
        Pagina("balcao", "Balcão do ATESP: lista do dia", "heitor",
               "/agencia/balcao/?" + urlencode({"aps": alvos.aps, "dia": alvos.dia}), "Balcão",
               "Nenhum agendamento"),
        Pagina("vagas", "Busca de vagas do ATESP (SP)", "iara",
               "/agendamentos/novo/?" + urlencode({"servico": "atesp", "uf": "SP"}), "Agendar atendimento"),
    ]


# --- consultas por requisição (neste processo) ----------------------------------------------------------------


def cliente_django(chave_da_sessao: str | None):
    """O Client do Django como o gunicorn recebe o pedido atrás do nginx (Host, HTTPS) e com o cookie da sessão."""
    from django.conf import settings
    from django.test import Client

    cliente = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="127.0.0.1")
    if chave_da_sessao:
        cliente.cookies[settings.SESSION_COOKIE_NAME] = chave_da_sessao
    return cliente


def contar_consultas(caminho: str, chave_da_sessao: str | None, *, marca: str | None = None,
                     sem: str | None = None) -> dict:
    """Consultas de uma requisição depois de outra de aquecimento, e as próprias consultas (para o diagnóstico).
    A de aquecimento confere também que a página é a esperada: mostra `marca` e não mostra `sem`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cliente = cliente_django(chave_da_sessao)
    aquecimento = cliente.get(caminho)
    if aquecimento.status_code != 200:
        destino = aquecimento.get("Location")
        raise ErroDeMedicao(f"{caminho} respondeu {aquecimento.status_code} no processo da medição"
                            + (f" (→ {destino})" if destino else "") + ".")
    texto = aquecimento.content.decode()
    if marca and marca not in texto:
        raise ErroDeMedicao(f"{caminho} respondeu 200, mas não é a página esperada (falta “{marca}”).")
    if sem and sem in texto:
        raise ErroDeMedicao(f"{caminho} mostra “{sem}”: o alvo da medição não está no banco medido.")
    with CaptureQueriesContext(connection) as capturadas:
        resposta = cliente.get(caminho)
    if resposta.status_code != 200:
        raise ErroDeMedicao(f"{caminho} respondeu {resposta.status_code} no processo da medição.")
    return {"consultas": len(capturadas), "sql": [q["sql"][:2000] for q in capturadas.captured_queries]}


# --- tempo pelo gunicorn ---------------------------------------------------------------------------------------


class ClienteHttp:
    """Um navegador mínimo: uma conexão (refeita quando o servidor a fecha) e os cookies que recebe."""

    def __init__(self, porta: int, cookies: dict[str, str]):
        self.porta = porta
        self.cookies = dict(cookies)
        self.conexao = None

    def get(self, caminho: str) -> tuple[int, float, int]:
        """(status, segundos, bytes) de um GET: do envio ao último byte da resposta."""
        if self.conexao is None:
            self.conexao = http.client.HTTPConnection("127.0.0.1", self.porta, timeout=TEMPO_LIMITE_HTTP)
        cabecalhos = dict(CABECALHOS_DO_PROXY)
        if self.cookies:
            cabecalhos["Cookie"] = "; ".join(f"{nome}={valor}" for nome, valor in self.cookies.items())
        inicio = time.perf_counter()
        try:
            self.conexao.request("GET", caminho, headers=cabecalhos)
            resposta = self.conexao.getresponse()
            corpo = resposta.read()
        except (OSError, http.client.HTTPException):
            self.fechar()
            raise
        duracao = time.perf_counter() - inicio
        for linha in resposta.headers.get_all("Set-Cookie") or []:
            recebido = SimpleCookie()
            recebido.load(linha)
            self.cookies.update({nome: morsel.value for nome, morsel in recebido.items()})
        if resposta.will_close:  # o worker síncrono do gunicorn fecha a conexão a cada resposta
            self.fechar()
        return resposta.status, duracao, len(corpo)

    def fechar(self) -> None:
        if self.conexao is not None:
            self.conexao.close()
            self.conexao = None


def medir_sequencial(porta: int, cookies: dict, caminho: str, requisicoes: int) -> dict:
    cliente = ClienteHttp(porta, cookies)
    tempos, tamanho = [], 0
    try:
        for indice in range(AQUECIMENTO + requisicoes):
            status, segundos, tamanho = cliente.get(caminho)
            if status != 200:
                raise ErroDeMedicao(f"{caminho} respondeu {status} pelo gunicorn.")
            if indice >= AQUECIMENTO:
                tempos.append(segundos)
    finally:
        cliente.fechar()
    return {**resumir(tempos), "bytes": tamanho}


def medir_concorrente(porta: int, cookies: dict, caminho: str, clientes: int, segundos: float) -> dict:
    """`clientes` threads, cada uma com a sua conexão, pedindo a página sem pausa durante `segundos`."""
    tempos: list[list[float]] = [[] for _ in range(clientes)]
    erros: list[str] = []
    marcas = {}

    def comecar():
        marcas["inicio"] = time.perf_counter()
        marcas["fim"] = time.monotonic() + segundos

    barreira = threading.Barrier(clientes, action=comecar)

    def trabalhar(indice: int) -> None:
        cliente = ClienteHttp(porta, cookies)
        barreira.wait()
        try:
            while time.monotonic() < marcas["fim"]:
                try:
                    status, duracao, _ = cliente.get(caminho)
                except (OSError, http.client.HTTPException) as erro:
                    erros.append(repr(erro))
                    continue
                if status != 200:
                    erros.append(f"HTTP {status}")
                tempos[indice].append(duracao)
        finally:
            cliente.fechar()

    linhas = [threading.Thread(target=trabalhar, args=(i,), daemon=True) for i in range(clientes)]
    for linha in linhas:
        linha.start()
    for linha in linhas:
        linha.join()
    decorrido = time.perf_counter() - marcas["inicio"]
    todos = [t for lista in tempos for t in lista]
    if erros:
        raise ErroDeMedicao(f"{caminho}: {len(erros)} falhas com {clientes} clientes (a primeira: {erros[0]}).")
    resumo = resumir(todos)
    return {"clientes": clientes, "segundos": round(decorrido, 2), "requisicoes": len(todos),
            "rps": round(len(todos) / decorrido, 1), "p50_ms": resumo["p50_ms"], "p95_ms": resumo["p95_ms"]}


# --- varreduras, PDF e apresentação (neste processo, numa transação desfeita) --------------------------------


class ContadorDeConsultas:
    def __init__(self):
        self.total = 0

    def __call__(self, execute, sql, params, many, context):
        self.total += 1
        return execute(sql, params, many, context)


def _cronometrar(funcao) -> tuple[object, float, int]:
    """(resultado, segundos, consultas) de uma chamada."""
    from django.db import connection

    contador = ContadorDeConsultas()
    with connection.execute_wrapper(contador):
        inicio = time.perf_counter()
        resultado = funcao()
        segundos = time.perf_counter() - inicio
    return resultado, segundos, contador.total


def _desfeito(funcao):
    """Roda `funcao` numa transação desfeita no fim: o banco medido continua reaproveitável. Os e-mails que as
    varreduras enfileirariam depois do commit (transaction.on_commit) nunca saem."""
    from django.db import transaction

    with transaction.atomic():
        try:
            return funcao()
        finally:
            transaction.set_rollback(True)


def _depois_do_commit() -> int:
    """Quantas ações esperam o commit da transação em curso (os e-mails que iriam para a fila)."""
    from django.db import connection

    return len(connection.run_on_commit)


def medir_fechamento(alvo: int = CHAMADOS_VENCIDOS) -> dict:
    """O fechamento automático (suporte.tasks.fechar_chamados_sem_resposta) sobre `alvo` chamados solucionados
    com o prazo de 7 dias vencido: os que o banco já tem, completados (ou aparados) até o alvo."""
    from django.db.models import F
    from django.utils import timezone

    from portal.contas.models import Usuario
    from suporte.models import Chamado, StatusChamado
    from suporte.tasks import fechar_chamados_sem_resposta

    tecnico = Usuario.objects.get(cpf=PERSONAS["elisa"][0])

    def medir():
        agora = timezone.now()
        vencidos = Chamado.objects.filter(status=StatusChamado.SOLUCIONADO, prazo_aprovacao__lte=agora)
        existentes = vencidos.count()
        if existentes > alvo:
            sobras = list(vencidos.order_by("-prazo_aprovacao").values_list("pk", flat=True)[:existentes - alvo])
            Chamado.objects.filter(pk__in=sobras).update(prazo_aprovacao=agora + timedelta(days=7))
        elif existentes < alvo:
            outros = list(Chamado.objects.exclude(status=StatusChamado.SOLUCIONADO).order_by("pk")
                          .values_list("pk", flat=True)[:alvo - existentes])
            Chamado.objects.filter(pk__in=outros).update(
                status=StatusChamado.SOLUCIONADO, solucionado_por=tecnico, solucionado_em=agora - timedelta(days=8),
                prazo_aprovacao=agora - timedelta(days=1), rodada=F("rodada") + 1)
        devidos = vencidos.count()
        fechados, segundos, consultas = _cronometrar(fechar_chamados_sem_resposta)
        return {"nome": "fechamento", "titulo": f"Fechamento automático de {_num(devidos)} chamados vencidos",
                "tarefa": "suporte.tasks.fechar_chamados_sem_resposta", "itens": fechados, "devidos": devidos,
                "ja_vencidos_no_banco": existentes, "segundos": round(segundos, 3), "consultas": consultas,
                "orcamento_s": ORCAMENTO_FECHAMENTO_S, "ok": segundos <= ORCAMENTO_FECHAMENTO_S}

    return _desfeito(medir)


def medir_varredura(nome: str, titulo: str, caminho_da_tarefa: str) -> dict:
    """Uma varredura do beat duas vezes na mesma transação desfeita: a primeira acha tudo o que está devido no
    banco; a segunda é a passada seguinte do beat, com o livro de lembretes já escrito."""
    modulo, nome_da_tarefa = caminho_da_tarefa.rsplit(".", 1)
    tarefa = getattr(import_module(modulo), nome_da_tarefa)

    def medir():
        antes = _depois_do_commit()
        itens, segundos, consultas = _cronometrar(tarefa)
        emails = _depois_do_commit() - antes
        repetida, segundos_2, consultas_2 = _cronometrar(tarefa)
        return {"nome": nome, "titulo": titulo, "tarefa": caminho_da_tarefa, "itens": itens,
                "segundos": round(segundos, 3), "consultas": consultas, "acoes_depois_do_commit": emails,
                "repetida": {"itens": repetida, "segundos": round(segundos_2, 3), "consultas": consultas_2},
                "orcamento_s": None, "ok": None}

    return _desfeito(medir)


def medir_comprovante(alvos: Alvos, repeticoes: int = REPETICOES_PDF) -> dict:
    """A emissão do comprovante de protocolo (o que o protocolo chama: PDF com código verificador e CRC, gravado
    e registrado), de um requerimento de Campinas; cada emissão desfeita e o arquivo apagado."""
    from django.core.files.storage import default_storage

    from atendimento.models import Requerimento
    from atendimento.services.protocolo import _comprovante_emitir
    from portal.contas.models import Usuario

    requerimento = Requerimento.objects.select_related("entidade__sr", "servico").get(pk=alvos.requerimento)
    atendente = Usuario.objects.get(cpf=PERSONAS["bruno"][0])
    tempos, arquivos, tamanho, consultas = [], [], 0, 0
    try:
        for _ in range(repeticoes):
            def emitir():
                documento, segundos, n = _cronometrar(lambda: _comprovante_emitir(requerimento, atendente))
                arquivos.append(documento.arquivo.name)
                return documento.tamanho, segundos, n

            tamanho, segundos, consultas = _desfeito(emitir)
            tempos.append(segundos)
    finally:
        for nome in arquivos:
            default_storage.delete(nome)
    quentes = tempos[1:] or tempos
    mediana = statistics.median(quentes)
    return {"nome": "comprovante", "titulo": "Comprovante de protocolo em PDF (emissão)",
            "tarefa": "atendimento.services.protocolo._comprovante_emitir", "itens": 1,
            "segundos": round(mediana, 3), "primeira_s": round(tempos[0], 3), "max_s": round(max(quentes), 3),
            "repeticoes": repeticoes, "bytes": tamanho, "consultas": consultas,
            "orcamento_s": ORCAMENTO_PDF_S, "ok": mediana <= ORCAMENTO_PDF_S}


def medir_apresentacao(repeticoes: int = REPETICOES_PPTX) -> dict:
    """A apresentação PowerPoint da Sudeste I, como o worker a gera: os dados da região e o arquivo."""
    from portal.contas.models import Usuario
    from portal.painel.pptx import renderizar_apresentacao
    from portal.painel.selectors import dados_do_relatorio

    karina = Usuario.objects.get(cpf=PERSONAS["karina"][0])
    leituras, desenhos, consultas, tamanho = [], [], 0, 0
    for _ in range(repeticoes):
        dados, segundos, consultas = _cronometrar(lambda: dados_do_relatorio(karina))
        leituras.append(segundos)
        conteudo, segundos, _ = _cronometrar(lambda d=dados: renderizar_apresentacao(d))
        desenhos.append(segundos)
        tamanho = len(conteudo)
    total = [a + b for a, b in zip(leituras, desenhos, strict=True)]
    return {"nome": "apresentacao", "titulo": "Apresentação regional da Sudeste I (PowerPoint)",
            "tarefa": "portal.painel.services.relatorio_gerar (formato pptx)", "itens": 1,
            "segundos": round(statistics.median(total), 3), "dados_s": round(statistics.median(leituras), 3),
            "arquivo_s": round(statistics.median(desenhos), 3), "repeticoes": repeticoes, "bytes": tamanho,
            "consultas": consultas, "orcamento_s": None, "ok": None}


VARREDURAS = {
    "fechamento": lambda alvos: medir_fechamento(),
    "lembretes_exigencias": lambda alvos: medir_varredura(
        "lembretes_exigencias", "Lembretes do prazo das exigências",
        "atendimento.tasks.lembrar_prazo_das_exigencias"),
    "exigencias_vencidas": lambda alvos: medir_varredura(
        "exigencias_vencidas", "Exigências vencidas (não cumpridas)",
        "atendimento.tasks.varrer_exigencias_vencidas"),
    "lembretes_acordos": lambda alvos: medir_varredura(
        "lembretes_acordos", "Lembretes de vigência dos acordos e de adesões paradas",
        "portal.acordos.tasks.lembrar_vencimento_e_pedidos"),
    "lembretes_chamados": lambda alvos: medir_varredura(
        "lembretes_chamados", "Lembretes do prazo de aprovação dos chamados",
        "suporte.tasks.lembrar_prazo_de_aprovacao"),
    "comprovante": medir_comprovante,
    "apresentacao": lambda alvos: medir_apresentacao(),
}


# --- a máquina, as versões, o dataset -------------------------------------------------------------------------


def maquina() -> dict:
    modelo = platform.processor() or platform.machine()
    memoria = None
    try:
        for linha in Path("/proc/cpuinfo").read_text().splitlines():
            if linha.startswith("model name"):
                modelo = linha.split(":", 1)[1].strip()
                break
        for linha in Path("/proc/meminfo").read_text().splitlines():
            if linha.startswith("MemTotal:"):
                memoria = round(int(linha.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    nucleos = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpu": modelo, "nucleos": nucleos, "memoria_gib": memoria, "sistema": platform.platform(),
            "carga_1_5_15": [round(c, 2) for c in os.getloadavg()]}


def _versao(pacote: str) -> str | None:
    try:
        return version(pacote)
    except PackageNotFoundError:
        return None


def versoes(redis_url: str | None) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    redis = None
    if redis_url:
        import redis as cliente_redis

        redis = cliente_redis.Redis.from_url(redis_url).info("server").get("redis_version")
    return {"python": platform.python_version(), "django": _versao("django"), "postgresql": postgres,
            "gunicorn": _versao("gunicorn"), "psycopg": _versao("psycopg"), "redis": redis,
            "weasyprint": _versao("weasyprint"), "python-pptx": _versao("python-pptx")}


def contagens() -> dict:
    from atendimento.models import Exigencia, Requerimento
    from atendimento.models_agenda import Agendamento, Vaga
    from portal.acordos.models import Acordo
    from portal.entidades.models import Entidade, Vinculo
    from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva, SuperintendenciaRegional
    from suporte.models import Acompanhamento, Chamado

    modelos = {
        "superintendencias": SuperintendenciaRegional, "gerencias": GerenciaExecutiva, "agencias": AgenciaPrevidencia,
        "entidades": Entidade, "acordos": Acordo, "representantes": Vinculo, "requerimentos": Requerimento,
        "exigencias": Exigencia, "chamados": Chamado, "acompanhamentos": Acompanhamento, "vagas": Vaga,
        "agendamentos": Agendamento,
    }
    return {nome: modelo.objects.count() for nome, modelo in modelos.items()}


# --- o relatório ------------------------------------------------------------------------------------------------


def _num(valor, casas: int = 0) -> str:
    """Número no formato brasileiro (1.234,5)."""
    if valor is None:
        return "—"
    texto = f"{valor:,.{casas}f}"
    return texto.replace(",", "_").replace(".", ",").replace("_", ".")


def _marca(ok) -> str:
    return "—" if ok is None else ("✓" if ok else "✗")


def escrever_markdown(resultado: dict) -> str:
    linhas = [
        "# Benchmark do Portal ACT — resultados",
        "",
        f"Medido em {resultado['quando']} com `{resultado['comando']}` (duração total: "
        f"{_num(resultado['duracao_s'] / 60, 1)} min). Gerado por `bench/medir.py`; refeito a cada execução. "
        "Os números brutos, com as consultas SQL de cada página, estão em `bench/var/resultados.json`.",
        *_secao_da_maquina(resultado),
        *_secao_do_dataset(resultado),
        *(_secao_das_paginas(resultado) if resultado["paginas"] else []),
        *(_secao_das_varreduras(resultado) if resultado["varreduras"] else []),
    ]
    if resultado["erros"]:
        linhas += ["", "## Erros", ""] + [f"- {erro}" for erro in resultado["erros"]]
    linhas += ["", "## Notas da medição", ""] + [f"- {nota}" for nota in resultado["notas"]]
    if CORRECOES_MD.exists():
        linhas += ["", CORRECOES_MD.read_text().strip()]
    return "\n".join(linhas) + "\n"


def _secao_da_maquina(resultado: dict) -> list[str]:
    conf, maq, ver = resultado["configuracao"], resultado["maquina"], resultado["versoes"]
    redis = f"{ver['redis']} ({conf['redis']}: cache e fila)" if conf["redis"] else "não: cache e fila em arquivos"
    return [
        "",
        "## Máquina e versões",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {maq['cpu']} — {maq['nucleos']} núcleos |",
        f"| memória | {_num(maq['memoria_gib'], 1)} GiB |",
        f"| sistema | {maq['sistema']} |",
        f"| carga antes de medir (1/5/15 min) | {' / '.join(_num(c, 2) for c in maq['carga_1_5_15'])} |",
        f"| carga no fim (1/5/15 min) | {' / '.join(_num(c, 2) for c in resultado['carga_no_fim'])} |",
        f"| Python · Django | {ver['python']} · {ver['django']} |",
        f"| PostgreSQL · psycopg | {ver['postgresql']} · {ver['psycopg']} |",
        f"| gunicorn | {ver['gunicorn']}: {conf['workers']} workers síncronos (WEB_CONCURRENCY), as opções do CMD "
        "do Dockerfile |",
        f"| Redis | {redis} |",
        f"| WeasyPrint · python-pptx | {ver['weasyprint']} · {ver['python-pptx']} |",
        f"| banco | `{conf['banco']}` |",
        "| configuração | DEBUG desligado, SECURE_SSL_REDIRECT=0, ALLOWED_HOSTS=127.0.0.1, pedidos com os cabeçalhos "
        "do nginx (X-Forwarded-Proto: https) |",
    ]


def _secao_do_dataset(resultado: dict) -> list[str]:
    resumo, fonte = resultado["dataset"]["resumo"] or {}, resultado["dataset"]["fonte_do_resumo"]
    if fonte:
        origem = (f"gerado por `bench/dataset.py` (escala {resumo.get('escala')}, semente {resumo.get('semente')}, "
                  f"em {resumo.get('gerado_em')}, {_num(resumo.get('segundos'))} s; resumo lido {fonte})")
    else:
        origem = "sem resumo do gerador (os alvos foram achados por consultas)"
    linhas = ["", "## Conjunto de dados", "", f"Linhas contadas no banco medido, {origem}.", "",
              "| tabela | linhas | previsto (DESIGN.md) |", "|---|---:|---:|"]
    for nome, quantidade in resultado["dataset"]["contagens"].items():
        linhas.append(f"| {nome} | {_num(quantidade)} | {_num(PREVISTO.get(nome))} |")
    alvos = resultado.get("alvos") or {}
    if alvos:
        linhas += ["", "Alvos: chamado `{chamado}` ({acompanhamentos} acompanhamentos), requerimento {requerimento}, "
                       "CPF e protocolo de requerimentos existentes, balcão da APS {aps} em {dia}.".format(**alvos)]
    return linhas


def _secao_das_paginas(resultado: dict) -> list[str]:
    conf = resultado["configuracao"]
    linhas = [
        "",
        "## Páginas",
        "",
        f"Cada página pedida pela persona indicada, com uma sessão autenticada criada direto no banco (como "
        f"`force_login`). **p50/p95**: {conf['requisicoes']} requisições sequenciais de um cliente, depois de "
        f"{AQUECIMENTO} de aquecimento. **rps**: {conf['clientes']} clientes simultâneos (threads deste processo, "
        f"cada uma com a sua conexão) por {conf['segundos']:g} s; p95 sob carga ao lado. **Consultas**: uma "
        "requisição depois do aquecimento, contadas no processo da medição (Client do Django + "
        "CaptureQueriesContext, mesmo banco e mesmas configurações). **× piso**: p50 da página / p50 do piso. "
        f"Orçamento (DESIGN.md): ≤ {ORCAMENTO_CONSULTAS} consultas e p95 ≤ {_num(ORCAMENTO_P95_MS)} ms com um cliente.",
        "",
        f"| página | persona | URL | consultas | p50 (ms) | p95 (ms) | × piso | rps @{conf['clientes']} | "
        f"p95 @{conf['clientes']} (ms) | orçamento |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for pagina in resultado["paginas"]:
        inicio = f"| {pagina['titulo']} | {pagina['persona'] or '—'} | `{pagina['caminho']}` |"
        if "erro" in pagina:
            linhas.append(f"{inicio} erro: {pagina['erro']} | | | | | | ✗ |")
            continue
        seq, carga = pagina["sequencial"], pagina["concorrente"]
        linhas.append(
            f"{inicio} {pagina['consultas']} | {_num(seq['p50_ms'], 1)} | {_num(seq['p95_ms'], 1)} | "
            f"{_num(pagina.get('razao_piso'), 1)} | {_num(carga['rps'], 1)} | {_num(carga['p95_ms'], 1)} | "
            f"{_marca(pagina.get('ok'))} |")
    return linhas


def _secao_das_varreduras(resultado: dict) -> list[str]:
    linhas = [
        "",
        "## Varreduras e documentos",
        "",
        "Neste processo, com as mesmas configurações, cada uma numa transação desfeita no fim (o banco medido "
        "continua o mesmo; os lotes das varreduras viram savepoints em vez de commits, e os e-mails que sairiam "
        "depois do commit não são enfileirados — o detalhe diz quantos seriam). As de lembretes rodam duas "
        "vezes: a primeira acha tudo o que está devido no banco; a segunda é a passada seguinte do beat.",
        "",
        "| o quê | tarefa | itens | consultas | tempo (s) | orçamento | |",
        "|---|---|---:|---:|---:|---:|:-:|",
    ]
    for item in resultado["varreduras"]:
        if "erro" in item:
            linhas.append(f"| {item['titulo']} | | | | erro: {item['erro']} | | ✗ |")
            continue
        detalhe = ""
        if "repetida" in item:
            repetida = item["repetida"]
            detalhe = (f"; {_num(item['acoes_depois_do_commit'])} e-mails iriam para a fila; de novo: "
                       f"{_num(repetida['itens'])} itens em {_num(repetida['segundos'], 3)} s, "
                       f"{_num(repetida['consultas'])} consultas")
        elif item["nome"] == "comprovante":
            detalhe = (f"; mediana das {item['repeticoes'] - 1} emissões depois da primeira, que levou "
                       f"{_num(item['primeira_s'], 3)} s (a primeira de cada processo carrega as fontes); máx. "
                       f"das seguintes {_num(item['max_s'], 3)} s; {_num(item['bytes'])} bytes")
        elif item["nome"] == "apresentacao":
            detalhe = (f"; mediana de {item['repeticoes']}: dados {_num(item['dados_s'], 3)} s + arquivo "
                       f"{_num(item['arquivo_s'], 3)} s; {_num(item['bytes'])} bytes")
        elif item["nome"] == "fechamento":
            detalhe = f"; {_num(item['ja_vencidos_no_banco'])} já vencidos no banco, o resto vencido para a medição"
        orcamento = f"≤ {_num(item['orcamento_s'], 1)} s" if item["orcamento_s"] else "—"
        linhas.append(f"| {item['titulo']}{detalhe} | `{item['tarefa']}` | {_num(item['itens'])} | "
                      f"{_num(item['consultas'])} | {_num(item['segundos'], 3)} | {orcamento} | {_marca(item['ok'])} |")
    return linhas


# --- a medição ---------------------------------------------------------------------------------------------------


def _argumentos(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.medir", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requisicoes", type=int, default=200, help="requisições sequenciais por página (200)")
    parser.add_argument("--segundos", type=float, default=20, help="duração da carga concorrente por página (20)")
    parser.add_argument("--clientes", type=int, default=8, help="clientes simultâneos (8)")
    parser.add_argument("--so", default="", help="só estas medidas, separadas por vírgula (nomes no relatório)")
    return parser.parse_args(argv)


def _preparar_estaticos() -> None:
    """Com DEBUG desligado, os templates pedem os estáticos ao manifesto do WhiteNoise (como na imagem)."""
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)


def main(argv=None) -> int:
    args = _argumentos(argv)
    comeco = time.perf_counter()
    conf = configurar_ambiente()
    conf.update({"requisicoes": args.requisicoes, "segundos": args.segundos, "clientes": args.clientes})

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.utils import timezone

    try:
        connection.ensure_connection()
    except Exception as erro:
        print(f"Não foi possível abrir o banco {conf['banco']}: {erro}\n"
              "Gere-o antes com: .venv/bin/python -m bench.dataset", file=sys.stderr)
        return 1

    resultado = {
        "quando": timezone.localtime().strftime("%d/%m/%Y %H:%M (%Z)"), "quando_iso": timezone.now().isoformat(),
        "comando": " ".join(["python -m bench.medir", *(argv if argv is not None else sys.argv[1:])]),
        "configuracao": conf, "maquina": maquina(), "versoes": versoes(conf["redis"]),
        "paginas": [], "varreduras": [], "erros": [], "notas": [],
    }
    resumo, fonte = ler_resumo()
    print("==> Contando o conjunto de dados", flush=True)
    resultado["dataset"] = {"resumo": resumo or None, "fonte_do_resumo": fonte, "contagens": contagens()}
    cache.clear()  # o cache do benchmark (banco 14 do Redis, ou arquivos em bench/var/portal) pode ser de outro banco

    alvos = descobrir_alvos(resumo)
    resultado["alvos"] = asdict(alvos)
    todas = paginas(alvos)
    nomes_validos = [p.nome for p in todas] + list(VARREDURAS)
    escolhidas = {nome.strip() for nome in args.so.split(",") if nome.strip()}
    desconhecidas = escolhidas - set(nomes_validos)
    if desconhecidas:
        print(f"Medidas desconhecidas: {', '.join(sorted(desconhecidas))}. Use: {', '.join(nomes_validos)}",
              file=sys.stderr)
        return 2
    a_medir = [p for p in todas if not escolhidas or p.nome in escolhidas]
    if a_medir and a_medir[0].nome != "piso":
        a_medir.insert(0, todas[0])  # a razão ao piso precisa do piso, na mesma execução
    if escolhidas and escolhidas <= set(VARREDURAS):
        a_medir = []

    chaves = {}
    try:
        if a_medir:
            _preparar_estaticos()
            chaves, notas_das_sessoes = sessoes_das_personas()
            for apelido, nota in notas_das_sessoes.items():
                resultado["notas"].append(f"{apelido}: {nota}.")
            _medir_paginas(a_medir, chaves, args, resultado)
        for nome, medir in VARREDURAS.items():
            if escolhidas and nome not in escolhidas:
                continue
            print(f"==> {nome}", flush=True)
            try:
                item = medir(alvos)
            except Exception as erro:  # uma medida que falha não impede as outras; o relatório a mostra
                traceback.print_exc()
                resultado["erros"].append(f"{nome}: {erro}")
                item = {"nome": nome, "titulo": nome, "erro": str(erro)}
            resultado["varreduras"].append(item)
    finally:
        sessoes_apagar(chaves.values())

    resultado["carga_no_fim"] = [round(c, 2) for c in os.getloadavg()]
    resultado["duracao_s"] = round(time.perf_counter() - comeco, 1)
    resultado["notas"] += _notas(resultado)
    VAR.mkdir(parents=True, exist_ok=True)
    destino_json, destino_md = ((RESULTADOS_PARCIAIS_JSON, RESULTADOS_PARCIAIS_MD) if escolhidas
                                else (RESULTADOS_JSON, RESULTADOS_MD))
    destino_json.write_text(json.dumps(resultado, ensure_ascii=False, indent=2, default=str) + "\n")
    destino_md.write_text(escrever_markdown(resultado))
    print(f"==> Resultados em {destino_md.relative_to(RAIZ)} e {destino_json.relative_to(RAIZ)}", flush=True)
    return 1 if resultado["erros"] else 0


def _medir_paginas(a_medir: list[Pagina], chaves: dict, args, resultado: dict) -> None:
    from django.conf import settings

    piso_p50 = None
    with Servidor() as servidor:
        resultado["configuracao"]["gunicorn"] = servidor.comando[1:]
        for pagina in a_medir:
            print(f"==> {pagina.nome}: {pagina.caminho}", flush=True)
            chave = chaves.get(pagina.persona)
            cookies = {settings.SESSION_COOKIE_NAME: chave} if chave else {}
            linha = {"nome": pagina.nome, "titulo": pagina.titulo, "persona": pagina.persona,
                     "caminho": pagina.caminho}
            try:
                linha.update(contar_consultas(pagina.caminho, chave, marca=pagina.marca, sem=pagina.sem))
                linha["sequencial"] = medir_sequencial(servidor.porta, cookies, pagina.caminho, args.requisicoes)
                linha["concorrente"] = medir_concorrente(servidor.porta, cookies, pagina.caminho, args.clientes,
                                                         args.segundos)
            except Exception as erro:  # a página com erro entra no relatório; as outras continuam
                traceback.print_exc()
                linha["erro"] = str(erro)
                resultado["erros"].append(f"{pagina.nome} ({pagina.caminho}): {erro}")
                resultado["paginas"].append(linha)
                continue
            p50 = linha["sequencial"]["p50_ms"]
            if pagina.nome == "piso":
                piso_p50 = p50
            linha["razao_piso"] = round(p50 / piso_p50, 2) if piso_p50 else None
            if pagina.persona is not None:
                linha["ok"] = (linha["consultas"] <= ORCAMENTO_CONSULTAS
                               and linha["sequencial"]["p95_ms"] <= ORCAMENTO_P95_MS)
            print(f"    {linha['consultas']} consultas · p50 {p50} ms · p95 {linha['sequencial']['p95_ms']} ms · "
                  f"{linha['concorrente']['rps']} rps com {args.clientes} clientes", flush=True)
            resultado["paginas"].append(linha)


def _notas(resultado: dict) -> list[str]:
    conf, maq = resultado["configuracao"], resultado["maquina"]
    notas = [
        f"Servidor, banco e os {conf['clientes']} clientes de carga dividem a mesma máquina de "
        f"{maq['nucleos']} núcleos: o rps mede a pilha inteira numa caixa só, não o gunicorn isolado.",
        "O worker síncrono do gunicorn fecha a conexão a cada resposta (como atrás do nginx sem keepalive com o "
        "upstream): cada requisição medida inclui abrir a conexão TCP local.",
        "--max-requests do Dockerfile vale aqui também: os workers são reciclados durante a medição, como em "
        "produção.",
    ]
    if maq["carga_1_5_15"][0] > maq["nucleos"] / 2:
        notas.append(f"A máquina já estava ocupada antes da medição (carga {_num(maq['carga_1_5_15'][0], 2)} no "
                     "último minuto): os tempos podem estar piores do que numa máquina livre.")
    origem = (resultado.get("alvos") or {}).get("origem") or {}
    if any(valor == "consulta" for valor in origem.values()):
        notas.append("Alvos achados por consulta (ausentes do resumo do gerador, ou sem correspondência no banco "
                     "medido): " + ", ".join(chave for chave, valor in origem.items() if valor == "consulta") + ".")
    return notas


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ErroDeMedicao as erro:
        print(f"bench.medir: {erro}", file=sys.stderr)
        sys.exit(1)
