"""A apresentação da revisão regional: dados entram, bytes de um .pptx saem. Nenhuma consulta aqui dentro.

Cada número-chave tem o seu slide com um gráfico nativo do PowerPoint (editável por quem apresenta), e as
listas que pedem ação viram tabelas, em slides de até LINHAS_POR_SLIDE linhas.
"""

from collections.abc import Callable
from io import BytesIO

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from portal.painel.dados import DadosDoRelatorio

LINHAS_POR_SLIDE = 12
_TITULO, _SO_TITULO = 0, 5  # leiautes do modelo padrão do python-pptx


def _slide_com_titulo(apresentacao, titulo: str):
    slide = apresentacao.slides.add_slide(apresentacao.slide_layouts[_SO_TITULO])
    slide.shapes.title.text = titulo
    slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
    return slide


def _grafico(apresentacao, titulo: str, tipo, categorias: list[str], series: list[tuple[str, list[int]]],
             nota: str = "") -> None:
    slide = _slide_com_titulo(apresentacao, titulo)
    dados = CategoryChartData()
    dados.categories = categorias
    for nome, valores in series:
        dados.add_series(nome, valores)
    quadro = slide.shapes.add_chart(tipo, Inches(0.7), Inches(1.5), Inches(11.9), Inches(5.2), dados)
    grafico = quadro.chart
    grafico.has_legend = len(series) > 1
    if grafico.has_legend:
        grafico.legend.position = XL_LEGEND_POSITION.BOTTOM
        grafico.legend.include_in_layout = False
    grafico.plots[0].has_data_labels = True
    grafico.plots[0].data_labels.font.size = Pt(12)
    if nota:
        caixa = slide.shapes.add_textbox(Inches(0.7), Inches(6.8), Inches(11.9), Inches(0.5))
        caixa.text_frame.text = nota
        caixa.text_frame.paragraphs[0].font.size = Pt(12)


def _tabelas(apresentacao, titulo: str, cabecalho: list[str], linhas: list[list[str]], total: int) -> None:
    blocos = [linhas[i:i + LINHAS_POR_SLIDE] for i in range(0, len(linhas), LINHAS_POR_SLIDE)] or [[]]
    for numero, bloco in enumerate(blocos, start=1):
        sufixo = f" ({numero}/{len(blocos)})" if len(blocos) > 1 else ""
        slide = _slide_com_titulo(apresentacao, titulo + sufixo)
        forma = slide.shapes.add_table(len(bloco) + 1, len(cabecalho), Inches(0.5), Inches(1.4), Inches(12.3),
                                       Inches(0.4) * (len(bloco) + 1))
        tabela = forma.table
        for coluna, texto in enumerate(cabecalho):
            tabela.cell(0, coluna).text = texto
        for indice, linha in enumerate(bloco, start=1):
            for coluna, texto in enumerate(linha):
                tabela.cell(indice, coluna).text = str(texto)
        for celula in (tabela.cell(r, c) for r in range(len(bloco) + 1) for c in range(len(cabecalho))):
            celula.text_frame.paragraphs[0].font.size = Pt(11)
        if not bloco or (numero == len(blocos) and total > len(linhas)):
            nota = "Nenhum." if not bloco else f"Mostrando {len(linhas)} de {total}; a lista completa está no painel."
            caixa = slide.shapes.add_textbox(Inches(0.5), Inches(6.8), Inches(12.3), Inches(0.5))
            caixa.text_frame.text = nota


def renderizar_apresentacao(dados: DadosDoRelatorio, progresso: Callable[[int, str], None] = lambda *_: None) -> bytes:
    apresentacao = Presentation()
    apresentacao.slide_width, apresentacao.slide_height = Inches(13.333), Inches(7.5)
    resumo = dados.resumo

    capa = apresentacao.slides.add_slide(apresentacao.slide_layouts[_TITULO])
    capa.shapes.title.text = "Revisão regional dos Acordos de Cooperação Técnica"
    capa.placeholders[1].text = f"{resumo.regiao}\nGerado em {resumo.gerado_em:%d/%m/%Y às %H:%M}"

    _grafico(apresentacao, "Acordos por situação", XL_CHART_TYPE.COLUMN_CLUSTERED,
             dados.rotulos_de_status, [("Acordos", dados.acordos_por_status)],
             nota=f"{resumo.total_de_acordos} acordo(s) na região.")
    _grafico(apresentacao, "Acordos por UF e situação", XL_CHART_TYPE.BAR_STACKED, dados.ufs,
             [(rotulo, valores) for rotulo, valores in dados.series_por_uf])
    progresso(40, "Gráficos dos acordos prontos")
    _grafico(apresentacao, "Acordos vigentes que vencem nos próximos 90 dias", XL_CHART_TYPE.COLUMN_CLUSTERED,
             dados.rotulos_de_vencimento, [("Acordos", dados.acordos_vencendo)])
    _grafico(apresentacao, "Representantes das entidades", XL_CHART_TYPE.COLUMN_CLUSTERED,
             dados.rotulos_de_representantes, [("Representantes", dados.representantes)],
             nota=f"Entidades com acordo vigente sem requerimento nos últimos 3 meses: "
                  f"{resumo.entidades_sem_requerimento}.")
    if resumo.a3 is not None:
        total = resumo.a3.total
        _grafico(apresentacao, "Adoção do certificado A3 por lote do cronograma", XL_CHART_TYPE.BAR_STACKED,
                 dados.rotulos_a3_por_lote or ["Nenhuma entidade com acordo vigente"],
                 [(nome, valores or [0]) for nome, valores in dados.series_a3_por_lote],
                 nota=f"Entidades migradas: {total.migradas} de {total.entidades} ({total.percentual_de_entidades}); "
                      f"representantes com A3 válido: {total.com_a3} de {total.representantes} "
                      f"({total.percentual_de_representantes}).")
    progresso(60, "Gráficos dos representantes prontos")
    for secao in dados.secoes:
        _tabelas(apresentacao, secao.titulo, secao.cabecalho, secao.linhas, secao.total)
    progresso(85, "Tabelas das ações prontas")
    saida = BytesIO()
    apresentacao.save(saida)
    return saida.getvalue()
