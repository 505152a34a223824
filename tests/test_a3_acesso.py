"""A entrada com certificado (os cabeçalhos do nginx, aceitos só do proxy configurado) e a exigência do A3 no
PAT depois do prazo da entidade (Portaria 96/2024, art. 2º §§ 2º e 3º): a página que explica, o que continua
aberto (Suporte, cadastro do certificado), a contagem dos dias antes do prazo, o último dia ainda com senha."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client, override_settings

from certificados.acesso import CHAVE_DA_SESSAO
from certificados.models import LoteDaMigracaoA3
from portal.acordos.models import Acordo
from tests.certificados_apoio import certificado_icp, pem
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db
PROXY = "10.20.30.40"
ENTRADA = "/certificado/entrar/"


def _cabecalhos(cert, verificacao: str = "SUCCESS", de: str = PROXY) -> dict:
    return {"REMOTE_ADDR": de, "HTTP_X_SSL_CLIENT_VERIFY": verificacao, "HTTP_X_SSL_CLIENT_CERT": quote(pem(cert))}


def _a3_de(apelido: str, **extra):
    return certificado_icp(cpf=PERSONAS[apelido], nome=apelido.upper(), **extra)[0]


@override_settings(PROXIES_DO_CERTIFICADO=[PROXY])
def test_o_a3_vindo_do_proxy_abre_uma_sessao_marcada_e_o_resto_e_recusado(demo):
    cliente = Client()
    resposta = cliente.get(ENTRADA, **_cabecalhos(_a3_de("carla")))
    assert resposta.status_code == 302 and resposta.url == "/"
    marca = cliente.session[CHAVE_DA_SESSAO]
    assert marca["cpf"] == PERSONAS["carla"] and marca["tipo"] == "A3"
    assert cliente.get("/requerimentos/").status_code == 200

    recusas = {
        "de fora do proxy": (_cabecalhos(_a3_de("carla"), de="10.9.9.9"), "só funciona pelo endereço"),
        "sem certificado": ({"REMOTE_ADDR": PROXY, "HTTP_X_SSL_CLIENT_VERIFY": "NONE"}, "Nenhum certificado"),
        "fora da cadeia": (_cabecalhos(_a3_de("carla"), "FAILED:unable to get local issuer certificate"),
                           "unable to get local issuer certificate"),
        "A1": (_cabecalhos(_a3_de("carla", tipo="A1")), "A1"),
        "sem conta": (_cabecalhos(certificado_icp(cpf="86288366757")[0]), "Não há conta ativa"),
        "vencido": (_cabecalhos(_a3_de("carla", validade=(datetime(2020, 1, 1, tzinfo=UTC),
                                                          datetime(2023, 1, 1, tzinfo=UTC)))), "venceu"),
    }
    for caso, (cabecalhos, mensagem) in recusas.items():
        anonimo = Client()
        resposta = anonimo.get(ENTRADA, **cabecalhos)
        assert resposta.status_code == 403, caso
        assert mensagem in resposta.content.decode(), caso
        assert "_auth_user_id" not in anonimo.session, caso


def test_sem_proxy_configurado_ninguem_entra_com_certificado(demo):
    resposta = Client().get(ENTRADA, **_cabecalhos(_a3_de("carla"), de="127.0.0.1"))
    assert resposta.status_code == 403


def test_depois_do_prazo_carla_com_senha_nao_abre_o_pat_mas_abre_o_suporte_e_o_cadastro(cliente_de):
    carla = cliente_de("carla")
    for url in ("/requerimentos/", "/requerimentos/novo/"):
        resposta = carla.get(url)
        assert resposta.status_code == 403
        pagina = resposta.content.decode()
        assert "Desde 16/05/2024" in pagina and "só abrem numa sessão aberta com o seu certificado A3" in pagina
    assert carla.get("/suporte/").status_code == 200
    assert carla.get("/certificado/").status_code == 200


@override_settings(PROXIES_DO_CERTIFICADO=[PROXY])
def test_a_sessao_a3_de_outra_pessoa_ou_de_certificado_vencido_nao_serve(cliente_de, pessoa):
    carla = cliente_de("carla")
    sessao = carla.session
    sessao[CHAVE_DA_SESSAO] = {"cpf": PERSONAS["ana"], "sha256": "x", "tipo": "A3",
                               "valido_ate": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
    sessao.save()
    assert carla.get("/requerimentos/").status_code == 403
    sessao[CHAVE_DA_SESSAO] = {"cpf": PERSONAS["carla"], "sha256": "x", "tipo": "A3",
                               "valido_ate": (datetime.now(UTC) - timedelta(minutes=1)).isoformat()}
    sessao.save()
    assert carla.get("/requerimentos/").status_code == 403


def test_antes_do_prazo_ana_entra_com_senha_e_ve_a_contagem(cliente_de):
    ana = cliente_de("ana")
    inicio = ana.get("/").content.decode()
    assert 'data-testid="aviso-a3"' in inicio and "Faltam 45 dias" in inicio
    resposta = ana.get("/requerimentos/")
    assert resposta.status_code == 200 and 'data-testid="aviso-a3"' in resposta.content.decode()


def test_o_ultimo_dia_ainda_vale_com_senha_e_o_seguinte_nao(cliente_de):
    lote = LoteDaMigracaoA3.objects.get(nome__startswith="Lote 8")
    with time_machine.travel(datetime.combine(lote.fim, datetime.min.time()).replace(hour=15, tzinfo=UTC)):
        resposta = cliente_de("ana").get("/requerimentos/")
        assert resposta.status_code == 200 and "Hoje é o último dia" in resposta.content.decode()
    with time_machine.travel(datetime.combine(lote.fim + timedelta(days=1), datetime.min.time())
                             .replace(hour=15, tzinfo=UTC)):
        assert cliente_de("ana").get("/requerimentos/").status_code == 403


def test_o_acordo_celebrado_depois_da_portaria_exige_o_a3_desde_o_inicio(cliente_de):
    Acordo.objects.filter(entidade__cnpj="18715383000140").update(vigencia_inicio="2024-06-01")
    resposta = cliente_de("diego").get("/requerimentos/")
    assert resposta.status_code == 403 and "desde o início" in resposta.content.decode()


def test_o_documento_do_cidadao_pela_entidade_tambem_exige_o_a3(cliente_de, pessoa):
    from tests.requerimentos_apoio import requerimento_protocolado

    requerimento = requerimento_protocolado(entidade_do_requerimento=_entidade_oab(),
                                            representante=pessoa("carla"))
    documento = requerimento.documentos.first()
    assert cliente_de("carla").get(f"/requerimentos/documentos/{documento.pk}.pdf").status_code == 403
    assert cliente_de("gabriela").get(f"/requerimentos/documentos/{documento.pk}.pdf").status_code == 200


def _entidade_oab():
    from portal.entidades.models import Entidade

    return Entidade.objects.get(cnpj="43419613000170")
