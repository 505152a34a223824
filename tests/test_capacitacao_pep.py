"""A Escola PEP de cada representante (seed 003, item 16) e o recadastro de quem teve o acesso excluído.

A conclusão da Escola PEP é da pessoa: a cadastradora a registra com a declaração em PDF (conferida pelo
conteúdo), a lista mostra a data ou "Pendente", a declaração só se baixa pelos gestores e cadastradores da
entidade, e quem já a tem registrada é cadastrado numa segunda entidade sem enviá-la de novo. Quem teve o
acesso excluído volta pelo mesmo vínculo, reativado.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal.arquivos import PDF, verificar_arquivo
from portal.auditoria.models import Evento
from portal.contas.models import Usuario
from portal.entidades.models import CapacitacaoPEP, DocumentoDoVinculo, Entidade, Vinculo
from portal.entidades.services import (
    ErroDeEntidade,
    capacitacao_pep_registrar,
    representante_cadastrar,
    vinculo_excluir,
)
from tests.suporte_apoio import pdf
from tests.test_representantes import CAMPINAS, LISTA, NOVO, cpf_de, dados_de_cadastro, daqui_a, vinculo_de

pytestmark = pytest.mark.django_db

SINDICATO = "46068225000180"


@pytest.fixture(autouse=True)
def _arquivos_no_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def escola_pep(vinculo) -> str:
    return f"{LISTA}{vinculo.pk}/escola-pep/"


def declaracao(vinculo) -> str:
    return f"{LISTA}{vinculo.pk}/escola-pep.pdf"


def hoje_menos(dias: int):
    return timezone.localdate() - timedelta(days=dias)


def registrar(vinculo, *, dias_atras: int = 30, nome: str = "pep.pdf", por=None) -> CapacitacaoPEP:
    return capacitacao_pep_registrar(
        vinculo=vinculo, concluida_em=hoje_menos(dias_atras),
        declaracao=verificar_arquivo(pdf(nome), tipos=(PDF,), limite=5 * 1024 * 1024),
        por=por or vinculo.usuario,
    )


def conteudo(resposta) -> bytes:
    return b"".join(resposta.streaming_content)


def gestor_so_de_campinas(pessoa) -> Usuario:
    """Um gestor da Prefeitura de Campinas que não é cadastrador."""
    vinculo = representante_cadastrar(
        entidade=Entidade.objects.get(cnpj=CAMPINAS), cpf=cpf_de(345678901), nome="Gil Gestor",
        email="gil@campinas.sp.gov.br", papel="CONSULTA", gestor=True, valido_ate=hoje_menos(-90),
        por=pessoa("ana"),
    )
    return vinculo.usuario


# --- registrar a conclusão ----------------------------------------------------------------------------------


def test_ana_registra_a_escola_pep_de_bruno_e_a_lista_mostra_a_data(cliente_de, pessoa):
    bruno = vinculo_de(pessoa("bruno"))
    ana = cliente_de("ana")
    assert "Pendente" in ana.get(LISTA).content.decode()
    pagina = ana.get(escola_pep(bruno)).content.decode()
    assert 'enctype="multipart/form-data"' in pagina and 'name="declaracao"' in pagina
    resposta = ana.post(escola_pep(bruno), {
        "concluida_em": hoje_menos(10).isoformat(), "carga_horaria": "20", "declaracao": pdf("pep-bruno.pdf"),
    })
    assert resposta.status_code == 302
    capacitacao = CapacitacaoPEP.objects.get(usuario=pessoa("bruno"))
    assert capacitacao.concluida_em == hoje_menos(10) and capacitacao.carga_horaria == 20
    assert capacitacao.nome == "pep-bruno.pdf" and capacitacao.registrada_por == pessoa("ana")
    assert capacitacao.declaracao.read().startswith(b"%PDF-")
    assert Evento.objects.filter(acao="capacitacao_pep_registrada", objeto_id=str(capacitacao.pk)).exists()
    html = ana.get(LISTA).content.decode()
    assert f"Concluída em {hoje_menos(10):%d/%m/%Y}" in html
    assert declaracao(bruno) in html
    assert "Pendente" in html  # a Ana ainda não tem a sua registrada


def test_a_capacitacao_e_da_pessoa_e_aparece_nas_duas_entidades(cliente_de, pessoa):
    registrar(vinculo_de(pessoa("bruno")), dias_atras=5, por=pessoa("ana"))
    do_sindicato = vinculo_de(pessoa("bruno"), cnpj=SINDICATO)
    assert CapacitacaoPEP.objects.count() == 1
    assert CapacitacaoPEP.objects.get().usuario == do_sindicato.usuario
    # A gestora regional vê a situação na página da entidade, sem o link da declaração.
    html = cliente_de("karina").get(f"/entidades/{SINDICATO}/").content.decode()
    assert f"Concluída em {hoje_menos(5):%d/%m/%Y}" in html
    assert "escola-pep.pdf" not in html


def test_registrar_de_novo_substitui_e_o_evento_guarda_o_anterior(pessoa):
    bruno = vinculo_de(pessoa("bruno"))
    primeira = registrar(bruno, dias_atras=40)
    segunda = registrar(bruno, dias_atras=20, nome="corrigida.pdf", por=pessoa("ana"))
    assert segunda.pk == primeira.pk
    guardada = CapacitacaoPEP.objects.get()
    assert guardada.concluida_em == hoje_menos(20) and guardada.nome == "corrigida.pdf"
    assert guardada.registrada_por == pessoa("ana")
    evento = Evento.objects.filter(acao="capacitacao_pep_registrada").order_by("-pk").first()
    assert evento.alteracoes["concluida_em"] == [hoje_menos(40).isoformat(), hoje_menos(20).isoformat()]


def test_arquivo_que_nao_e_pdf_e_recusado_e_nada_se_perde(cliente_de, pessoa):
    bruno = vinculo_de(pessoa("bruno"))
    anterior = registrar(bruno, dias_atras=60)
    falso = SimpleUploadedFile("pep.pdf", b"<html>nao sou um pdf</html>", content_type="application/pdf")
    resposta = cliente_de("ana").post(escola_pep(bruno), {
        "concluida_em": hoje_menos(3).isoformat(), "carga_horaria": "8", "declaracao": falso,
    })
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "não é PDF" in html
    assert f'value="{hoje_menos(3).isoformat()}"' in html and 'value="8"' in html  # o digitado volta
    guardada = CapacitacaoPEP.objects.get()
    assert (guardada.concluida_em, guardada.sha256) == (anterior.concluida_em, anterior.sha256)
    assert Evento.objects.filter(acao="capacitacao_pep_registrada").count() == 1


def test_data_de_conclusao_no_futuro_e_recusada(cliente_de, pessoa):
    bruno = vinculo_de(pessoa("bruno"))
    amanha = (timezone.localdate() + timedelta(days=1)).isoformat()
    resposta = cliente_de("ana").post(escola_pep(bruno), {"concluida_em": amanha, "declaracao": pdf()})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "não pode estar no futuro" in html and f'value="{amanha}"' in html
    assert not CapacitacaoPEP.objects.exists()
    assert not Evento.objects.filter(acao="capacitacao_pep_registrada").exists()


def test_sem_declaracao_e_recusado(cliente_de, pessoa):
    resposta = cliente_de("ana").post(escola_pep(vinculo_de(pessoa("bruno"))),
                                      {"concluida_em": hoje_menos(1).isoformat()})
    assert "Envie a declaração de participação em PDF." in resposta.content.decode()
    assert not CapacitacaoPEP.objects.exists()


def test_acesso_excluido_nao_recebe_capacitacao(pessoa):
    bruno = vinculo_de(pessoa("bruno"))
    vinculo_excluir(vinculo=bruno, motivo="Deixou a prefeitura.", por=pessoa("ana"))
    with pytest.raises(ErroDeEntidade, match="foi excluído"):
        registrar(bruno)
    assert not CapacitacaoPEP.objects.exists()


# --- quem vê a declaração -----------------------------------------------------------------------------------


def test_declaracao_baixa_para_gestores_e_cadastradores_da_entidade(cliente_de, pessoa, client):
    bruno = vinculo_de(pessoa("bruno"))
    registrar(bruno)
    resposta = cliente_de("ana").get(declaracao(bruno))
    assert resposta.status_code == 200
    assert resposta["Content-Type"] == "application/pdf"
    assert conteudo(resposta).startswith(b"%PDF-")
    assert Evento.objects.filter(acao="declaracao_pep_baixada", ator=pessoa("ana")).exists()

    gil = gestor_so_de_campinas(pessoa)
    client.force_login(gil, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(declaracao(bruno)).status_code == 200
    assert "escola-pep.pdf" in client.get(LISTA).content.decode()
    assert client.get(escola_pep(bruno)).status_code == 404  # gestor só lê; registrar é do cadastrador


@pytest.mark.parametrize("apelido", ["bruno", "carla", "diego", "karina", "fabio", "elisa", "admin"])
def test_declaracao_e_404_para_quem_nao_e_gestor_nem_cadastrador_da_entidade(cliente_de, pessoa, apelido):
    bruno = vinculo_de(pessoa("bruno"))
    registrar(bruno)
    cliente = cliente_de(apelido)
    if apelido == "bruno":  # o próprio Bruno, atendente, agindo por Campinas
        cliente.post("/entidade/escolher/", {"vinculo": bruno.pk})
    assert cliente.get(declaracao(bruno)).status_code == 404
    assert cliente.get(escola_pep(bruno)).status_code == 404
    assert cliente.post(escola_pep(bruno), {"concluida_em": hoje_menos(1).isoformat(),
                                            "declaracao": pdf()}).status_code == 404
    assert not Evento.objects.filter(acao="declaracao_pep_baixada").exists()


def test_sem_capacitacao_ou_com_acesso_excluido_a_declaracao_e_404(cliente_de, pessoa):
    ana = cliente_de("ana")
    bruno = vinculo_de(pessoa("bruno"))
    assert ana.get(declaracao(bruno)).status_code == 404  # ainda não registrada
    registrar(bruno)
    vinculo_excluir(vinculo=bruno, motivo="Saiu.", por=pessoa("ana"))
    assert ana.get(declaracao(bruno)).status_code == 404
    assert declaracao(bruno) not in ana.get(LISTA).content.decode()
    # O vínculo de outra entidade não serve de atalho para a declaração da mesma pessoa.
    do_sindicato = vinculo_de(pessoa("bruno"), cnpj=SINDICATO)
    assert ana.get(declaracao(do_sindicato)).status_code == 404


# --- segunda entidade (item 16, ATENÇÃO 1) ------------------------------------------------------------------


def test_quem_tem_a_escola_pep_registrada_e_cadastrado_sem_enviar_a_declaracao(cliente_de, pessoa):
    diego = pessoa("diego")
    registrar(vinculo_de(diego, cnpj="18715383000140"), dias_atras=100)
    ana = cliente_de("ana")
    so_o_tcms = ana.post(NOVO, dados_de_cadastro(cpf=diego.cpf, tcms=pdf("tcms.pdf"))).content.decode()
    assert "Envie: Cópia de documento de identificação." in so_o_tcms
    assert f"A conclusão da Escola PEP já está registrada ({hoje_menos(100):%d/%m/%Y})" in so_o_tcms
    assert "Envie: Declaração de participação da Escola PEP." not in so_o_tcms
    assert not Vinculo.objects.filter(usuario=diego, entidade__cnpj=CAMPINAS).exists()

    resposta = ana.post(NOVO, dados_de_cadastro(cpf=diego.cpf, tcms=pdf("tcms.pdf"), identidade=pdf("rg.pdf")))
    assert resposta.status_code == 302
    vinculo = vinculo_de(diego)
    assert sorted(vinculo.documentos.values_list("tipo", flat=True)) == ["identidade", "tcms"]
    assert f"Concluída em {hoje_menos(100):%d/%m/%Y}" in ana.get(LISTA).content.decode()


def test_o_formulario_diz_quais_documentos_e_quando_a_declaracao_e_dispensada(cliente_de):
    html = cliente_de("ana").get(NOVO).content.decode()
    assert "Envie o TCMS e a cópia de um documento de identificação" in html
    assert "a declaração registrada é aceita" in html


# --- recadastro de quem teve o acesso excluído --------------------------------------------------------------


def test_ana_cadastra_de_novo_bruno_excluido_e_o_mesmo_vinculo_e_reativado(cliente_de, pessoa):
    bruno = pessoa("bruno")
    vinculo = vinculo_de(bruno)
    vinculo_excluir(vinculo=vinculo, motivo="Deixou a prefeitura.", por=pessoa("ana"))
    registrar(vinculo_de(bruno, cnpj=SINDICATO))  # a declaração já registrada vale aqui
    ana = cliente_de("ana")
    dados = dados_de_cadastro(cpf=bruno.cpf, papel="CONSULTA", gestor="on", valido_ate=daqui_a(200))

    sem_documentos = ana.post(NOVO, dados).content.decode()
    assert "Envie: TCMS" in sem_documentos and "Envie: Cópia de documento de identificação." in sem_documentos
    vinculo.refresh_from_db()
    assert not vinculo.ativo

    resposta = ana.post(NOVO, {**dados, "tcms": pdf("tcms.pdf"), "identidade": pdf("rg.pdf")})
    assert resposta.status_code == 302
    assert Vinculo.objects.filter(usuario=bruno).count() == 2  # o mesmo vínculo, não um novo
    vinculo.refresh_from_db()
    assert vinculo.ativo and vinculo.excluido_em is None
    assert vinculo.papel == "CONSULTA" and vinculo.gestor and not vinculo.cadastrador
    assert timezone.localtime(vinculo.valido_ate).date() == timezone.localdate() + timedelta(days=200)
    evento = Evento.objects.get(acao="vinculo_reativado", objeto_id=str(vinculo.pk))
    assert (evento.status_de, evento.status_para, evento.ator) == ("inativo", "ativo", pessoa("ana"))
    assert evento.alteracoes["papel"] == ["AUTENTICA", "CONSULTA"]
    assert sorted(vinculo.documentos.values_list("tipo", flat=True)) == ["identidade", "tcms"]
    assert Usuario.objects.get(pk=bruno.pk).nome == bruno.nome  # os dados da pessoa não mudam aqui

    cliente = cliente_de("bruno")
    assert cliente.post("/entidade/escolher/", {"vinculo": vinculo.pk}).status_code == 302
    assert "Prefeitura Municipal de Campinas" in cliente.get("/entidade/").content.decode()


def test_quem_so_representava_esta_entidade_e_reativado_sem_documentos(cliente_de, pessoa, mailoutbox):
    entidade = Entidade.objects.get(cnpj=CAMPINAS)
    marina = representante_cadastrar(
        entidade=entidade, cpf=cpf_de(123456780), nome="Marina Souza", email="marina@campinas.sp.gov.br",
        papel="AUTENTICA", valido_ate=hoje_menos(-30), por=pessoa("ana"),
    )
    vinculo_excluir(vinculo=marina, motivo="Licença.", por=pessoa("ana"))
    resposta = cliente_de("ana").post(NOVO, dados_de_cadastro())
    assert resposta.status_code == 302
    marina.refresh_from_db()
    assert marina.ativo and Vinculo.objects.filter(usuario=marina.usuario).count() == 1
    assert not DocumentoDoVinculo.objects.exists()


def test_vinculo_ativo_mesmo_vencido_continua_recusado(cliente_de, pessoa):
    bruno = pessoa("bruno")
    vinculo = vinculo_de(bruno)
    Vinculo.objects.filter(pk=vinculo.pk).update(valido_ate=timezone.now() - timedelta(days=2))
    html = cliente_de("ana").post(NOVO, dados_de_cadastro(cpf=bruno.cpf)).content.decode()
    assert "já tem vínculo com Prefeitura Municipal de Campinas" in html
    assert not Evento.objects.filter(acao="vinculo_reativado").exists()
