"""Meu certificado A3 (Portaria 96/2024): o representante registra o certificado público do seu A3, vê o que o
portal leu, lista e remove os seus; A1, vencido, de outro CPF ou arquivo ilegível são recusados com a mensagem
no campo e nada é gravado; o certificado de outra pessoa é um 404."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from certificados.icp import CertificadoRecusado, ler_certificado
from certificados.models import CertificadoDoRepresentante
from certificados.services_a3 import certificado_registrar, certificado_remover, certificado_usado_na_entrada
from portal.auditoria.models import Evento
from tests.certificados_apoio import certificado_icp, der, nova_chave, pem, pem_chave
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

URL = "/certificado/"


def _a3(apelido="ana", **opcoes):
    cert, _chave = certificado_icp(cpf=PERSONAS[apelido], nome=opcoes.pop("nome", "ANA SOUZA"), **opcoes)
    return cert


def _enviar(cliente, conteudo: bytes, nome="meu-a3.cer"):
    return cliente.post(URL, {"arquivo": SimpleUploadedFile(nome, conteudo)})


def test_a3_da_propria_pessoa_e_registrado_e_o_que_foi_lido_aparece(cliente_de, pessoa):
    cert = _a3()
    resposta = _enviar(cliente_de("ana"), pem(cert))

    certificado = CertificadoDoRepresentante.objects.get()
    assert resposta.status_code == 302 and resposta["Location"] == f"{URL}?registrado={certificado.pk}"
    assert certificado.usuario == pessoa("ana") and certificado.tipo == "A3" and certificado.origem == "cadastro"
    assert certificado.cpf == PERSONAS["ana"] and certificado.titular_nome == "ANA SOUZA"
    assert certificado.pem.startswith("-----BEGIN CERTIFICATE-----") and "PRIVATE" not in certificado.pem
    assert ler_certificado(certificado.pem.encode()).sha256 == certificado.sha256  # o PEM guardado é o enviado
    assert Evento.objects.filter(acao="certificado_a3_registrado", objeto_id=str(certificado.pk)).count() == 1

    html = cliente_de("ana").get(resposta["Location"]).content.decode()
    assert 'data-testid="registrado"' in html
    assert "ANA SOUZA" in html and "***.444.777-**" in html and "111.444.777-35" not in html
    assert "AC Raiz ICP-Brasil de teste" in html and certificado.serial in html and certificado.sha256 in html
    assert f'data-testid="certificado-{certificado.pk}"' in html and ">Válido<" in html


def test_o_certificado_em_der_tambem_e_aceito(cliente_de):
    assert _enviar(cliente_de("ana"), der(_a3()), nome="a3.der").status_code == 302
    assert CertificadoDoRepresentante.objects.count() == 1


def _a1():
    return pem(_a3(tipo="A1"))


def _vencido():
    agora = datetime.now(UTC)
    return pem(_a3(validade=(agora - timedelta(days=400), agora - timedelta(days=10))))


def _de_outra_pessoa():
    return pem(_a3("carla", nome="CARLA DIAS"))


def _com_chave_privada():
    cert, chave = certificado_icp(cpf=PERSONAS["ana"])
    return pem(cert) + pem_chave(chave)


@pytest.mark.parametrize(("arquivo", "mensagem"), [
    (_a1, "Este é um certificado do tipo A1"),
    (_vencido, "O certificado venceu em"),
    (_de_outra_pessoa, "Este certificado pertence a outra pessoa (CPF ***.813.579-**)"),
    (lambda: b"isto nao e um certificado", "Não foi possível ler o arquivo como certificado digital"),
    (_com_chave_privada, "O arquivo enviado contém uma chave privada"),
])
def test_certificado_que_nao_serve_e_recusado_no_campo_e_nada_e_gravado(cliente_de, arquivo, mensagem):
    resposta = _enviar(cliente_de("ana"), arquivo())

    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert 'id="id_arquivo_erro"' in html and mensagem in html
    assert "O certificado não foi registrado." in html
    assert CertificadoDoRepresentante.objects.count() == 0
    assert not Evento.objects.filter(acao__startswith="certificado_a3").exists()


def test_sem_arquivo_pede_o_arquivo(cliente_de):
    resposta = cliente_de("ana").post(URL, {})
    assert resposta.status_code == 200
    assert "Escolha o arquivo do certificado público" in resposta.content.decode()


def test_o_mesmo_certificado_duas_vezes_e_uma_linha_e_volta_depois_de_removido(cliente_de, pessoa):
    conteudo = pem(_a3())
    cliente = cliente_de("ana")
    _enviar(cliente, conteudo)
    _enviar(cliente, conteudo)
    certificado = CertificadoDoRepresentante.objects.get()

    certificado_remover(certificado=certificado, por=pessoa("ana"))
    _enviar(cliente, conteudo)
    certificado.refresh_from_db()
    assert CertificadoDoRepresentante.objects.count() == 1 and certificado.removido_em is None
    eventos = Evento.objects.filter(acao__startswith="certificado_a3", objeto_id=str(certificado.pk)).order_by("pk")
    assert list(eventos.values_list("acao", flat=True)) == [
        "certificado_a3_registrado", "certificado_a3_removido", "certificado_a3_restaurado"]


def test_remover_pede_confirmacao_e_so_o_post_confirmado_remove(cliente_de, pessoa):
    certificado = certificado_registrar(usuario=pessoa("ana"), conteudo=pem(_a3()), por=pessoa("ana"))
    cliente = cliente_de("ana")
    remover = f"/certificado/{certificado.pk}/remover/"

    assert "Confirmar a remoção" in cliente.get(remover).content.decode()
    pelo_botao_da_lista = cliente.post(remover)  # o botão da lista leva à confirmação
    assert pelo_botao_da_lista.status_code == 200 and "Confirmar a remoção" in pelo_botao_da_lista.content.decode()
    certificado.refresh_from_db()
    assert certificado.removido_em is None

    confirmado = cliente.post(remover, {"confirmado": "sim"}, follow=True)
    certificado.refresh_from_db()
    assert certificado.removido_em is not None
    html = confirmado.content.decode()
    assert f"Certificado de série {certificado.serial} removido." in html and ">Removido<" in html
    assert Evento.objects.filter(acao="certificado_a3_removido", objeto_id=str(certificado.pk)).count() == 1
    cliente.post(remover, {"confirmado": "sim"})  # de novo: nada muda duas vezes
    assert Evento.objects.filter(acao="certificado_a3_removido").count() == 1


def test_certificado_de_outra_pessoa_e_404(cliente_de, pessoa):
    da_carla = certificado_registrar(usuario=pessoa("carla"), conteudo=pem(_a3("carla", nome="CARLA DIAS")),
                                     por=pessoa("carla"))
    cliente = cliente_de("ana")
    assert cliente.get(f"/certificado/{da_carla.pk}/remover/").status_code == 404
    assert cliente.post(f"/certificado/{da_carla.pk}/remover/", {"confirmado": "sim"}).status_code == 404
    assert cliente.get(URL, {"registrado": da_carla.pk}).status_code == 404
    assert cliente.get(URL, {"registrado": "x"}).status_code == 404
    da_carla.refresh_from_db()
    assert da_carla.removido_em is None
    assert "CARLA DIAS" not in cliente.get(URL).content.decode()


def test_a_lista_mostra_valido_vencendo_vencido_e_removido_com_consultas_fixas(
        cliente_de, pessoa, django_assert_max_num_queries):
    ana = pessoa("ana")
    agora = datetime.now(UTC)
    valido = certificado_registrar(usuario=ana, conteudo=pem(_a3()), por=ana)
    vencendo = certificado_registrar(usuario=ana, por=ana, conteudo=pem(
        _a3(validade=(agora - timedelta(days=300), agora + timedelta(days=10, hours=1)))))
    vencido = certificado_registrar(usuario=ana, por=ana, conteudo=pem(
        _a3(validade=(agora - timedelta(days=300), agora + timedelta(days=60)))))
    CertificadoDoRepresentante.objects.filter(pk=vencido.pk).update(valido_ate=agora - timedelta(days=1))
    removido = certificado_registrar(usuario=ana, conteudo=pem(_a3()), por=ana)
    certificado_remover(certificado=removido, por=ana)

    cliente = cliente_de("ana")
    with django_assert_max_num_queries(12):
        html = cliente.get(URL).content.decode()
    for certificado, situacao in [(valido, "Válido"), (vencendo, "Vence em 10 dias"), (vencido, "Vencido"),
                                  (removido, "Removido")]:
        linha = html.split(f'data-testid="certificado-{certificado.pk}"')[1].split("</tr>")[0]
        assert f">{situacao}<" in linha, situacao
        assert ("Remover" in linha) is (certificado != removido)
    assert "Meu certificado A3" in html  # o item do menu de quem representa uma entidade


def test_pagina_exige_entrar(client):
    assert client.get(URL).status_code == 302


def test_entrada_com_certificado_registra_o_novo_e_anota_o_uso(pessoa):
    ana = pessoa("ana")
    lido = ler_certificado(pem(_a3()))

    primeiro = certificado_usado_na_entrada(usuario=ana, lido=lido)
    assert primeiro.origem == "entrada" and primeiro.ultimo_uso_em is not None
    assert Evento.objects.filter(acao="certificado_a3_lido_na_entrada").count() == 1

    segundo = certificado_usado_na_entrada(usuario=ana, lido=lido)
    assert segundo.pk == primeiro.pk and segundo.ultimo_uso_em >= primeiro.ultimo_uso_em
    assert CertificadoDoRepresentante.objects.get().ultimo_uso_em == segundo.ultimo_uso_em
    assert Evento.objects.filter(acao="certificado_a3_lido_na_entrada").count() == 1

    ja_cadastrado = certificado_registrar(usuario=ana, conteudo=pem(_a3()), por=ana)
    assert certificado_usado_na_entrada(usuario=ana, lido=ler_certificado(ja_cadastrado.pem.encode())).origem \
        == "cadastro"


def test_entrada_com_certificado_de_outro_cpf_e_recusada(pessoa):
    with pytest.raises(CertificadoRecusado, match="pertence a outra pessoa"):
        certificado_usado_na_entrada(usuario=pessoa("ana"), lido=ler_certificado(pem(_a3("carla", nome="CARLA"))))
    assert CertificadoDoRepresentante.objects.count() == 0


def test_certificado_com_a_mesma_chave_mas_renovado_e_outra_linha(pessoa):
    ana, chave = pessoa("ana"), nova_chave()
    certificado_registrar(usuario=ana, conteudo=pem(_a3(chave=chave)), por=ana)
    certificado_registrar(usuario=ana, conteudo=pem(_a3(chave=chave)), por=ana)
    assert CertificadoDoRepresentante.objects.filter(usuario=ana).count() == 2


def test_a_administracao_consulta_os_certificados_pelo_cpf_sem_poder_alterar(cliente_de, pessoa):
    ana = pessoa("ana")
    certificado = certificado_registrar(usuario=ana, conteudo=pem(_a3()), por=ana)
    admin = cliente_de("admin")
    lista = admin.get("/admin/certificados/certificadodorepresentante/", {"q": ana.cpf}).content.decode()
    assert "ANA SOUZA" in lista and "111.444.777-35" in lista
    pagina = admin.get(f"/admin/certificados/certificadodorepresentante/{certificado.pk}/change/")
    assert pagina.status_code == 200 and certificado.sha256 in pagina.content.decode()
    assert admin.post(f"/admin/certificados/certificadodorepresentante/{certificado.pk}/change/",
                      {"titular_nome": "OUTRO"}).status_code == 403
    assert admin.get("/admin/certificados/certificadodorepresentante/add/").status_code == 403
