"""O URLconf como os testes de registro o percorrem: cada teste que exige de toda rota uma entrada no seu registro
(consultas por página, matriz de isolamento, CSRF) lê daqui as rotas e reprova a que falta ou a que sobra."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# O admin do Django e as páginas do allauth não são do portal: os seus testes são os do framework.
ESPACOS_DE_NOMES_EXCLUIDOS = ("admin",)
MODULOS_EXCLUIDOS = ("allauth.", "django.contrib.admin")
METODOS_HTTP = ("GET", "POST", "HEAD", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Rota:
    nome: str  # com o espaço de nomes
    padrao: URLPattern
    com_argumento: bool  # o caminho dela, ou o de um include acima, leva argumento

    @property
    def view(self):
        return self.padrao.callback

    @property
    def modulo(self) -> str:
        return self.view.__module__

    @property
    def metodos(self) -> list[str] | None:
        return metodos_da_view(self.view)

    @property
    def do_portal(self) -> bool:
        return (self.nome.split(":")[0] not in ESPACOS_DE_NOMES_EXCLUIDOS
                and not self.modulo.startswith(MODULOS_EXCLUIDOS))


def _tem_argumento(padrao) -> bool:
    return bool(getattr(padrao.pattern, "converters", None)) or bool(getattr(padrao.pattern, "regex", None)
                                                                     and padrao.pattern.regex.groups)


def rotas(padroes=None, espaco: str | None = None, herdado: bool = False) -> Iterator[Rota]:
    """Cada rota com nome do URLconf, com o espaço de nomes e se leva argumento."""
    for padrao in get_resolver().url_patterns if padroes is None else padroes:
        if isinstance(padrao, URLResolver):
            proprio = padrao.namespace
            yield from rotas(padrao.url_patterns, f"{espaco}:{proprio}" if espaco and proprio else proprio or espaco,
                             herdado or _tem_argumento(padrao))
        elif isinstance(padrao, URLPattern) and padrao.name:
            nome = f"{espaco}:{padrao.name}" if espaco else padrao.name
            yield Rota(nome, padrao, herdado or _tem_argumento(padrao))


def rota(nome: str) -> Rota:
    return next(r for r in rotas() if r.nome == nome)


def metodos_da_view(view) -> list[str] | None:
    """Os métodos HTTP que a view aceita, achados na lista que `require_http_methods` (e `require_POST`) guarda no
    fecho do decorador, atravessando os demais decoradores; None se nenhum restringe."""
    pendentes, vistos = [view], set()
    while pendentes:
        funcao = pendentes.pop()
        if id(funcao) in vistos:
            continue
        vistos.add(id(funcao))
        for celula in getattr(funcao, "__closure__", None) or ():
            try:
                valor = celula.cell_contents
            except ValueError:
                continue
            if isinstance(valor, list | tuple) and valor and all(isinstance(v, str) and v in METODOS_HTTP
                                                                 for v in valor):
                return list(valor)
            if callable(valor) and hasattr(valor, "__code__"):
                pendentes.append(valor)
        if hasattr(funcao, "__wrapped__"):
            pendentes.append(funcao.__wrapped__)
    return None


def conferir_registro(existentes: set[str], registradas: Iterable[str], excluidas: Iterable[str], *,
                      faltam: str, sobram: str) -> None:
    """Toda rota de `existentes` está no registro ou nas exclusões, e nada do registro deixou de existir.
    `faltam` e `sobram` abrem as mensagens (o que fazer com cada nome)."""
    conhecidas = set(registradas) | set(excluidas)
    assert not existentes - conhecidas, f"{faltam}: {sorted(existentes - conhecidas)}"
    assert not conhecidas - existentes, f"{sobram}: {sorted(conhecidas - existentes)}"
