"""Cessão de imóvel (TCOU, seed 002): só órgãos públicos, até 24 meses, renovável."""

import pytest

from portal.acordos.models import CessaoDeImovel
from portal.entidades.models import Entidade

pytestmark = pytest.mark.django_db


def _dados(entidade, meses=24):
    return {"entidade": entidade.pk, "endereco": "Rua Barão de Jaguara, 1000", "descricao": "Sala térrea",
            "inicio": "2026-12-01", "meses": meses}


def test_prefeitura_cede_por_24_meses_e_renova(cliente_de):
    karina = cliente_de("karina")
    campinas = Entidade.objects.get(cnpj="51885242000140")
    karina.post("/acordos/cessoes/", _dados(campinas))
    cessao = CessaoDeImovel.objects.get()
    assert (cessao.inicio.isoformat(), cessao.fim.isoformat()) == ("2026-12-01", "2028-12-01")
    karina.post(f"/acordos/cessoes/{cessao.pk}/renovar/", {"meses": 12})
    renovacao = CessaoDeImovel.objects.get(renovacao_de=cessao)
    assert (renovacao.inicio.isoformat(), renovacao.fim.isoformat()) == ("2028-12-01", "2029-12-01")
    resposta = karina.post(f"/acordos/cessoes/{cessao.pk}/renovar/", {"meses": 12}, follow=True)
    assert "já foi renovado" in resposta.content.decode()


def test_prazo_maior_que_24_meses_e_outros_tipos_de_entidade_sao_recusados(cliente_de):
    karina = cliente_de("karina")
    longo = karina.post("/acordos/cessoes/", _dados(Entidade.objects.get(cnpj="51885242000140"), meses=30))
    html = longo.content.decode()
    assert "de 1 a 24 meses" in html and "Rua Barão de Jaguara, 1000" in html
    oab = karina.post("/acordos/cessoes/", _dados(Entidade.objects.get(cnpj="43419613000170")))
    assert "só para órgãos públicos" in oab.content.decode()
    assert not CessaoDeImovel.objects.exists()


def test_entidade_de_outra_regiao_nao_aparece_nem_e_aceita(cliente_de):
    bh = Entidade.objects.get(cnpj="18715383000140")
    resposta = cliente_de("karina").post("/acordos/cessoes/", _dados(bh))
    assert "Escolha uma entidade da sua região" in resposta.content.decode()
    assert cliente_de("fabio").get("/acordos/cessoes/").status_code == 404
