"""Números brasileiros com dígitos verificadores: CPF e CNPJ (e, nos issues seguintes, NIT e processo SEI).

Cada função `normalizar_*` aceita o número com ou sem máscara e devolve só os dígitos, ou levanta
ValidationError com a mensagem que o usuário vê.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

_NAO_DIGITOS = re.compile(r"\D")


def somente_digitos(valor: str) -> str:
    # \d também casa dígitos de outras escritas ("٣", "３"): viram os ASCII de mesmo valor, senão o CPF digitado
    # num teclado árabe ou de largura total seria "inválido" e nunca acharia o número gravado.
    return "".join(str(unicodedata.decimal(c)) for c in _NAO_DIGITOS.sub("", valor or ""))


_MAIOR_ID = 2**63 - 1  # bigint do PostgreSQL: acima disso, o filtro quebraria no banco


def numero_de_id(texto: str | None) -> int | None:
    """O número de um id vindo da URL ou do formulário ("12"), ou None para o que não é um: só dígitos ASCII e
    dentro do bigint ("²" e "٣" também passam em isdigit(), e int("²") quebra)."""
    if not texto or not (texto.isascii() and texto.isdigit()):
        return None
    numero = int(texto)
    return numero if numero <= _MAIOR_ID else None


def _dv_mod11(digitos: str, pesos: list[int]) -> int:
    resto = sum(int(d) * p for d, p in zip(digitos, pesos, strict=True)) % 11
    return 0 if resto < 2 else 11 - resto


def cpf_valido(cpf: str) -> bool:
    if len(cpf) != 11 or not cpf.isdigit() or cpf == cpf[0] * 11:
        return False
    d1 = _dv_mod11(cpf[:9], list(range(10, 1, -1)))
    d2 = _dv_mod11(cpf[:10], list(range(11, 1, -1)))
    return cpf[9:] == f"{d1}{d2}"


def normalizar_cpf(valor: str) -> str:
    cpf = somente_digitos(valor)
    if len(cpf) != 11:
        raise ValidationError("O CPF tem 11 dígitos; confira o número digitado.", code="cpf_tamanho")
    if not cpf_valido(cpf):
        raise ValidationError("CPF inválido: os dígitos verificadores não conferem.", code="cpf_invalido")
    return cpf


def validar_cpf(valor: str) -> None:
    if not cpf_valido(valor or ""):
        raise ValidationError("CPF inválido: informe os 11 dígitos de um CPF existente.", code="cpf_invalido")


def cnpj_com_digitos(base: str) -> str:
    """Os 12 primeiros dígitos seguidos dos dois verificadores (para gerar CNPJs de demonstração e de teste)."""
    pesos = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]
    primeiro = _dv_mod11(base, pesos)
    return f"{base}{primeiro}{_dv_mod11(f'{base}{primeiro}', [6, *pesos])}"


def cnpj_valido(cnpj: str) -> bool:
    if len(cnpj) != 14 or not cnpj.isdigit() or cnpj == cnpj[0] * 14:
        return False
    return cnpj == cnpj_com_digitos(cnpj[:12])


def normalizar_cnpj(valor: str) -> str:
    cnpj = somente_digitos(valor)
    if len(cnpj) != 14:
        raise ValidationError("O CNPJ tem 14 dígitos; confira o número digitado.", code="cnpj_tamanho")
    if not cnpj_valido(cnpj):
        raise ValidationError("CNPJ inválido: os dígitos verificadores não conferem.", code="cnpj_invalido")
    return cnpj


def validar_cnpj(valor: str) -> None:
    if not cnpj_valido(valor or ""):
        raise ValidationError("CNPJ inválido: informe os 14 dígitos de um CNPJ existente.", code="cnpj_invalido")


def formatar_cpf(cpf: str) -> str:
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}" if len(cpf) == 11 else cpf


def ocultar_cpf(cpf: str) -> str:
    """O CPF como as listas o mostram (LGPD): só os dígitos do meio."""
    return f"***.{cpf[3:6]}.{cpf[6:9]}-**" if len(cpf) == 11 else cpf


def formatar_cnpj(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}" if len(cnpj) == 14 else cnpj


def dv_nup(digitos: str) -> int:
    """Dígito do NUP (Portaria Interministerial nº 11/2019): pesos 2, 3, 4... da direita para a esquerda,
    11 menos o resto por 11; 10 vira 0 e 11 vira 1."""
    soma = sum(int(d) * peso for peso, d in enumerate(reversed(digitos), start=2))
    return (11 - soma % 11) % 10


def processo_sei_valido(numero: str) -> bool:
    if len(numero) != 17 or not numero.isdigit():
        return False
    primeiro = dv_nup(numero[:15])
    return numero[15:] == f"{primeiro}{dv_nup(numero[:15] + str(primeiro))}"


def normalizar_processo_sei(valor: str) -> str:
    """Processo SEI no formato NNNNN.NNNNNN/AAAA-DV (NUP de 17 dígitos); devolve só os dígitos."""
    digitos = somente_digitos(valor)
    if len(digitos) != 17:
        raise ValidationError(
            "O processo SEI tem 17 dígitos, no formato NNNNN.NNNNNN/AAAA-DV.", code="processo_tamanho"
        )
    if not processo_sei_valido(digitos):
        raise ValidationError(
            "Processo SEI inválido: os dígitos verificadores não conferem.", code="processo_invalido"
        )
    return digitos


def formatar_processo_sei(numero: str) -> str:
    return f"{numero[:5]}.{numero[5:11]}/{numero[11:15]}-{numero[15:]}" if len(numero) == 17 else numero


def nit_valido(nit: str) -> bool:
    """NIT/PIS/PASEP/NIS: 11 dígitos, o último verificador (pesos 3, 2, 9, 8, 7, 6, 5, 4, 3, 2; resto 0 ou 1 → 0)."""
    if len(nit) != 11 or not nit.isdigit() or nit == nit[0] * 11:
        return False
    resto = sum(int(d) * p for d, p in zip(nit[:10], [3, 2, 9, 8, 7, 6, 5, 4, 3, 2], strict=True)) % 11
    return int(nit[10]) == (0 if resto < 2 else 11 - resto)


def normalizar_nit(valor: str) -> str:
    nit = somente_digitos(valor)
    if len(nit) != 11:
        raise ValidationError("O NIT/PIS tem 11 dígitos; confira o número digitado.", code="nit_tamanho")
    if not nit_valido(nit):
        raise ValidationError("NIT/PIS inválido: o dígito verificador não confere.", code="nit_invalido")
    return nit


def formatar_nit(nit: str) -> str:
    return f"{nit[:3]}.{nit[3:8]}.{nit[8:10]}-{nit[10]}" if len(nit) == 11 else nit


def dv_protocolo(base: str) -> int:
    """Dígito do protocolo de requerimento: módulo 11, pesos 2 a 9 da direita para a esquerda (resto 0 ou 1 → 0)."""
    soma = sum(int(d) * (2 + i % 8) for i, d in enumerate(reversed(base)))
    resto = soma % 11
    return 0 if resto < 2 else 11 - resto


def protocolo_valido(protocolo: str) -> bool:
    return len(protocolo) == 13 and protocolo.isdigit() and int(protocolo[-1]) == dv_protocolo(protocolo[:-1])


def formatar_protocolo(protocolo: str) -> str:
    """AAAA.NNNNNNNN-D: o ano, a sequência do ano e o dígito."""
    return f"{protocolo[:4]}.{protocolo[4:12]}-{protocolo[12]}" if len(protocolo) == 13 else protocolo
