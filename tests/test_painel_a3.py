"""A adoção do certificado A3 na revisão regional (DESIGN, "Regional review"): a seção do painel, o relatório
em PDF e o slide da apresentação com o gráfico nativo por lote — os números conferidos contra o banco, contados
de outro jeito (entidade a entidade, com `prazo_do_a3`)."""

import io

import pytest
from django.utils import timezone
from pptx import Presentation
from pypdf import PdfReader

from certificados.models import LoteDaMigracaoA3
from certificados.selectors import OrigemDoPrazo, prazo_do_a3
from certificados.selectors_migracao import ROTULO_DESDE_O_INICIO, ROTULO_SEM_LOTE
from portal.acordos.models import Acordo, StatusAcordo
from portal.entidades.models import Entidade, Vinculo
from portal.painel.models import RelatorioRegional, StatusRelatorio
from tests.a3_apoio import montar_sudeste_i

pytestmark = pytest.mark.django_db

TITULO_DO_SLIDE = "Adoção do certificado A3 por lote do cronograma"


@pytest.fixture
def adocao(demo, pessoa):
    return montar_sudeste_i(pessoa)


def _esperado_por_lote(sr_numero: int) -> dict[str, list[int]]:
    """Rótulo do grupo → [migradas, não migradas], entidade a entidade, pelo prazo_do_a3 de cada uma."""
    agora = timezone.now()
    lotes = list(LoteDaMigracaoA3.objects.all())
    grupos: dict[str, list[int]] = {}
    for entidade in Entidade.objects.filter(sr__numero=sr_numero):
        if not Acordo.objects.filter(entidade=entidade, status=StatusAcordo.VIGENTE).exists():
            continue
        prazo = prazo_do_a3(entidade, lotes=lotes)
        rotulo = (ROTULO_DESDE_O_INICIO if prazo.origem == OrigemDoPrazo.DESDE_O_INICIO
                  else prazo.lote.nome if prazo.lote else ROTULO_SEM_LOTE)
        ativos = [v for v in Vinculo.objects.filter(entidade=entidade) if v.ativo and v.valido_ate > agora]
        migrada = bool(ativos) and all(any(c.valido for c in v.usuario.certificados_a3.all()) for v in ativos)
        grupos.setdefault(rotulo, [0, 0])[0 if migrada else 1] += 1
    return grupos


def _gerar(cliente, formato: str, capturar) -> bytes:
    with capturar(execute=True):
        cliente.post("/painel/relatorios/", {"formato": formato})
    relatorio = RelatorioRegional.objects.get(formato=formato)
    assert relatorio.status == StatusRelatorio.PRONTO
    return b"".join(cliente.get(f"/painel/relatorios/{relatorio.pk}/baixar/").streaming_content)


def test_apresentacao_tem_o_slide_do_a3_com_grafico_nativo_por_lote_com_os_numeros_do_banco(
        adocao, cliente_de, django_capture_on_commit_callbacks):
    apresentacao = Presentation(io.BytesIO(_gerar(cliente_de("karina"), "pptx", django_capture_on_commit_callbacks)))
    slides = [slide for slide in apresentacao.slides if slide.shapes.title.text == TITULO_DO_SLIDE]
    assert len(slides) == 1
    grafico = next(forma.chart for forma in slides[0].shapes if forma.has_chart)
    categorias = list(grafico.plots[0].categories)
    series = {serie.name: list(serie.values) for serie in grafico.series}

    esperado = _esperado_por_lote(1)
    assert sorted(categorias) == sorted(esperado)
    assert categorias[0] == "Anexo I — Sudeste I"  # na ordem do cronograma, os grupos sem lote no fim
    assert series["Migradas"] == [esperado[rotulo][0] for rotulo in categorias]
    assert series["Não migradas"] == [esperado[rotulo][1] for rotulo in categorias]
    assert series == {"Migradas": [1, 1, 0, 0], "Não migradas": [0, 2, 1, 1]}  # o conjunto montado à mão
    notas = [forma.text_frame.text for forma in slides[0].shapes if forma.has_text_frame]
    assert any("Entidades migradas: 2 de 6 (33%)" in nota and "3 de 7" in nota for nota in notas)


def test_relatorio_em_pdf_traz_a_adocao_do_a3(adocao, cliente_de, django_capture_on_commit_callbacks):
    pdf = _gerar(cliente_de("karina"), "pdf", django_capture_on_commit_callbacks)
    texto = " ".join("\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Adoção do certificado digital A3 (Portaria 96/2024)" in texto
    assert "Entidades migradas para o A3 2 de 6 (33%)" in texto
    assert "Representantes com certificado A3 válido 3 de 7 (43%)" in texto
    assert "Lote 8 — prefeituras e sindicatos da Sudeste I" in texto and ROTULO_SEM_LOTE in texto
    assert "Belo Horizonte" not in texto


def test_painel_mostra_a_adocao_do_a3_da_regiao_por_uf_e_tipo(adocao, cliente_de):
    html = cliente_de("karina").get("/painel/").content.decode()
    secao = html.split('data-testid="adocao-a3"')[1].split("</section>")[0]
    assert 'data-testid="a3-entidades">6<' in secao and 'data-testid="a3-migradas">2<' in secao
    assert 'data-testid="a3-com-a3">3<' in secao and 'data-testid="a3-representantes">7<' in secao
    assert 'data-testid="a3-por-uf"' in secao and 'data-testid="a3-por-tipo"' in secao
    assert 'href="/a3/monitoramento/pendentes/?uf=SP"' in secao


def test_filtro_do_painel_vale_tambem_para_o_a3(adocao, cliente_de):
    html = cliente_de("karina").get("/painel/", {"busca": "Sorocaba"}).content.decode()
    secao = html.split('data-testid="adocao-a3"')[1].split("</section>")[0]
    assert 'data-testid="a3-entidades">2<' in secao and 'data-testid="a3-migradas">1<' in secao


def test_o_administrador_ve_a_adocao_do_pais_no_painel(adocao, cliente_de):
    html = cliente_de("admin").get("/painel/").content.decode()
    secao = html.split('data-testid="adocao-a3"')[1].split("</section>")[0]
    assert 'data-testid="a3-entidades">8<' in secao  # + Belo Horizonte e Niterói
    assert 'data-testid="a3-migradas">3<' in secao  # + Belo Horizonte (Diego com A3)
