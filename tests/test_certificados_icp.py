import hashlib
from datetime import UTC, date, datetime

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

from certificados.icp import (
    CHAVE_PRIVADA,
    CPF_INVALIDO,
    ILEGIVEL,
    SEM_CPF,
    CertificadoRecusado,
    conferir_titular,
    ler_certificado,
)
from tests.certificados_apoio import (
    CNPJ_PADRAO,
    CPF_PADRAO,
    ac_de_teste,
    certificado_icp,
    dados_da_pessoa,
    der,
    pem,
    pem_chave,
    valor_der,
)


def _recusa(conteudo: bytes, **kwargs) -> str:
    with pytest.raises(CertificadoRecusado) as erro:
        ler_certificado(conteudo, **kwargs)
    return str(erro.value)


@pytest.mark.parametrize("codificacao", ["octet", "printable", "utf8"])
def test_le_o_a3_e_cpf_em_cada_codificacao_do_other_name(codificacao):
    cert, _ = certificado_icp(codificacao=codificacao)

    lido = ler_certificado(pem(cert))

    assert lido.tipo == "A3"
    assert lido.politica == "2.16.76.1.2.3.5"
    assert not lido.e_cnpj
    assert lido.titular_nome == "MARIA DA SILVA"
    assert lido.cpf == CPF_PADRAO
    assert lido.nascimento == date(1980, 3, 17)
    assert lido.nis == "12056789013"
    assert lido.rg == "123456789"
    assert lido.rg_emissor == "SSPSP"
    assert (lido.oab, lido.cnpj, lido.responsavel_nome) == ("", "", "")
    assert lido.emissor == "AC Raiz ICP-Brasil de teste"
    assert lido.serial == format(cert.serial_number, "X")
    assert lido.der == der(cert)
    assert lido.sha256 == hashlib.sha256(der(cert)).hexdigest()
    assert lido.valido_de == cert.not_valid_before_utc
    assert lido.valido_ate == cert.not_valid_after_utc
    assert lido.valido_ate.tzinfo is not None


def test_der_e_pem_do_mesmo_certificado_dao_a_mesma_leitura():
    cert, _ = certificado_icp()

    assert ler_certificado(der(cert)) == ler_certificado(pem(cert))


def test_pem_com_texto_em_volta_e_quebras_de_linha_do_windows_e_lido():
    cert, _ = certificado_icp()
    conteudo = (
        b"Bag Attributes\r\n    friendlyName: MARIA DA SILVA\r\nsubject=/C=BR/O=ICP-Brasil\r\n\r\n  "
        + pem(cert).replace(b"\n", b"\r\n")
        + b"\r\n\r\n"
    )

    assert ler_certificado(conteudo).cpf == CPF_PADRAO


def test_cadeia_em_pem_le_o_primeiro_certificado_o_do_titular():
    cert, _ = certificado_icp()

    lido = ler_certificado(pem(cert) + pem(ac_de_teste()[0]))

    assert lido.sha256 == hashlib.sha256(der(cert)).hexdigest()
    assert lido.titular_nome == "MARIA DA SILVA"


def test_a4_e_aceito_como_superior_ao_a3():
    cert, _ = certificado_icp(tipo="A4")

    lido = ler_certificado(pem(cert))

    assert (lido.tipo, lido.politica) == ("A4", "2.16.76.1.2.4.1")


def test_a1_e_recusado_dizendo_que_e_a1_e_que_o_portal_exige_a3():
    cert, _ = certificado_icp(tipo="A1")

    mensagem = _recusa(pem(cert))

    assert "tipo A1" in mensagem
    assert "A3 (ou A4)" in mensagem


def test_certificado_de_sigilo_e_recusado_dizendo_o_tipo():
    cert, _ = certificado_icp(tipo="2.16.76.1.2.101.3")

    assert "tipo S1" in _recusa(pem(cert))


@pytest.mark.parametrize("tipo", ["nenhum", "2.23.140.1.2.1"])
def test_certificado_sem_politica_icp_brasil_e_recusado(tipo):
    cert, _ = certificado_icp(tipo=tipo)

    assert "não é um certificado ICP-Brasil do tipo A3" in _recusa(pem(cert))


def test_e_cnpj_a3_le_o_cpf_do_responsavel_e_o_cnpj():
    cert, _ = certificado_icp(e_cnpj=True, cpf="52998224725", nome="JOSE RESPONSAVEL", codificacao="printable")

    lido = ler_certificado(der(cert))

    assert lido.e_cnpj
    assert lido.tipo == "A3"
    assert lido.cpf == "52998224725"
    assert lido.cnpj == CNPJ_PADRAO
    assert lido.titular_nome == "ENTIDADE PARCEIRA DE TESTE"
    assert lido.responsavel_nome == "JOSE RESPONSAVEL"
    assert lido.nascimento == date(1980, 3, 17)
    conferir_titular(lido, "529.982.247-25")


def test_le_o_numero_da_oab_sem_espacos():
    cert, _ = certificado_icp(oab="123456 SP", codificacao="utf8")

    assert ler_certificado(pem(cert)).oab == "123456SP"


def test_campos_ausentes_preenchidos_com_zeros_ficam_vazios():
    cert, _ = certificado_icp(nascimento=None, nis="", rg="", rg_emissor="")

    lido = ler_certificado(pem(cert))

    assert (lido.cpf, lido.nascimento, lido.nis, lido.rg, lido.rg_emissor) == (CPF_PADRAO, None, "", "", "")


def test_valor_longo_e_com_envelope_explicito_e_lido():
    # Tamanho DER em forma longa (mais de 127 bytes) e o [0] EXPLICIT repetido dentro do valor.
    texto = dados_da_pessoa(cpf=CPF_PADRAO, nascimento=date(1975, 12, 1), rg_emissor="SSPRJ" + " " * 150)
    cert, _ = certificado_icp(der_dados_da_pessoa=b"\xa0\x81" + bytes([len(texto) + 3]) + valor_der(texto))

    lido = ler_certificado(pem(cert))

    assert (lido.cpf, lido.nascimento, lido.rg_emissor) == (CPF_PADRAO, date(1975, 12, 1), "SSPRJ")


def test_certificado_vencido_e_recusado_com_a_data():
    cert, _ = certificado_icp(validade=(datetime(2023, 7, 1, tzinfo=UTC), datetime(2024, 6, 30, 15, tzinfo=UTC)))

    mensagem = _recusa(pem(cert), agora=datetime(2024, 7, 1, tzinfo=UTC))

    assert "venceu em 30/06/2024" in mensagem


def test_certificado_vale_ate_o_ultimo_instante_da_validade():
    fim = datetime(2024, 6, 30, 15, tzinfo=UTC)
    cert, _ = certificado_icp(validade=(datetime(2023, 7, 1, tzinfo=UTC), fim))

    assert ler_certificado(pem(cert), agora=fim).valido_ate == fim


def test_certificado_que_ainda_nao_vale_e_recusado_com_a_data():
    cert, _ = certificado_icp(validade=(datetime(2027, 1, 10, 12, tzinfo=UTC), datetime(2030, 1, 10, tzinfo=UTC)))

    mensagem = _recusa(pem(cert), agora=datetime(2026, 12, 1, tzinfo=UTC))

    assert "só passa a valer em 10/01/2027" in mensagem


def test_certificado_de_outra_pessoa_e_recusado_com_o_cpf_mascarado():
    lido = ler_certificado(pem(certificado_icp()[0]))

    with pytest.raises(CertificadoRecusado, match=r"pertence a outra pessoa \(CPF \*\*\*\.456\.789-\*\*\)"):
        conferir_titular(lido, "52998224725")


def test_certificado_do_proprio_titular_passa_com_ou_sem_mascara():
    lido = ler_certificado(pem(certificado_icp()[0]))

    conferir_titular(lido, CPF_PADRAO)
    conferir_titular(lido, "123.456.789-09")


def test_cpf_com_digitos_verificadores_errados_e_recusado():
    cert, _ = certificado_icp(cpf="12345678900")

    assert _recusa(pem(cert)) == CPF_INVALIDO


@pytest.mark.parametrize("cpf", [None, "00000000000"])
def test_certificado_sem_cpf_e_recusado(cpf):
    cert, _ = certificado_icp(cpf=cpf)

    assert _recusa(pem(cert)) == SEM_CPF


def _conteudos_ilegiveis():
    cert, _ = certificado_icp()
    corpo = pem(cert)
    return {
        "vazio": b"",
        "texto": b"isto nao e um certificado",
        "bytes aleatorios": bytes(range(256)) * 4,
        "der truncado": der(cert)[:-20],
        "der com sobra": der(cert) + b"\x00\x00",
        "sequencia gigante": b"\x30\x84\xff\xff\xff\xff\x02\x01\x00",
        "pem sem fim": corpo[: corpo.index(b"-----END")],
        "pem com base64 quebrado": corpo.replace(corpo[40:44], b"!@#$"),
        "pem de outra coisa": b"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
        "grande demais": b"\x30" * (300 * 1024),
    }


@pytest.mark.parametrize("nome", list(_conteudos_ilegiveis()))
def test_arquivo_ilegivel_e_recusado_com_a_mensagem_de_arquivo_ilegivel(nome):
    assert _recusa(_conteudos_ilegiveis()[nome]) == ILEGIVEL


@pytest.mark.parametrize(
    "valor",
    [
        b"\x30\x03abc",  # SEQUENCE no lugar de texto
        b"\x02\x03abc",  # INTEGER no lugar de texto
        b"\x04\x10abc",  # tamanho maior que o valor
        b"\x04\x01abc",  # bytes sobrando
        b"\x04\x80a\x00\x00",  # tamanho indefinido (BER, não DER)
        b"\xa0\x03\xa0\x01a",  # [0] dentro de [0] dentro do [0] do otherName
    ],
)
def test_other_name_malformado_e_recusado_como_ilegivel_sem_estourar(valor):
    # O cryptography não emite DER malformado: troca-se no certificado pronto um valor do mesmo tamanho
    # (a assinatura deixa de conferir, mas a leitura não confere assinatura).
    cert, _ = certificado_icp(der_dados_da_pessoa=b"\x04\x03XYZ")
    assert der(cert).count(b"\x04\x03XYZ") == 1

    assert _recusa(der(cert).replace(b"\x04\x03XYZ", valor)) == ILEGIVEL


def test_pem_com_chave_privada_e_recusado_pedindo_so_o_certificado_publico():
    cert, chave = certificado_icp()

    assert _recusa(pem_chave(chave)) == CHAVE_PRIVADA
    assert _recusa(pem(cert) + pem_chave(chave)) == CHAVE_PRIVADA
    assert "nunca deve ser enviada" in CHAVE_PRIVADA


def test_arquivo_pfx_e_recusado_porque_leva_a_chave_privada():
    cert, chave = certificado_icp()
    pfx = pkcs12.serialize_key_and_certificates(b"maria", chave, cert, None, BestAvailableEncryption(b"senha"))

    assert _recusa(pfx) == CHAVE_PRIVADA


def test_agora_sem_fuso_e_erro_de_programacao():
    with pytest.raises(ValueError, match="fuso"):
        ler_certificado(pem(certificado_icp()[0]), agora=datetime(2025, 1, 1))  # noqa: DTZ001
