"""A autodeclaração do segurado especial (seed 002: "preencher a autodeclaração rural eletrônica, sem
necessidade de documentos físicos"): os períodos de atividade, com o imóvel e a condição nele, o grupo
familiar e a produção. Preenchida no rascunho do requerimento; cada gravação substitui a anterior inteira.

As regras dos períodos e dos membros ficam aqui, em funções puras: o formulário as usa para pôr cada mensagem
no seu campo, e o serviço as confere de novo antes de gravar (quem chama sem formulário não grava dado torto).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from atendimento.catalogo import exige_autodeclaracao
from atendimento.models import (
    AtividadeRural,
    AutodeclaracaoRural,
    CondicaoNoImovel,
    MembroDoGrupoFamiliar,
    PeriodoRural,
    Requerimento,
    StatusRequerimento,
)
from atendimento.selectors import age_pela_entidade
from atendimento.services._comum import ErroDoRequerimento
from portal.auditoria.services import evento_registrar
from portal.validadores import cpf_valido, formatar_cpf, somente_digitos


def _data(valor: date) -> str:
    return valor.strftime("%d/%m/%Y")


def _intervalo(periodo: dict) -> str:
    return f"{_data(periodo['inicio'])} a {_data(periodo['fim'])}"


def area_dispensada(atividade: str) -> bool:
    """Na pesca artesanal o "imóvel" é o local de pesca ou a embarcação: não há área em hectares."""
    return atividade == AtividadeRural.PESCA_ARTESANAL


def periodo_problemas(periodo: dict, *, hoje: date) -> dict[str, str]:
    """O que impede um período, por campo. Campos ausentes (já recusados pelo formulário) não são conferidos."""
    problemas = {}
    inicio, fim = periodo.get("inicio"), periodo.get("fim")
    if inicio and inicio > hoje:
        problemas["inicio"] = f"O início ({_data(inicio)}) não pode ser uma data futura."
    if fim and fim > hoje:
        problemas["fim"] = (f"O fim ({_data(fim)}) não pode ser uma data futura; se a atividade continua, "
                            "informe a data de hoje.")
    elif inicio and fim and fim < inicio:
        problemas["fim"] = f"O fim do período ({_data(fim)}) é anterior ao início ({_data(inicio)})."
    area = periodo.get("area_hectares")
    if area is None:
        if "area_hectares" in periodo and not area_dispensada(periodo.get("atividade", "")):
            problemas["area_hectares"] = "Informe a área do imóvel em hectares (só a pesca artesanal dispensa)."
    elif area <= 0:
        problemas["area_hectares"] = "A área deve ser maior que zero (em hectares; use vírgula para decimais)."
    condicao = periodo.get("condicao")
    if condicao and condicao != CondicaoNoImovel.PROPRIETARIO and not (periodo.get("proprietario") or "").strip():
        problemas["proprietario"] = (
            f"Informe o nome do proprietário do imóvel: a condição declarada é "
            f"{CondicaoNoImovel(condicao).label.lower()}, não proprietário(a)."
        )
    return problemas


def periodos_problemas(periodos: list[dict], *, numeros: list[int] | None = None) -> list[str]:
    """O que impede o conjunto: nenhum período, fora de ordem, sobrepostos (dizendo quais). `numeros`: como a
    pessoa vê cada período na tela (1, 2, ...), se não é a posição na lista."""
    if not periodos:
        return ["Informe ao menos um período de atividade rural."]
    numeros = numeros or list(range(1, len(periodos) + 1))
    numerados = list(zip(numeros, periodos, strict=True))
    problemas = []
    for (n_anterior, anterior), (n, periodo) in zip(numerados, numerados[1:], strict=False):
        if periodo["inicio"] < anterior["inicio"]:
            problemas.append(
                f"Os períodos estão fora de ordem: o período {n} (início em {_data(periodo['inicio'])}) começa "
                f"antes do período {n_anterior} (início em {_data(anterior['inicio'])}). Informe-os do mais antigo "
                "para o mais recente."
            )
    for i, (n_a, a) in enumerate(numerados):
        for n_b, b in numerados[i + 1:]:
            if a["inicio"] <= b["fim"] and b["inicio"] <= a["fim"]:
                primeiro, segundo = sorted([(n_a, a), (n_b, b)], key=lambda item: item[0])
                problemas.append(
                    f"Os períodos {primeiro[0]} ({_intervalo(primeiro[1])}) e {segundo[0]} "
                    f"({_intervalo(segundo[1])}) se sobrepõem: o mesmo tempo não pode ser declarado duas vezes. "
                    "Um período deve terminar antes de o seguinte começar."
                )
    return problemas


def membro_problemas(membro: dict, *, hoje: date) -> dict[str, str]:
    problemas = {}
    nascimento = membro.get("nascimento")
    if nascimento and nascimento > hoje:
        problemas["nascimento"] = f"A data de nascimento ({_data(nascimento)}) não pode ser futura."
    cpf = somente_digitos(membro.get("cpf") or "")
    if cpf and not cpf_valido(cpf):
        problemas["cpf"] = "CPF inválido: os dígitos verificadores não conferem."
    return problemas


def membros_problemas(membros: list[dict], *, numeros: list[int] | None = None) -> list[str]:
    """O mesmo CPF em dois membros é erro de digitação (ou a mesma pessoa duas vezes)."""
    numeros = numeros or list(range(1, len(membros) + 1))
    vistos: dict[str, int] = {}
    problemas = []
    for numero, membro in zip(numeros, membros, strict=True):
        cpf = somente_digitos(membro.get("cpf") or "")
        if not cpf:
            continue
        if cpf in vistos:
            problemas.append(f"O CPF {formatar_cpf(cpf)} aparece nos membros {vistos[cpf]} e {numero}.")
        else:
            vistos[cpf] = numero
    return problemas


def _primeiro(problemas: dict[str, str]) -> tuple[str, str] | None:
    return next(iter(problemas.items()), None)


def _conferir(periodos: list[dict], membros: list[dict], hoje: date) -> None:
    """As mesmas regras do formulário, para quem chama o serviço sem ele: a primeira que falha, recusada."""
    for numero, periodo in enumerate(periodos, start=1):
        if problema := _primeiro(periodo_problemas(periodo, hoje=hoje)):
            raise ErroDoRequerimento(f"Período {numero}: {problema[1]}", campo=problema[0])
    if problemas := periodos_problemas(periodos):
        raise ErroDoRequerimento(problemas[0])
    for numero, membro in enumerate(membros, start=1):
        if problema := _primeiro(membro_problemas(membro, hoje=hoje)):
            raise ErroDoRequerimento(f"Membro {numero} do grupo familiar: {problema[1]}", campo=problema[0])
    if problemas := membros_problemas(membros):
        raise ErroDoRequerimento(problemas[0])


def _proprietario(periodo: dict) -> str:
    # Só de quem não é dono: um nome ao lado de "proprietário(a)" contradiria a condição declarada.
    if periodo["condicao"] == CondicaoNoImovel.PROPRIETARIO:
        return ""
    return (periodo.get("proprietario") or "").strip()


@transaction.atomic
def autodeclaracao_salvar(
    *, requerimento: Requerimento, producao: str, periodos: list[dict], membros: list[dict], por,
) -> AutodeclaracaoRural:
    """Grava a autodeclaração do rascunho, substituindo a anterior (períodos e membros inteiros).

    `periodos`: dicts com inicio, fim, atividade, imovel, municipio (um Municipio), area_hectares (None na
    pesca artesanal), condicao e proprietario; `membros`: nome, cpf ("" se não há), nascimento, parentesco,
    participa. Chaves a mais (uf, DELETE do formset) são ignoradas."""
    if not exige_autodeclaracao(requerimento.servico):
        raise ErroDoRequerimento(f"O serviço {requerimento.servico} não pede a autodeclaração do segurado especial.")
    if not age_pela_entidade(por, requerimento.entidade):
        raise ErroDoRequerimento(
            "Preenchem o requerimento os representantes da entidade cujo papel protocola (Autentica, Advogado, "
            "OAB) e os gestores; o papel Consulta só acompanha."
        )
    # Travado até o commit: o envio do protocolo ao mesmo tempo espera por isto, ou vem antes e o recusa aqui.
    if not Requerimento.objects.select_for_update().filter(pk=requerimento.pk,
                                                           status=StatusRequerimento.RASCUNHO).exists():
        raise ErroDoRequerimento(
            "A autodeclaração só pode ser alterada enquanto o requerimento é rascunho; este já foi protocolado."
        )
    _conferir(periodos, membros, timezone.localdate())

    autodeclaracao, criada = AutodeclaracaoRural.objects.update_or_create(
        requerimento=requerimento, defaults={"producao": producao.strip()}
    )
    if not criada:
        autodeclaracao.periodos.all().delete()
        autodeclaracao.grupo_familiar.all().delete()
    PeriodoRural.objects.bulk_create([
        PeriodoRural(
            autodeclaracao=autodeclaracao, inicio=p["inicio"], fim=p["fim"], atividade=p["atividade"],
            imovel=p["imovel"].strip(), municipio=p["municipio"], condicao=p["condicao"],
            area_hectares=p["area_hectares"] if p["area_hectares"] is not None else Decimal(0),
            proprietario=_proprietario(p),
        )
        for p in periodos
    ])
    MembroDoGrupoFamiliar.objects.bulk_create([
        MembroDoGrupoFamiliar(
            autodeclaracao=autodeclaracao, nome=m["nome"].strip(), cpf=somente_digitos(m.get("cpf") or ""),
            nascimento=m["nascimento"], parentesco=m["parentesco"], participa=bool(m.get("participa")),
        )
        for m in membros
    ])
    evento_registrar(
        objeto=requerimento, acao="autodeclaracao_salva", por=por,
        alteracoes={"periodos": len(periodos), "membros": len(membros)},
    )
    return autodeclaracao


def autodeclaracao_dados_iniciais(requerimento: Requerimento) -> tuple[str, list[dict], list[dict]]:
    """(produção, períodos, membros) como os formulários os esperam em `initial`, para retomar o rascunho;
    ("", [], []) se ainda não há autodeclaração. O município volta como UF e nome."""
    autodeclaracao = AutodeclaracaoRural.objects.filter(requerimento=requerimento).first()
    if autodeclaracao is None:
        return "", [], []
    periodos = [
        {
            "inicio": p.inicio, "fim": p.fim, "atividade": p.atividade, "imovel": p.imovel,
            "uf": p.municipio.uf_id, "municipio": p.municipio.nome,
            "area_hectares": p.area_hectares if p.area_hectares or not area_dispensada(p.atividade) else None,
            "condicao": p.condicao, "proprietario": p.proprietario,
        }
        for p in autodeclaracao.periodos.select_related("municipio")
    ]
    membros = [
        {"nome": m.nome, "cpf": formatar_cpf(m.cpf) if m.cpf else "", "nascimento": m.nascimento,
         "parentesco": m.parentesco, "participa": m.participa}
        for m in autodeclaracao.grupo_familiar.all()
    ]
    return autodeclaracao.producao, periodos, membros
