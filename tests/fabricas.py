"""Fábricas de dados para os testes (factory_boy), construindo pelo mesmo caminho dos serviços."""

import itertools

import factory

from portal.entidades.models import Entidade, TipoEntidade
from portal.entidades.services import entidade_criar
from portal.organizacao.models import Municipio
from portal.validadores import cnpj_com_digitos

_sequencia = itertools.count(1)


def url_do_banco_irmao(nome: str) -> str:
    """A URL de outro banco no mesmo PostgreSQL dos testes (os testes que criam o seu próprio banco: o conjunto
    nacional em miniatura, a carga)."""
    from django.conf import settings

    banco = settings.DATABASES["default"]
    usuario = banco.get("USER") or "postgres"
    if banco.get("PASSWORD"):
        usuario = f"{usuario}:{banco['PASSWORD']}"
    return f"postgres://{usuario}@{banco.get('HOST') or '127.0.0.1'}:{banco.get('PORT') or 5432}/{nome}"


def cnpj_valido(base: int) -> str:
    return cnpj_com_digitos(f"{base:08d}0001")


class EntidadeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entidade

    cnpj = factory.LazyFunction(lambda: cnpj_valido(70000000 + next(_sequencia)))
    razao_social = factory.Sequence(lambda n: f"Prefeitura de Teste {n}")
    tipo = TipoEntidade.PREFEITURA
    municipio = factory.LazyFunction(lambda: Municipio.objects.select_related("uf__sr").get(codigo_ibge="3509502"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return entidade_criar(**kwargs)
