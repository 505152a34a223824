import pytest
from django.test import Client

from portal.demo import SENHA_DEMO, semear_demo

# As pessoas de demonstração, pelo papel (README, "Personas").
PERSONAS = {
    "ana": "11144477735",  # gestora e cadastradora, Prefeitura de Campinas (SR Sudeste I)
    "bruno": "52998224725",  # atendente, Prefeitura de Campinas e Sindicato Rural de Campinas
    "carla": "24681357928",  # gestora, OAB SP
    "diego": "13579246828",  # gestor, Prefeitura de Belo Horizonte (SR Sudeste II)
    "elisa": "31415926590",  # técnica de suporte, Sudeste I
    "fabio": "27182818205",  # técnico de suporte, Sudeste II
    "gabriela": "16180339805",  # analista, Sudeste I
    "heitor": "14142135651",  # servidor da APS Campinas
    "iara": "17320508052",  # Central 135
    "joao": "22360679767",  # supervisor, Sudeste I
    "karina": "30000000116",  # gestora regional, Sudeste I
    "admin": "40000000205",
}


@pytest.fixture
def demo(db):
    semear_demo()


@pytest.fixture
def pessoa(demo):
    from portal.contas.models import Usuario

    def buscar(apelido: str):
        return Usuario.objects.get(cpf=PERSONAS[apelido])

    return buscar


@pytest.fixture
def cliente_de(pessoa):
    """Um Client já autenticado como a persona, com o TOTP dado por conferido (os testes do login
    exercitam o TOTP de verdade)."""

    def criar(apelido: str) -> Client:
        cliente = Client()
        cliente.force_login(pessoa(apelido), backend="django.contrib.auth.backends.ModelBackend")
        return cliente

    return criar


@pytest.fixture
def senha_demo():
    return SENHA_DEMO


@pytest.fixture(autouse=True)
def _cache_limpo():
    """O limite de tentativas de login fica no cache: cada teste começa do zero."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _app_celery_do_portal():
    """Cada teste começa com o app Celery do portal como o corrente (eager nos testes). Um `Celery(...)` criado por
    um teste (a carga e as falhas enfileiram em brokers próprios) vira o corrente por padrão, e as tarefas dos
    testes seguintes iriam para aquele broker — que pode nem existir mais."""
    from portal.celery import app

    app.set_current()
    yield
