"""A entrada com certificado digital A3 por um nginx de verdade (TLS, `ssl_verify_client` contra uma AC de teste),
na frente do portal, com a configuração de deploy/nginx/portal.conf; e a exigência do A3 no PAT (Portaria 96/2024).

- curl --cert entra com o A3 de Carla (OAB SP, lote de 16/05/2024, prazo vencido) e abre os requerimentos; sem
  certificado, ou com um de fora da cadeia, o portal explica; os mesmos cabeçalhos mandados direto ao portal (não
  pelo proxy) ou forjados através do nginx são ignorados.
- No navegador: Carla, com senha, é recusada nos requerimentos; cadastra o seu certificado, entra com ele e
  protocola. Ana (Campinas), antes do prazo da entidade, vê a contagem dos dias."""

import subprocess
from urllib.parse import quote

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from atendimento.models import Requerimento, StatusRequerimento
from certificados.models import CertificadoDoRepresentante
from portal.contas.models import Usuario
from tests.certificados_apoio import certificado_icp, gravar_arquivos, pem, pem_chave
from tests.conftest import PERSONAS
from tests.navegador import nginx_de_teste
from tests.navegador.apoio import entrar
from tests.navegador.test_protocolo import arquivo_pdf, continuar, etapa, preenche_a_cidada

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

CARLA = "CARLA DIAS"


@pytest.fixture
def nginx(portal, tmp_path, settings):
    """O nginx com o A3 de Carla como certificado de cliente dos testes; o portal confia só no endereço dele."""
    certificado = certificado_icp(cpf=PERSONAS["carla"], nome=CARLA)
    tls_dir = tmp_path / "tls"
    tls_dir.mkdir()
    tls = gravar_arquivos(tls_dir, cliente=certificado)
    # O nginx serve os estáticos do disco, como em produção: o collectstatic (com links) na pasta dele.
    settings.STATIC_ROOT = str(tmp_path / "static")
    call_command("collectstatic", interactive=False, link=True, verbosity=0)
    servidor = nginx_de_teste.iniciar(pasta=tmp_path, tls=tls,
                                      upstream=f"127.0.0.1:{portal.thread.port}")
    settings.PROXIES_DO_CERTIFICADO = [nginx_de_teste.ENDERECO_DO_PROXY]
    settings.PORTAL_URL_ENTRADA_COM_CERTIFICADO = f"{servidor.url}/certificado/entrar/"
    settings.CSRF_TRUSTED_ORIGINS = [*settings.CSRF_TRUSTED_ORIGINS, servidor.url]
    servidor.tls = tls
    servidor.portal_url = portal.url
    servidor.certificado = certificado
    yield servidor
    servidor.parar()


def curl(*argumentos: str) -> tuple[int, str]:
    saida = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *argumentos], capture_output=True, text=True,
                           check=True, timeout=30)
    corpo, _, codigo = saida.stdout.rpartition("\n")
    return int(codigo), corpo


def test_curl_entra_com_o_a3_pelo_nginx_e_os_cabecalhos_forjados_sao_ignorados(nginx, tmp_path):
    entrada = f"{nginx.url}/certificado/entrar/"
    pote = str(tmp_path / "cookies.txt")
    tls = ["--cacert", str(nginx.tls.ac)]

    codigo, _ = curl(*tls, "--cert", str(nginx.tls.cliente), "--key", str(nginx.tls.cliente_chave), "-c", pote,
                     entrada)
    assert codigo == 302
    codigo, corpo = curl(*tls, "-b", pote, f"{nginx.url}/requerimentos/")
    assert codigo == 200 and "Certificado digital A3 obrigatório" not in corpo and "Requerimentos" in corpo
    carla = Usuario.objects.get(cpf=PERSONAS["carla"])
    registrado = CertificadoDoRepresentante.objects.get(usuario=carla)
    assert registrado.origem == "entrada" and registrado.ultimo_uso_em is not None

    # Sem certificado: o portal explica, e ninguém entra.
    codigo, corpo = curl(*tls, entrada)
    assert codigo == 403 and "Nenhum certificado digital foi apresentado" in corpo

    # Um certificado de fora da cadeia (autoassinado): o nginx o recusa e o portal diz por quê.
    estranho, chave = _autoassinado(tmp_path)
    codigo, corpo = curl(*tls, "--cert", estranho, "--key", chave, entrada)
    assert codigo == 403 and "não foi aceito" in corpo

    # Os cabeçalhos forjados através do nginx são descartados, mesmo na forma com "_".
    forjados = ["-H", "X-SSL-Client-Verify: SUCCESS", "-H", f"X-SSL-Client-Cert: {quote(pem(nginx.certificado[0]))}",
                "-H", f"X_SSL_Client_Cert: {quote(pem(nginx.certificado[0]))}"]
    codigo, corpo = curl(*tls, *forjados, entrada)
    assert codigo == 403 and "Nenhum certificado digital foi apresentado" in corpo

    # Os mesmos cabeçalhos mandados direto ao portal, de fora do proxy, são ignorados.
    direto = str(tmp_path / "direto.txt")
    codigo, corpo = curl("-H", "X-SSL-Client-Verify: SUCCESS", "-H",
                         f"X-SSL-Client-Cert: {quote(pem(nginx.certificado[0]))}", "-c", direto,
                         f"{nginx.portal_url}/certificado/entrar/")
    assert codigo == 403 and "só funciona pelo endereço de entrada com certificado" in corpo
    assert "sessionid" not in open(direto).read()


def _autoassinado(pasta) -> tuple[str, str]:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    chave = ec.generate_private_key(ec.SECP256R1())
    nome = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{CARLA}:{PERSONAS['carla']}")])
    agora = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(nome).issuer_name(nome).public_key(chave.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(agora - timedelta(days=1))
            .not_valid_after(agora + timedelta(days=30)).sign(chave, hashes.SHA256()))
    (pasta / "estranho.pem").write_bytes(pem(cert))
    (pasta / "estranho.key").write_bytes(pem_chave(chave))
    return str(pasta / "estranho.pem"), str(pasta / "estranho.key")


def test_carla_recusada_com_senha_cadastra_o_certificado_entra_com_ele_e_protocola(nginx, abrir_pagina):
    pagina = abrir_pagina()
    entrar(pagina, "carla")
    pagina.locator("#menu-principal").get_by_role("link", name="Requerimentos", exact=True).click()
    expect(pagina.get_by_test_id("a3-exigido")).to_contain_text("Desde 16/05/2024")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Certificado digital A3 obrigatório")

    # Cadastra o certificado público (o arquivo .pem exportado do token).
    pagina.get_by_role("link", name="Cadastre o seu certificado").click()
    pagina.get_by_label("Certificado público (.cer, .crt ou .pem)").set_input_files(
        {"name": "carla.pem", "mimeType": "application/x-pem-file", "buffer": pem(nginx.certificado[0])})
    pagina.get_by_role("button", name="Registrar certificado").click()
    expect(pagina.locator("main")).to_contain_text(CARLA)

    # Entra com ele, pelo endereço de certificado (o nginx pede o certificado de cliente).
    a3 = abrir_pagina(base_url=nginx.url, ignore_https_errors=True, client_certificates=[{
        "origin": nginx.url, "certPath": str(nginx.tls.cliente), "keyPath": str(nginx.tls.cliente_chave)}])
    a3.goto("/certificado/entrar/")
    expect(a3.get_by_test_id("entidade-ativa")).to_have_text("OAB Seção São Paulo")
    a3.locator("#menu-principal").get_by_role("link", name="Requerimentos", exact=True).click()
    expect(a3.get_by_test_id("a3-exigido")).to_have_count(0)
    a3.get_by_test_id("novo-requerimento").click()
    a3.locator("label", has_text="Certidão de tempo de contribuição").click()
    a3.get_by_role("button", name="Começar").click()
    preenche_a_cidada(a3, proxima="2. Formulários assinados")
    for rotulo in ("Termo de representação assinado", "Autorização de acesso aos dados pessoais assinado",
                   "Termo de requerimento de serviço assinado"):
        a3.get_by_label(rotulo).set_input_files(arquivo_pdf(f"{rotulo}.pdf"))
    continuar(a3)
    expect(etapa(a3)).to_have_text("3. Documentos")
    campos = a3.locator("input[type=file]")
    for indice in range(campos.count()):
        campos.nth(indice).set_input_files(arquivo_pdf(f"documento-{indice + 1}.pdf"))
    continuar(a3)
    a3.get_by_test_id("protocolar").click()
    expect(a3.locator(".br-message.success")).to_contain_text("Requerimento protocolado")
    requerimento = Requerimento.objects.get(entidade__cnpj="43419613000170")
    assert requerimento.status == StatusRequerimento.PROTOCOLADO


def test_ana_antes_do_prazo_da_entidade_ve_a_contagem_dos_dias(pagina):
    entrar(pagina, "ana")
    aviso = pagina.get_by_test_id("aviso-a3")
    expect(aviso).to_contain_text("Faltam 45 dias para o certificado digital A3")
    pagina.locator("#menu-principal").get_by_role("link", name="Requerimentos", exact=True).click()
    expect(pagina.get_by_test_id("aviso-a3")).to_be_visible()
    expect(pagina.get_by_test_id("a3-exigido")).to_have_count(0)
