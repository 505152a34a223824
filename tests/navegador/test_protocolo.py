"""Bruno (atendente, Prefeitura de Campinas) protocola no navegador uma aposentadoria por idade rural: o
cidadão, a autodeclaração rural, os três formulários preenchidos (baixados, assinados e anexados), os
documentos do serviço — com as recusas do PAT (um arquivo que não é PDF, um PDF de 6 MB, um lote que passaria
de 30 MB), cada uma com a sua mensagem e sem perder o que já estava certo — e o protocolo com o comprovante,
que se confere em /verificar/."""

import io
import random
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from atendimento.models import Requerimento, StatusRequerimento
from certificados.models import DocumentoEmitido
from tests.navegador.apoio import entrar

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

SERVICO = "Aposentadoria por idade (rural)"
CIDADA = "Josefa Aparecida Moreira"
CPF_DA_CIDADA = "390.533.447-05"


def arquivo_pdf(nome: str, megabytes: float = 0.0) -> dict:
    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    if megabytes:
        escritor.add_attachment("enchimento.bin", random.Random(nome).randbytes(int(megabytes * 1024 * 1024)))
    saida = io.BytesIO()
    escritor.write(saida)
    return {"name": nome, "mimeType": "application/pdf", "buffer": saida.getvalue()}


def imagem_com_nome_de_pdf(nome: str) -> dict:
    from PIL import Image

    saida = io.BytesIO()
    Image.new("RGB", (30, 30), (200, 0, 0)).save(saida, "PNG")
    return {"name": nome, "mimeType": "application/pdf", "buffer": saida.getvalue()}


def etapa(pagina):
    return pagina.get_by_test_id("etapa")


def continuar(pagina):
    pagina.get_by_role("button", name="Salvar e continuar").click()


def bruno_entra_por_campinas_e_comeca(pagina, servico: str = SERVICO):
    entrar(pagina, "bruno")
    pagina.locator("label", has_text="Prefeitura Municipal de Campinas").click()
    pagina.get_by_role("button", name="Agir por esta entidade").click()
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text("Prefeitura Municipal de Campinas")
    pagina.locator("#menu-principal").get_by_role("link", name="Requerimentos", exact=True).click()
    pagina.get_by_test_id("novo-requerimento").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Novo requerimento")
    pagina.locator("label", has_text=servico).click()
    pagina.get_by_role("button", name="Começar").click()
    expect(etapa(pagina)).to_have_text("1. Cidadão")


def preenche_a_cidada(pagina, proxima: str = "2. Autodeclaração rural"):
    pagina.get_by_label("CPF", exact=True).fill(CPF_DA_CIDADA)
    pagina.get_by_label("Nome completo").fill(CIDADA)
    pagina.get_by_label("Data de nascimento").fill("1961-03-09")
    pagina.get_by_label("Telefone").fill("(19) 99876-5432")
    pagina.get_by_label("CEP").fill("13100-000")
    pagina.get_by_label("Logradouro").fill("Estrada Municipal CPS-050")
    pagina.get_by_label("Número", exact=True).fill("km 4")
    pagina.get_by_label("Bairro").fill("Sousas")
    with pagina.expect_response(re.compile(r"/municipios/\?uf=SP")):
        pagina.get_by_label("UF", exact=True).select_option("SP")
    pagina.get_by_label("Município", exact=True).select_option(label="Campinas")
    continuar(pagina)
    expect(etapa(pagina)).to_have_text(proxima)


def preenche_a_autodeclaracao(pagina):
    periodo = pagina.get_by_test_id("periodo").first
    periodo.get_by_label("Início").fill("1990-01-01")
    periodo.get_by_label("Fim").fill("2020-12-31")
    periodo.get_by_label("Atividade").select_option(label="Agricultura")
    periodo.get_by_label("Imóvel (denominação)").fill("Sítio Boa Esperança")
    periodo.get_by_label("UF do imóvel").select_option("SP")
    periodo.get_by_label("Município do imóvel").fill("Campinas")
    periodo.get_by_label("Área (hectares)").fill("12,5")
    periodo.get_by_label("Condição no imóvel").select_option(label="Proprietário(a)")
    pagina.get_by_label(re.compile("^Produção")).fill("Milho e feijão para consumo da família; venda do excedente.")
    continuar(pagina)
    expect(etapa(pagina)).to_have_text("3. Formulários assinados")


def baixa_os_tres_formularios_preenchidos(pagina):
    for tipo in ("termo_representacao", "autorizacao_dados", "termo_requerimento"):
        href = pagina.get_by_test_id(f"baixar-{tipo}").get_attribute("href")
        resposta = pagina.request.get(href)
        assert resposta.ok and resposta.headers["content-type"] == "application/pdf"
        texto = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(resposta.body())).pages).split())
        assert CIDADA in texto and CPF_DA_CIDADA in texto and "Prefeitura Municipal de Campinas" in texto
        if tipo == "termo_requerimento":  # a autodeclaração sai no termo que a cidadã assina
            assert "Sítio Boa Esperança" in texto


def anexa_os_formularios_com_uma_recusa(pagina):
    # Um arquivo que não é PDF (mas com nome de PDF) é recusado; os outros dois do mesmo envio ficam.
    pagina.get_by_label("Termo de representação assinado").set_input_files(imagem_com_nome_de_pdf("termo.pdf"))
    pagina.get_by_label("Autorização de acesso aos dados pessoais assinado").set_input_files(
        arquivo_pdf("autorizacao-assinada.pdf", 2))
    pagina.get_by_label("Termo de requerimento de serviço assinado").set_input_files(
        arquivo_pdf("termo-de-requerimento-assinado.pdf", 2))
    continuar(pagina)
    erros = pagina.get_by_test_id("erros")
    expect(erros).to_contain_text("O arquivo “termo.pdf” não é PDF")
    expect(pagina.get_by_test_id("anexado")).to_have_count(2)
    pagina.get_by_label("Termo de representação assinado").set_input_files(
        arquivo_pdf("termo-de-representacao-assinado.pdf", 2))
    continuar(pagina)
    expect(etapa(pagina)).to_have_text("4. Documentos")


def anexa_os_documentos_com_as_recusas_de_tamanho(pagina):
    identidade = pagina.get_by_label("Documento de identificação com foto e CPF")
    identidade.set_input_files(arquivo_pdf("identidade-6mb.pdf", 6))
    continuar(pagina)
    expect(pagina.get_by_test_id("erros")).to_contain_text("o limite é 5,0 MB por arquivo")
    expect(pagina.get_by_test_id("anexado")).to_have_count(0)

    # Seis PDFs de 4,9 MB (com os 6 MB dos formulários, 35 MB): os que couberem em 30 MB ficam.
    campos = pagina.locator("input[type=file]")
    for indice in range(campos.count()):
        campos.nth(indice).set_input_files(arquivo_pdf(f"documento-{indice + 1}.pdf", 4.9))
    continuar(pagina)
    expect(pagina.get_by_test_id("erros")).to_contain_text("o limite é 30,0 MB por requerimento")
    expect(pagina.get_by_test_id("anexado")).to_have_count(4)

    # Sai um opcional, entra o comprovante de residência (obrigatório), pequeno.
    outros = pagina.get_by_test_id("anexado").filter(has_text="documento-4.pdf")
    outros.get_by_role("button", name="Remover").click()
    expect(pagina.get_by_test_id("anexado")).to_have_count(3)
    pagina.get_by_label("Comprovante de residência").set_input_files(arquivo_pdf("residencia.pdf"))
    continuar(pagina)
    expect(etapa(pagina)).to_have_text("5. Revisar e protocolar")


def protocola_e_confere_o_comprovante(pagina):
    expect(pagina.get_by_test_id("pendencias")).to_have_count(0)
    expect(pagina.get_by_test_id("resumo")).to_contain_text(CIDADA)
    pagina.get_by_test_id("protocolar").click()
    requerimento = Requerimento.objects.get(cidadao_nome=CIDADA)
    assert requerimento.status == StatusRequerimento.PROTOCOLADO
    numero = f"{requerimento.protocolo[:4]}.{requerimento.protocolo[4:12]}-{requerimento.protocolo[12]}"
    expect(pagina.locator(".br-message.success")).to_contain_text(f"Requerimento protocolado sob o número {numero}")
    comprovante = pagina.request.get(pagina.get_by_test_id("comprovante").get_attribute("href"))
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(comprovante.body())).pages)
    assert numero in texto and CIDADA in texto

    documento = DocumentoEmitido.objects.get(pk=requerimento.comprovante_id)
    pagina.goto(f"/verificar/?codigo={documento.codigo_verificador}&crc={documento.crc}")
    expect(pagina.locator("main")).to_contain_text(f"Comprovante de protocolo {numero}")
    return requerimento


def test_bruno_protocola_uma_aposentadoria_rural_com_as_recusas_do_pat_e_o_comprovante_confere(pagina):
    bruno_entra_por_campinas_e_comeca(pagina)
    preenche_a_cidada(pagina)
    preenche_a_autodeclaracao(pagina)
    baixa_os_tres_formularios_preenchidos(pagina)
    anexa_os_formularios_com_uma_recusa(pagina)
    anexa_os_documentos_com_as_recusas_de_tamanho(pagina)
    requerimento = protocola_e_confere_o_comprovante(pagina)
    assert requerimento.documentos.count() == 3 + 4
    assert requerimento.autodeclaracao.periodos.count() == 1


def test_sem_javascript_o_municipio_vem_pelo_botao_e_o_rascunho_e_retomado(abrir_pagina):
    pagina = abrir_pagina(java_script_enabled=False)
    bruno_entra_por_campinas_e_comeca(pagina)
    pagina.get_by_label("Nome completo").fill(CIDADA)
    pagina.get_by_label("UF", exact=True).select_option("SP")
    pagina.get_by_role("button", name="Carregar municípios da UF").click()
    expect(pagina.get_by_label("Nome completo")).to_have_value(CIDADA)
    pagina.get_by_label("Município", exact=True).select_option(label="Campinas")
    pagina.get_by_role("button", name="Salvar rascunho e sair").click()
    expect(pagina.locator(".br-message.success")).to_contain_text("Rascunho salvo")
    requerimento = Requerimento.objects.get(cidadao_nome=CIDADA)
    assert requerimento.endereco_municipio.nome == "Campinas"
    pagina.goto(f"/requerimentos/{requerimento.pk}/preencher/")
    expect(etapa(pagina)).to_have_text("1. Cidadão")
    expect(pagina.get_by_label("Nome completo")).to_have_value(CIDADA)
