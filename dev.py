#!/usr/bin/env python3
"""The two commands of README.md, for a bare machine with Python 3.11+ (standard library only here).

    python3 dev.py run    set up, migrate, load the demo data and run web + worker + beat
    python3 dev.py test   set up and run the whole test suite (browser tests included)

and the benchmark (README.md, "Benchmark"; needs PostgreSQL):

    python3 dev.py bench  set up, build the national dataset and measure the portal under gunicorn

All three create `.venv/` and install the pinned dependencies (pyproject.toml, constraints.txt) when they
changed. Without DATABASE_URL / REDIS_URL the portal uses SQLite and a file-based Celery broker.
"""

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

RAIZ = Path(__file__).resolve().parent
VENV = RAIZ / ".venv"
PYTHON = VENV / "bin" / "python"
VAR = Path(os.environ.get("PORTAL_VAR_DIR", RAIZ / "var"))
CHROMIUM = Path("/usr/bin/chromium")
PACOTES_DO_SISTEMA = ["chromium", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core",
                      "nginx", "curl"]  # nginx e curl: o teste da entrada com certificado A3


def dizer(texto: str) -> None:
    print(f"\033[1m==> {texto}\033[0m", flush=True)


def preparar_ambiente(extras: str) -> None:
    """Create the virtualenv and install the project with its pinned dependencies, once per change."""
    if sys.version_info < (3, 11):  # noqa: UP036 — dev.py roda antes do venv, em qualquer Python
        sys.exit("O Portal ACT precisa de Python 3.11 ou mais novo.")
    if not PYTHON.exists():
        dizer("Criando o ambiente virtual em .venv/")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    assinatura = hashlib.sha256()
    for arquivo in ("pyproject.toml", "constraints.txt"):
        assinatura.update((RAIZ / arquivo).read_bytes())
    assinatura.update(extras.encode())
    marca = VENV / f".instalado-{extras or 'base'}"
    if marca.exists() and marca.read_text() == assinatura.hexdigest():
        return
    dizer("Instalando as dependências fixadas (pyproject.toml + constraints.txt)")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    alvo = f".[{extras}]" if extras else "."
    subprocess.run([*pip, "-c", "constraints.txt", "-e", alvo], check=True, cwd=RAIZ)
    marca.write_text(assinatura.hexdigest())


def faltam_pacotes_do_sistema() -> list[str]:
    faltando = [] if CHROMIUM.exists() else ["chromium"]
    if not shutil.which("dpkg-query"):
        return faltando
    for pacote in PACOTES_DO_SISTEMA[1:]:
        instalado = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pacote], capture_output=True, text=True
        ).stdout
        if "install ok installed" not in instalado:
            faltando.append(pacote)
    return faltando


def instalar_pacotes_do_sistema() -> None:
    """Chromium (browser tests) and Pango (WeasyPrint) come from Debian; install them if missing."""
    faltando = faltam_pacotes_do_sistema()
    if not faltando:
        return
    if not shutil.which("apt-get") or os.geteuid() != 0:
        sys.exit(
            "Faltam pacotes do sistema: " + " ".join(faltando) + ".\n"
            "Instale-os (Debian/Ubuntu: sudo apt-get install -y " + " ".join(faltando) + ") e rode de novo."
        )
    dizer("Instalando pacotes do sistema: " + " ".join(faltando))
    ambiente = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=ambiente)
    subprocess.run(["apt-get", "install", "-y", "-qq", *faltando], check=True, env=ambiente)


def manage(*argumentos: str, ambiente: dict) -> None:
    subprocess.run([str(PYTHON), "manage.py", *argumentos], check=True, cwd=RAIZ, env=ambiente)


def rodar() -> int:
    preparar_ambiente("")
    ambiente = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    porta = os.environ.get("PORT", "8000")
    VAR.mkdir(exist_ok=True)
    dizer("Aplicando as migrações")
    manage("migrate", "--no-input", "-v", "0", ambiente=ambiente)
    dizer("Carregando os dados de demonstração")
    manage("seed_demo", ambiente=ambiente)
    celery = [str(PYTHON), "-m", "celery", "-A", "portal"]
    processos = {
        "web": [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{porta}", "--noreload"],
        "worker": [*celery, "worker", "--pool", "solo", "--loglevel", "INFO"],
        "beat": [*celery, "beat", "--loglevel", "INFO"],
    }
    filhos = {nome: subprocess.Popen(comando, cwd=RAIZ, env=ambiente) for nome, comando in processos.items()}

    def encerrar(*_):
        for processo in filhos.values():
            if processo.poll() is None:
                processo.terminate()
        for processo in filhos.values():
            try:
                processo.wait(timeout=10)
            except subprocess.TimeoutExpired:
                processo.kill()

    signal.signal(signal.SIGTERM, lambda *_: (encerrar(), sys.exit(0)))
    time.sleep(2)
    dizer(f"Portal ACT no ar: http://127.0.0.1:{porta}/  (web, worker e beat; Ctrl+C encerra)")
    print("    Entre com um CPF da tabela de personas do README e a senha Portal@ACT2026.", flush=True)
    print(f"    E-mails enviados ficam em {VAR / 'emails'}/", flush=True)
    try:
        while True:
            for nome, processo in filhos.items():
                if processo.poll() is not None:
                    dizer(f"O processo {nome} terminou (código {processo.returncode}); encerrando os demais.")
                    encerrar()
                    return processo.returncode or 1
            time.sleep(1)
    except KeyboardInterrupt:
        encerrar()
        return 0


def navegador_rodou(relatorio: Path) -> tuple[int, int]:
    """(executed, skipped) browser tests according to the JUnit report."""
    executados = pulados = 0
    for caso in ET.parse(relatorio).getroot().iter("testcase"):  # noqa: S314 — relatório do próprio pytest
        if not caso.get("classname", "").startswith("tests.navegador"):
            continue
        if caso.find("skipped") is not None:
            pulados += 1
        else:
            executados += 1
    return executados, pulados


def avaliar_auditoria(relatorio: str, *, estrito: bool) -> tuple[int, list[str]]:
    """Reads pip-audit's JSON report: a known vulnerability fails; a dependency that could not be audited (the
    vulnerability service out of reach) is a warning, or a failure with `estrito` (PIP_AUDIT_ESTRITO=1)."""
    try:
        dependencias = json.loads(relatorio)["dependencies"]
    except (ValueError, KeyError, TypeError):
        return 1, ["o pip-audit não produziu um relatório legível"]
    vulneraveis = [d for d in dependencias if d.get("vulns")]
    sem_auditoria = [d for d in dependencias if d.get("skip_reason")]
    linhas = [
        f"VULNERÁVEL: {d['name']} {d.get('version', '')}: "
        + ", ".join(f"{v['id']} (corrigida em {', '.join(v.get('fix_versions') or ['—'])})" for v in d["vulns"])
        for d in vulneraveis
    ]
    if sem_auditoria:
        linhas.append(f"{'FALHA' if estrito else 'AVISO'}: {len(sem_auditoria)} de {len(dependencias)} dependências "
                      "não puderam ser auditadas (serviço de vulnerabilidades fora de alcance?): "
                      + ", ".join(d["name"] for d in sem_auditoria[:10]) + ("…" if len(sem_auditoria) > 10 else ""))
    falhou = bool(vulneraveis) or (estrito and bool(sem_auditoria))
    if not falhou:
        linhas.append(f"{len(dependencias) - len(sem_auditoria)} dependências auditadas, nenhuma vulnerabilidade "
                      "conhecida")
    return (1 if falhou else 0), linhas


def auditar_dependencias() -> int:
    """pip-audit over the installed environment (the pinned versions of constraints.txt)."""
    saida = subprocess.run(
        [str(PYTHON), "-m", "pip_audit", "--progress-spinner", "off", "--skip-editable", "--format", "json"],
        cwd=RAIZ, capture_output=True, text=True,
    )
    codigo, linhas = avaliar_auditoria(saida.stdout, estrito=os.environ.get("PIP_AUDIT_ESTRITO") == "1")
    for linha in linhas:
        print(f"    {linha}", flush=True)
    return codigo


def testar(argumentos: list[str]) -> int:
    preparar_ambiente("dev")
    instalar_pacotes_do_sistema()
    VAR.mkdir(exist_ok=True)
    dizer("ruff check")
    if subprocess.run([str(PYTHON), "-m", "ruff", "check", "."], cwd=RAIZ).returncode != 0:
        return 1
    dizer("pip-audit (vulnerabilidades conhecidas nas dependências)")
    if auditar_dependencias() != 0:
        return 1
    relatorio = VAR / "junit.xml"
    relatorio.unlink(missing_ok=True)
    banco = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    dizer(f"pytest (banco: {banco}; Redis: {'sim' if os.environ.get('REDIS_URL') else 'não'})")
    resultado = subprocess.run(
        [str(PYTHON), "-m", "pytest", "--create-db", f"--junitxml={relatorio}", *argumentos], cwd=RAIZ
    ).returncode
    if resultado != 0:
        return resultado
    filtrado = any(a.startswith(("-k", "-m")) or a.startswith("tests/") for a in argumentos)
    if not filtrado:
        executados, pulados = navegador_rodou(relatorio)
        if executados == 0 or pulados:
            dizer(f"FALHA: os testes de navegador não rodaram ({executados} executados, {pulados} pulados).")
            return 1
        dizer(f"Testes de navegador executados: {executados}")
    return 0


def medir_desempenho(argumentos: list[str]) -> int:
    """Build (or reuse) the national dataset and run bench/medir.py against it; extra arguments go to medir."""
    preparar_ambiente("")
    dizer("Conjunto de dados nacional (bench/dataset.py)")
    resultado = subprocess.run([str(PYTHON), "-m", "bench.dataset"], cwd=RAIZ).returncode
    if resultado != 0:
        return resultado
    dizer("Medindo o portal sob gunicorn (bench/medir.py); resultados em bench/RESULTS.md")
    return subprocess.run([str(PYTHON), "-m", "bench.medir", *argumentos], cwd=RAIZ).returncode


def main() -> int:
    os.chdir(RAIZ)
    comando = sys.argv[1] if len(sys.argv) > 1 else ""
    if comando == "run":
        return rodar()
    if comando == "test":
        return testar(sys.argv[2:])
    if comando == "bench":
        return medir_desempenho(sys.argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
