"""Certificados ICP-Brasil de teste, feitos na hora e sem rede, com os OIDs reais do DOC-ICP-04.

Uma "AC Raiz ICP-Brasil de teste" assina os certificados de pessoa (e-CPF, e-CNPJ) e o do servidor
(localhost, 127.0.0.1), de modo que os mesmos arquivos servem ao nginx real nos testes de login por
certificado: `gravar_arquivos(pasta)`.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from ipaddress import IPv4Address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CPF_PADRAO = "12345678909"
CNPJ_PADRAO = "11222333000181"
POLITICAS = {"A1": "2.16.76.1.2.1.1", "A3": "2.16.76.1.2.3.5", "A4": "2.16.76.1.2.4.1"}
_TAGS = {"octet": 0x04, "printable": 0x13, "utf8": 0x0C}


def _der(tag: int, valor: bytes) -> bytes:
    tamanho = len(valor)
    if tamanho < 0x80:
        return bytes([tag, tamanho]) + valor
    octetos = tamanho.to_bytes((tamanho.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(octetos)]) + octetos + valor


def valor_der(texto: str, codificacao: str = "octet") -> bytes:
    """O valor de um otherName como a ICP-Brasil grava: OCTET STRING, PrintableString ou UTF8String."""
    return _der(_TAGS[codificacao], texto.encode())


def dados_da_pessoa(*, cpf: str, nascimento: date | None, nis: str = "", rg: str = "", rg_emissor: str = "") -> str:
    """O layout de 2.16.76.1.3.1 e 2.16.76.1.3.4: campos ausentes completados com zeros."""
    return (
        (nascimento.strftime("%d%m%Y") if nascimento else "0" * 8)
        + cpf.rjust(11, "0")
        + nis.rjust(11, "0")
        + rg.rjust(15, "0")
        + rg_emissor
    )


def _nome(cn: str, *unidades: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ICP-Brasil"),
            *(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ou) for ou in unidades),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def nova_chave() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@cache
def ac_de_teste() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A AC Raiz de teste (uma por processo de teste)."""
    chave = nova_chave()
    nome = _nome("AC Raiz ICP-Brasil de teste", "Instituto Nacional de Tecnologia da Informacao - ITI")
    agora = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(nome)
        .issuer_name(nome)
        .public_key(chave.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(agora - timedelta(days=3650))
        .not_valid_after(agora + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_uso_da_chave(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(chave.public_key()), critical=False)
        .sign(chave, hashes.SHA256())
    )
    return cert, chave


def _uso_da_chave(*, digital_signature=False, content_commitment=False, key_cert_sign=False, crl_sign=False):
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _assinado_pela_ac(construtor: x509.CertificateBuilder, chave) -> x509.Certificate:
    ac, chave_ac = ac_de_teste()
    return (
        construtor.issuer_name(ac.subject)
        .public_key(chave.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(chave.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(chave_ac.public_key()), critical=False)
        .sign(chave_ac, hashes.SHA256())
    )


def certificado_icp(
    *,
    cpf: str | None = CPF_PADRAO,
    nome: str = "MARIA DA SILVA",
    tipo: str = "A3",
    codificacao: str = "octet",
    nascimento: date | None = date(1980, 3, 17),
    nis: str = "12056789013",
    rg: str = "123456789",
    rg_emissor: str = "SSPSP",
    e_cnpj: bool = False,
    cnpj: str = CNPJ_PADRAO,
    razao_social: str = "ENTIDADE PARCEIRA DE TESTE",
    oab: str | None = None,
    validade: tuple[datetime, datetime] | None = None,
    chave: ec.EllipticCurvePrivateKey | None = None,
    der_dados_da_pessoa: bytes | None = None,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """Um certificado de pessoa como as ACs da ICP-Brasil emitem.

    tipo: "A1", "A3", "A4", "nenhum" (sem política) ou um OID de política qualquer.
    cpf=None: sem o otherName dos dados da pessoa. der_dados_da_pessoa: o valor DER cru desse otherName.
    """
    chave = chave or nova_chave()
    if validade is None:
        agora = datetime.now(UTC)
        validade = (agora - timedelta(days=1), agora + timedelta(days=365))

    def outro_nome(oid: str, texto: str) -> x509.OtherName:
        return x509.OtherName(x509.ObjectIdentifier(oid), valor_der(texto, codificacao))

    nomes: list[x509.GeneralName] = [x509.RFC822Name("titular@exemplo.com.br")]
    dados = dados_da_pessoa(cpf=cpf or "", nascimento=nascimento, nis=nis, rg=rg, rg_emissor=rg_emissor)
    oid_dados = "2.16.76.1.3.4" if e_cnpj else "2.16.76.1.3.1"
    if der_dados_da_pessoa is not None:
        nomes.append(x509.OtherName(x509.ObjectIdentifier(oid_dados), der_dados_da_pessoa))
    elif cpf is not None:
        nomes.append(outro_nome(oid_dados, dados))
    if e_cnpj:
        nomes += [
            outro_nome("2.16.76.1.3.2", nome),
            outro_nome("2.16.76.1.3.3", cnpj),
            outro_nome("2.16.76.1.3.7", "0" * 12),  # CEI do INSS, ausente
        ]
        cn, tipo_pessoa = f"{razao_social}:{cnpj}", "PJ"
    else:
        nomes += [
            outro_nome("2.16.76.1.3.6", "0" * 12),  # CEI, ausente
            outro_nome("2.16.76.1.3.5", "0" * 19),  # título de eleitor, ausente
        ]
        cn, tipo_pessoa = (f"{nome}:{cpf}" if cpf else nome), "PF"
    if oab is not None:
        nomes.append(outro_nome("2.16.76.1.4.2.1.1", oab))

    construtor = (
        x509.CertificateBuilder()
        .subject_name(_nome(cn, "AC de teste", "presencial", f"Certificado {tipo_pessoa} {tipo}"))
        .not_valid_before(validade[0])
        .not_valid_after(validade[1])
        .add_extension(x509.SubjectAlternativeName(nomes), critical=False)
        .add_extension(_uso_da_chave(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
    )
    if tipo != "nenhum":
        oid = POLITICAS.get(tipo, tipo)
        construtor = construtor.add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(x509.ObjectIdentifier(oid), None)]), critical=False
        )
    return _assinado_pela_ac(construtor, chave), chave


def certificado_servidor() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """O certificado TLS de localhost e 127.0.0.1, assinado pela mesma AC de teste."""
    chave = nova_chave()
    agora = datetime.now(UTC)
    construtor = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .not_valid_before(agora - timedelta(days=1))
        .not_valid_after(agora + timedelta(days=365))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(IPv4Address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(_uso_da_chave(digital_signature=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    )
    return _assinado_pela_ac(construtor, chave), chave


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def pem_chave(chave) -> bytes:
    return chave.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass(frozen=True)
class ArquivosTls:
    ac: Path
    cliente: Path
    cliente_chave: Path
    servidor: Path
    servidor_chave: Path


def gravar_arquivos(pasta: Path, cliente: tuple[x509.Certificate, object] | None = None) -> ArquivosTls:
    """Grava em `pasta` a AC de teste, um certificado de cliente (o dado ou um A3 padrão) com a chave e o
    certificado do servidor com a chave: o que o nginx e o cliente TLS dos testes precisam."""
    cert_cliente, chave_cliente = cliente or certificado_icp()
    cert_servidor, chave_servidor = certificado_servidor()
    arquivos = ArquivosTls(
        ac=pasta / "ac.pem",
        cliente=pasta / "cliente.pem",
        cliente_chave=pasta / "cliente.key",
        servidor=pasta / "servidor.pem",
        servidor_chave=pasta / "servidor.key",
    )
    arquivos.ac.write_bytes(pem(ac_de_teste()[0]))
    arquivos.cliente.write_bytes(pem(cert_cliente))
    arquivos.cliente_chave.write_bytes(pem_chave(chave_cliente))
    arquivos.servidor.write_bytes(pem(cert_servidor))
    arquivos.servidor_chave.write_bytes(pem_chave(chave_servidor))
    for chave in (arquivos.cliente_chave, arquivos.servidor_chave):
        chave.chmod(0o600)
    return arquivos
