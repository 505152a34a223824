"""Um nginx de verdade (o do Debian) na frente do servidor de teste, com a configuração de produção
(deploy/nginx/portal.conf) adaptada só no que é do ambiente: nomes, portas, caminhos dos arquivos e o upstream.

Duas adaptações a mais, ditas aqui: o nginx 1.22 do Debian não conhece `http2 on` nem `server ... resolve`
(a imagem de produção é 1.28), e o nginx fala com o portal a partir de 127.0.0.2 (`proxy_bind`), como se fosse
outra máquina — assim um pedido direto ao portal, de 127.0.0.1, é o "de fora do proxy" que deve ser ignorado."""

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
ENDERECO_DO_PROXY = "127.0.0.2"


def porta_livre() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def binario_do_nginx() -> str:
    caminho = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(caminho):
        pytest.fail("O nginx do Debian não está instalado (apt-get install -y nginx-light): o teste da entrada com "
                    "certificado precisa dele.")
    return caminho


def configuracao(*, pasta: Path, tls, porta_https: int, porta_http: int, upstream: str) -> str:
    conf = (RAIZ / "deploy" / "nginx" / "portal.conf").read_text(encoding="utf-8")
    trocas = {
        "${PORTAL_HOST_CERTIFICADO}": "localhost",
        "${PORTAL_HOST}": "portal.localhost",
        "resolver 127.0.0.11 valid=10s ipv6=off;": "",
        "server web:8000 resolve;": f"server {upstream};",
        "http2 on;": "",
        "/etc/nginx/tls/portal.crt": str(tls.servidor),
        "/etc/nginx/tls/portal.key": str(tls.servidor_chave),
        "/etc/nginx/tls/certificado.crt": str(tls.servidor),
        "/etc/nginx/tls/certificado.key": str(tls.servidor_chave),
        "/etc/nginx/tls/icp-brasil-cadeia.pem": str(tls.ac),
        "/var/log/nginx/access.log": str(pasta / "access.log"),
        "root /srv;": f"root {pasta};",
        "listen 443": f"listen 127.0.0.1:{porta_https}",
        "listen 80": f"listen 127.0.0.1:{porta_http}",
    }
    for de, para in trocas.items():
        assert de in conf, f"deploy/nginx/portal.conf mudou: “{de}” não está mais lá"
        conf = conf.replace(de, para)
    temporarios = "\n".join(f"    {nome}_temp_path {pasta / nome};" for nome in
                            ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
master_process off;
worker_processes 1;
pid {pasta / "nginx.pid"};
error_log {pasta / "error.log"} info;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;  # como no nginx.conf da imagem oficial
    default_type application/octet-stream;
    access_log {pasta / "access.log"};
{temporarios}
    proxy_bind {ENDERECO_DO_PROXY};
{conf}
}}
"""


@dataclass
class NginxDeTeste:
    url: str  # o endereço de entrada com certificado: https://localhost:<porta>
    processo: subprocess.Popen
    pasta: Path

    def parar(self) -> None:
        self.processo.terminate()
        try:
            self.processo.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.processo.kill()


def iniciar(*, pasta: Path, tls, upstream: str) -> NginxDeTeste:
    nginx = binario_do_nginx()
    porta_https, porta_http = porta_livre(), porta_livre()
    arquivo = pasta / "nginx.conf"
    arquivo.write_text(configuracao(pasta=pasta, tls=tls, porta_https=porta_https, porta_http=porta_http,
                                    upstream=upstream), encoding="utf-8")
    teste = subprocess.run([nginx, "-t", "-p", str(pasta), "-c", str(arquivo)], capture_output=True, text=True,
                           check=False)
    assert teste.returncode == 0, f"nginx -t recusou a configuração:\n{teste.stderr}"
    processo = subprocess.Popen([nginx, "-p", str(pasta), "-c", str(arquivo)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
    limite = time.monotonic() + 10
    while time.monotonic() < limite:
        if processo.poll() is not None:
            raise AssertionError(f"o nginx parou: {processo.stderr.read().decode()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", porta_https)) == 0:
                return NginxDeTeste(url=f"https://localhost:{porta_https}", processo=processo, pasta=pasta)
        time.sleep(0.05)
    processo.kill()
    raise AssertionError("o nginx não abriu a porta em 10 s")
