"""A carga em massa no PostgreSQL: COPY em lotes grandes, dentro de uma só transação.

Para carregar depressa, `preparar` tira as chaves estrangeiras do esquema e os índices não únicos das tabelas
carregadas e esvazia essas tabelas (guardando e devolvendo as linhas que já tinham, as da demonstração): assim o
COPY grava com FREEZE (linhas já congeladas e visíveis, sem VACUUM depois) e os índices são construídos de uma
vez no fim. `restaurar` recria tudo com as mesmas definições e nomes; as chaves estrangeiras voltam validando
todas as linhas. Tudo na mesma transação: se algo falhar, o banco volta ao que era antes da carga.
Chaves primárias, restrições únicas e CHECK ficam no lugar durante a carga e conferem cada linha.
"""

import time
from collections import Counter
from contextlib import contextmanager

from django.db import connection

_LOTE = 4 * 1024 * 1024  # caracteres por escrita no COPY


class Escritor:
    def __init__(self, copia):
        self._copia = copia
        self._partes: list[str] = []
        self._tamanho = 0
        self.linhas = 0

    def linha(self, *campos: str) -> None:
        texto = "\t".join(campos) + "\n"
        self._partes.append(texto)
        self._tamanho += len(texto)
        self.linhas += 1
        if self._tamanho >= _LOTE:
            self.descarregar()

    def bloco(self, linhas: list[str]) -> None:
        for inicio in range(0, len(linhas), 20_000):
            self._copia.write("".join(linhas[inicio:inicio + 20_000]))
        self.linhas += len(linhas)

    def descarregar(self) -> None:
        if self._partes:
            self._copia.write("".join(self._partes))
            self._partes, self._tamanho = [], 0


class Carga:
    def __init__(self):
        connection.ensure_connection()
        self.bruta = connection.connection  # a conexão psycopg da transação do Django
        self.contagens: Counter = Counter()
        self._indices: list[tuple[str, str]] = []
        self._chaves: list[tuple[str, str, str]] = []
        self._tabelas: set[str] = set()

    def executar(self, sql: str, parametros=None) -> list:
        with self.bruta.cursor() as cursor:
            cursor.execute(sql, parametros)
            return cursor.fetchall() if cursor.description else []

    def preparar(self, tabelas: list[str]) -> None:
        self.executar("SET LOCAL synchronous_commit = off")
        self.executar("SET LOCAL maintenance_work_mem = '512MB'")
        self._chaves = self.executar(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public' "
            "ORDER BY 1, 2"
        )
        for tabela, nome, _ in self._chaves:
            self.executar(f'ALTER TABLE "{tabela}" DROP CONSTRAINT "{nome}"')
        self._indices = self.executar(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary "
            "ORDER BY 1",
            [tabelas],
        )
        for nome, _ in self._indices:
            self.executar(f'DROP INDEX "{nome}"')
        for tabela in tabelas:
            self._esvaziar(tabela)
        self._tabelas = set(tabelas)

    def _esvaziar(self, tabela: str) -> None:
        """TRUNCATE para o COPY FREEZE, devolvendo as linhas que já estavam (demonstração, migrações)."""
        # Os nomes das tabelas vêm dos modelos, nunca de fora.
        (existentes,) = self.executar(f'SELECT count(*) FROM "{tabela}"')[0]  # noqa: S608
        if existentes:
            self.executar(f'CREATE TEMP TABLE "guarda_{tabela}" ON COMMIT DROP AS SELECT * FROM "{tabela}"')  # noqa: S608
        self.executar(f'TRUNCATE "{tabela}"')
        if existentes:
            self.executar(f'INSERT INTO "{tabela}" SELECT * FROM "guarda_{tabela}"')  # noqa: S608

    @contextmanager
    def copiar(self, tabela: str, colunas: list[str]):
        congelar = " (FREEZE)" if tabela in self._tabelas else ""
        sql = f'COPY "{tabela}" ({", ".join(colunas)}) FROM STDIN{congelar}'
        with self.bruta.cursor() as cursor, cursor.copy(sql) as copia:
            escritor = Escritor(copia)
            yield escritor
            escritor.descarregar()
        self.contagens[tabela] += escritor.linhas

    def restaurar(self, relatar) -> None:
        inicio = time.monotonic()
        for _, definicao in self._indices:
            self.executar(definicao)
        relatar(f"{len(self._indices)} índices recriados", time.monotonic() - inicio)
        inicio = time.monotonic()
        for tabela, nome, definicao in self._chaves:
            self.executar(f'ALTER TABLE "{tabela}" ADD CONSTRAINT "{nome}" {definicao}')
        relatar(f"{len(self._chaves)} chaves estrangeiras recriadas e validadas", time.monotonic() - inicio)

    def copiar_modelo(self, modelo, campos: list[str]):
        """Um COPY nas colunas dos `campos` do modelo; use com `with`, escrevendo com `.linha(...)`."""
        return self.copiar(modelo._meta.db_table, colunas(modelo, campos))

    def copiar_linhas(self, modelo, campos: list[str], linhas: list[str]) -> None:
        """Linhas já no formato texto do COPY (campos separados por tabulação, terminadas em quebra de linha)."""
        if not linhas:
            return
        with self.copiar(modelo._meta.db_table, colunas(modelo, campos)) as escritor:
            escritor.bloco(linhas)


def colunas(modelo, campos: list[str]) -> list[str]:
    return [f'"{modelo._meta.get_field(campo).column}"' for campo in campos]
