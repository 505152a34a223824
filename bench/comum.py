"""O que todos os geradores do conjunto nacional compartilham: o contexto da carga (o sorteio, a data-âncora,
os ids já dados e o que uma etapa deixa para a seguinte) e os sorteios de números brasileiros.

Tempo: os instantes são segundos desde a época (int, UTC). O horário de Brasília é UTC−3 sem horário de verão
desde 2019; o conjunto cobre só os três anos antes da âncora, então a conversão é um deslocamento fixo.
"""

import heapq
import math
import random
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from portal.validadores import cnpj_com_digitos

BRASILIA = ZoneInfo("America/Sao_Paulo")
DESLOCAMENTO_BRASILIA = -3 * 3600
DIA = 86400

# DESIGN.md, "Scale we design for", na escala 1,0.
VOLUMES = {
    "gex": 100, "aps": 1_600, "entidades": 10_000, "acordos": 12_000, "representantes": 60_000,
    "requerimentos": 2_000_000, "chamados": 200_000, "acompanhamentos": 600_000, "vagas": 500_000,
}


def volumes_na_escala(escala: float) -> dict[str, int]:
    volumes = {chave: round(total * escala) for chave, total in VOLUMES.items()}
    # Toda UF tem ao menos uma GEX, e toda GEX ao menos uma APS; toda entidade tem ao menos um acordo e um
    # representante (o gestor que abre chamados).
    volumes["gex"] = max(volumes["gex"], 28)  # 27 UFs, e São Paulo já tem duas na demonstração
    volumes["aps"] = max(volumes["aps"], volumes["gex"] + 1)  # Campinas já tem duas APS na demonstração
    volumes["entidades"] = max(volumes["entidades"], 10)
    volumes["acordos"] = max(volumes["acordos"], volumes["entidades"])
    volumes["representantes"] = max(volumes["representantes"], volumes["entidades"])
    return volumes


@dataclass
class Entidade:
    id: int
    cnpj: str
    razao_social: str
    tipo: str
    uf: str
    municipio: str
    sr: int
    gex: int | None
    criada_em: int
    porte: float = 0.0  # quanto a entidade protocola, antes da ordem de Zipf
    peso: float = 0.0  # o peso de Zipf nos requerimentos
    # (início, fim, ids dos serviços pactuados) de cada acordo sob o qual a entidade protocolou.
    janelas: list = field(default_factory=list)
    protocolantes: list = field(default_factory=list)
    gestores: list = field(default_factory=list)


@dataclass
class Contexto:
    semente: int
    escala: float
    volumes: dict
    rng: random.Random
    ancora: int  # meia-noite de hoje em Brasília: o "agora" do conjunto (reprodutível no mesmo dia)
    hoje: date
    carga: object
    proximos_ids: dict = field(default_factory=dict)
    tipos: dict = field(default_factory=dict)  # ContentType por rótulo do modelo
    senha: str = ""
    personas: dict = field(default_factory=dict)  # apelido → id do usuário
    entidades: list = field(default_factory=list)
    entidade_por_cnpj: dict = field(default_factory=dict)
    agencias: list = field(default_factory=list)  # dicts: id, codigo, gex, municipio, fuso, peso
    analistas: dict = field(default_factory=dict)  # sr → [ids]
    tecnicos: dict = field(default_factory=dict)  # sr → [ids]
    servidores_aps: dict = field(default_factory=dict)  # aps → [ids]
    operadores_135: list = field(default_factory=list)
    servicos: dict = field(default_factory=dict)  # id → (código, nome para o histórico)
    srs: dict = field(default_factory=dict)  # número → id
    ufs: dict = field(default_factory=dict)  # sigla → (id da SR, fuso)
    municipios: dict = field(default_factory=dict)  # código IBGE → (nome, UF)
    populacao: dict = field(default_factory=dict)  # código IBGE → milhares de habitantes
    gex_do_municipio: dict = field(default_factory=dict)  # código IBGE → [ids das GEX que o atendem]
    nomes_de_usuario: dict = field(default_factory=dict)  # id → nome (para os eventos)
    resumo: dict = field(default_factory=dict)
    sequencias: dict = field(default_factory=dict)  # chave de portal.operacao.Sequencia → último número

    def ids(self, modelo, quantos: int) -> int:
        """Reserva `quantos` ids consecutivos para o modelo e devolve o primeiro."""
        tabela = modelo._meta.db_table
        primeiro = self.proximos_ids[tabela]
        self.proximos_ids[tabela] = primeiro + quantos
        return primeiro

    def sequencia(self, chave: str, numero: int) -> None:
        if numero > self.sequencias.get(chave, 0):
            self.sequencias[chave] = numero


def ancora_de_hoje() -> tuple[int, date]:
    hoje = datetime.now(BRASILIA).date()
    meia_noite = datetime(hoje.year, hoje.month, hoje.day, tzinfo=BRASILIA)
    return int(meia_noite.timestamp()), hoje


def data_local(instante: int) -> date:
    return datetime.fromtimestamp(instante + DESLOCAMENTO_BRASILIA, UTC).date()


def instante_local(dia: date, segundos: int = 0) -> int:
    """O instante de `dia` em Brasília, `segundos` depois da meia-noite."""
    return int(datetime(dia.year, dia.month, dia.day, tzinfo=UTC).timestamp()) - DESLOCAMENTO_BRASILIA + segundos


def dia_util_ou_seguinte(dia: date) -> date:
    while dia.weekday() >= 5:
        dia += timedelta(days=1)
    return dia


# --- formatação para o COPY (formato texto do PostgreSQL) ----------------------------------------------------

NULO = "\\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def texto(valor: str) -> str:
    """Texto livre que pode ter quebras de linha ou tabulações."""
    return valor.translate(_ESCAPES)


def ts(instante: int | None) -> str:
    if instante is None:
        return NULO
    return time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(instante))


def opcional(valor) -> str:
    return NULO if valor is None else str(valor)


def booleano(valor: bool) -> str:
    return "t" if valor else "f"


# --- sorteios ---------------------------------------------------------------------------------------------------


def cpf(base: int) -> str:
    """Os 9 dígitos de `base` seguidos dos dois verificadores."""
    d = [int(c) for c in f"{base:09d}"]
    soma = sum(peso * digito for peso, digito in zip(range(10, 1, -1), d, strict=True))
    d.append(0 if soma % 11 < 2 else 11 - soma % 11)
    soma = sum(peso * digito for peso, digito in zip(range(11, 1, -1), d, strict=True))
    d.append(0 if soma % 11 < 2 else 11 - soma % 11)
    return "".join(map(str, d))


def nit(base: int) -> str:
    d = [int(c) for c in f"{base:010d}"]
    resto = sum(p * x for p, x in zip([3, 2, 9, 8, 7, 6, 5, 4, 3, 2], d, strict=True)) % 11
    return f"{base:010d}{0 if resto < 2 else 11 - resto}"


def cnpj(raiz: int) -> str:
    return cnpj_com_digitos(f"{raiz:08d}0001")


def bases_unicas(rng: random.Random, quantas: int, *, digitos: int, evitar: set[int]) -> list[int]:
    """`quantas` bases distintas de `digitos` dígitos, fora de `evitar` e sem todos os dígitos iguais."""
    limite = 10**digitos
    usadas = set(evitar)
    bases = []
    while len(bases) < quantas:
        base = rng.randrange(10 ** (digitos - 1), limite)
        texto_base = str(base)
        if base in usadas or texto_base == texto_base[0] * digitos:
            continue
        usadas.add(base)
        bases.append(base)
    return bases


def sem_acento(valor: str) -> str:
    return unicodedata.normalize("NFKD", valor).encode("ascii", "ignore").decode()


def nome_de_pessoa(rng: random.Random, nomes: list[str], sobrenomes: list[str]) -> str:
    if rng.random() < 0.6:
        return f"{rng.choice(nomes)} {rng.choice(sobrenomes)} {rng.choice(sobrenomes)}"
    return f"{rng.choice(nomes)} {rng.choice(sobrenomes)}"


def dhondt(pesos: dict, total: int, minimo: dict | None = None, teto: int | None = None) -> dict:
    """Reparte `total` lugares proporcionalmente aos pesos (D'Hondt), partindo de `minimo` lugares por chave e
    com no máximo `teto` por chave."""
    lugares = {chave: (minimo or {}).get(chave, 0) for chave in pesos}
    heap = [(-peso / (lugares[chave] + 1), i, chave) for i, (chave, peso) in enumerate(pesos.items())
            if teto is None or lugares[chave] < teto]
    heapq.heapify(heap)
    for _ in range(total - sum(lugares.values())):
        if not heap:
            break
        _, i, chave = heapq.heappop(heap)
        lugares[chave] += 1
        if teto is None or lugares[chave] < teto:
            heapq.heappush(heap, (-pesos[chave] / (lugares[chave] + 1), i, chave))
    return lugares


def sem_reposicao(rng: random.Random, itens: list, pesos: list[float], quantos: int) -> list:
    """Amostra ponderada sem reposição (Efraimidis–Spirakis): os de maior peso saem mais."""
    chaves = [(math.log(rng.random() or 1e-300) / peso, i) for i, peso in enumerate(pesos) if peso > 0]
    return [itens[i] for _, i in heapq.nlargest(quantos, chaves)]
