"""Configuração do Portal ACT, lida do ambiente.

Cada variável tem um valor de desenvolvimento apenas quando faz sentido; um valor que não se entende
interrompe a inicialização com uma mensagem clara (ImproperlyConfigured), nunca vira um padrão silencioso.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

_VERDADEIROS = {"1", "true", "yes", "on", "sim"}
_FALSOS = {"0", "false", "no", "off", "nao", "não", ""}


def env_bool(nome: str, padrao: bool) -> bool:
    valor = os.environ.get(nome)
    if valor is None:
        return padrao
    normalizado = valor.strip().lower()
    if normalizado in _VERDADEIROS:
        return True
    if normalizado in _FALSOS:
        return False
    raise ImproperlyConfigured(f"{nome}={valor!r} não é um valor booleano (use 1/0, true/false).")


def env_int(nome: str, padrao: int) -> int:
    valor = os.environ.get(nome)
    if valor is None or valor.strip() == "":
        return padrao
    try:
        return int(valor)
    except ValueError:
        raise ImproperlyConfigured(f"{nome}={valor!r} não é um número inteiro.") from None


def env_lista(nome: str, padrao: list[str]) -> list[str]:
    valor = os.environ.get(nome)
    if valor is None:
        return padrao
    return [item.strip() for item in valor.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY é obrigatória quando DEBUG não está ativo.")
    SECRET_KEY = "desenvolvimento-apenas-nunca-em-producao-9f3c1e7a5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a"  # noqa: S105
elif len(SECRET_KEY) < 50 and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY precisa ter ao menos 50 caracteres em produção.")

ALLOWED_HOSTS = env_lista("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS é obrigatória quando DEBUG não está ativo.")
CSRF_TRUSTED_ORIGINS = env_lista("CSRF_TRUSTED_ORIGINS", [])
# O endereço público que os documentos emitidos imprimem no rodapé, para a verificação.
PORTAL_URL_PUBLICA = os.environ.get("PORTAL_URL_PUBLICA", "http://127.0.0.1:8000")
# A entrada com certificado digital A3 (deploy/nginx/README.md): o endereço que pede o certificado de cliente,
# e de onde (IPs ou redes do nginx) o Django aceita os cabeçalhos X-SSL-Client-*. Sem proxy configurado,
# ninguém entra com certificado — os cabeçalhos vindos de qualquer outro lugar são ignorados.
PORTAL_URL_ENTRADA_COM_CERTIFICADO = os.environ.get("PORTAL_URL_ENTRADA_COM_CERTIFICADO", "/certificado/entrar/")
PROXIES_DO_CERTIFICADO = env_lista("PROXIES_DO_CERTIFICADO", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "portal.organizacao",
    "portal.contas",
    "portal.entidades",
    "portal.acordos",
    "portal.auditoria",
    "portal.notificacoes",
    "portal.operacao",
    "portal.painel",
    "atendimento",
    "suporte",
    "certificados",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.operacao.middleware.cabecalhos_de_seguranca",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.contas.middleware.vinculo_ativo",
    "portal.contas.middleware.exigir_totp_para_servidores",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.contas.context_processors.perfil",
            ],
            "builtins": ["portal.templatetags.portal", "template_partials.templatetags.partials"],
        },
    },
]

# Banco: sem DATABASE_URL, um arquivo SQLite em var/ (o padrão embarcado de DESIGN.md).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        _banco = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except ValueError as erro:
        raise ImproperlyConfigured(f"DATABASE_URL inválida: {erro}") from None
    if _banco["ENGINE"] not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured("DATABASE_URL deve apontar para PostgreSQL (ou SQLite).")
    if _banco["ENGINE"] == "django.db.backends.postgresql":
        _banco["CONN_HEALTH_CHECKS"] = True
        _banco.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
        # Páginas de poucos milissegundos: a compilação JIT do PostgreSQL custava mais do que economizava
        # (12 ms só para compilar a contagem do painel regional).
        _banco["OPTIONS"].setdefault("options", "-c jit=off")
else:
    _banco = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "portal.sqlite3",
    }
if _banco["ENGINE"] == "django.db.backends.sqlite3":
    # web, worker e beat escrevem no mesmo arquivo: WAL e transações IMMEDIATE evitam "database is locked".
    _banco.setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DATABASES = {"default": _banco}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker do Celery e cache. Sem REDIS_URL, o Celery usa o transporte de arquivos do kombu
# (não precisa de servidor) e o cache fica em arquivos, compartilhado entre web, worker e beat.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL deve começar com redis://, rediss:// ou unix://.")

CELERY_FILA_DIR = VAR_DIR / "fila"
# Onde as travas do cache (limite de tentativas, código TOTP já usado) continuam valendo com o Redis fora do ar
# (portal/operacao/cache.py). A tabela vem da migração operacao 0003.
CACHE_DE_RESERVA = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "operacao_cache_de_reserva",
    "KEY_PREFIX": "portal",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    CACHES = {
        "default": {
            "BACKEND": "portal.operacao.cache.RedisCacheTolerante",  # Redis fora do ar: vai à reserva no banco
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
        "reserva": CACHE_DE_RESERVA,
    }
else:
    # As pastas da fila precisam existir antes do primeiro envio, em qualquer dos três processos.
    for _pasta in ("fila", "fila-processada", "fila-controle", "cache"):
        (VAR_DIR / _pasta).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILA_DIR),
        "data_folder_out": str(CELERY_FILA_DIR),
        "processed_folder": str(VAR_DIR / "fila-processada"),
        "control_folder": str(VAR_DIR / "fila-controle"),
        "store_processed": False,
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
        "reserva": CACHE_DE_RESERVA,  # sem uso aqui; declarado para a migração criar a tabela em todo banco
    }

CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "America/Sao_Paulo"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULER = "portal.operacao.agendador:AgendadorComBatimento"
# O único relógio do sistema: cada varredura age sobre linhas vencidas, com atualizações guardadas.
CELERY_BEAT_SCHEDULE = {
    "batimento-do-worker": {"task": "portal.operacao.tasks.registrar_batimento", "schedule": 60.0},
    "emails-pendentes": {"task": "portal.notificacoes.tasks.reenviar_emails_pendentes", "schedule": 120.0},
    "vinculos-expirando": {"task": "portal.entidades.tasks.varrer_vinculos_expirando", "schedule": 3600.0},
    "acordos-vencidos": {"task": "portal.acordos.tasks.vencer_acordos", "schedule": 3600.0},
    "acordos-lembretes": {"task": "portal.acordos.tasks.lembrar_vencimento_e_pedidos", "schedule": 3600.0},
    "chamados-sem-resposta": {"task": "suporte.tasks.fechar_chamados_sem_resposta", "schedule": 60.0},
    "chamados-lembretes-de-prazo": {"task": "suporte.tasks.lembrar_prazo_de_aprovacao", "schedule": 60.0},
    "exigencias-vencidas": {"task": "atendimento.tasks.varrer_exigencias_vencidas", "schedule": 60.0},
    "exigencias-lembretes-de-prazo": {"task": "atendimento.tasks.lembrar_prazo_das_exigencias", "schedule": 3600.0},
    "supervisao-das-aps": {"task": "atendimento.tasks.abrir_ciclo_e_lembrar_supervisoes", "schedule": 3600.0},
    "agendamentos-lembrete-da-vespera": {"task": "atendimento.tasks.lembrar_agendamentos_da_vespera",
                                         "schedule": 900.0},
    "atesp-ofertas-no-prazo": {"task": "atendimento.tasks.cobrar_ofertas_do_atesp", "schedule": 3600.0},
    "certificados-a3-vencendo": {"task": "certificados.tasks.lembrar_vencimento_dos_certificados", "schedule": 3600.0},
    "a3-prazo-do-lote": {"task": "certificados.tasks.lembrar_prazo_do_a3", "schedule": 3600.0},
}
BEAT_ATRASO_MAXIMO = timedelta(minutes=5)

AUTH_USER_MODEL = "contas.Usuario"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "inicio"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: entra-se por CPF (o campo "username" do modelo é o CPF); contas são criadas pelo cadastrador
# externo ou pelo INSS, nunca por cadastro aberto.
ACCOUNT_ADAPTER = "portal.contas.adapter.AdaptadorDeContas"
ACCOUNT_FORMS = {"login": "portal.contas.forms.FormularioDeEntrada"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "cpf"
ACCOUNT_USER_MODEL_EMAIL_FIELD = "email"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    # Cinco senhas erradas para o mesmo CPF em 5 minutos bloqueiam novas tentativas desse CPF;
    # vinte por minuto bloqueiam o endereço IP.
    "login_failed": "20/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_USER_DISPLAY = "portal.contas.models.nome_de_exibicao"
# Atrás do nginx, o IP do cliente é o último de X-Forwarded-For (o nginx o escreve); sem proxy, 0.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0 if DEBUG else 1)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Portal ACT"
MFA_ADAPTER = "portal.contas.adapter.AdaptadorMFA"

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", "Português (Brasil)")]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"  # arquivos protegidos: servidos só por views que checam permissão
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: em desenvolvimento, cada mensagem vira um arquivo legível em var/emails/.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portal ACT <nao-responda@portal-act.inss.gov.br>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "emails"
else:
    raise ImproperlyConfigured("EMAIL_HOST é obrigatória quando DEBUG não está ativo.")

# Segurança. Em produção o nginx termina o TLS e informa o esquema em X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = False  # o htmx lê o token do cabeçalho da página, não do cookie
CSRF_FAILURE_VIEW = "portal.operacao.views.falha_csrf"
# O cookie das mensagens com o prefixo __Host-, como os de sessão e CSRF (o padrão do Django o chama "messages").
MESSAGE_STORAGE = "portal.operacao.middleware.MensagensComPrefixoHost"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^saude/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Content-Security-Policy: só a própria origem; nenhum script ou estilo inline.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"simples": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "simples"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

ADMINS = [("INSS", email) for email in env_lista("ADMINS", [])]
