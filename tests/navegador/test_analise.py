"""A análise e a exigência no navegador, com as personas de demonstração.

Um requerimento de Campinas já protocolado (criado pelo teste): Gabriela (analista da Sudeste I) o acha na fila,
assume e emite uma exigência; Bruno (atendente de Campinas) vê o prazo, tenta responder com um arquivo que não é
PDF (recusado, nada do que escreveu se perde) e responde com texto e PDF; Gabriela conclui deferido; Bruno vê o
resultado na linha do tempo, Ana (gestora) também; Diego (Belo Horizonte) recebe 404.
"""

import pytest
from PIL import Image
from playwright.sync_api import expect

from atendimento.models import Exigencia, Requerimento, StatusExigencia, StatusRequerimento
from portal.validadores import formatar_protocolo
from tests.navegador.apoio import entrar
from tests.requerimentos_apoio import numero, requerimento_protocolado

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

TEXTO_DA_EXIGENCIA = "Falta comprovar a renda do grupo familiar."
ITENS = ["Folha resumo do CadÚnico atualizada", "Extrato bancário dos últimos 3 meses"]
RESPOSTA = "Seguem a folha resumo do CadÚnico e o extrato."
FUNDAMENTACAO = "Renda per capita abaixo de 1/4 do salário mínimo (Lei 8.742/93, art. 20, § 3º)."


def menu(pagina):
    return pagina.locator("#menu-principal")


def mensagem(pagina):
    return pagina.locator(".mensagens")


def situacao(pagina):
    return pagina.locator("dl.dados").first.get_by_test_id("status")


def etapa(pagina, numero: int):
    return pagina.get_by_test_id(f"etapa-{numero}")


def arquivos(tmp_path):
    pdf, png = tmp_path / "cadunico.pdf", tmp_path / "cadunico.png"
    Image.new("RGB", (200, 120), (255, 255, 255)).save(pdf, "PDF")
    Image.new("RGB", (200, 120), (200, 30, 30)).save(png, "PNG")
    return pdf, png


def bruno_entra_por_campinas(pagina) -> None:
    entrar(pagina, "bruno")
    pagina.locator("label", has_text="Prefeitura Municipal de Campinas").click()
    pagina.get_by_role("button", name="Agir por esta entidade").click()
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text("Prefeitura Municipal de Campinas")


def abrir_a_acao(pagina, acao: str, *, com_javascript: bool):
    """Com JavaScript, o formulário vem para o diálogo da página de análise; sem, o link leva à página da ação."""
    pagina.wait_for_load_state()  # o htmx liga os atributos no DOMContentLoaded
    pagina.get_by_test_id("acoes").get_by_role("link", name=acao).click()
    if com_javascript:
        return pagina.locator("#dialogo").get_by_test_id("dialogo")
    expect(pagina.get_by_role("heading", level=1)).to_contain_text(" — ")
    return pagina.get_by_test_id("dialogo")


def gabriela_acha_assume_e_exige(pagina, protocolo: str, *, com_javascript: bool) -> None:
    entrar(pagina, "gabriela")
    menu(pagina).get_by_role("link", name="Análise de requerimentos").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Análise de requerimentos")
    campo = pagina.get_by_label("Protocolo, CPF ou nome do cidadão")
    if com_javascript:
        pagina.wait_for_load_state()
        with pagina.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            campo.fill(formatar_protocolo(protocolo))
    else:
        campo.fill(formatar_protocolo(protocolo))
        pagina.get_by_role("button", name="Filtrar").click()
    linhas = pagina.locator("#resultados tbody tr")
    expect(linhas).to_have_count(1)
    expect(linhas).to_contain_text("Prefeitura Municipal de Campinas")
    linhas.get_by_role("link", name=formatar_protocolo(protocolo)).click()

    expect(pagina.get_by_test_id("analista")).to_have_text("ainda não assumido")
    pagina.get_by_test_id("acoes").get_by_role("button", name="Assumir").click()
    expect(mensagem(pagina)).to_contain_text(f"Você assumiu o requerimento {formatar_protocolo(protocolo)}.")
    expect(pagina.get_by_test_id("analista")).to_have_text("Gabriela Melo")
    expect(situacao(pagina)).to_have_text("Em análise")

    dialogo = abrir_a_acao(pagina, "Emitir exigência", com_javascript=com_javascript)
    expect(dialogo.get_by_role("heading")).to_have_text("Emitir exigência")
    dialogo.get_by_label("O que a entidade precisa apresentar, e por quê").fill(TEXTO_DA_EXIGENCIA)
    dialogo.get_by_label("Itens da exigência (um por linha)").fill("\n".join(ITENS))
    with pagina.expect_navigation():
        dialogo.get_by_role("button", name="Confirmar").click()
    expect(mensagem(pagina)).to_contain_text("Exigência emitida. A entidade foi avisada do prazo.")
    expect(situacao(pagina)).to_have_text("Em exigência")


def bruno_responde_depois_de_um_arquivo_recusado(pagina, requerimento: Requerimento, tmp_path) -> None:
    pdf, png = arquivos(tmp_path)
    prazo = Exigencia.objects.get(requerimento=requerimento).prazo_fim.strftime("%d/%m/%Y")
    menu(pagina).get_by_role("link", name="Requerimentos", exact=True).click()
    linha = pagina.get_by_test_id(f"linha-{requerimento.pk}")
    expect(linha.get_by_test_id("prazo")).to_have_text(f"Responder até {prazo}")
    linha.get_by_role("link", name=numero(requerimento)).click()

    expect(pagina.get_by_test_id("exigencia-aberta").get_by_test_id("prazo")).to_have_text(prazo)
    expect(etapa(pagina, 5).get_by_test_id("situacao")).to_have_text("Em andamento")
    expect(pagina.get_by_test_id("itens").locator("li")).to_have_text(ITENS)

    pagina.get_by_label("Resposta à exigência").fill(RESPOSTA)
    pagina.get_by_label("Documentos (PDF)").set_input_files(png)
    pagina.get_by_role("button", name="Enviar resposta").click()
    erros = pagina.get_by_test_id("erros-da-resposta")
    expect(erros).to_contain_text("A resposta ainda não foi registrada.")
    expect(erros).to_contain_text("O arquivo “cadunico.png” não é PDF")
    expect(pagina.get_by_label("Resposta à exigência")).to_have_value(RESPOSTA)
    assert Exigencia.objects.get(requerimento=requerimento).status == StatusExigencia.ABERTA

    pagina.get_by_label("Documentos (PDF)").set_input_files(pdf)
    pagina.get_by_role("button", name="Enviar resposta").click()
    expect(mensagem(pagina)).to_contain_text("Resposta registrada. O requerimento voltou para a análise do INSS.")
    expect(situacao(pagina)).to_have_text("Em análise")
    expect(etapa(pagina, 5).get_by_test_id("situacao")).to_have_text("Concluída")
    expect(pagina.get_by_test_id("resposta")).to_have_text(RESPOSTA)
    expect(pagina.get_by_role("link", name="cadunico.pdf")).to_have_count(1)


def gabriela_conclui_deferido(pagina, *, com_javascript: bool) -> None:
    pagina.reload()
    expect(situacao(pagina)).to_have_text("Em análise")
    expect(pagina.get_by_test_id("resposta")).to_have_text(RESPOSTA)
    expect(pagina.get_by_role("link", name="cadunico.pdf")).to_have_count(1)
    dialogo = abrir_a_acao(pagina, "Concluir", com_javascript=com_javascript)
    # Sem a fundamentação: recusado no campo, e a decisão escolhida fica.
    dialogo.get_by_label("Decisão").select_option("deferido")
    dialogo.get_by_role("button", name="Confirmar").click()
    dialogo = pagina.get_by_test_id("dialogo")
    expect(dialogo).to_contain_text("Fundamente a decisão: o que foi reconhecido e com base em quê.")
    expect(dialogo.get_by_label("Decisão")).to_have_value("deferido")
    dialogo.get_by_label("Decisão").select_option("deferido")
    dialogo.get_by_label("Fundamentação").fill(FUNDAMENTACAO)
    with pagina.expect_navigation():
        dialogo.get_by_role("button", name="Confirmar").click()
    expect(mensagem(pagina)).to_contain_text("Requerimento concluído. A entidade foi avisada da decisão.")
    expect(situacao(pagina)).to_have_text("Concluído")
    expect(pagina.get_by_test_id("decisao")).to_contain_text("Deferido")


def a_entidade_ve_o_resultado(pagina) -> None:
    expect(situacao(pagina)).to_have_text("Concluído")
    expect(etapa(pagina, 6).get_by_test_id("situacao")).to_have_text("Concluída")
    expect(etapa(pagina, 6).get_by_test_id("texto")).to_contain_text("Deferido.")
    expect(pagina.get_by_test_id("decisao")).to_contain_text("Resultado: Deferido")
    expect(pagina.get_by_test_id("decisao")).to_contain_text(FUNDAMENTACAO)


@pytest.mark.parametrize(
    "com_javascript", [pytest.param(True, id="com_javascript"), pytest.param(False, id="sem_javascript")]
)
def test_da_fila_a_exigencia_respondida_e_ao_resultado_visto_pela_entidade(abrir_pagina, tmp_path, com_javascript):
    requerimento = requerimento_protocolado(cidadao_nome="Josefa Nascimento", protocolado_ha_dias=12)

    gabriela = abrir_pagina(java_script_enabled=com_javascript)
    gabriela_acha_assume_e_exige(gabriela, requerimento.protocolo, com_javascript=com_javascript)

    bruno = abrir_pagina(java_script_enabled=com_javascript)
    bruno_entra_por_campinas(bruno)
    bruno_responde_depois_de_um_arquivo_recusado(bruno, requerimento, tmp_path)

    gabriela_conclui_deferido(gabriela, com_javascript=com_javascript)

    bruno.reload()
    a_entidade_ve_o_resultado(bruno)

    ana = abrir_pagina()
    entrar(ana, "ana")
    menu(ana).get_by_role("link", name="Requerimentos", exact=True).click()
    linha = ana.get_by_test_id(f"linha-{requerimento.pk}")
    expect(linha.get_by_test_id("decisao")).to_have_text("Deferido")
    linha.get_by_role("link", name=numero(requerimento)).click()
    a_entidade_ve_o_resultado(ana)

    diego = abrir_pagina()
    entrar(diego, "diego")
    resposta = diego.goto(f"/requerimentos/{requerimento.pk}/")
    assert resposta.status == 404
    expect(diego.get_by_text("Josefa Nascimento")).to_have_count(0)
    assert diego.goto(f"/requerimentos/documentos/{requerimento.documentos.first().pk}.pdf").status == 404

    requerimento.refresh_from_db()
    assert requerimento.status == StatusRequerimento.CONCLUIDO and requerimento.decisao == "deferido"
