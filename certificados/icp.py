"""Leitura de certificados ICP-Brasil (seed 004, Portaria Conjunta DIRBEN/DTI/INSS nº 96/2024).

Código puro: bytes do arquivo enviado entram, `CertificadoLido` sai, ou `CertificadoRecusado` com a
mensagem em português que a pessoa vê. Aqui não se confere a cadeia até a AC Raiz: isso é papel do
nginx no login por certificado; aqui se lê o que o certificado declara.

Os campos vêm do DOC-ICP-04:
- política de certificado 2.16.76.1.2.<tipo>.n: 1 a 4 = A1 a A4, 101 a 104 = S1 a S4;
- SubjectAltName otherName 2.16.76.1.3.1 (e-CPF) ou 2.16.76.1.3.4 (responsável do e-CNPJ): data de
  nascimento (8, DDMMAAAA), CPF (11), NIS (11), RG (15), órgão expedidor e UF (o resto); campo ausente
  vem preenchido com zeros;
- 2.16.76.1.3.2 nome do responsável e 2.16.76.1.3.3 CNPJ (e-CNPJ); 2.16.76.1.4.2.1.1 inscrição na OAB.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from portal.validadores import cpf_valido, ocultar_cpf, somente_digitos

OID_DADOS_PF = "2.16.76.1.3.1"
OID_RESPONSAVEL_NOME = "2.16.76.1.3.2"
OID_CNPJ = "2.16.76.1.3.3"
OID_RESPONSAVEL_DADOS = "2.16.76.1.3.4"
OID_OAB = "2.16.76.1.4.2.1.1"
_PREFIXO_POLITICA = "2.16.76.1.2."
_TIPOS_ACEITOS = {"3": "A3", "4": "A4"}
_OUTROS_TIPOS = {"1": "A1", "2": "A2", "101": "S1", "102": "S2", "103": "S3", "104": "S4"}

# Um certificado tem poucos KB; uma cadeia em PEM, algumas dezenas.
_TAMANHO_MAXIMO = 256 * 1024
_FUSO_OFICIAL = ZoneInfo("America/Sao_Paulo")

ILEGIVEL = (
    "Não foi possível ler o arquivo como certificado digital. Envie o certificado público do seu "
    "certificado A3, exportado em arquivo .cer, .crt ou .pem (formato PEM ou DER)."
)
CHAVE_PRIVADA = (
    "O arquivo enviado contém uma chave privada. Envie só o certificado público (.cer, .crt ou .pem): "
    "a chave privada nunca deve ser enviada, nem ao Portal nem a ninguém."
)
SEM_CPF = (
    "O certificado não traz o CPF do titular. Envie um certificado e-CPF (ou e-CNPJ) da ICP-Brasil "
    "emitido para o representante."
)
CPF_INVALIDO = (
    "O CPF gravado no certificado é inválido: os dígitos verificadores não conferem. Procure a autoridade "
    "certificadora que o emitiu."
)


class CertificadoRecusado(Exception):
    """O certificado não serve ao Portal; `str(erro)` é a mensagem para a pessoa."""

    def __init__(self, mensagem: str):
        super().__init__(mensagem)
        self.mensagem = mensagem


@dataclass(frozen=True)
class CertificadoLido:
    tipo: str  # "A3" ou "A4"
    politica: str  # o OID da política ICP-Brasil que decidiu o tipo
    e_cnpj: bool
    titular_nome: str  # do CN, sem o sufixo ":CPF" (no e-CNPJ, a razão social, sem ":CNPJ")
    cpf: str  # do titular (e-CPF) ou do responsável (e-CNPJ), 11 dígitos
    nascimento: date | None
    nis: str
    rg: str
    rg_emissor: str  # órgão expedidor e UF, como gravados (ex.: "SSPSP")
    oab: str
    cnpj: str
    responsavel_nome: str  # e-CNPJ: o nome do responsável (2.16.76.1.3.2)
    emissor: str
    serial: str  # hexadecimal, maiúsculas
    sha256: str  # hexadecimal (minúsculas) do SHA-256 do DER
    valido_de: datetime
    valido_ate: datetime
    der: bytes = field(repr=False)


def ler_certificado(conteudo: bytes, *, agora: datetime | None = None) -> CertificadoLido:
    """Lê um certificado ICP-Brasil A3/A4 em PEM (também cadeia: vale o primeiro) ou DER.

    Levanta CertificadoRecusado com a mensagem para a pessoa; nenhum arquivo malformado escapa como
    outra exceção."""
    if agora is None:
        agora = datetime.now(UTC)
    elif agora.tzinfo is None:
        raise ValueError("agora precisa ter fuso horário")
    try:
        return _ler(_carregar(conteudo), agora)
    except CertificadoRecusado:
        raise
    except Exception as erro:  # extensão malformada, DER truncado num campo, texto ilegível...
        raise CertificadoRecusado(ILEGIVEL) from erro


def conferir_titular(lido: CertificadoLido, cpf: str) -> None:
    """Recusa o certificado que não é da pessoa do CPF informado (no e-CNPJ, o CPF do responsável)."""
    if lido.cpf != somente_digitos(cpf):
        raise CertificadoRecusado(
            f"Este certificado pertence a outra pessoa (CPF {ocultar_cpf(lido.cpf)}). "
            "Envie o certificado A3 emitido para o seu próprio CPF."
        )


# --- arquivo → x509.Certificate ----------------------------------------------------------------------

_CHAVE_PEM = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
_CERTIFICADO_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.DOTALL)
# PKCS#12 (.pfx/.p12): SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data, ... } }
_OID_PKCS7_DATA = bytes.fromhex("2a864886f70d010701")


def _carregar(conteudo: bytes) -> x509.Certificate:
    if not conteudo or len(conteudo) > _TAMANHO_MAXIMO:
        raise CertificadoRecusado(ILEGIVEL)
    if b"-----BEGIN" in conteudo:
        if _CHAVE_PEM.search(conteudo):
            raise CertificadoRecusado(CHAVE_PRIVADA)
        achado = _CERTIFICADO_PEM.search(conteudo)
        if achado is None:
            raise CertificadoRecusado(ILEGIVEL)
        try:
            conteudo = base64.b64decode(b"".join(achado.group(1).split()), validate=True)
        except binascii.Error as erro:
            raise CertificadoRecusado(ILEGIVEL) from erro
    elif _parece_pkcs12(conteudo):
        raise CertificadoRecusado(CHAVE_PRIVADA)
    try:
        return x509.load_der_x509_certificate(conteudo)
    except Exception as erro:
        raise CertificadoRecusado(ILEGIVEL) from erro


def _parece_pkcs12(conteudo: bytes) -> bool:
    try:
        tag, corpo, _ = _tlv(conteudo, 0)
        if tag != 0x30:
            return False
        tag, versao, fim = _tlv(corpo, 0)
        if (tag, versao) != (0x02, b"\x03"):
            return False
        tag, dados, _ = _tlv(corpo, fim)
        tag_oid, oid, _ = _tlv(dados, 0) if tag == 0x30 else (0, b"", 0)
        return (tag_oid, oid) == (0x06, _OID_PKCS7_DATA)
    except ValueError:
        return False


# --- x509.Certificate → CertificadoLido ------------------------------------------------------------


def _ler(cert: x509.Certificate, agora: datetime) -> CertificadoLido:
    tipo, politica = _tipo(cert)
    valido_de, valido_ate = cert.not_valid_before_utc, cert.not_valid_after_utc
    if agora > valido_ate:
        raise CertificadoRecusado(
            f"O certificado venceu em {_data(valido_ate)}. Renove-o na autoridade certificadora e envie o novo."
        )
    if agora < valido_de:
        raise CertificadoRecusado(f"O certificado só passa a valer em {_data(valido_de)}. Envie-o a partir dessa data.")

    outros = _outros_nomes(cert)
    e_cnpj = OID_CNPJ in outros or OID_RESPONSAVEL_DADOS in outros
    dados = outros.get(OID_RESPONSAVEL_DADOS if e_cnpj else OID_DADOS_PF, "")
    pessoa = _dados_da_pessoa(dados)
    if not pessoa["cpf"]:
        raise CertificadoRecusado(SEM_CPF)
    if not cpf_valido(pessoa["cpf"]):
        raise CertificadoRecusado(CPF_INVALIDO)

    der = cert.public_bytes(Encoding.DER)
    return CertificadoLido(
        tipo=tipo,
        politica=politica,
        e_cnpj=e_cnpj,
        titular_nome=_nome_do_titular(cert),
        **pessoa,
        oab=_sem_zeros("".join(outros.get(OID_OAB, "").split())),
        cnpj=_sem_zeros(somente_digitos(outros.get(OID_CNPJ, ""))),
        responsavel_nome=outros.get(OID_RESPONSAVEL_NOME, "").strip() if e_cnpj else "",
        emissor=_nome_comum(cert.issuer) or cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "X"),
        sha256=hashlib.sha256(der).hexdigest(),
        valido_de=valido_de,
        valido_ate=valido_ate,
        der=der,
    )


def _tipo(cert: x509.Certificate) -> tuple[str, str]:
    try:
        politicas = cert.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        politicas = []
    oids = [p.policy_identifier.dotted_string for p in politicas]
    icp = [(oid, oid.split(".")[5]) for oid in oids if oid.startswith(_PREFIXO_POLITICA)]  # 2.16.76.1.2.<tipo>.n
    # A4 é superior a A3: se o certificado declarar os dois, vale o A4.
    for numero in ("4", "3"):
        for oid, tipo in icp:
            if tipo == numero:
                return _TIPOS_ACEITOS[numero], oid
    outro = next((_OUTROS_TIPOS[tipo] for _, tipo in icp if tipo in _OUTROS_TIPOS), None)
    if outro:
        raise CertificadoRecusado(
            f"Este é um certificado do tipo {outro}; o Portal exige certificado ICP-Brasil do tipo A3 (ou A4), "
            "guardado em token ou cartão, conforme a Portaria Conjunta DIRBEN/DTI/INSS nº 96/2024."
        )
    raise CertificadoRecusado(
        "Este não é um certificado ICP-Brasil do tipo A3. O Portal exige certificado digital A3 (ou A4) "
        "emitido por autoridade certificadora da ICP-Brasil, guardado em token ou cartão."
    )


def _outros_nomes(cert: x509.Certificate) -> dict[str, str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return {}
    interesse = {OID_DADOS_PF, OID_RESPONSAVEL_NOME, OID_CNPJ, OID_RESPONSAVEL_DADOS, OID_OAB}
    return {
        nome.type_id.dotted_string: _texto_der(nome.value)
        for nome in san.get_values_for_type(x509.OtherName)
        if nome.type_id.dotted_string in interesse
    }


def _dados_da_pessoa(texto: str) -> dict:
    """O layout de 2.16.76.1.3.1 / 2.16.76.1.3.4: nascimento 8, CPF 11, NIS 11, RG 15, órgão e UF."""
    texto = texto.strip()
    cpf = _sem_zeros(texto[8:19]) if len(texto) >= 19 else ""
    return {
        "cpf": cpf,
        "nascimento": _nascimento(texto[:8]),
        "nis": _sem_zeros(texto[19:30]),
        # O RG vem completado com zeros à esquerda até 15 posições; o órgão expedidor nunca começa por dígito.
        "rg": texto[30:45].strip().lstrip("0"),
        "rg_emissor": texto[45:].strip().lstrip("0"),
    }


def _nascimento(ddmmaaaa: str) -> date | None:
    if len(ddmmaaaa) != 8 or not ddmmaaaa.isdigit():
        return None
    try:
        return date(int(ddmmaaaa[4:]), int(ddmmaaaa[2:4]), int(ddmmaaaa[:2]))
    except ValueError:  # "00000000": campo ausente
        return None


def _sem_zeros(valor: str) -> str:
    """Campo ausente vem preenchido com zeros."""
    return "" if set(valor) <= {"0"} else valor


def _nome_comum(nome: x509.Name) -> str:
    atributos = nome.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(atributos[0].value).strip() if atributos else ""


def _nome_do_titular(cert: x509.Certificate) -> str:
    """O CN ICP-Brasil é "NOME:CPF" (ou "RAZÃO SOCIAL:CNPJ"); o número já vem do SubjectAltName."""
    cn = _nome_comum(cert.subject)
    nome, separador, numero = cn.rpartition(":")
    return nome.strip() if separador and numero.strip().isdigit() else cn


def _data(momento: datetime) -> str:
    return momento.astimezone(_FUSO_OFICIAL).strftime("%d/%m/%Y")


# --- DER mínimo do valor de um otherName -------------------------------------------------------------

_TEXTOS = {0x04, 0x0C, 0x13, 0x16}  # OCTET STRING, UTF8String, PrintableString, IA5String


def _tlv(dados: bytes, inicio: int) -> tuple[int, bytes, int]:
    """Um TLV DER a partir de `inicio`: (tag, valor, posição depois dele). ValueError se malformado."""
    if inicio + 2 > len(dados):
        raise ValueError("DER truncado")
    tag, tamanho, pos = dados[inicio], dados[inicio + 1], inicio + 2
    if tag & 0x1F == 0x1F:
        raise ValueError("tag DER de vários bytes")
    if tamanho & 0x80:
        quantos = tamanho & 0x7F
        if quantos == 0 or quantos > 4 or pos + quantos > len(dados):
            raise ValueError("tamanho DER inválido")
        tamanho = int.from_bytes(dados[pos : pos + quantos], "big")
        pos += quantos
    if pos + tamanho > len(dados):
        raise ValueError("DER truncado")
    return tag, dados[pos : pos + tamanho], pos + tamanho


def _texto_der(der: bytes, *, envelope: bool = True) -> str:
    """O texto de um valor de otherName: [0] EXPLICIT (se vier) com OCTET STRING ou string dentro."""
    tag, valor, fim = _tlv(der, 0)
    if fim != len(der):
        raise ValueError("bytes sobrando depois do valor DER")
    if tag == 0xA0 and envelope:
        return _texto_der(valor, envelope=False)
    if tag not in _TEXTOS:
        raise ValueError(f"tipo DER inesperado: {tag:#04x}")
    try:
        return valor.decode("utf-8")
    except UnicodeDecodeError:
        return valor.decode("latin-1")
