"""O cadastrador externo e os representantes da entidade (seed 003, itens 15–19): cadastrar, atualizar,
prorrogar, excluir o acesso e reenviar a senha; só o cadastrador altera, e só na sua entidade."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.auditoria.models import Evento
from portal.contas.models import Usuario
from portal.entidades.models import DocumentoDoVinculo, Entidade, Vinculo
from portal.entidades.services import representante_cadastrar
from tests.suporte_apoio import pdf

pytestmark = pytest.mark.django_db

CAMPINAS, BH = "51885242000140", "18715383000140"
LISTA = "/entidade/representantes/"
NOVO = "/entidade/representantes/novo/"


def cpf_de(numero: int) -> str:
    base = f"{numero:09d}"
    for _ in range(2):
        soma = sum(int(d) * p for d, p in zip(base, range(len(base) + 1, 1, -1), strict=True))
        base += str(0 if soma % 11 < 2 else 11 - soma % 11)
    return base


def daqui_a(dias: int) -> str:
    return (timezone.localdate() + timedelta(days=dias)).isoformat()


def dados_de_cadastro(**extra) -> dict:
    return {
        "cpf": cpf_de(123456780), "nome": "Marina Souza", "email": "marina@campinas.sp.gov.br",
        "telefone": "(19) 3333-4444", "papel": "AUTENTICA", "valido_ate": daqui_a(365), **extra,
    }


def vinculo_de(pessoa, cnpj=CAMPINAS) -> Vinculo:
    return Vinculo.objects.get(usuario=pessoa, entidade__cnpj=cnpj)


def test_ana_cadastra_pessoa_nova_que_recebe_o_email_para_definir_a_senha(cliente_de, mailoutbox):
    resposta = cliente_de("ana").post(NOVO, dados_de_cadastro(gestor="on"))
    assert resposta.status_code == 302
    marina = Usuario.objects.get(cpf=cpf_de(123456780))
    assert not marina.has_usable_password()
    assert marina.telefone == "(19) 3333-4444"
    vinculo = vinculo_de(marina)
    assert vinculo.papel == "AUTENTICA" and vinculo.gestor and not vinculo.cadastrador and vinculo.ativo
    assert timezone.localtime(vinculo.valido_ate).date() == timezone.localdate() + timedelta(days=365)
    assert [m.to for m in mailoutbox] == [["marina@campinas.sp.gov.br"]]
    assert Evento.objects.filter(acao="vinculo_criado", objeto_id=str(vinculo.pk)).exists()
    html = cliente_de("ana").get(LISTA).content.decode()
    assert "Marina Souza" in html


def test_cpf_invalido_e_vinculo_repetido_sao_recusados_com_mensagem(cliente_de, pessoa):
    ana = cliente_de("ana")
    resposta = ana.post(NOVO, dados_de_cadastro(cpf="123.456.789-00"))
    assert resposta.status_code == 200
    assert "dígitos verificadores não conferem" in resposta.content.decode()
    assert "Marina Souza" in resposta.content.decode()  # o que foi digitado volta
    resposta = ana.post(NOVO, dados_de_cadastro(cpf=pessoa("bruno").cpf))
    assert "já tem vínculo com Prefeitura Municipal de Campinas" in resposta.content.decode()
    assert Vinculo.objects.filter(usuario=pessoa("bruno")).count() == 2


def test_quem_ja_representa_outra_entidade_exige_os_tres_documentos(cliente_de, pessoa, mailoutbox):
    diego = pessoa("diego")
    resposta = cliente_de("ana").post(NOVO, dados_de_cadastro(cpf=diego.cpf, tcms=pdf("tcms.pdf")))
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "Cópia de documento de identificação" in html
    assert "Declaração de participação da Escola PEP" in html
    assert "Envie: TCMS" not in html
    assert not Vinculo.objects.filter(usuario=diego, entidade__cnpj=CAMPINAS).exists()
    assert not DocumentoDoVinculo.objects.exists()


def test_com_os_tres_pdfs_o_representante_de_outra_entidade_e_cadastrado(cliente_de, pessoa, mailoutbox, settings,
                                                                         tmp_path):
    settings.MEDIA_ROOT = tmp_path
    diego = pessoa("diego")
    resposta = cliente_de("ana").post(NOVO, dados_de_cadastro(
        cpf=diego.cpf, tcms=pdf("tcms.pdf"), identidade=pdf("rg.pdf"), escola_pep=pdf("pep.pdf"),
    ))
    assert resposta.status_code == 302
    vinculo = vinculo_de(diego)
    assert sorted(vinculo.documentos.values_list("tipo", flat=True)) == ["escola_pep", "identidade", "tcms"]
    assert mailoutbox == []  # Diego já tem senha
    assert Usuario.objects.get(pk=diego.pk).nome == diego.nome  # os dados de quem já existe não mudam aqui


def test_arquivo_que_nao_e_pdf_e_recusado(cliente_de, pessoa):
    from django.core.files.uploadedfile import SimpleUploadedFile

    falso = SimpleUploadedFile("tcms.pdf", b"nao sou um pdf", content_type="application/pdf")
    resposta = cliente_de("ana").post(NOVO, dados_de_cadastro(
        cpf=pessoa("diego").cpf, tcms=falso, identidade=pdf(), escola_pep=pdf(),
    ))
    assert "não é PDF" in resposta.content.decode()
    assert not Vinculo.objects.filter(usuario=pessoa("diego"), entidade__cnpj=CAMPINAS).exists()


@pytest.mark.parametrize(
    ("dias", "mensagem"),
    [(-1, "não pode estar no passado"), (2 * 366 + 1, "no máximo até")],
)
def test_validade_fora_do_limite_e_recusada_no_cadastro(cliente_de, dias, mensagem):
    resposta = cliente_de("ana").post(NOVO, dados_de_cadastro(valido_ate=daqui_a(dias)))
    assert mensagem in resposta.content.decode()
    assert not Usuario.objects.filter(cpf=cpf_de(123456780)).exists()


def test_ana_prorroga_o_acesso_de_bruno(cliente_de, pessoa):
    vinculo = vinculo_de(pessoa("bruno"))
    resposta = cliente_de("ana").post(f"{LISTA}{vinculo.pk}/prorrogar/", {"valido_ate": daqui_a(600)})
    assert resposta.status_code == 302
    vinculo.refresh_from_db()
    assert timezone.localtime(vinculo.valido_ate).date() == timezone.localdate() + timedelta(days=600)
    assert Evento.objects.filter(acao="vinculo_prorrogado", objeto_id=str(vinculo.pk)).exists()


@pytest.mark.parametrize(
    ("dias", "mensagem"),
    [(100, "posterior à atual"), (-3, "não pode estar no passado"), (800, "no máximo até")],
)
def test_prorrogacao_com_data_invalida_e_recusada(cliente_de, pessoa, dias, mensagem):
    vinculo = vinculo_de(pessoa("bruno"))
    antes = vinculo.valido_ate
    resposta = cliente_de("ana").post(f"{LISTA}{vinculo.pk}/prorrogar/", {"valido_ate": daqui_a(dias)})
    assert resposta.status_code == 200
    assert mensagem in resposta.content.decode()
    vinculo.refresh_from_db()
    assert vinculo.valido_ate == antes


def test_ana_exclui_o_acesso_de_bruno_que_deixa_de_agir_por_campinas(cliente_de, pessoa):
    bruno = cliente_de("bruno")
    vinculo = vinculo_de(pessoa("bruno"))
    assert bruno.post("/entidade/escolher/", {"vinculo": vinculo.pk}).status_code == 302
    assert "Prefeitura Municipal de Campinas" in bruno.get("/entidade/").content.decode()

    ana = cliente_de("ana")
    sem_motivo = ana.post(f"{LISTA}{vinculo.pk}/excluir/", {"motivo": "  "})
    assert "Informe o motivo" in sem_motivo.content.decode()
    resposta = ana.post(f"{LISTA}{vinculo.pk}/excluir/", {"motivo": "Deixou a prefeitura."})
    assert resposta.status_code == 302
    vinculo.refresh_from_db()
    assert not vinculo.ativo
    assert Evento.objects.get(acao="vinculo_excluido", objeto_id=str(vinculo.pk)).nota == "Deixou a prefeitura."

    html = bruno.get("/entidade/").content.decode()
    assert "Prefeitura Municipal de Campinas" not in html
    assert "Sindicato" in html
    escolha = bruno.post("/entidade/escolher/", {"vinculo": vinculo.pk})
    assert escolha.status_code == 200  # recusada: o vínculo excluído não está entre os dele
    assert "Prefeitura Municipal de Campinas" not in bruno.get("/entidade/").content.decode()
    assert "Inativo" in ana.get(LISTA).content.decode()


def test_ana_atualiza_os_dados_de_bruno(cliente_de, pessoa):
    vinculo = vinculo_de(pessoa("bruno"))
    resposta = cliente_de("ana").post(f"{LISTA}{vinculo.pk}/editar/", {
        "nome": "Bruno Atualizado", "email": "bruno.novo@example.com", "telefone": "19 99999-0000",
        "papel": "CONSULTA", "gestor": "on",
    })
    assert resposta.status_code == 302
    vinculo.refresh_from_db()
    assert vinculo.papel == "CONSULTA" and vinculo.gestor
    assert vinculo.usuario.nome == "Bruno Atualizado" and vinculo.usuario.email == "bruno.novo@example.com"


def test_unico_cadastrador_nao_retira_a_propria_funcao(cliente_de, pessoa):
    vinculo = vinculo_de(pessoa("ana"))
    resposta = cliente_de("ana").post(f"{LISTA}{vinculo.pk}/editar/", {
        "nome": "Ana", "email": "ana@example.com", "papel": vinculo.papel, "gestor": "on",
    })
    assert "ficaria sem cadastrador externo" in resposta.content.decode()
    vinculo.refresh_from_db()
    assert vinculo.cadastrador


def test_ana_reenvia_o_email_de_senha(cliente_de, pessoa, mailoutbox):
    bruno = pessoa("bruno")
    vinculo = vinculo_de(bruno)
    assert cliente_de("ana").get(f"{LISTA}{vinculo.pk}/senha/").status_code == 200
    assert cliente_de("ana").post(f"{LISTA}{vinculo.pk}/senha/").status_code == 302
    assert [m.to for m in mailoutbox] == [[bruno.email]]
    assert Evento.objects.filter(acao="senha_enviada", objeto_id=str(vinculo.pk)).exists()


def test_gestora_que_nao_e_cadastradora_so_le(cliente_de, pessoa):
    carla = cliente_de("carla")
    assert carla.get(LISTA).status_code == 200
    assert "Cadastrar representante" not in carla.get(LISTA).content.decode()
    proprio = vinculo_de(pessoa("carla"), cnpj="43419613000170")
    assert carla.get(NOVO).status_code == 404
    assert carla.post(NOVO, dados_de_cadastro()).status_code == 404
    for acao in ("editar", "prorrogar", "excluir", "senha"):
        assert carla.get(f"{LISTA}{proprio.pk}/{acao}/").status_code == 404
    assert carla.post(f"{LISTA}{proprio.pk}/excluir/", {"motivo": "x"}).status_code == 404
    assert Vinculo.objects.get(pk=proprio.pk).ativo


def test_representante_de_outra_entidade_e_404(cliente_de, pessoa):
    bruno = vinculo_de(pessoa("bruno"))
    diego = cliente_de("diego")
    for acao in ("editar", "prorrogar", "excluir", "senha"):
        assert diego.get(f"{LISTA}{bruno.pk}/{acao}/").status_code == 404
    assert diego.post(f"{LISTA}{bruno.pk}/excluir/", {"motivo": "x"}).status_code == 404
    # Ana, cadastradora de Campinas, também não alcança quem é só de Belo Horizonte.
    de_bh = vinculo_de(pessoa("diego"), cnpj=BH)
    assert cliente_de("ana").get(f"{LISTA}{de_bh.pk}/prorrogar/").status_code == 404
    assert Vinculo.objects.get(pk=bruno.pk).ativo


def test_lista_de_representantes_tem_custo_fixo(cliente_de, pessoa, django_assert_max_num_queries):
    entidade = Entidade.objects.get(cnpj=CAMPINAS)
    ana = cliente_de("ana")

    def cadastrar(de: int, ate: int) -> None:
        for numero in range(de, ate):
            representante_cadastrar(
                entidade=entidade, cpf=cpf_de(200000000 + numero), nome=f"Pessoa {numero}",
                email=f"p{numero}@x.br", papel="CONSULTA", valido_ate=timezone.localdate() + timedelta(days=30),
                por=pessoa("ana"),
            )

    def consultas_da_lista(quantos: int) -> int:
        with django_assert_max_num_queries(12) as consultas:
            resposta = ana.get(LISTA)
        assert resposta.content.decode().count("/prorrogar/") >= quantos
        return len(consultas.captured_queries)

    cadastrar(0, 5)
    ana.get(LISTA)  # a primeira visita grava a sessão
    com_5 = consultas_da_lista(5)
    cadastrar(5, 30)
    assert consultas_da_lista(30) == com_5


def test_paginas_das_acoes_abrem_para_a_cadastradora(cliente_de, pessoa):
    ana = cliente_de("ana")
    html = ana.get(NOVO).content.decode()
    assert f'value="{daqui_a(365)}"' in html  # validade padrão: um ano
    assert 'name="tcms"' in html
    vinculo = vinculo_de(pessoa("bruno"))
    for acao in ("editar", "prorrogar", "excluir", "senha"):
        assert ana.get(f"{LISTA}{vinculo.pk}/{acao}/").status_code == 200
    assert 'value="Bruno' in ana.get(f"{LISTA}{vinculo.pk}/editar/").content.decode()
