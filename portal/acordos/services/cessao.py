"""Cessão de imóvel (TCOU): só órgãos públicos, até 24 meses por termo, renovável."""

import calendar
from datetime import date

from django.db import transaction

from portal.acordos.models import (
    CessaoDeImovel,
)
from portal.acordos.services._comum import ErroDoAcordo
from portal.auditoria.services import evento_registrar

MESES_MAXIMOS_DA_CESSAO = 24


ENTIDADES_PUBLICAS = ("prefeitura",)


def _meses_depois(dia: date, meses: int) -> date:
    ano, mes = divmod(dia.month - 1 + meses, 12)
    ultimo_dia = calendar.monthrange(dia.year + ano, mes + 1)[1]
    return dia.replace(year=dia.year + ano, month=mes + 1, day=min(dia.day, ultimo_dia))


def _conferir_cessao(entidade, meses: int) -> None:
    if entidade.tipo not in ENTIDADES_PUBLICAS:
        raise ErroDoAcordo(
            f"A cessão de imóvel (TCOU) é só para órgãos públicos; {entidade} é "
            f"{entidade.get_tipo_display().lower()}."
        )
    if not 1 <= meses <= MESES_MAXIMOS_DA_CESSAO:
        raise ErroDoAcordo(
            f"O prazo da cessão vai de 1 a {MESES_MAXIMOS_DA_CESSAO} meses; para mais, registre uma renovação "
            "ao fim do termo."
        )


@transaction.atomic
def cessao_registrar(*, entidade, endereco: str, descricao: str, inicio: date, meses: int, por) -> CessaoDeImovel:
    _conferir_cessao(entidade, meses)
    cessao = CessaoDeImovel.objects.create(
        entidade=entidade, endereco=endereco.strip(), descricao=descricao.strip(), inicio=inicio,
        fim=_meses_depois(inicio, meses), registrada_por=por,
    )
    evento_registrar(objeto=entidade, acao="cessao_registrada", por=por, nota=str(cessao))
    return cessao


@transaction.atomic
def cessao_renovar(*, cessao: CessaoDeImovel, meses: int, por) -> CessaoDeImovel:
    """Um novo termo, do fim do anterior por até 24 meses; cada termo se renova uma vez (o novo, depois)."""
    _conferir_cessao(cessao.entidade, meses)
    if CessaoDeImovel.objects.filter(renovacao_de=cessao).exists():
        raise ErroDoAcordo("Este termo já foi renovado; renove o termo mais recente.")
    nova = CessaoDeImovel.objects.create(
        entidade=cessao.entidade, endereco=cessao.endereco, descricao=cessao.descricao, inicio=cessao.fim,
        fim=_meses_depois(cessao.fim, meses), renovacao_de=cessao, registrada_por=por,
    )
    evento_registrar(objeto=cessao.entidade, acao="cessao_renovada", por=por, nota=str(nova))
    return nova
