import pytest
from django.core.exceptions import ValidationError

from portal.validadores import (
    cnpj_valido,
    cpf_valido,
    formatar_cnpj,
    formatar_cpf,
    normalizar_cnpj,
    normalizar_cpf,
    numero_de_id,
    ocultar_cpf,
)


@pytest.mark.parametrize("cpf", ["11144477735", "52998224725", "30000000116", "40000000205"])
def test_cpfs_validos_sao_aceitos(cpf):
    assert cpf_valido(cpf)


@pytest.mark.parametrize("cpf", ["11144477736", "00000000000", "99999999999", "1114447773", "abcdefghijk", ""])
def test_cpfs_com_digito_errado_ou_repetidos_sao_recusados(cpf):
    assert not cpf_valido(cpf)


def test_normalizar_cpf_aceita_mascara_e_devolve_so_digitos():
    assert normalizar_cpf(" 111.444.777-35 ") == "11144477735"


def test_normalizar_cpf_explica_o_erro_em_portugues():
    with pytest.raises(ValidationError, match="dígitos verificadores"):
        normalizar_cpf("111.444.777-36")
    with pytest.raises(ValidationError, match="11 dígitos"):
        normalizar_cpf("111.444")


def test_cnpj_valido_e_invalido():
    assert cnpj_valido("51885242000140")
    assert not cnpj_valido("51885242000141")
    assert not cnpj_valido("11111111111111")
    assert normalizar_cnpj("51.885.242/0001-40") == "51885242000140"
    with pytest.raises(ValidationError, match="CNPJ inválido"):
        normalizar_cnpj("51.885.242/0001-41")


def test_formatos_de_exibicao():
    assert formatar_cpf("11144477735") == "111.444.777-35"
    assert ocultar_cpf("11144477735") == "***.444.777-**"
    assert formatar_cnpj("51885242000140") == "51.885.242/0001-40"


def test_processo_sei_com_os_digitos_do_nup():
    from portal.validadores import formatar_processo_sei, normalizar_processo_sei, processo_sei_valido

    # exemplo da Portaria Interministerial nº 11/2019: 23037.001462/2021-65
    assert processo_sei_valido("23037001462202165")
    assert not processo_sei_valido("23037001462202166")
    assert normalizar_processo_sei("23037.001462/2021-65") == "23037001462202165"
    assert formatar_processo_sei("23037001462202165") == "23037.001462/2021-65"
    with pytest.raises(ValidationError, match="dígitos verificadores"):
        normalizar_processo_sei("23037.001462/2021-56")
    with pytest.raises(ValidationError, match="17 dígitos"):
        normalizar_processo_sei("23037.001462/21-65")


@pytest.mark.parametrize(("texto", "numero"), [
    ("12", 12), ("0", 0), (str(2**63 - 1), 2**63 - 1),
    ("", None), (None, None), ("²", None), ("٣", None), ("３", None), ("-1", None), ("1.5", None), (" 1", None),
    (str(2**63), None), ("9" * 40, None),
])
def test_numero_de_id_so_aceita_digitos_ascii_dentro_do_bigint(texto, numero):
    assert numero_de_id(texto) == numero
