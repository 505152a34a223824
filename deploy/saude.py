"""Healthcheck do contêiner web (docker-compose.yml): GET /saude/ no gunicorn local.

Código de saída 0 quando /saude/ responde 200 ("ok", ou "degradado" quando o beat está atrasado: o web
continua no balanceador). Código 1 quando responde 503 (banco ou broker fora), quando não responde ou
quando a resposta não é JSON. Só usa a biblioteca padrão.

O Host enviado é o primeiro de ALLOWED_HOSTS. Com outro Host, o Django recusaria a requisição
(DisallowedHost, 400). /saude/ está em SECURE_REDIRECT_EXEMPT, então não há redirecionamento para HTTPS.
"""

import json
import os
import sys
import urllib.error
import urllib.request

URL = "http://127.0.0.1:8000/saude/"


def host_para_o_django() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")  # ".exemplo.gov.br" vale para exemplo.gov.br e subdomínios
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    cabecalhos = {"Host": host_para_o_django(), "Accept": "application/json"}
    pedido = urllib.request.Request(URL, headers=cabecalhos)  # noqa: S310 (URL local fixa, http)
    try:
        with urllib.request.urlopen(pedido, timeout=5) as resposta:  # noqa: S310
            corpo = json.load(resposta)
    except urllib.error.HTTPError as erro:
        print(f"/saude/ respondeu {erro.code}: {erro.read(500).decode(errors='replace')}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as erro:
        print(f"/saude/ não respondeu: {erro}", file=sys.stderr)
        return 1
    print(corpo.get("status", "?"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
