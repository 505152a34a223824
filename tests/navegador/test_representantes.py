"""Os representantes no navegador (seed 003, itens 15–19, e a Escola PEP do item 16).

Ana, cadastradora da Prefeitura de Campinas, cadastra uma representante nova, prorroga o acesso de Bruno,
exclui o de outra pessoa (com o motivo, que é obrigatório) e registra a conclusão da Escola PEP de Bruno com
a declaração em PDF. Diego, cujo acesso à Prefeitura de Belo Horizonte venceu, entra e fica sabendo por que
não age mais pela entidade, e a quem pedir.
"""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from portal.contas.models import Usuario
from portal.entidades.models import CapacitacaoPEP, Entidade, Vinculo
from portal.entidades.services import representante_cadastrar
from portal.validadores import formatar_cpf
from tests.navegador.apoio import PERSONAS, entrar
from tests.test_representantes import cpf_de

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

CAMPINAS, BH = "51885242000140", "18715383000140"
MARINA = cpf_de(123456780)
OTAVIO = cpf_de(234567801)


def menu(pagina):
    return pagina.locator("#menu-principal")


def mensagem(pagina):
    return pagina.locator(".mensagens")


def linha(pagina, nome: str):
    return pagina.locator("tbody tr", has_text=nome)


def declaracao_em_pdf(tmp_path):
    """Um PDF de verdade: o portal confere o conteúdo do arquivo, não o nome."""
    caminho = tmp_path / "declaracao-escola-pep.pdf"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (255, 255, 255)).save(buffer, "PDF")
    caminho.write_bytes(buffer.getvalue())
    return caminho


def pessoa(apelido: str) -> Usuario:
    return Usuario.objects.get(cpf=re.sub(r"\D", "", PERSONAS[apelido].cpf))


def test_ana_cadastra_prorroga_exclui_e_registra_a_escola_pep(pagina, tmp_path):
    campinas = Entidade.objects.get(cnpj=CAMPINAS)
    representante_cadastrar(  # quem vai ter o acesso excluído
        entidade=campinas, cpf=OTAVIO, nome="Otávio Reis", email="otavio@campinas.sp.gov.br", papel="CONSULTA",
        valido_ate=timezone.localdate() + timedelta(days=60), por=pessoa("ana"),
    )
    hoje = timezone.localdate()
    entrar(pagina, "ana")
    menu(pagina).get_by_role("link", name="Representantes", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Representantes de Prefeitura Municipal de Campinas")
    expect(linha(pagina, "Bruno Lima")).to_contain_text("Pendente")

    # 1. Cadastrar: a pessoa nova recebe o e-mail para definir a senha.
    pagina.get_by_test_id("cadastrar-representante").click()
    expect(pagina).to_have_url(re.compile(r"/entidade/representantes/novo/$"))
    expect(pagina.get_by_role("group", name="Se a pessoa já representa outra entidade")).to_contain_text(
        "a declaração registrada é aceita"
    )
    pagina.get_by_label("CPF").fill(formatar_cpf(MARINA))
    pagina.get_by_label("Nome completo").fill("Marina Souza")
    pagina.get_by_label("E-mail").fill("marina@campinas.sp.gov.br")
    pagina.get_by_label("Telefone").fill("(19) 3333-4444")
    pagina.get_by_label("Papel").select_option("AUTENTICA")
    pagina.get_by_role("button", name="Cadastrar").click()
    expect(pagina).to_have_url(re.compile(r"/entidade/representantes/$"))
    expect(mensagem(pagina)).to_contain_text("Marina Souza agora representa Prefeitura Municipal de Campinas.")
    expect(mensagem(pagina)).to_contain_text("Enviamos para marina@campinas.sp.gov.br o link para definir a senha.")
    expect(linha(pagina, "Marina Souza")).to_contain_text("Ativo")
    assert Vinculo.objects.get(usuario__cpf=MARINA, entidade=campinas).papel == "AUTENTICA"

    # 2. Prorrogar o acesso de Bruno.
    nova_validade = hoje + timedelta(days=500)
    linha(pagina, "Bruno Lima").get_by_role("link", name="Prorrogar").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Prorrogar acesso")
    pagina.get_by_label("Nova data de validade").fill(nova_validade.isoformat())
    pagina.get_by_role("button", name="Confirmar").click()
    expect(mensagem(pagina)).to_contain_text(f"Acesso de Bruno Lima prorrogado até {nova_validade:%d/%m/%Y}.")
    expect(linha(pagina, "Bruno Lima")).to_contain_text(f"{nova_validade:%d/%m/%Y}")

    # 3. Excluir o acesso de Otávio: sem motivo, recusado; com motivo, a pessoa fica inativa.
    linha(pagina, "Otávio Reis").get_by_role("link", name="Excluir acesso").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Excluir acesso")
    pagina.get_by_role("button", name="Confirmar").click()
    expect(pagina.locator(".campo.danger")).to_contain_text("Informe o motivo da exclusão do acesso.")
    pagina.get_by_label("Motivo da exclusão do acesso").fill("Deixou a prefeitura.")
    pagina.get_by_role("button", name="Confirmar").click()
    expect(mensagem(pagina)).to_contain_text("Acesso de Otávio Reis excluído.")
    expect(linha(pagina, "Otávio Reis")).to_contain_text("Inativo")
    expect(linha(pagina, "Otávio Reis").get_by_role("link", name="Prorrogar")).to_have_count(0)

    # 4. A Escola PEP de Bruno: data no futuro recusada; com a data certa e a declaração, registrada.
    linha(pagina, "Bruno Lima").get_by_role("link", name="Registrar Escola PEP").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Registrar a Escola PEP")
    declaracao = declaracao_em_pdf(tmp_path)
    pagina.get_by_label("Data de conclusão").fill((hoje + timedelta(days=2)).isoformat())
    pagina.get_by_label("Declaração de participação da Escola PEP").set_input_files(declaracao)
    pagina.get_by_role("button", name="Confirmar").click()
    expect(pagina.locator(".campo.danger")).to_contain_text("A data de conclusão não pode estar no futuro.")
    assert not CapacitacaoPEP.objects.exists()

    concluida = hoje - timedelta(days=12)
    pagina.get_by_label("Data de conclusão").fill(concluida.isoformat())
    pagina.get_by_label("Carga horária (horas)").fill("20")
    pagina.get_by_label("Declaração de participação da Escola PEP").set_input_files(declaracao)
    pagina.get_by_role("button", name="Confirmar").click()
    expect(mensagem(pagina)).to_contain_text(f"Escola PEP de Bruno Lima: concluída em {concluida:%d/%m/%Y}.")
    celula = linha(pagina, "Bruno Lima")
    expect(celula).to_contain_text(f"Concluída em {concluida:%d/%m/%Y}")
    link = celula.get_by_role("link", name=re.compile("declaração"))
    expect(link).to_have_accessible_name("declaração da Escola PEP de Bruno Lima (PDF)")
    resposta = pagina.request.get(link.get_attribute("href"))
    assert resposta.status == 200 and resposta.headers["content-type"] == "application/pdf"
    assert resposta.body().startswith(b"%PDF-")
    assert CapacitacaoPEP.objects.get().usuario == pessoa("bruno")


def test_representante_com_acesso_vencido_entra_e_fica_sabendo_por_que(pagina):
    vinculo = Vinculo.objects.get(usuario=pessoa("diego"), entidade__cnpj=BH)
    Vinculo.objects.filter(pk=vinculo.pk).update(valido_ate=timezone.now() - timedelta(days=3))
    venceu = timezone.localtime(timezone.now() - timedelta(days=3)).strftime("%d/%m/%Y")
    motivo = f"Seu acesso como representante de Prefeitura Municipal de Belo Horizonte venceu em {venceu}."

    entrar(pagina, "diego")
    expect(pagina).to_have_url(re.compile(r"/$"))
    aviso = pagina.get_by_test_id("acesso-encerrado")
    expect(aviso).to_contain_text(motivo)
    expect(aviso).to_contain_text("Peça ao cadastrador externo da entidade que o prorrogue.")
    expect(menu(pagina).get_by_role("link", name="Minha entidade")).to_have_count(0)

    # Pelo endereço, a página da entidade recusa, e diz o mesmo motivo.
    resposta = pagina.goto("/entidade/")
    assert resposta.status == 404
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Você não tem acesso válido como representante")
    expect(pagina.get_by_test_id("acesso-encerrado")).to_contain_text(motivo)
    pagina.get_by_role("link", name="página inicial").click()
    expect(pagina).to_have_url(re.compile(r"/$"))
