"""Um município novo adere ao ACT, no navegador, do pedido público ao acordo vigente.

O gestor da Prefeitura de Valinhos (SP, Sudeste I) chega pela página de entrada, pede a adesão em /aderir/
(a UF traz os municípios pelo htmx; sem JavaScript, pelo botão "Carregar municípios"), entra já como gestor,
envia a adesão sem o CRP de quem declarou regime próprio (recusada, nada se perde) e depois com ele. Karina,
gestora regional da Sudeste I, pede um documento; o gestor responde com um PDF; Karina marca o checklist e
aprova com número, processo SEI, vigência e serviços: o acordo fica vigente para ela e para a entidade.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.acordos.models import Acordo, Adesao, StatusAcordo, StatusAdesao
from portal.contas.models import Usuario
from portal.entidades.models import Entidade, Vinculo
from tests.fabricas import cnpj_valido
from tests.navegador.apoio import entrar
from tests.suporte_apoio import pdf

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

CNPJ = cnpj_valido(46540901)
CNPJ_DIGITADO = f"{CNPJ[:2]}.{CNPJ[2:5]}.{CNPJ[5:8]}/{CNPJ[8:12]}-{CNPJ[12:]}"
RAZAO_SOCIAL = "Prefeitura Municipal de Valinhos"
GESTOR = {"Seu CPF": "987.654.321-00", "Seu nome completo": "Orestes Previtale",
          "Seu e-mail": "gabinete@valinhos.sp.gov.br", "Seu telefone": "(19) 3849-8000"}
SENHA = "Valinhos@2026-seguro"
REPRESENTANTE = {"Nome do representante legal": "Lucimara Godoy", "CPF do representante legal": "111.444.777-35",
                 "Cargo": "Prefeita"}
DOCUMENTOS_BASICOS = [
    "Ofício de manifestação de interesse",
    "Lei ou ato de criação da entidade",
    "Documento de outorga de poderes ao representante legal",
    "Documento pessoal do representante legal",
]
CRP = "Certificado de Regularidade Previdenciária (CRP)"
PEDIDO = "Envie a ata de posse da prefeita."
RESPOSTA = "Segue a ata de posse, registrada em cartório."
PROCESSO_SEI = "23037.001462/2021-65"
SERVICOS = ["Aposentadoria por idade (urbana)", "Salário-maternidade (rural)", "Pensão por morte (urbana)"]


def _pdf(nome: str) -> dict:
    return {"name": nome, "mimeType": "application/pdf", "buffer": pdf(nome).read()}


def mensagem(pagina):
    return pagina.locator(".mensagens")


def troca_do_htmx(resposta) -> bool:
    return resposta.request.headers.get("hx-request") == "true"


def situacao(pagina):
    return pagina.get_by_test_id("situacao-da-adesao")


def clicar_no_rotulo(pagina, texto: str) -> None:
    """O rádio e a caixa do gov.br são desenhados pelo rótulo, que fica por cima do <input>."""
    pagina.locator("label", has_text=texto).click()
    expect(pagina.get_by_label(texto, exact=True)).to_be_checked()


def preencher_a_entidade(pagina) -> None:
    pagina.get_by_label("CNPJ da entidade").fill(CNPJ_DIGITADO)
    pagina.get_by_label("Razão social").fill(RAZAO_SOCIAL)
    pagina.get_by_label("Tipo de entidade").select_option("prefeitura")


def preencher_o_gestor(pagina, *, com_senha: bool = True) -> None:
    for rotulo, valor in GESTOR.items():
        pagina.get_by_label(rotulo).fill(valor)
    if com_senha:
        preencher_a_senha(pagina)


def preencher_a_senha(pagina) -> None:
    pagina.get_by_label(re.compile(r"^Senha")).fill(SENHA)
    pagina.get_by_label("Confirme a senha").fill(SENHA)


def o_gestor_entra_como_gestor_de_valinhos(pagina) -> None:
    expect(pagina).to_have_url(re.compile(r"/adesao/$"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"Adesão de {RAZAO_SOCIAL} ao ACT")
    expect(mensagem(pagina)).to_contain_text(f"{RAZAO_SOCIAL} está cadastrada e você é o(a) gestor(a) dela")
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text(RAZAO_SOCIAL)
    expect(pagina.get_by_test_id("identificacao")).to_contain_text("Orestes Previtale")
    entidade = Entidade.objects.select_related("sr").get(cnpj=CNPJ)
    assert entidade.sr.nome == "Sudeste I" and entidade.municipio.nome == "Valinhos"
    vinculo = Vinculo.objects.get(entidade=entidade)
    assert vinculo.usuario.cpf == "98765432100" and vinculo.gestor and vinculo.cadastrador


# --- o gestor pede a adesão --------------------------------------------------------------------------------


def o_gestor_pede_a_adesao_com_javascript(pagina) -> None:
    pagina.goto("/conta/login/")
    pagina.get_by_role("link", name="Solicite a adesão").click()
    expect(pagina).to_have_url(re.compile(r"/aderir/$"))
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Solicitar a adesão da entidade ao ACT")
    pagina.wait_for_load_state()  # o htmx liga os atributos hx-* no DOMContentLoaded
    preencher_a_entidade(pagina)
    municipio = pagina.get_by_label("Município")
    expect(municipio.locator("option")).to_have_count(1)
    with pagina.expect_response(troca_do_htmx) as troca:
        pagina.get_by_label("UF").select_option("SP")
    assert troca.value.status == 200 and "/municipios/?uf=SP" in troca.value.url
    expect(municipio.locator("option")).to_have_count(646)
    municipio.select_option(label="Valinhos")
    preencher_o_gestor(pagina)

    # As senhas diferentes: recusado, e o que foi digitado fica (as senhas se digitam de novo).
    pagina.get_by_label("Confirme a senha").fill("Outra@senha-2026")
    pagina.get_by_role("button", name="Cadastrar e continuar a adesão").click()
    expect(pagina.get_by_test_id("erros")).to_contain_text("A entidade ainda não foi cadastrada.")
    expect(pagina.locator(".campo.danger", has=pagina.get_by_label("Confirme a senha"))).to_contain_text(
        "As senhas não conferem"
    )
    expect(pagina.get_by_label("Razão social")).to_have_value(RAZAO_SOCIAL)
    expect(pagina.get_by_label("Município").locator("option:checked")).to_have_text("Valinhos")
    for rotulo, valor in GESTOR.items():
        expect(pagina.get_by_label(rotulo)).to_have_value(valor)
    assert not Entidade.objects.filter(cnpj=CNPJ).exists()

    preencher_a_senha(pagina)
    pagina.get_by_role("button", name="Cadastrar e continuar a adesão").click()
    o_gestor_entra_como_gestor_de_valinhos(pagina)


def o_gestor_envia_a_adesao_sem_o_crp_e_depois_com_ele(pagina) -> None:
    for rotulo, valor in REPRESENTANTE.items():
        pagina.get_by_label(re.compile("^" + re.escape(rotulo))).fill(valor)
    clicar_no_rotulo(pagina, "Tem regime próprio (RPPS): apresenta o CRP")
    clicar_no_rotulo(pagina, "Aceito formalmente os termos da minuta do ACT")
    clicar_no_rotulo(pagina, "Aceito formalmente o Plano de Trabalho")
    pagina.get_by_role("button", name="Iniciar a adesão").click()
    expect(mensagem(pagina)).to_contain_text("Adesão iniciada.")
    expect(situacao(pagina)).to_have_text("Rascunho")

    for rotulo in DOCUMENTOS_BASICOS:
        pagina.get_by_label(rotulo).set_input_files(files=[_pdf(f"{rotulo[:20]}.pdf")])
    pagina.get_by_role("button", name="Enviar para análise").click()
    erros = pagina.get_by_test_id("erros-da-adesao")
    expect(erros).to_contain_text("A adesão ainda não foi enviada.")
    expect(erros).to_contain_text(f"Anexe: {CRP} — a entidade declarou ter regime próprio.")
    # Nada se perdeu: o representante, o regime e os aceites continuam; nenhum documento foi gravado.
    expect(situacao(pagina)).to_have_text("Rascunho")
    dados = pagina.locator("dl.dados")
    expect(dados).to_contain_text("Lucimara Godoy (Prefeita)")
    expect(dados).to_contain_text("Tem regime próprio (RPPS)")
    expect(dados).to_contain_text("aceitos")
    adesao = Adesao.objects.get(entidade__cnpj=CNPJ)
    assert adesao.documentos.count() == 0 and adesao.representante_legal_cpf == "11144477735"

    for rotulo in [*DOCUMENTOS_BASICOS, CRP]:
        pagina.get_by_label(rotulo).set_input_files(files=[_pdf(f"{rotulo[:20]}.pdf")])
    pagina.get_by_role("button", name="Enviar para análise").click()
    expect(mensagem(pagina)).to_contain_text("Adesão enviada para a análise da Superintendência Regional.")
    expect(situacao(pagina)).to_have_text("Em análise pelo INSS")
    expect(pagina.get_by_test_id("erros-da-adesao")).to_have_count(0)


# --- Karina analisa ----------------------------------------------------------------------------------------


def karina_abre_a_adesao_e_pede_um_documento(pagina) -> None:
    entrar(pagina, "karina")
    pagina.locator("#menu-principal").get_by_role("link", name="Adesões", exact=True).click()
    linha = pagina.locator("tbody tr", has=pagina.get_by_role("link", name=RAZAO_SOCIAL))
    expect(linha).to_contain_text("Valinhos/SP")
    expect(linha).to_contain_text("Em análise pelo INSS")
    linha.get_by_role("link", name=RAZAO_SOCIAL).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"Adesão de {RAZAO_SOCIAL}")
    expect(pagina.get_by_test_id("documentos-enviados").locator("li")).to_have_count(5)
    expect(pagina.get_by_test_id("documentos-enviados")).to_contain_text(CRP)
    pagina.get_by_label("Quais documentos a entidade deve enviar?").fill(PEDIDO)
    pagina.get_by_role("button", name="Pedir à entidade").click()
    expect(mensagem(pagina)).to_contain_text("Pedido enviado à entidade.")
    expect(situacao(pagina)).to_have_text("Aguardando documentos da entidade")


def o_gestor_ve_o_pedido_e_responde_com_um_pdf(pagina) -> None:
    pagina.locator("#menu-principal").get_by_role("link", name="Adesão ao ACT").click()
    expect(situacao(pagina)).to_have_text("Aguardando documentos da entidade")
    pedido = pagina.get_by_test_id("pedido")
    expect(pedido).to_contain_text(PEDIDO)
    pedido.get_by_label("Resposta").fill(RESPOSTA)
    pedido.get_by_label("Documento pedido").set_input_files(files=[_pdf("ata-de-posse.pdf")])
    pedido.get_by_role("button", name="Responder").click()
    expect(mensagem(pagina)).to_contain_text("Resposta enviada ao INSS.")
    expect(pagina.get_by_test_id("pedido")).to_contain_text(f"Respondido em {timezone.localdate():%d/%m/%Y}")
    expect(pagina.get_by_test_id("pedido")).to_contain_text(RESPOSTA)
    expect(situacao(pagina)).to_have_text("Em análise pelo INSS")


def karina_marca_o_checklist_e_aprova(pagina) -> str:
    pagina.reload()
    expect(situacao(pagina)).to_have_text("Em análise pelo INSS")
    expect(pagina.get_by_text(f"respondido em {timezone.localdate():%d/%m/%Y} ({RESPOSTA})")).to_have_count(1)
    for item in ("Estrutura física mínima (espaço e equipamentos)", "Representantes indicados",
                 "Capacitação on-line concluída"):
        pagina.get_by_role("button", name=f"Marcar: {item}").click()
        expect(pagina.get_by_role("button", name=f"Desmarcar: {item}")).to_be_visible()
    expect(pagina.get_by_test_id("checklist").locator("li", has_text="pendente")).to_have_count(0)

    hoje = timezone.localdate()
    pagina.get_by_label("Processo SEI").fill(PROCESSO_SEI)
    pagina.get_by_label("Início da vigência").fill(hoje.isoformat())
    pagina.get_by_label("Fim da vigência").fill(hoje.replace(year=hoje.year + 5).isoformat())
    for servico in SERVICOS:
        clicar_no_rotulo(pagina, servico)
    pagina.get_by_role("button", name="Aprovar").click()
    expect(mensagem(pagina)).to_contain_text(re.compile(r"Adesão aprovada: ACT \S+ \(Vigente\)\."))
    expect(situacao(pagina)).to_have_text("Aprovada")
    acordo = Acordo.objects.get(entidade__cnpj=CNPJ)
    resumo = pagina.get_by_test_id("acordo")
    expect(resumo).to_contain_text(f"ACT {acordo.numero}")
    expect(resumo).to_contain_text(PROCESSO_SEI)
    expect(pagina.get_by_test_id("situacao-do-acordo")).to_have_text("Vigente")
    return acordo.numero


def o_gestor_ve_o_acordo_vigente_com_os_servicos(pagina, numero: str) -> None:
    pagina.locator("#menu-principal").get_by_role("link", name="Acordo", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Acordo de Cooperação Técnica")
    acordo = pagina.get_by_test_id("acordo")
    expect(acordo).to_contain_text(f"ACT {numero}")
    expect(acordo).to_contain_text(PROCESSO_SEI)
    expect(acordo).to_contain_text("Vigente")
    servicos = pagina.get_by_test_id("servicos-pactuados")
    expect(servicos).to_contain_text(str(len(SERVICOS)))
    servicos.get_by_text("Ver os serviços").click()
    for servico in SERVICOS:
        expect(servicos.get_by_role("listitem").filter(has_text=servico).first).to_be_visible()
    expect(pagina.get_by_test_id("alteracoes")).to_contain_text(f"{len(SERVICOS)} serviço(s) pactuado(s)")


def test_municipio_novo_pede_a_adesao_e_chega_ao_acordo_vigente(abrir_pagina):
    gestor = abrir_pagina()
    o_gestor_pede_a_adesao_com_javascript(gestor)
    o_gestor_envia_a_adesao_sem_o_crp_e_depois_com_ele(gestor)

    karina = abrir_pagina()
    karina_abre_a_adesao_e_pede_um_documento(karina)
    o_gestor_ve_o_pedido_e_responde_com_um_pdf(gestor)
    numero = karina_marca_o_checklist_e_aprova(karina)
    o_gestor_ve_o_acordo_vigente_com_os_servicos(gestor, numero)

    acordo = Acordo.objects.get(entidade__cnpj=CNPJ)
    assert acordo.status == StatusAcordo.VIGENTE and acordo.adesao.status == StatusAdesao.APROVADA
    assert sorted(str(servico) for servico in acordo.servicos_pactuados.all()) == sorted(SERVICOS)
    assert acordo.adesao.documentos.count() == 6  # os cinco da adesão e o que foi pedido


# --- sem JavaScript ----------------------------------------------------------------------------------------


def test_sem_javascript_carregar_municipios_mantem_o_digitado_e_o_pedido_segue(abrir_pagina):
    pagina = abrir_pagina(java_script_enabled=False)
    pagina.goto("/aderir/")
    preencher_a_entidade(pagina)
    preencher_o_gestor(pagina)
    pagina.get_by_label("UF").select_option("SP")
    expect(pagina.get_by_label("Município").locator("option")).to_have_count(1)  # sem htmx, nada muda ainda
    pagina.get_by_role("button", name="Carregar municípios").click()

    expect(pagina).to_have_url(re.compile(r"/aderir/#id_municipio$"))
    expect(pagina.get_by_test_id("municipios-carregados")).to_contain_text("Municípios de SP carregados")
    expect(pagina.get_by_test_id("erros")).to_have_count(0)
    expect(pagina.get_by_label("CNPJ da entidade")).to_have_value(CNPJ_DIGITADO)
    expect(pagina.get_by_label("Razão social")).to_have_value(RAZAO_SOCIAL)
    expect(pagina.get_by_label("Tipo de entidade").locator("option:checked")).to_have_text("Prefeitura")
    for rotulo, valor in GESTOR.items():
        expect(pagina.get_by_label(rotulo)).to_have_value(valor)
    expect(pagina.get_by_label("Município").locator("option")).to_have_count(646)
    pagina.get_by_label("Município").select_option(label="Valinhos")
    preencher_a_senha(pagina)  # as senhas não voltam na página
    pagina.get_by_role("button", name="Cadastrar e continuar a adesão").click()
    o_gestor_entra_como_gestor_de_valinhos(pagina)
    expect(pagina.get_by_role("button", name="Iniciar a adesão")).to_be_visible()


def test_cpf_que_ja_tem_conta_e_recusado_com_o_caminho_da_entrada(abrir_pagina):
    pagina = abrir_pagina()
    pagina.goto("/aderir/")
    pagina.wait_for_load_state()
    preencher_a_entidade(pagina)
    with pagina.expect_response(troca_do_htmx):
        pagina.get_by_label("UF").select_option("SP")
    pagina.get_by_label("Município").select_option(label="Valinhos")
    preencher_o_gestor(pagina)
    pagina.get_by_label("Seu CPF").fill("111.444.777-35")  # a Ana já tem conta
    pagina.get_by_role("button", name="Cadastrar e continuar a adesão").click()

    expect(pagina.locator(".campo.danger", has=pagina.get_by_label("Seu CPF"))).to_contain_text(
        "Já existe uma conta com este CPF: entre no portal com ela para aderir."
    )
    expect(pagina.get_by_label("Seu CPF")).to_have_value("111.444.777-35")
    expect(pagina.get_by_label("Município").locator("option:checked")).to_have_text("Valinhos")
    assert not Entidade.objects.filter(cnpj=CNPJ).exists()
    assert Usuario.objects.filter(cpf="11144477735").get().nome == "Ana Souza"
    pagina.get_by_role("link", name="Entre com ela").click()
    expect(pagina).to_have_url(re.compile(r"/conta/login/\?next=/aderir/$"))
