"""Configuração dos testes: a de produção, com o que só um teste pode dispensar.

DATABASE_URL e REDIS_URL vêm do ambiente (o CI usa PostgreSQL e Redis reais); sem eles, SQLite e arquivos.
"""

import os

os.environ.setdefault("SECRET_KEY", "teste-" + "k" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("EMAIL_HOST", "localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("PORTAL_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "teste"))

from portal.settings import *  # noqa: E402,F403
from portal.settings import CELERY_BEAT_SCHEDULE  # noqa: E402,F401

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# As tarefas rodam no próprio processo, depois do commit, como rodariam num worker.
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_AUTOREFRESH = True
