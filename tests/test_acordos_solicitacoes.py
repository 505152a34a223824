"""Itens 6–9: a entidade pede termo aditivo, inclusão de serviços, prorrogação ou consulta de vigência; a
gestora regional decide; o acordo registra cada mudança com a data e o documento."""

from datetime import timedelta

import pytest

from atendimento.models import Servico
from portal.acordos.models import Acordo, SolicitacaoDoAcordo

pytestmark = pytest.mark.django_db


@pytest.fixture
def acordo(demo):
    acordo = Acordo.objects.get(entidade__cnpj="51885242000140")
    acordo.servicos_pactuados.set(Servico.objects.filter(codigo__startswith="aposentadoria"))
    return acordo


def test_prorrogacao_pedida_e_deferida_muda_a_vigencia_e_fica_registrada(acordo, cliente_de):
    ana, karina = cliente_de("ana"), cliente_de("karina")
    novo_fim = acordo.vigencia_fim + timedelta(days=365)
    curto = ana.post("/acordo/", {"tipo": "prorrogacao", "descricao": "Prorrogar por um ano.",
                                  "nova_vigencia_fim": acordo.vigencia_fim.isoformat()}).content.decode()
    assert "tem de ser depois do atual" in curto and "Prorrogar por um ano." in curto
    ana.post("/acordo/", {"tipo": "prorrogacao", "descricao": "Prorrogar por um ano.",
                          "nova_vigencia_fim": novo_fim.isoformat()})
    pedido = SolicitacaoDoAcordo.objects.get()
    assert "Prorrogação de vigência" in karina.get("/acordos/solicitacoes/").content.decode()
    sem_texto = karina.post(f"/acordos/solicitacoes/{pedido.pk}/", {"decisao": "", "deferir": "1"})
    assert "Escreva a decisão" in sem_texto.content.decode()
    karina.post(f"/acordos/solicitacoes/{pedido.pk}/", {"decisao": "Deferido.", "documento_sei": "0123456",
                                                        "deferir": "1"})
    acordo.refresh_from_db()
    assert acordo.vigencia_fim == novo_fim
    pagina = ana.get("/acordo/").content.decode()
    assert "Vigência prorrogada" in pagina and "SEI 0123456" in pagina and "Deferida" in pagina


def test_inclusao_de_servicos_deferida_acrescenta_os_servicos(acordo, cliente_de):
    bpc = Servico.objects.get(codigo="bpc-loas-idoso")
    cliente_de("ana").post("/acordo/", {"tipo": "inclusao_servicos", "descricao": "Queremos o BPC.",
                                        "servicos": [bpc.pk]})
    pedido = SolicitacaoDoAcordo.objects.get()
    cliente_de("karina").post(f"/acordos/solicitacoes/{pedido.pk}/", {"decisao": "Incluído.", "deferir": "1"})
    assert acordo.servicos_pactuados.filter(pk=bpc.pk).exists()
    ja_pactuado = cliente_de("ana").post("/acordo/", {
        "tipo": "inclusao_servicos", "descricao": "De novo.", "servicos": [bpc.pk]}).content.decode()
    assert "ainda não esteja pactuado" in ja_pactuado


def test_indeferida_nao_muda_o_acordo_e_consulta_e_respondida(acordo, cliente_de):
    ana, karina = cliente_de("ana"), cliente_de("karina")
    ana.post("/acordo/", {"tipo": "termo_aditivo", "descricao": "Alterar a cláusula 3."})
    ana.post("/acordo/", {"tipo": "consulta_vigencia", "descricao": "Até quando vale o acordo?"})
    aditivo, consulta = SolicitacaoDoAcordo.objects.order_by("pk")
    karina.post(f"/acordos/solicitacoes/{aditivo.pk}/", {"decisao": "Sem fundamento.", "deferir": "0"})
    karina.post(f"/acordos/solicitacoes/{consulta.pk}/", {"decisao": "Vale até o fim da vigência informada.",
                                                          "deferir": "1"})
    assert SolicitacaoDoAcordo.objects.get(pk=aditivo.pk).status == "indeferida"
    assert SolicitacaoDoAcordo.objects.get(pk=consulta.pk).status == "respondida"
    assert not acordo.alteracoes.filter(tipo="termo_aditivo").exists()
    de_novo = karina.post(f"/acordos/solicitacoes/{aditivo.pk}/", {"decisao": "Mudei de ideia.", "deferir": "1"})
    assert "já foi decidida" in de_novo.content.decode()


def test_solicitacoes_fora_da_regiao_sao_404(acordo, cliente_de):
    cliente_de("ana").post("/acordo/", {"tipo": "termo_aditivo", "descricao": "Alterar."})
    pedido = SolicitacaoDoAcordo.objects.get()
    for intruso in ("fabio", "elisa", "diego"):
        assert cliente_de(intruso).get(f"/acordos/solicitacoes/{pedido.pk}/").status_code == 404
    assert cliente_de("bruno").get("/acordo/").status_code == 404
