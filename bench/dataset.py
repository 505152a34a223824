"""O conjunto de dados nacional do benchmark (DESIGN.md, "Scale we design for"), num PostgreSQL só dele.

    .venv/bin/python -m bench.dataset [--escala 1.0] [--semente 2026] [--recriar] [--resumo bench/var/dataset.json]

O banco vem de BENCH_DATABASE_URL (padrão: postgres://postgres@127.0.0.1:5432/portal_act_nacional); o script o
cria se faltar, aplica as migrações, semeia a demonstração (as personas entram com a senha de `portal.demo`) e
carrega os volumes com COPY numa só transação. Reprodutível: a mesma semente, no mesmo dia, dá os mesmos dados
(as datas são relativas à meia-noite do dia da geração, a "âncora"). Reutilizável: a tabela `bench_dataset`
guarda a semente, a escala, o hash do gerador e das migrações e o resumo; rodar de novo com os mesmos
parâmetros não faz nada além de mostrar as contagens. Parâmetros diferentes pedem --recriar, que apaga e
refaz o banco — só um banco criado por este script.

O resumo (JSON) diz ao benchmark as contagens, os tempos e os ids de que ele precisa.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RAIZ = Path(__file__).resolve().parent.parent
URL_PADRAO = "postgres://postgres@127.0.0.1:5432/portal_act_nacional"
RESUMO_PADRAO = RAIZ / "bench" / "var" / "dataset.json"
FONTES_DO_GERADOR = [
    "bench/dataset.py", "bench/geracao.py", "bench/comum.py", "bench/copia.py", "bench/referencia.py",
    "bench/organizacao.py", "bench/cadastro.py", "bench/pessoas.py", "bench/pedidos.py", "bench/chamados.py",
    "bench/agenda.py", "portal/demo.py",
]
CAMPINAS = "51885242000140"
PERSONAS = {
    "ana": "11144477735", "bruno": "52998224725", "carla": "24681357928", "diego": "13579246828",
    "elisa": "31415926590", "fabio": "27182818205", "gabriela": "16180339805", "heitor": "14142135651",
    "iara": "17320508052", "joao": "22360679767", "karina": "30000000116", "admin": "40000000205",
}


def relatar(texto: str, segundos: float | None = None) -> None:
    sufixo = f" ({segundos:.1f} s)" if segundos is not None else ""
    print(f"[dataset] {texto}{sufixo}", flush=True)


def preparar_ambiente(url: str) -> None:
    """As variáveis que a configuração de produção exige, com valores do benchmark quando faltam; nada é enviado
    por e-mail nem enfileirado pela carga."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    os.environ.setdefault("SECRET_KEY", "benchmark-nacional-" + "b" * 48)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("EMAIL_HOST", "127.0.0.1")
    os.environ.setdefault("PORTAL_VAR_DIR", str(RAIZ / "bench" / "var" / "portal"))


def _url_do_banco(url: str, banco: str) -> str:
    partes = urlsplit(url)
    return urlunsplit(partes._replace(path=f"/{banco}"))


def _sem_senha(url: str) -> str:
    partes = urlsplit(url)
    if partes.password:
        partes = partes._replace(netloc=partes.netloc.replace(f":{partes.password}@", ":***@"))
    return urlunsplit(partes)


def preparar_banco(url: str, *, recriar: bool) -> None:
    """Cria o banco se falta (ou o refaz com --recriar) e a tabela-marcador que o identifica como do benchmark.
    Um banco que já tem as tabelas do portal sem o marcador não é deste script: nunca é tocado."""
    import psycopg
    from psycopg import sql

    nome = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_url_do_banco(url, "postgres"), autocommit=True) as administracao:
        existe = administracao.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nome]).fetchone()
        if existe:
            _conferir_dono(url, nome)
        if existe and recriar:
            relatar(f"apagando o banco {nome}")
            administracao.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(nome)))
            existe = None
        if not existe:
            relatar(f"criando o banco {nome}")
            administracao.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(nome)))
    with psycopg.connect(url, autocommit=True) as conexao:
        conexao.execute(
            "CREATE TABLE IF NOT EXISTS bench_dataset (id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1), "
            "semente integer NOT NULL, escala double precision NOT NULL, gerador text NOT NULL, "
            "migracoes text NOT NULL, resumo jsonb NOT NULL, gerado_em timestamptz NOT NULL DEFAULT now())"
        )


def _conferir_dono(url: str, nome: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conexao:
        marcador, portal = conexao.execute(
            "SELECT to_regclass('bench_dataset') IS NOT NULL, to_regclass('django_migrations') IS NOT NULL"
        ).fetchone()
    if portal and not marcador:
        raise SystemExit(f"O banco {nome} tem as tabelas do portal, mas não foi criado por bench.dataset: não mexo "
                         "nele. Aponte BENCH_DATABASE_URL para outro banco.")


def hash_do_gerador() -> str:
    resumo = hashlib.sha256()
    for caminho in FONTES_DO_GERADOR:
        resumo.update(caminho.encode())
        resumo.update((RAIZ / caminho).read_bytes())
    return resumo.hexdigest()[:16]


def hash_das_migracoes() -> str:
    from django.db.migrations.loader import MigrationLoader

    resumo = hashlib.sha256()
    carregador = MigrationLoader(None, ignore_no_migrations=True)
    for (app, nome), migracao in sorted(carregador.disk_migrations.items()):
        resumo.update(f"{app}.{nome}".encode())
        resumo.update(Path(sys.modules[migracao.__module__].__file__).read_bytes())
    return resumo.hexdigest()[:16]


def ler_marcador() -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT semente, escala, gerador, migracoes, resumo FROM bench_dataset WHERE id = 1")
        linha = cursor.fetchone()
    if linha is None:
        return None
    semente, escala, gerador, migracoes, resumo = linha
    if isinstance(resumo, str):
        resumo = json.loads(resumo)
    return {"semente": semente, "escala": escala, "gerador": gerador, "migracoes": migracoes, "resumo": resumo}


def gravar_resumo(resumo: dict, caminho: Path) -> None:
    caminho.parent.mkdir(parents=True, exist_ok=True)
    caminho.write_text(json.dumps(resumo, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def mostrar(resumo: dict) -> None:
    for chave, valor in resumo["volumes"].items():
        relatar(f"{chave:>16}: {valor:>10,}".replace(",", "."))
    relatar(f"gerado em {resumo['gerado_em']} (âncora {resumo['hoje']}), {resumo['segundos']:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__.split("\n\n")[0])
    parser.add_argument("--escala", type=float, default=1.0, help="fração dos volumes de DESIGN.md (padrão 1,0)")
    parser.add_argument("--semente", type=int, default=2026, help="semente do sorteio (padrão 2026)")
    parser.add_argument("--recriar", action="store_true", help="apaga e refaz o banco do benchmark")
    parser.add_argument("--resumo", type=Path, default=RESUMO_PADRAO, help="onde gravar o resumo JSON")
    args = parser.parse_args(argv)
    if not 0 < args.escala <= 10:
        parser.error("--escala deve estar entre 0 e 10.")
    url = os.environ.get("BENCH_DATABASE_URL", URL_PADRAO)
    if not urlsplit(url).scheme.startswith("postgres"):
        parser.error("BENCH_DATABASE_URL deve apontar para um PostgreSQL.")
    inicio = time.monotonic()
    preparar_ambiente(url)
    preparar_banco(url, recriar=args.recriar)

    import django

    django.setup()
    from django.core.management import call_command

    relatar("aplicando as migrações")
    antes = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    relatar("migrações aplicadas", time.monotonic() - antes)
    assinatura = {"semente": args.semente, "escala": args.escala, "gerador": hash_do_gerador(),
                  "migracoes": hash_das_migracoes()}
    marcador = ler_marcador()
    if marcador is not None:
        diferencas = [f"{chave}: {marcador[chave]} ≠ {valor}" for chave, valor in assinatura.items()
                      if marcador[chave] != valor]
        if diferencas:
            relatar("o banco tem um conjunto gerado com outros parâmetros (" + "; ".join(diferencas) + "). "
                    "Rode com --recriar para refazê-lo.")
            return 2
        relatar("o conjunto já está carregado com estes parâmetros; nada a fazer")
        mostrar(marcador["resumo"])
        gravar_resumo(marcador["resumo"], args.resumo)
        return 0

    from bench.geracao import banco_tem_dados, gerar

    if banco_tem_dados():
        relatar("o banco já tem requerimentos ou chamados que não são deste gerador. Rode com --recriar.")
        return 2
    from portal.demo import semear_demo

    antes = time.monotonic()
    semear_demo()
    relatar("demonstração semeada (personas, catálogo, cronograma do A3)", time.monotonic() - antes)
    resumo = gerar(semente=args.semente, escala=args.escala, assinatura=assinatura, inicio=inicio,
                   banco=_sem_senha(url), personas=PERSONAS, relatar=relatar)
    gravar_resumo(resumo, args.resumo)
    relatar(f"resumo em {args.resumo}")
    mostrar(resumo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
