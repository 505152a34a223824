"""O cronograma de migração do Anexo I da Portaria Conjunta DIRBEN/DTI/INSS nº 96/2024 (seed 004), como dado.

Cada linha: a data ou o período, a Superintendência Regional e as seccionais da OAB (pela UF). O Rio Grande do
Sul ficou "a definir" (nota do Anexo I). A carga recebe os modelos para servir à migração (modelos históricos)
e à demonstração (depois que um teste esvazia o banco); rodar de novo não muda nada."""

from datetime import date

# A Portaria foi publicada em 15/05/2024: quem celebra acordo depois usa só o A3 desde o início (art. 1º, § 2º).
DATA_DA_PORTARIA = date(2024, 5, 15)
OAB = "oab_seccional"

NOTA_RS = ("Devido aos eventos climáticos de chuvas intensas no território do Estado do Rio Grande do Sul, o "
           "cronograma deste estado será definido posteriormente.")

# (ordem, nome, início, fim, número da SR, UFs das OABs, nota)
ANEXO_I = [
    (1, "Anexo I — Sudeste I", date(2024, 5, 16), date(2024, 5, 16), 1, ["SP"], ""),
    (2, "Anexo I — Norte/Centro-Oeste", date(2024, 5, 27), date(2024, 6, 7), 6,
     ["DF", "GO", "MS", "MT", "TO", "PA", "AM", "RO", "AC", "AP", "RR"], ""),
    (3, "Anexo I — Sudeste III", date(2024, 6, 10), date(2024, 6, 21), 3, ["RJ"], ""),
    (4, "Anexo I — Sudeste II", date(2024, 6, 24), date(2024, 7, 5), 2, ["MG", "ES"], ""),
    (5, "Anexo I — Nordeste", date(2024, 7, 8), date(2024, 7, 19), 5,
     ["BA", "SE", "AL", "PE", "PB", "RN", "CE", "PI", "MA"], ""),
    (6, "Anexo I — Sul", date(2024, 7, 22), date(2024, 8, 2), 4, ["PR", "SC"], ""),
    (7, "Anexo I — Sul (Rio Grande do Sul)", None, None, 4, ["RS"], NOTA_RS),
]


def carregar_cronograma(LoteDaMigracaoA3, SuperintendenciaRegional) -> None:  # noqa: N803 — modelos históricos
    srs = {sr.numero: sr for sr in SuperintendenciaRegional.objects.all()}
    for ordem, nome, inicio, fim, sr, ufs, nota in ANEXO_I:
        LoteDaMigracaoA3.objects.get_or_create(
            nome=nome,
            defaults={"ordem": ordem, "inicio": inicio, "fim": fim, "sr": srs.get(sr), "ufs": ufs,
                      "tipos_de_entidade": [OAB], "nota": nota},
        )
