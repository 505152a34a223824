"""A configuração vem do ambiente e falha alto com valores que não entende."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
PRODUCAO = {
    "SECRET_KEY": "p" * 20 + "r0dUc@0-" + "x" * 40,
    "ALLOWED_HOSTS": "portal-act.inss.gov.br",
    "EMAIL_HOST": "smtp.inss.gov.br",
    "PORTAL_VAR_DIR": str(RAIZ / "var" / "teste-configuracao"),
}


def _importar_settings(ambiente: dict) -> subprocess.CompletedProcess:
    limpo = {k: v for k, v in os.environ.items() if k not in {
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_HOST", "DATABASE_URL", "REDIS_URL", "EMAIL_PORT",
        "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT",
    }}
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        cwd=RAIZ, env={**limpo, **ambiente}, capture_output=True, text=True,
    )


def test_producao_com_as_variaveis_obrigatorias_carrega():
    assert _importar_settings(PRODUCAO).returncode == 0


@pytest.mark.parametrize(
    ("variavel", "valor", "mensagem"),
    [
        ("DEBUG", "talvez", "não é um valor booleano"),
        ("SECRET_KEY", "", "SECRET_KEY é obrigatória"),
        ("SECRET_KEY", "curta", "ao menos 50 caracteres"),
        ("ALLOWED_HOSTS", "", "ALLOWED_HOSTS é obrigatória"),
        ("EMAIL_HOST", "", "EMAIL_HOST é obrigatória"),
        ("EMAIL_PORT", "vinte e cinco", "não é um número inteiro"),
        ("DATABASE_URL", "mysql://root@localhost/portal", "DATABASE_URL"),
        ("DATABASE_URL", "nao-e-url", "DATABASE_URL"),
        ("REDIS_URL", "http://localhost:6379", "REDIS_URL deve começar"),
    ],
)
def test_valor_invalido_interrompe_a_inicializacao_com_mensagem_clara(variavel, valor, mensagem):
    resultado = _importar_settings({**PRODUCAO, variavel: valor})
    assert resultado.returncode != 0
    assert "ImproperlyConfigured" in resultado.stderr
    assert mensagem in resultado.stderr


def test_debug_sem_secret_key_usa_a_chave_de_desenvolvimento():
    resultado = _importar_settings({"DEBUG": "1"})
    assert resultado.returncode == 0, resultado.stderr


def test_check_deploy_nao_da_aviso_com_as_configuracoes_de_producao():
    ambiente = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT"}
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ, env={**ambiente, **PRODUCAO, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True, text=True,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "no issues" in resultado.stdout


def test_fuso_e_idioma(settings):
    assert settings.TIME_ZONE == "America/Sao_Paulo"
    assert settings.LANGUAGE_CODE == "pt-br"
    assert settings.USE_TZ


def test_collectstatic_de_producao_encontra_todo_arquivo_referenciado(tmp_path):
    """O armazenamento com manifesto (produção) falha se um CSS/JS vendorizado aponta para um arquivo
    que não existe; o Dockerfile roda este mesmo comando."""
    ambiente = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    }
    resultado = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=RAIZ, capture_output=True, text=True,
        env={**ambiente, **PRODUCAO, "PORTAL_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )
    assert resultado.returncode == 0, resultado.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_migracoes_em_dia_com_os_modelos():
    ambiente = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    resultado = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=RAIZ, capture_output=True, text=True,
        env={**ambiente, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
