"""A carga do conjunto nacional: as etapas em ordem numa só transação, as sequências acertadas, a conferência
com o ORM (o que o benchmark vai abrir tem de existir) e o marcador `bench_dataset`."""

import json
import random
import time
from datetime import UTC, datetime

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from atendimento.models import Agenda, Agendamento, AtivacaoDoAtesp, Exigencia, Requerimento, Vaga
from bench import agenda, cadastro, chamados, organizacao, pedidos, pessoas
from bench.comum import Contexto, ancora_de_hoje, volumes_na_escala
from bench.copia import Carga
from portal.acordos.models import Acordo, AlteracaoDoAcordo
from portal.auditoria.models import Evento
from portal.contas.models import Lotacao, Usuario
from portal.demo import SENHA_DEMO
from portal.entidades.models import Entidade, Vinculo
from portal.operacao.models import Sequencia
from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva
from suporte.models import Acompanhamento, Chamado

MODELOS_CARREGADOS = [
    GerenciaExecutiva, AgenciaPrevidencia, Entidade, Acordo, Acordo.servicos_pactuados.through, AlteracaoDoAcordo,
    Usuario, Vinculo, Lotacao, Requerimento, Exigencia, Evento, Chamado, Acompanhamento, Agenda, Vaga, Agendamento,
    AtivacaoDoAtesp,
]
ETAPAS = [
    ("organização: GEX e APS", organizacao.gerar_organizacao),
    ("entidades e acordos", cadastro.gerar_entidades_e_acordos),
    ("representantes e servidores", pessoas.gerar_pessoas),
    ("requerimentos, exigências e eventos", pedidos.gerar_requerimentos),
    ("chamados, acompanhamentos e eventos", chamados.gerar_chamados),
    ("agendas, vagas e agendamentos", agenda.gerar_agenda),
]


def banco_tem_dados() -> bool:
    return Requerimento.objects.exists() or Chamado.objects.exists()


def gerar(*, semente: int, escala: float, assinatura: dict, inicio: float, banco: str, personas: dict,
          relatar) -> dict:
    ancora, hoje = ancora_de_hoje()
    antes = time.monotonic()
    senha = make_password(SENHA_DEMO)  # um hash só, para todas as pessoas geradas
    relatar("hash da senha calculado", time.monotonic() - antes)
    etapas = {}
    with transaction.atomic():
        carga = Carga()
        ctx = Contexto(semente=semente, escala=escala, volumes=volumes_na_escala(escala), rng=random.Random(semente),
                       ancora=ancora, hoje=hoje, carga=carga, senha=senha)
        ctx.proximos_ids = {m._meta.db_table: (m.objects.aggregate(maior=Max("pk"))["maior"] or 0) + 1
                            for m in MODELOS_CARREGADOS}
        ctx.tipos = {nome: ContentType.objects.get_for_model(modelo).pk
                     for nome, modelo in (("requerimento", Requerimento), ("chamado", Chamado), ("agenda", Agenda))}
        por_cpf = dict(Usuario.objects.filter(cpf__in=personas.values()).values_list("cpf", "pk"))
        ctx.personas = {apelido: por_cpf[cpf] for apelido, cpf in personas.items() if cpf in por_cpf}
        tabelas = [m._meta.db_table for m in MODELOS_CARREGADOS]
        antes = time.monotonic()
        carga.preparar(tabelas)
        relatar("chaves estrangeiras e índices não únicos retirados; tabelas prontas para o COPY FREEZE",
                time.monotonic() - antes)
        for nome, etapa in ETAPAS:
            contagens = dict(carga.contagens)
            antes = time.monotonic()
            etapa(ctx)
            segundos = time.monotonic() - antes
            linhas = {t: n - contagens.get(t, 0) for t, n in carga.contagens.items() if n != contagens.get(t, 0)}
            etapas[nome] = {"segundos": round(segundos, 1), "linhas": linhas}
            relatar(f"{nome}: " + ", ".join(f"{t} {n:,}".replace(",", ".") for t, n in linhas.items()), segundos)
        antes = time.monotonic()
        _gravar_sequencias(ctx)
        carga.restaurar(relatar)
        _reiniciar_sequencias()
        etapas["índices, chaves e sequências"] = {"segundos": round(time.monotonic() - antes, 1)}
        antes = time.monotonic()
        volumes = _volumes()
        problemas = _conferir(ctx, volumes)
        if problemas:
            raise RuntimeError("A conferência do conjunto falhou (nada foi gravado): " + "; ".join(problemas))
        relatar("conferência com o ORM: filas, páginas e volumes", time.monotonic() - antes)
        resumo = {
            "banco": banco, **assinatura,
            "gerado_em": datetime.now(UTC).isoformat(timespec="seconds"), "hoje": hoje.isoformat(),
            "ancora": datetime.fromtimestamp(ancora, UTC).isoformat(),
            "demonstracao": "As linhas de portal.demo.semear_demo contam nos volumes (o gerador cria o que falta).",
            "senha": "A de portal.demo.SENHA_DEMO, para as personas e para toda pessoa gerada.",
            "volumes": volumes, "contagens": _contar(tabelas), "etapas": etapas,
            "personas": personas, "alvos": _alvos(ctx.resumo), "detalhes": ctx.resumo,
        }
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_dataset (id, semente, escala, gerador, migracoes, resumo) "
                "VALUES (1, %s, %s, %s, %s, %s)",
                [semente, escala, assinatura["gerador"], assinatura["migracoes"], json.dumps(resumo)],
            )
    antes = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    etapas["ANALYZE"] = {"segundos": round(time.monotonic() - antes, 1)}
    relatar("ANALYZE", time.monotonic() - antes)
    resumo["segundos"] = round(time.monotonic() - inicio, 1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE bench_dataset SET resumo = %s WHERE id = 1", [json.dumps(resumo)])
    return resumo


def _alvos(detalhes: dict) -> dict:
    """O que o benchmark procura, com os nomes que `bench.medir` lê (valores simples)."""
    chamado = detalhes.get("chamado_com_20_acompanhamentos") or {}
    requerimento = detalhes.get("requerimento_campinas") or {}
    balcao = detalhes.get("balcao_heitor") or {}
    return {
        "chamado_com_20_acompanhamentos": chamado.get("codigo"),
        "requerimento_de_campinas": requerimento.get("id"),
        "cpf_para_busca": requerimento.get("cidadao_cpf"),
        "protocolo_para_busca": requerimento.get("protocolo"),
        "dia_movimentado_do_heitor": balcao.get("dia"),
        "aps_do_heitor": balcao.get("aps_id"),
    }


def _gravar_sequencias(ctx) -> None:
    """Os contadores de `portal.operacao.Sequencia` depois dos números gerados: o portal continua de onde a
    carga parou (próximo protocolo do ano, próximo chamado do dia, próximo acordo da SR no ano)."""
    tabela = Sequencia._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f'INSERT INTO "{tabela}" (chave, ultimo) VALUES (%s, %s) '  # noqa: S608 — nome vem do modelo
            f'ON CONFLICT (chave) DO UPDATE SET ultimo = GREATEST("{tabela}".ultimo, EXCLUDED.ultimo)',
            sorted(ctx.sequencias.items()),
        )


def _reiniciar_sequencias() -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(sql)


def _contar(tabelas: list[str]) -> dict[str, int]:
    with connection.cursor() as cursor:
        contagens = {}
        for tabela in sorted(tabelas):
            cursor.execute(f'SELECT count(*) FROM "{tabela}"')  # noqa: S608 — nomes vêm dos modelos
            contagens[tabela] = cursor.fetchone()[0]
    return contagens


def _volumes() -> dict[str, int]:
    """As contagens nos termos de DESIGN.md (e o que vem junto)."""
    return {
        "gex": GerenciaExecutiva.objects.count(),
        "aps": AgenciaPrevidencia.objects.count(),
        "entidades": Entidade.objects.count(),
        "acordos": Acordo.objects.count(),
        "representantes": Usuario.objects.filter(vinculos__isnull=False).distinct().count(),
        "requerimentos": Requerimento.objects.count(),
        "chamados": Chamado.objects.count(),
        "acompanhamentos": Acompanhamento.objects.count(),
        "vagas": Vaga.objects.count(),
        "vinculos": Vinculo.objects.count(),
        "usuarios": Usuario.objects.count(),
        "eventos": Evento.objects.count(),
        "exigencias": Exigencia.objects.count(),
        "agendas": Agenda.objects.count(),
        "agendamentos": Agendamento.objects.count(),
    }


def _conferir(ctx, volumes: dict) -> list[str]:
    """O que o benchmark vai abrir existe e faz sentido pelas próprias leituras do portal."""
    from atendimento.models import STATUS_NA_FILA
    from atendimento.selectors import requerimentos_para_analise
    from atendimento.selectors_agenda import agendamentos_do_dia
    from suporte.models import STATUS_EM_ATENDIMENTO
    from suporte.selectors import chamados_do_grupo

    problemas = [f"{chave}: {volumes[chave]} em vez de {esperado}" for chave, esperado in ctx.volumes.items()
                 if volumes[chave] != esperado]
    usuarios = {apelido: Usuario.objects.get(pk=pk) for apelido, pk in ctx.personas.items()}
    if not requerimentos_para_analise(usuarios["gabriela"]).filter(status__in=STATUS_NA_FILA).exists():
        problemas.append("a fila de análise de Gabriela está vazia")
    abertos = chamados_do_grupo(usuarios["elisa"]).filter(status__in=STATUS_EM_ATENDIMENTO)
    if not abertos.exists():
        problemas.append("a fila do grupo 21150.SR-1 não tem chamados abertos")
    if not Requerimento.objects.filter(entidade__cnpj=pedidos.CAMPINAS).exists():
        problemas.append("a Prefeitura de Campinas não tem requerimentos")
    especial = ctx.resumo.get("chamado_com_20_acompanhamentos")
    if not especial or Acompanhamento.objects.filter(chamado_id=especial["id"]).count() != 20:
        problemas.append("falta o chamado com 20 acompanhamentos")
    elif abertos.order_by("aberto_em", "pk").values_list("pk", flat=True).first() != especial["id"]:
        problemas.append("o chamado com 20 acompanhamentos não é o aberto mais antigo da Sudeste I")
    balcao = ctx.resumo.get("balcao_heitor")
    aps = AgenciaPrevidencia.objects.get(codigo=agenda.APS_DE_HEITOR)
    do_dia = agendamentos_do_dia(usuarios["heitor"], aps=aps, dia=ctx.hoje)
    if not balcao or not do_dia or balcao["vagas_livres_nos_proximos_dias"] == 0:
        problemas.append("o balcão de Heitor não tem agendamentos hoje ou vagas nos próximos dias")
    return problemas
