"""Pedir e gerar os relatórios da revisão regional. O pedido só grava a linha e enfileira depois do commit;
o worker a toma por uma atualização guardada (um só worker gera cada relatório) e anota o progresso em
commits próprios, que a página lê enquanto espera."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from certificados.services import documento_emitir
from portal.auditoria.services import evento_registrar
from portal.painel import selectors
from portal.painel.models import FormatoRelatorio, RelatorioRegional, StatusRelatorio
from portal.painel.pptx import renderizar_apresentacao

logger = logging.getLogger(__name__)

# Um pedido repetido (duplo clique, recarga) dentro deste prazo devolve o relatório que já está a caminho.
JANELA_DE_PEDIDO_REPETIDO = timedelta(minutes=10)


class ErroDoRelatorio(Exception):
    """Uma regra impediu o pedido; a mensagem é para a pessoa."""


@transaction.atomic
def relatorio_solicitar(*, formato: str, por) -> RelatorioRegional:
    if formato not in FormatoRelatorio.values:
        raise ErroDoRelatorio("Escolha o relatório em PDF ou a apresentação.")
    if selectors.escopo_regional(por).vazio:
        raise ErroDoRelatorio("Só a gestão regional gera os relatórios da região.")
    em_andamento = RelatorioRegional.objects.select_for_update().filter(
        solicitado_por=por, formato=formato, status__in=(StatusRelatorio.NA_FILA, StatusRelatorio.GERANDO),
        criado_em__gte=timezone.now() - JANELA_DE_PEDIDO_REPETIDO,
    ).first()
    if em_andamento is not None:
        return em_andamento
    relatorio = RelatorioRegional.objects.create(formato=formato, solicitado_por=por,
                                                 regiao=selectors.nome_da_regiao(por),
                                                 etapa="Na fila, aguardando a vez de ser gerado")
    evento_registrar(objeto=relatorio, acao="relatorio_solicitado", por=por, nota=relatorio.get_formato_display())
    from portal.painel.tasks import gerar_relatorio_regional

    transaction.on_commit(lambda: gerar_relatorio_regional.delay(relatorio.pk))
    return relatorio


def _anotar(relatorio_id: int, progresso: int, etapa: str) -> None:
    RelatorioRegional.objects.filter(pk=relatorio_id, status=StatusRelatorio.GERANDO).update(
        progresso=progresso, etapa=etapa)


def relatorio_gerar(*, relatorio_id: int) -> bool:
    """Gera o arquivo do relatório. Devolve False se outro worker já o tomou (ou ele já terminou)."""
    tomado = RelatorioRegional.objects.filter(pk=relatorio_id, status=StatusRelatorio.NA_FILA).update(
        status=StatusRelatorio.GERANDO, progresso=5, etapa="Lendo os dados da região")
    if not tomado:
        return False
    relatorio = RelatorioRegional.objects.select_related("solicitado_por").get(pk=relatorio_id)
    try:
        dados = selectors.dados_do_relatorio(relatorio.solicitado_por)
        _anotar(relatorio_id, 25, "Dados da região lidos")
        if relatorio.formato == FormatoRelatorio.PPTX:
            conteudo = renderizar_apresentacao(dados, progresso=lambda p, etapa: _anotar(relatorio_id, p, etapa))
            with transaction.atomic():
                relatorio.arquivo.save(relatorio.nome_do_arquivo, ContentFile(conteudo), save=False)
                _concluir(relatorio, arquivo=relatorio.arquivo.name)
        else:
            _anotar(relatorio_id, 50, "Montando o PDF")
            with transaction.atomic():
                documento = documento_emitir(
                    tipo="relatorio_regional", titulo=f"Revisão regional dos ACT — {relatorio.regiao}",
                    template="pdf/relatorio_regional.html", contexto={"dados": dados, "resumo": dados.resumo},
                    por=relatorio.solicitado_por, para=relatorio.solicitado_por, objeto=relatorio,
                )
                _concluir(relatorio, documento=documento)
    except Exception:
        logger.exception("Falha ao gerar o relatório regional %s", relatorio_id)
        RelatorioRegional.objects.filter(pk=relatorio_id, status=StatusRelatorio.GERANDO).update(
            status=StatusRelatorio.FALHOU, etapa="Não foi possível gerar o relatório. Peça de novo.",
            concluido_em=timezone.now())
        return False
    return True


def _concluir(relatorio: RelatorioRegional, **campos) -> None:
    RelatorioRegional.objects.filter(pk=relatorio.pk, status=StatusRelatorio.GERANDO).update(
        status=StatusRelatorio.PRONTO, progresso=100, etapa="Pronto", concluido_em=timezone.now(), **campos)
    evento_registrar(objeto=relatorio, acao="relatorio_gerado", por=relatorio.solicitado_por,
                     status_para=StatusRelatorio.PRONTO)
