"""A Supervisão das APS no navegador (seed 001, Portaria 916/2021): João (SERAT/SEAT da Sudeste I) designa
Heitor responsável pela APS Campinas - Centro, com a execução na APS (Heitor é lotado nela); Heitor cria a
supervisão, responde a todos os campos adicionais, anexa a imagem da visita e conclui. Com um campo vazio, a
conclusão é recusada com a lista do que falta, e nada do que foi digitado se perde."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from atendimento.models import CicloDeSupervisao, StatusSupervisao, Supervisao
from atendimento.services.supervisao import ciclo_abrir, responsavel_designar
from atendimento.supervisao_catalogo import ITENS
from portal.contas.models import Usuario
from portal.organizacao.models import AgenciaPrevidencia
from tests.navegador.apoio import entrar

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

CAMPINAS_CENTRO = "21001010"


def ciclo_aberto_hoje() -> CicloDeSupervisao:
    """O ciclo que a varredura abriu, se hoje está nele; fora dos 30 dias do bimestre, um ciclo que começou
    há 3 dias, para o teste ter onde trabalhar."""
    hoje = timezone.localdate()
    ciclo = ciclo_abrir()
    if ciclo is None or ciclo.encerrado(hoje):
        inicio = hoje - timedelta(days=3)
        ciclo = CicloDeSupervisao.objects.create(inicio=inicio, fim=inicio + timedelta(days=30))
    return ciclo


def foto_da_visita(tmp_path):
    caminho = tmp_path / "recepcao.jpg"  # o portal confere o conteúdo, não o nome
    Image.new("RGB", (320, 200), (30, 90, 160)).save(caminho, "JPEG")
    return caminho


def linha_da_aps(pagina):
    return pagina.get_by_test_id(f"aps-{CAMPINAS_CENTRO}")


def item(pagina, indice: int):
    return pagina.get_by_test_id(f"item-{ITENS[indice].codigo}")


def responder(pagina, indice: int, *, resposta: str | None = "Sim", observacoes: str = "") -> None:
    campo = item(pagina, indice)
    if resposta:
        campo.locator("label").get_by_text(resposta, exact=True).click()
    campo.get_by_label("Observações").fill(observacoes or f"Verificado na visita ({indice + 1}).")


def mensagem(pagina):
    return pagina.locator(".mensagens")


def heitor_designado_e_na_supervisao(pagina) -> None:
    aps = AgenciaPrevidencia.objects.select_related("gex__sr").get(codigo=CAMPINAS_CENTRO)
    responsavel_designar(aps=aps, responsavel=Usuario.objects.get(cpf="14142135651"), execucao_na_aps=True,
                         por=Usuario.objects.get(cpf="22360679767"))
    entrar(pagina, "heitor")
    pagina.locator("#menu-principal").get_by_role("link", name="Supervisão das APS").click()
    linha_da_aps(pagina).get_by_role("button", name="Criar a supervisão").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Supervisão da APS Campinas - Centro")


def test_joao_designa_heitor_que_cria_preenche_anexa_e_conclui_a_supervisao(portal, abrir_pagina, tmp_path):
    ciclo_aberto_hoje()
    joao = abrir_pagina()
    entrar(joao, "joao")
    joao.locator("#menu-principal").get_by_role("link", name="Supervisão das APS").click()
    expect(linha_da_aps(joao).get_by_test_id("responsavel")).to_have_text("ninguém designado")
    expect(linha_da_aps(joao).get_by_test_id("situacao")).to_have_text("Pendente")
    linha_da_aps(joao).get_by_role("link", name="Designar o responsável pela APS Campinas - Centro").click()
    joao.get_by_label("Responsável pela supervisão").select_option(label="Heitor Ramos")
    joao.get_by_role("button", name="Designar").click()
    # Heitor é lotado na própria APS: só na exceção da Portaria, com a execução na APS configurada
    expect(joao.get_by_test_id("dialogo")).to_contain_text("configure a execução na APS")
    expect(joao.get_by_label("Responsável pela supervisão")).to_have_value(
        str(Usuario.objects.get(cpf="14142135651").pk))
    joao.locator("label", has_text="Configurar o serviço para execução na APS").click()
    joao.get_by_role("button", name="Designar").click()
    expect(mensagem(joao)).to_contain_text("Responsável pela supervisão da APS Campinas - Centro designado(a).")
    expect(linha_da_aps(joao).get_by_test_id("responsavel")).to_contain_text("Heitor Ramos")
    expect(linha_da_aps(joao).get_by_test_id("responsavel")).to_contain_text("execução na APS")

    heitor = abrir_pagina()
    entrar(heitor, "heitor")
    heitor.locator("#menu-principal").get_by_role("link", name="Supervisão das APS").click()
    expect(heitor.get_by_test_id("agencias").locator("tbody tr")).to_have_count(1)  # só a APS dele
    linha_da_aps(heitor).get_by_role("button", name="Criar a supervisão").click()
    for indice in range(len(ITENS)):
        responder(heitor, indice, resposta="Não se aplica" if indice == 3 else "Sim")
    heitor.get_by_label("Imagens da supervisão realizada").set_input_files(foto_da_visita(tmp_path))
    heitor.get_by_role("button", name="Concluir a supervisão").click()

    expect(heitor).to_have_url(re.compile(r"/supervisao/$"))
    expect(mensagem(heitor)).to_contain_text("Supervisão da APS Campinas - Centro concluída.")
    expect(linha_da_aps(heitor).get_by_test_id("situacao")).to_contain_text("Concluída")
    supervisao = Supervisao.objects.get()
    assert supervisao.status == StatusSupervisao.CONCLUIDA and supervisao.imagens.count() == 1

    linha_da_aps(heitor).get_by_role("link", name="Ver a supervisão").click()
    expect(heitor.get_by_test_id("status")).to_contain_text("Concluída")
    expect(heitor.get_by_test_id("respostas")).to_contain_text("Verificado na visita (10).")
    expect(heitor.get_by_role("img", name="Imagem da supervisão: recepcao.jpg")).to_be_visible()
    expect(heitor.get_by_role("button", name="Concluir a supervisão")).to_have_count(0)  # não muda mais

    joao.reload()
    expect(linha_da_aps(joao).get_by_test_id("situacao")).to_contain_text("Concluída")
    joao.get_by_role("link", name="Relatório por SR e GEX").click()
    expect(joao.get_by_test_id("total")).to_contain_text("Total")


def test_com_um_campo_vazio_a_supervisao_nao_conclui_e_o_que_foi_digitado_fica(portal, pagina, tmp_path):
    ciclo_aberto_hoje()
    heitor_designado_e_na_supervisao(pagina)
    vazio = 4
    for indice in range(len(ITENS)):
        if indice == vazio:
            responder(pagina, indice, resposta=None, observacoes="Triagem na porta só pela manhã.")
        else:
            responder(pagina, indice)
    pagina.get_by_label("Imagens da supervisão realizada").set_input_files(foto_da_visita(tmp_path))
    pagina.get_by_role("button", name="Concluir a supervisão").click()

    erros = pagina.locator(".br-message.danger")
    expect(erros).to_contain_text("A supervisão não pode ser concluída")
    expect(erros).to_contain_text(f"{ITENS[vazio].pergunta} — falta a resposta")
    expect(item(pagina, vazio)).to_contain_text("Responda a este item.")
    expect(item(pagina, vazio).get_by_label("Observações")).to_have_value("Triagem na porta só pela manhã.")
    expect(item(pagina, 0).get_by_label("Sim")).to_be_checked()
    expect(item(pagina, 9).get_by_label("Observações")).to_have_value("Verificado na visita (10).")
    expect(pagina.get_by_test_id("imagens")).to_contain_text("recepcao.jpg")  # a imagem ficou anexada
    assert Supervisao.objects.get().status == StatusSupervisao.RASCUNHO

    pagina.reload()  # o rascunho guardou tudo
    expect(item(pagina, vazio).get_by_label("Observações")).to_have_value("Triagem na porta só pela manhã.")
    item(pagina, vazio).locator("label").get_by_text("Não", exact=True).click()
    pagina.get_by_role("button", name="Concluir a supervisão").click()
    expect(mensagem(pagina)).to_contain_text("concluída")
    assert Supervisao.objects.get().status == StatusSupervisao.CONCLUIDA
