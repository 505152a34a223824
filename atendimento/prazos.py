"""Prazo da exigência: Lei 9.784/99, art. 66 (ADR 0010).

O dia da notificação não entra na contagem. Os dias são corridos, e fins de semana e feriados no meio
também contam (§ 2º). Se o último dia cair em dia sem expediente, ou com expediente encerrado antes da
hora normal, o prazo vai para o primeiro dia útil seguinte (§ 1º). Entram os feriados nacionais e os da
UF da entidade. Municipais não entram, porque a biblioteca `holidays` não os tem.

`somar_dias_uteis` conta só dias úteis, com o mesmo calendário: é o prazo da APS para ofertar vagas do ATESP
depois da ativação (seed 000, "até dois dias"; contamos dias úteis).

Funções puras, sem banco. Os feriados de cada (UF, ano) ficam em cache, porque a varredura chama
estas funções para muitas linhas.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

PRAZO_DA_EXIGENCIA_EM_DIAS = 30
PRORROGACAO_EM_DIAS = 30
LEMBRETES_ANTES_DO_FIM = (5, 1)  # dias corridos antes do último dia
# Seed 000: ativado o ATESP, a agência tem até dois dias (úteis, DESIGN.md) para ofertar vagas.
PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS = 2

# Só as siglas. A biblioteca também aceita "São Paulo Capital" (município) e nomes por extenso,
# mas o portal grava a sigla da UF (organizacao.UF.sigla).
UFS = frozenset(sigla for sigla in holidays.Brazil.subdivisions if len(sigla) == 2)

# Pontos facultativos da categoria OPTIONAL da biblioteca sem expediente no INSS. Os nomes são os da
# biblioteca em pt_BR. O teste confere que cada nome dessa categoria está aqui ou em
# FACULTATIVOS_COM_EXPEDIENTE, para que um nome novo numa atualização exija decisão.
# - Carnaval (segunda e terça) e Corpus Christi: ponto facultativo o dia inteiro, todo ano.
# - Vésperas de Natal e de Ano-Novo: a portaria encerra o expediente às 13h ou 14h. Pelo § 1º
#   ("encerrado antes da hora normal"), o prazo que vence nesse dia vai para o dia útil seguinte.
# - Dia do Servidor (28/10): a portaria às vezes muda a data. Tratar o dia 28 como sem expediente
#   erra, no máximo, para um dia a mais em favor da entidade. A data nova entra na tabela abaixo.
FACULTATIVOS_SEM_EXPEDIENTE = frozenset(
    {"Carnaval", "Corpus Christi", "Dia do Servidor Público", "Véspera de Natal", "Véspera de Ano-Novo"}
)
# O expediente da Quarta-feira de Cinzas começa às 14h. Ele não se encerra antes da hora normal,
# então é dia útil.
FACULTATIVOS_COM_EXPEDIENTE = frozenset({"Quarta-feira de Cinzas"})

# Pontos facultativos da portaria anual do MGI que a biblioteca não conhece: emendas de feriado e o
# Dia do Servidor em data mudada. Incluir os dias da portaria do ano seguinte quando ela sair, em
# dezembro (ADR 0010).
PONTOS_FACULTATIVOS_DA_PORTARIA = frozenset(
    {
        # Portaria MGI nº 11.460, de 29/12/2025 (calendário de 2026)
        date(2026, 4, 20),  # segunda-feira antes de Tiradentes
        date(2026, 6, 5),  # sexta-feira depois de Corpus Christi
    }
)


def _validar_uf(uf: str) -> None:
    if uf not in UFS:
        raise ValueError(f"UF inválida: {uf!r}. Use a sigla de uma das 27 UFs, em maiúsculas (ex.: 'SP').")


def _como_data(dia: date | datetime) -> date:
    # datetime é subclasse de date. Sem a conversão, um aware em UTC perto da meia-noite cairia no
    # dia seguinte ao de Brasília. Um datetime ingênuo levanta ValueError em localdate().
    if isinstance(dia, datetime):
        return timezone.localdate(dia)
    return dia


@lru_cache(maxsize=512)
def _dias_sem_expediente(uf: str, ano: int) -> frozenset[date]:
    feriados = holidays.Brazil(subdiv=uf, years=ano, categories=holidays.PUBLIC)
    facultativos = holidays.Brazil(years=ano, categories=holidays.OPTIONAL, language="pt_BR")
    sem_expediente = {
        dia for dia in facultativos if FACULTATIVOS_SEM_EXPEDIENTE.intersection(facultativos.get_list(dia))
    }
    da_portaria = {dia for dia in PONTOS_FACULTATIVOS_DA_PORTARIA if dia.year == ano}
    return frozenset(feriados) | sem_expediente | da_portaria


def dia_util(dia: date, uf: str) -> bool:
    """Há expediente normal no INSS nesse dia, na UF: não é sábado, domingo, feriado nacional ou da UF,
    nem ponto facultativo sem expediente ou com expediente encerrado antes da hora normal."""
    _validar_uf(uf)
    dia = _como_data(dia)
    return dia.weekday() < 5 and dia not in _dias_sem_expediente(uf, dia.year)


def proximo_dia_util(dia: date, uf: str) -> date:
    """O próprio dia, se for útil; senão, o primeiro dia útil depois dele."""
    _validar_uf(uf)
    dia = _como_data(dia)
    while not dia_util(dia, uf):
        dia += timedelta(days=1)
    return dia


def somar_dias_uteis(dia: date | datetime, dias: int, uf: str) -> date:
    """O `dias`-ésimo dia útil depois de `dia`, na UF: o próprio dia não conta, e só contam os dias úteis
    (sem sábado, domingo, feriado nem ponto facultativo sem expediente). Sexta + 2 = terça.
    Um datetime é convertido para a data local (America/Sao_Paulo)."""
    _validar_uf(uf)
    if dias < 1:
        raise ValueError(f"Some pelo menos 1 dia útil (recebido: {dias}).")
    dia = _como_data(dia)
    for _ in range(dias):
        dia = proximo_dia_util(dia + timedelta(days=1), uf)
    return dia


def prazo_da_exigencia(notificada_em: date | datetime, uf: str, dias: int = PRAZO_DA_EXIGENCIA_EM_DIAS) -> date:
    """Último dia para responder à exigência notificada em `notificada_em`, na UF da entidade.

    A contagem começa no dia seguinte ao da notificação, em dias corridos. Um vencimento em dia sem
    expediente vai para o próximo dia útil. O início não é adiado: o art. 66 só adia o vencimento.
    Um datetime é convertido para a data local (America/Sao_Paulo)."""
    _validar_uf(uf)
    if dias < 1:
        raise ValueError(f"O prazo precisa ter pelo menos 1 dia (recebido: {dias}).")
    return proximo_dia_util(_como_data(notificada_em) + timedelta(days=dias), uf)


def prazo_prorrogado(prazo_fim: date | datetime, uf: str, dias: int = PRORROGACAO_EM_DIAS) -> date:
    """Novo último dia depois da única prorrogação. Os dias são corridos e contam a partir do fim
    vigente, já ajustado para dia útil. O resultado também vai para o próximo dia útil.
    A regra de uma só prorrogação é do serviço, não desta função."""
    _validar_uf(uf)
    if dias < 1:
        raise ValueError(f"A prorrogação precisa ter pelo menos 1 dia (recebido: {dias}).")
    return proximo_dia_util(_como_data(prazo_fim) + timedelta(days=dias), uf)


def dias_restantes(prazo_fim: date | datetime, hoje: date | datetime) -> int:
    """Dias corridos de `hoje` até o último dia: 0 no próprio último dia (ainda dá para responder),
    negativo depois dele. Os lembretes saem quando o valor é um dos LEMBRETES_ANTES_DO_FIM."""
    return (_como_data(prazo_fim) - _como_data(hoje)).days
