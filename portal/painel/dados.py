"""Os dados de um relatório regional, já prontos para desenhar: o painel, o PDF e a apresentação usam os
mesmos números, na mesma ordem."""

from dataclasses import dataclass, field

from portal.acordos.models import StatusAcordo


@dataclass(frozen=True)
class Secao:
    """Uma lista que pede ação: as primeiras linhas e quantas há ao todo."""

    titulo: str
    cabecalho: list[str]
    linhas: list[list[str]]
    total: int


@dataclass
class DadosDoRelatorio:
    resumo: object  # selectors.Resumo
    secoes: list[Secao] = field(default_factory=list)

    @property
    def rotulos_de_status(self) -> list[str]:
        return [rotulo for _, rotulo in StatusAcordo.choices]

    @property
    def acordos_por_status(self) -> list[int]:
        return [self.resumo.por_status.get(status, 0) for status in StatusAcordo.values]

    @property
    def ufs(self) -> list[str]:
        return [uf for uf, _, _ in self.resumo.tabela_por_uf]

    @property
    def series_por_uf(self) -> list[tuple[str, list[int]]]:
        """Uma série por status (os que aparecem na região), com um valor por UF."""
        linhas = self.resumo.tabela_por_uf
        series = []
        for indice, (status, rotulo) in enumerate(StatusAcordo.choices):
            valores = [contagens[indice] for _, contagens, _ in linhas]
            if any(valores) or status == StatusAcordo.VIGENTE:
                series.append((rotulo, valores))
        return series

    @property
    def rotulos_de_vencimento(self) -> list[str]:
        faixas = sorted(self.resumo.vencendo)
        rotulos, anterior = [], 0
        for dias in faixas:
            rotulos.append(f"em até {dias} dias" if anterior == 0 else f"de {anterior + 1} a {dias} dias")
            anterior = dias
        return rotulos

    @property
    def acordos_vencendo(self) -> list[int]:
        return [self.resumo.vencendo[dias] for dias in sorted(self.resumo.vencendo)]

    @property
    def rotulos_de_representantes(self) -> list[str]:
        return ["Com acesso válido", "Vencendo em 30 dias", "Acesso vencido", "Acesso excluído"]

    @property
    def representantes(self) -> list[int]:
        r = self.resumo.representantes
        return [r["validos"], r["vencendo"], r["vencidos"], r["inativos"]]

    # A adoção do certificado A3 (Portaria 96/2024, art. 5º, IV), por lote do cronograma.
    @property
    def rotulos_a3_por_lote(self) -> list[str]:
        return [linha.rotulo for linha in self.resumo.a3.por_lote] if self.resumo.a3 else []

    @property
    def series_a3_por_lote(self) -> list[tuple[str, list[int]]]:
        linhas = self.resumo.a3.por_lote if self.resumo.a3 else []
        return [("Migradas", [linha.migradas for linha in linhas]),
                ("Não migradas", [linha.nao_migradas for linha in linhas])]

    # Para o PDF (que não desenha gráficos nativos): os mesmos números com o rótulo ao lado.
    @property
    def barras_de_status(self) -> list[tuple[str, int, int]]:
        maior = max(self.acordos_por_status, default=0) or 1
        return [(rotulo, valor, round(100 * valor / maior))
                for rotulo, valor in zip(self.rotulos_de_status, self.acordos_por_status, strict=True)]

    @property
    def vencimentos(self) -> list[tuple[str, int]]:
        return list(zip(self.rotulos_de_vencimento, self.acordos_vencendo, strict=True))

    @property
    def representantes_rotulados(self) -> list[tuple[str, int]]:
        return list(zip(self.rotulos_de_representantes, self.representantes, strict=True))
