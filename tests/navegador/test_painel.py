"""Karina (gestora regional, Sudeste I) no painel regional: os números da SR, uma lista filtrada e
exportada, e o relatório em PDF e a apresentação gerados em segundo plano, com o progresso na tela.

O worker é simulado por uma thread que roda o mesmo serviço da tarefa Celery e que espera um sinal do teste
no meio da geração: assim a página mostra a barra parada numa etapa antes de chegar ao fim.
"""

import io
import re
import threading

import pytest
from django.db import connection
from playwright.sync_api import expect
from pptx import Presentation

from portal.painel import selectors, services, tasks
from portal.painel.models import RelatorioRegional
from tests.navegador.apoio import entrar

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


class WorkerDeTeste:
    """Faz o papel do worker: recebe o id que a view enfileira e gera o relatório numa thread; a geração
    para depois de ler os dados até o teste liberar."""

    def __init__(self, monkeypatch):
        self.liberar = threading.Event()
        self.dados_lidos = threading.Event()
        self.threads: list[threading.Thread] = []
        ler_dados = selectors.dados_do_relatorio

        def ler_e_esperar(usuario, **opcoes):
            dados = ler_dados(usuario, **opcoes)
            self.dados_lidos.set()
            assert self.liberar.wait(20), "o teste não liberou a geração"
            return dados

        monkeypatch.setattr(services.selectors, "dados_do_relatorio", ler_e_esperar)
        monkeypatch.setattr(tasks.gerar_relatorio_regional, "delay", self._enfileirar)

    def _enfileirar(self, relatorio_id: int) -> None:
        def gerar():
            try:
                services.relatorio_gerar(relatorio_id=relatorio_id)
            finally:
                connection.close()

        thread = threading.Thread(target=gerar, daemon=True)
        self.threads.append(thread)
        thread.start()

    def concluir(self) -> None:
        self.liberar.set()
        for thread in self.threads:
            thread.join(30)


@pytest.fixture
def worker(monkeypatch):
    worker = WorkerDeTeste(monkeypatch)
    yield worker
    worker.concluir()


def test_karina_ve_os_numeros_filtra_exporta_e_gera_o_pdf_e_a_apresentacao_com_o_progresso(pagina, worker):
    entrar(pagina, "karina")
    pagina.locator("#menu-principal").get_by_role("link", name="Painel regional", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Painel regional")
    expect(pagina.get_by_test_id("regiao")).to_contain_text("Sudeste I")
    expect(pagina.get_by_test_id("total-acordos")).to_have_text("3")  # Campinas, Sindicato Rural, OAB SP
    expect(pagina.get_by_test_id("por-uf")).to_contain_text("SP")

    # Uma lista, filtrada pela busca (htmx) e exportada em CSV.
    pagina.get_by_role("link", name="Ver os acordos").click()
    expect(pagina.get_by_test_id("total")).to_have_text("3 registro(s).")
    pagina.wait_for_load_state()  # o htmx liga os hx-* no DOMContentLoaded: antes disso, digitar não filtra
    pagina.get_by_label("Entidade, município ou CNPJ").fill("Sindicato")
    pagina.get_by_label("Entidade, município ou CNPJ").press("Enter")
    expect(pagina.get_by_test_id("total")).to_have_text("1 registro(s).")
    expect(pagina).to_have_url(re.compile(r"busca=Sindicato"))
    with pagina.expect_download() as baixado:
        pagina.get_by_test_id("exportar").click()
    csv = baixado.value.path().read_bytes().decode("utf-8-sig")
    linhas = csv.splitlines()
    assert linhas[0].startswith("Número;Entidade") and len(linhas) == 2  # o cabeçalho e só o sindicato
    assert "Sindicato dos Trabalhadores Rurais de Campinas" in linhas[1]

    # O PDF: a barra para em "Gerando" enquanto o worker não termina, e o download aparece no fim.
    pagina.get_by_role("link", name="Painel regional").first.click()
    pagina.get_by_test_id("gerar-pdf").click()
    progresso = pagina.get_by_test_id("progresso")
    expect(progresso).to_have_attribute("data-status", "gerando", timeout=15_000)
    expect(progresso).to_contain_text("Lendo os dados da região")
    expect(pagina.locator("#barra-de-progresso")).to_be_visible()
    assert worker.dados_lidos.wait(10)
    worker.liberar.set()
    expect(progresso).to_have_attribute("data-status", "pronto", timeout=20_000)
    expect(progresso).to_contain_text("100%")
    codigo = pagina.get_by_test_id("codigo").inner_text()
    crc = pagina.get_by_test_id("crc").inner_text()
    with pagina.expect_download() as baixado:
        pagina.get_by_test_id("baixar").click()
    assert baixado.value.path().read_bytes().startswith(b"%PDF")

    # O PDF é um documento emitido: qualquer pessoa o confere pelo código e pelo CRC.
    pagina.goto(f"/verificar/?codigo={codigo}&crc={crc}")
    expect(pagina.locator("main")).to_contain_text("Revisão regional dos ACT")

    # A apresentação, pelo mesmo caminho.
    pagina.goto("/painel/")
    pagina.get_by_test_id("gerar-pptx").click()
    expect(pagina.get_by_test_id("progresso")).to_have_attribute("data-status", "pronto", timeout=20_000)
    with pagina.expect_download() as baixado:
        pagina.get_by_test_id("baixar").click()
    apresentacao = Presentation(io.BytesIO(baixado.value.path().read_bytes()))
    titulos = [slide.shapes.title.text for slide in apresentacao.slides]
    assert "Acordos por situação" in titulos and "Representantes das entidades" in titulos
    assert RelatorioRegional.objects.filter(status="pronto").count() == 2
