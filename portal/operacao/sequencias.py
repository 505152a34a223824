"""Números sequenciais únicos sob concorrência (código de chamado, número de acordo, protocolo)."""

from django.db import connection

from portal.operacao.models import Sequencia


def proximo_da_sequencia(chave: str) -> int:
    """Incrementa e devolve o contador da `chave` (criando-o com 1), num único comando atômico: chamadas
    simultâneas recebem números distintos. Chame dentro da transação que usa o número: a linha fica
    travada até o commit, e um rollback devolve o número."""
    tabela = connection.ops.quote_name(Sequencia._meta.db_table)
    coluna = connection.ops.quote_name(Sequencia._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabela} ({coluna}, ultimo) VALUES (%s, 1) "  # noqa: S608 — nomes vêm do modelo
            f"ON CONFLICT ({coluna}) DO UPDATE SET ultimo = {tabela}.ultimo + 1 RETURNING ultimo",
            [chave],
        )
        (numero,) = cursor.fetchone()
    return numero
