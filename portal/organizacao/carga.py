"""Os dados reais da organização: as 6 SR (DESIGN.md), as 27 UFs e os 5.570 municípios do IBGE.

As funções recebem as classes de modelo para servir tanto à migração (modelos históricos) quanto a
`seed_demo` e aos testes que esvaziam o banco (modelos atuais). Rodar de novo não muda nada.
"""

import csv
from pathlib import Path

ARQUIVO_MUNICIPIOS = Path(__file__).parent / "data" / "municipios.csv"

# (número, nome, UFs). Só o grupo "21150.SR-1" (Sudeste I) aparece na seed 003; os demais seguem a
# mesma forma com o número da SR na ordem de DESIGN.md (docs/adr/0003-numeracao-das-sr.md).
SUPERINTENDENCIAS = [
    (1, "Sudeste I", ["SP"]),
    (2, "Sudeste II", ["MG", "ES"]),
    (3, "Sudeste III", ["RJ"]),
    (4, "Sul", ["PR", "SC", "RS"]),
    (5, "Nordeste", ["BA", "SE", "AL", "PE", "PB", "RN", "CE", "PI", "MA"]),
    (6, "Norte/Centro-Oeste", ["DF", "GO", "MS", "MT", "TO", "PA", "AM", "RO", "AC", "AP", "RR"]),
]

# sigla: (código IBGE, nome, fuso horário da capital)
UFS = {
    "RO": ("11", "Rondônia", "America/Porto_Velho"),
    "AC": ("12", "Acre", "America/Rio_Branco"),
    "AM": ("13", "Amazonas", "America/Manaus"),
    "RR": ("14", "Roraima", "America/Boa_Vista"),
    "PA": ("15", "Pará", "America/Belem"),
    "AP": ("16", "Amapá", "America/Belem"),
    "TO": ("17", "Tocantins", "America/Araguaina"),
    "MA": ("21", "Maranhão", "America/Fortaleza"),
    "PI": ("22", "Piauí", "America/Fortaleza"),
    "CE": ("23", "Ceará", "America/Fortaleza"),
    "RN": ("24", "Rio Grande do Norte", "America/Fortaleza"),
    "PB": ("25", "Paraíba", "America/Fortaleza"),
    "PE": ("26", "Pernambuco", "America/Recife"),
    "AL": ("27", "Alagoas", "America/Maceio"),
    "SE": ("28", "Sergipe", "America/Maceio"),
    "BA": ("29", "Bahia", "America/Bahia"),
    "MG": ("31", "Minas Gerais", "America/Sao_Paulo"),
    "ES": ("32", "Espírito Santo", "America/Sao_Paulo"),
    "RJ": ("33", "Rio de Janeiro", "America/Sao_Paulo"),
    "SP": ("35", "São Paulo", "America/Sao_Paulo"),
    "PR": ("41", "Paraná", "America/Sao_Paulo"),
    "SC": ("42", "Santa Catarina", "America/Sao_Paulo"),
    "RS": ("43", "Rio Grande do Sul", "America/Sao_Paulo"),
    "MS": ("50", "Mato Grosso do Sul", "America/Campo_Grande"),
    "MT": ("51", "Mato Grosso", "America/Cuiaba"),
    "GO": ("52", "Goiás", "America/Sao_Paulo"),
    "DF": ("53", "Distrito Federal", "America/Sao_Paulo"),
}


def grupo_suporte_da_sr(numero: int) -> str:
    return f"21150.SR-{numero}"


def ler_municipios() -> list[tuple[str, str, str]]:
    with ARQUIVO_MUNICIPIOS.open(encoding="utf-8", newline="") as arquivo:
        return [(linha["codigo_ibge"], linha["nome"], linha["uf"]) for linha in csv.DictReader(arquivo)]


def carregar_organizacao(SuperintendenciaRegional, UF, Municipio) -> None:  # noqa: N803
    for numero, nome, siglas in SUPERINTENDENCIAS:
        # O código do grupo de suporte pode ser editado na administração: só é posto na criação.
        sr, _ = SuperintendenciaRegional.objects.get_or_create(
            numero=numero, defaults={"nome": nome, "grupo_suporte": grupo_suporte_da_sr(numero)}
        )
        for sigla in siglas:
            codigo, nome_uf, fuso = UFS[sigla]
            UF.objects.update_or_create(
                sigla=sigla, defaults={"codigo_ibge": codigo, "nome": nome_uf, "sr": sr, "fuso_horario": fuso}
            )
    existentes = set(Municipio.objects.values_list("codigo_ibge", flat=True))
    novos = [
        Municipio(codigo_ibge=codigo, nome=nome, uf_id=uf)
        for codigo, nome, uf in ler_municipios()
        if codigo not in existentes
    ]
    Municipio.objects.bulk_create(novos, batch_size=1000)


def organizacao_carregada(Municipio) -> bool:  # noqa: N803
    return Municipio.objects.count() >= 5570
