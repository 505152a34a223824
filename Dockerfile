# Portal ACT: uma única imagem para todos os papéis do docker-compose.yml: web (gunicorn, o CMD
# padrão), worker e beat (celery), migrate e estaticos (execuções únicas).
#
#   docker build -t portal-act .        (ou: make docker-up)
#
# Em tempo de execução, o código vem de /app, que pertence ao root e só pode ser lido pelo processo.
# Os dados gravados ficam em PORTAL_VAR_DIR=/var/lib/portal:
#   media/                 os PDFs emitidos e os anexos (volume compartilhado por web e worker)
#   static/                os estáticos reunidos na construção (collectstatic)
#   celerybeat-schedule    o estado do beat
# Sem REDIS_URL, também ficam ali fila/ e cache/. No compose há REDIS_URL.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---------------------------------------------------------------------------------------------------
# Etapa 1: as dependências Python, instaladas num ambiente virtual que a etapa final copia.
FROM ${PYTHON_IMAGE} AS dependencias

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src

# Primeiro só as dependências diretas de pyproject.toml, com as versões de constraints.txt. Esta camada
# só é refeita quando um desses dois arquivos muda, e não a cada mudança no código.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/dependencias.txt \
 && pip install -c constraints.txt -r /tmp/dependencias.txt

# Depois o projeto: `pip install -c constraints.txt .`. Este passo confirma que o projeto instala
# com as versões fixadas e completa alguma dependência que pyproject.toml declare de outro modo. Em
# seguida o pacote é desinstalado e as dependências ficam. O código roda de /app (PYTHONPATH). A
# cópia em site-packages não teria templates/, static/ nem portal/organizacao/data/municipios.csv,
# que não são módulos Python.
COPY . .
RUN pip install -c constraints.txt . \
 && pip uninstall -y portal-act

# ---------------------------------------------------------------------------------------------------
# Etapa 2: a imagem de execução.
FROM ${PYTHON_IMAGE}

# Bibliotecas que o WeasyPrint usa para os PDFs (Pango, HarfBuzz) e a fonte DejaVu, que
# templates/pdf/base.html pede.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

# O usuário sem privilégios. Ele precisa de HOME para o cache do fontconfig e para o socket de
# controle do gunicorn ($HOME/.gunicorn). Os diretórios de dados são criados aqui com o dono certo,
# porque um volume nomeado novo copia o dono e as permissões do diretório da imagem em que é montado.
RUN groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --home-dir /home/portal --create-home \
        --shell /usr/sbin/nologin portal \
 && install -d -o portal -g portal -m 0750 /var/lib/portal /var/lib/portal/media \
 && install -d -o portal -g portal -m 0755 /srv/estaticos

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings \
    PORTAL_VAR_DIR=/var/lib/portal \
    WEB_CONCURRENCY=3

COPY --from=dependencias /opt/venv /opt/venv
WORKDIR /app
COPY . /app

# Os arquivos de /app pertencem ao root e o usuário portal só os lê. Os .pyc são gerados agora,
# porque em execução o processo não pode gravá-los.
# O collectstatic roda em modo de produção (DEBUG não definido), com o armazenamento comprimido e com
# manifesto do WhiteNoise. As settings exigem SECRET_KEY, ALLOWED_HOSTS e EMAIL_HOST. Estes valores
# fictícios existem só neste RUN e não ficam na imagem. Os valores reais vêm do .env. Nenhum
# servidor é contatado.
# Sem REDIS_URL, as settings criariam var/fila e var/cache pertencentes ao root. Com a REDIS_URL
# fictícia, elas não são criadas.
RUN python -m compileall -q /app \
 && SECRET_KEY=construcao-da-imagem-valor-ficticio-nunca-usado-em-execucao-0123456789 \
    ALLOWED_HOSTS=localhost \
    EMAIL_HOST=localhost \
    REDIS_URL=redis://construcao.invalid:6379/0 \
    python manage.py collectstatic --no-input --verbosity 0

USER portal
EXPOSE 8000

# gunicorn:
# - WEB_CONCURRENCY: o gunicorn lê esta variável de ambiente para o número de workers. O padrão (3) é
#   definido no ENV acima e pode ser trocado no .env.
# - --forwarded-allow-ips "*": a porta 8000 só é alcançável pela rede interna do compose, isto é,
#   pelo nginx. Por isso os cabeçalhos X-Forwarded-* que chegam a ela são do proxy.
# - Log de acesso em stdout. O endereço registrado é o do cliente (X-Real-IP, posto pelo nginx). O
#   caminho é registrado sem a query string, que pode conter CPF ou códigos de verificação (LGPD).
# - timeout 60 s. O nginx espera 65 s pela resposta. Os relatórios pesados rodam no worker.
# - max-requests: recicla os workers aos poucos, para limitar vazamentos de memória.
CMD ["gunicorn", "portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--forwarded-allow-ips", "*", \
     "--access-logfile", "-", \
     "--access-logformat", "%({x-real-ip}i)s %(t)s \"%(m)s %(U)s %(H)s\" %(s)s %(B)s %(M)sms \"%(a)s\"", \
     "--error-logfile", "-", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--worker-tmp-dir", "/dev/shm"]
