"""O protocolo de requerimentos pelo atendente (seed 002, etapas 1 a 3): rascunho que se retoma, os três
formulários preenchidos, os limites do PAT para os PDFs (cada recusa com a sua mensagem, nada mais perdido),
um só protocolo por rascunho mesmo com envio repetido, e o comprovante verificável."""

import io
import random
import threading
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from pypdf import PdfReader, PdfWriter

from atendimento.catalogo import AUTODECLARACAO
from atendimento.models import FORMULARIOS_ASSINADOS, Requerimento, StatusRequerimento
from atendimento.services import protocolo as servicos
from atendimento.services.protocolo import documentos_para_anexar
from certificados.models import DocumentoEmitido
from portal.acordos.models import Acordo
from portal.entidades.models import PapelRepresentante, Vinculo
from portal.validadores import protocolo_valido
from tests.requerimentos_apoio import CAMPINAS, cliente_de_bruno_por_campinas, servico
from tests.suporte_apoio import pdf, png

pytestmark = pytest.mark.django_db
CIDADA = {
    "cidadao_cpf": "390.533.447-05", "cidadao_nome": "Maria Aparecida dos Santos", "cidadao_nascimento": "1960-05-14",
    "cidadao_nit": "", "cidadao_telefone": "(19) 99876-5432", "cidadao_email": "", "endereco_cep": "13010-000",
    "endereco_logradouro": "Rua Barão de Jaguara", "endereco_numero": "100", "endereco_complemento": "",
    "endereco_bairro": "Centro", "uf": "SP", "municipio": "3509502",
}


def pdf_de(megabytes: float, nome: str = "grande.pdf") -> SimpleUploadedFile:
    """Um PDF legível do tamanho pedido (o enchimento é um anexo interno de bytes aleatórios)."""
    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    escritor.add_attachment("enchimento.bin", random.Random(nome).randbytes(int(megabytes * 1024 * 1024)))
    saida = io.BytesIO()
    escritor.write(saida)
    return SimpleUploadedFile(nome, saida.getvalue(), content_type="application/pdf")


@pytest.fixture
def bruno(demo, cliente_de, pessoa):
    return cliente_de_bruno_por_campinas(cliente_de, pessoa)


def _novo(cliente, codigo="bpc-loas-idoso") -> Requerimento:
    resposta = cliente.post("/requerimentos/novo/", {"servico": servico(codigo).pk, "chave": str(uuid.uuid4())})
    assert resposta.status_code == 302, resposta.content.decode()[:500]
    return Requerimento.objects.latest("pk")


def _etapa(requerimento, etapa):
    return f"/requerimentos/{requerimento.pk}/preencher/{etapa}/"


def _pronto_para_protocolar(cliente, codigo="bpc-loas-idoso") -> Requerimento:
    requerimento = _novo(cliente, codigo)
    assert cliente.post(_etapa(requerimento, "cidadao"), {**CIDADA, "acao": "continuar"}).status_code == 302
    arquivos = {tipo: pdf(f"{tipo}.pdf") for tipo in FORMULARIOS_ASSINADOS}
    assert cliente.post(_etapa(requerimento, "formularios"), {**arquivos, "acao": "continuar"}).status_code == 302
    exigidos = {f"exigido_{e.pk}": pdf(f"exigido-{e.pk}.pdf") for e in documentos_para_anexar(requerimento.servico)
                if e.obrigatorio}
    assert cliente.post(_etapa(requerimento, "documentos"), {**exigidos, "acao": "continuar"}).status_code == 302
    return requerimento


def test_bruno_protocola_e_recebe_o_protocolo_e_o_comprovante_verificavel(bruno):
    requerimento = _pronto_para_protocolar(bruno)
    revisao = bruno.get(_etapa(requerimento, "revisar")).content.decode()
    assert "Para protocolar, ainda falta" not in revisao and 'data-testid="protocolar"' in revisao

    resposta = bruno.post(f"/requerimentos/{requerimento.pk}/protocolar/")
    requerimento.refresh_from_db()
    assert resposta.status_code == 302 and resposta.url == f"/requerimentos/{requerimento.pk}/"
    assert requerimento.status == StatusRequerimento.PROTOCOLADO
    assert protocolo_valido(requerimento.protocolo) and requerimento.protocolado_em
    comprovante = DocumentoEmitido.objects.get(pk=requerimento.comprovante_id)
    assert comprovante.tipo == "comprovante_de_protocolo" and comprovante.entidade.cnpj == CAMPINAS
    conferido = bruno.get("/verificar/", {"codigo": comprovante.codigo_verificador, "crc": comprovante.crc})
    assert "Comprovante de protocolo" in conferido.content.decode()
    baixado = bruno.get(f"/requerimentos/{requerimento.pk}/comprovante.pdf")
    texto = "".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(baixado.content)).pages)
    assert "Maria Aparecida dos Santos" in texto and "390.533.447-05" not in texto  # CPF mascarado no público


def test_envio_repetido_do_protocolo_da_um_so_numero(bruno):
    requerimento = _pronto_para_protocolar(bruno)
    bruno.post(f"/requerimentos/{requerimento.pk}/protocolar/")
    primeiro = Requerimento.objects.get(pk=requerimento.pk).protocolo
    segunda = bruno.post(f"/requerimentos/{requerimento.pk}/protocolar/")
    assert segunda.status_code == 302 and Requerimento.objects.get(pk=requerimento.pk).protocolo == primeiro
    assert DocumentoEmitido.objects.filter(tipo="comprovante_de_protocolo").count() == 1
    # Voltar para uma etapa do rascunho já protocolado leva à página do requerimento, com o número.
    voltou = bruno.get(_etapa(requerimento, "documentos"), follow=True).content.decode()
    assert "já foi protocolado" in voltou


def test_inicio_repetido_com_a_mesma_chave_abre_um_so_rascunho(bruno):
    chave = str(uuid.uuid4())
    for _ in range(3):
        bruno.post("/requerimentos/novo/", {"servico": servico().pk, "chave": chave})
    assert Requerimento.objects.count() == 1


def test_rascunho_salvo_incompleto_e_retomado_na_etapa_que_falta(bruno):
    requerimento = _novo(bruno)
    incompleto = {**CIDADA, "cidadao_nascimento": "", "municipio": "", "acao": "rascunho"}
    assert bruno.post(_etapa(requerimento, "cidadao"), incompleto).url == "/requerimentos/"
    requerimento.refresh_from_db()
    assert requerimento.cidadao_nome == "Maria Aparecida dos Santos" and requerimento.cidadao_nascimento is None
    retomado = bruno.get(f"/requerimentos/{requerimento.pk}/preencher/")
    assert retomado.url == _etapa(requerimento, "cidadao")
    pagina = bruno.get(retomado.url).content.decode()
    assert 'value="Maria Aparecida dos Santos"' in pagina


def test_continuar_sem_o_que_o_protocolo_exige_aponta_cada_campo_e_mantem_o_digitado(bruno):
    requerimento = _novo(bruno)
    resposta = bruno.post(_etapa(requerimento, "cidadao"), {**CIDADA, "cidadao_cpf": "111.111.111-11",
                                                            "cidadao_nascimento": "", "acao": "continuar"})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "CPF inválido" in html and "Informe a data de nascimento do cidadão para continuar." in html
    assert 'value="Maria Aparecida dos Santos"' in html and 'value="Rua Barão de Jaguara"' in html
    assert Requerimento.objects.get(pk=requerimento.pk).cidadao_nome == ""  # nada gravado pela metade


def test_os_tres_formularios_saem_preenchidos_com_o_cidadao_e_a_entidade(bruno):
    requerimento = _novo(bruno)
    bruno.post(_etapa(requerimento, "cidadao"), {**CIDADA, "acao": "continuar"})
    for tipo, titulo in (("termo_representacao", "TERMO DE REPRESENTAÇÃO"),
                         ("autorizacao_dados", "AUTORIZAÇÃO DE ACESSO AOS DADOS PESSOAIS"),
                         ("termo_requerimento", "TERMO DE REQUERIMENTO DE SERVIÇO")):
        resposta = bruno.get(f"/requerimentos/{requerimento.pk}/formularios/{tipo}.pdf")
        assert resposta["Content-Type"] == "application/pdf"
        texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(resposta.content)).pages)
        assert titulo in texto and "Maria Aparecida dos Santos" in texto and "390.533.447-05" in texto
        assert "Prefeitura Municipal de Campinas" in texto
    assert bruno.get(f"/requerimentos/{requerimento.pk}/formularios/outro.pdf").status_code == 404


def test_arquivo_que_nao_e_pdf_e_recusado_e_os_outros_do_mesmo_envio_ficam(bruno):
    requerimento = _novo(bruno)
    falso = png("termo.pdf")  # nome de PDF, conteúdo de imagem
    resposta = bruno.post(_etapa(requerimento, "formularios"), {
        "termo_representacao": falso, "autorizacao_dados": pdf("autorizacao.pdf"), "acao": "continuar"})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "O arquivo “termo.pdf” não é PDF: o conteúdo não corresponde ao formato" in html
    assert set(requerimento.documentos.values_list("tipo", flat=True)) == {"autorizacao_dados"}
    assert "Anexado: autorizacao.pdf" in html


def test_pdf_de_6_mb_e_recusado_com_o_limite_na_mensagem(bruno):
    requerimento = _novo(bruno)
    resposta = bruno.post(_etapa(requerimento, "formularios"), {"termo_requerimento": pdf_de(6, "termo-6mb.pdf")})
    html = resposta.content.decode()
    assert "o limite é 5,0 MB por arquivo" in html
    assert not requerimento.documentos.exists()


def test_mais_de_30_mb_no_requerimento_e_recusado_e_o_que_coube_fica(bruno):
    requerimento = _novo(bruno, "pensao-morte-urbana")
    exigidos = documentos_para_anexar(requerimento.servico)[:4]
    bruno.post(_etapa(requerimento, "formularios"),
               {tipo: pdf_de(4.8, f"{tipo}.pdf") for tipo in FORMULARIOS_ASSINADOS})
    resposta = bruno.post(_etapa(requerimento, "documentos"),
                          {f"exigido_{e.pk}": pdf_de(4.8, f"exigido-{e.pk}.pdf") for e in exigidos})
    html = resposta.content.decode()
    assert "o limite é 30,0 MB por requerimento" in html
    assert requerimento.documentos.count() == 6  # 6 × 4,8 MB cabem; o sétimo passaria de 30 MB
    assert sum(requerimento.documentos.values_list("tamanho", flat=True)) <= 30 * 1024 * 1024


def test_arquivo_novo_no_mesmo_lugar_substitui_o_anterior(bruno):
    requerimento = _novo(bruno)
    bruno.post(_etapa(requerimento, "formularios"), {"termo_requerimento": pdf("primeiro.pdf")})
    bruno.post(_etapa(requerimento, "formularios"), {"termo_requerimento": pdf("segundo.pdf")})
    assert list(requerimento.documentos.values_list("nome", flat=True)) == ["segundo.pdf"]


def test_rural_pede_a_autodeclaracao_eletronica_e_nao_o_pdf_dela(bruno):
    requerimento = _novo(bruno, "aposentadoria-idade-rural")
    assert AUTODECLARACAO not in [e.nome for e in documentos_para_anexar(requerimento.servico)]
    etapas = bruno.get(_etapa(requerimento, "cidadao")).content.decode()
    assert "Autodeclaração rural" in etapas
    faltam = [frase for _, frase in servicos.pendencias(requerimento)]
    assert "Preencha a autodeclaração rural com ao menos um período de atividade." in faltam


def test_servico_nao_pactuado_e_recusado_com_o_motivo(bruno):
    acordo = Acordo.objects.get(entidade__cnpj=CAMPINAS)
    acordo.servicos_pactuados.remove(servico("revisao"))
    resposta = bruno.post("/requerimentos/novo/", {"servico": servico("revisao").pk, "chave": str(uuid.uuid4())})
    assert "Escolha um dos serviços pactuados no acordo da entidade." in resposta.content.decode()
    assert not Requerimento.objects.exists()


def test_consulta_nao_protocola_e_le_o_motivo(demo, cliente_de, pessoa):
    Vinculo.objects.filter(usuario=pessoa("bruno")).update(papel=PapelRepresentante.CONSULTA)
    cliente = cliente_de_bruno_por_campinas(cliente_de, pessoa)
    html = cliente.get("/requerimentos/novo/").content.decode()
    assert "ele permite consultar, não protocolar" in html


def test_acordo_vencido_impede_o_protocolo_e_diz_por_que(bruno):
    Acordo.objects.filter(entidade__cnpj=CAMPINAS).update(status="vencido")
    html = bruno.get("/requerimentos/novo/").content.decode()
    assert "A vigência do acordo" in html and "terminou" in html


def test_rascunho_de_outra_entidade_e_404(bruno, cliente_de):
    requerimento = _novo(bruno)
    diego = cliente_de("diego")
    for caminho in (_etapa(requerimento, "cidadao"), f"/requerimentos/{requerimento.pk}/preencher/",
                    f"/requerimentos/{requerimento.pk}/formularios/termo_requerimento.pdf"):
        assert diego.get(caminho).status_code == 404, caminho
    assert diego.post(f"/requerimentos/{requerimento.pk}/protocolar/").status_code == 404
    assert diego.post(f"/requerimentos/{requerimento.pk}/descartar/").status_code == 404


def test_descartar_o_rascunho_apaga_ele_e_os_arquivos(bruno, django_capture_on_commit_callbacks):
    requerimento = _novo(bruno)
    bruno.post(_etapa(requerimento, "formularios"), {"termo_requerimento": pdf()})
    arquivo = requerimento.documentos.get().arquivo
    with django_capture_on_commit_callbacks(execute=True):
        assert bruno.post(f"/requerimentos/{requerimento.pk}/descartar/").status_code == 302
    assert not Requerimento.objects.filter(pk=requerimento.pk).exists()
    assert not arquivo.storage.exists(arquivo.name)


@pytest.mark.parametrize("etapa", ["cidadao", "formularios", "documentos", "revisar"])
def test_cada_etapa_custa_o_mesmo_numero_de_consultas(bruno, django_assert_max_num_queries, etapa):
    requerimento = _pronto_para_protocolar(bruno)
    with django_assert_max_num_queries(16):
        assert bruno.get(_etapa(requerimento, etapa)).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_protocolos_simultaneos_do_mesmo_rascunho_dao_um_so_numero(demo, cliente_de, pessoa):
    if connection.vendor != "postgresql":
        pytest.skip("a disputa real entre conexões paralelas precisa do PostgreSQL (o CI usa)")
    cliente = cliente_de_bruno_por_campinas(cliente_de, pessoa)
    requerimento = _pronto_para_protocolar(cliente)
    vinculo = pessoa("bruno").vinculos.select_related("entidade").get(entidade__cnpj=CAMPINAS)
    barreira, resultados, erros = threading.Barrier(4), [], []

    def protocolar():
        try:
            barreira.wait(timeout=10)
            resultados.append(servicos.requerimento_protocolar(requerimento=requerimento, vinculo=vinculo,
                                                               por=pessoa("bruno")).protocolo)
        except Exception as erro:  # pragma: no cover — falha o teste abaixo
            erros.append(erro)
        finally:
            connection.close()

    linhas = [threading.Thread(target=protocolar) for _ in range(4)]
    for linha in linhas:
        linha.start()
    for linha in linhas:
        linha.join(30)
    assert not erros and len(resultados) == 4 and len(set(resultados)) == 1
    assert DocumentoEmitido.objects.filter(tipo="comprovante_de_protocolo").count() == 1
