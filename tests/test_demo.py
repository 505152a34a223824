import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from portal.contas.models import Lotacao, Usuario
from portal.entidades.models import Entidade, Vinculo
from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva
from portal.validadores import cnpj_valido, cpf_valido
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


def _contagens():
    return [m.objects.count() for m in (Usuario, Entidade, Vinculo, Lotacao, GerenciaExecutiva, AgenciaPrevidencia,
                                          Authenticator)]


def test_seed_demo_e_idempotente():
    call_command("seed_demo")
    antes = _contagens()
    call_command("seed_demo")
    assert _contagens() == antes
    assert antes[0] == 12


def test_todas_as_personas_existem_com_a_senha_de_demonstracao(demo, senha_demo):
    for cpf in PERSONAS.values():
        assert cpf_valido(cpf)
        assert Usuario.objects.get(cpf=cpf).check_password(senha_demo)
    assert all(cnpj_valido(cnpj) for cnpj in Entidade.objects.values_list("cnpj", flat=True))


def test_servidores_tem_totp_e_representantes_nao(pessoa):
    for apelido in ["elisa", "fabio", "gabriela", "heitor", "iara", "joao", "karina", "admin"]:
        assert Authenticator.objects.filter(user=pessoa(apelido), type="totp").exists(), apelido
    for apelido in ["ana", "bruno", "carla", "diego"]:
        assert not Authenticator.objects.filter(user=pessoa(apelido)).exists(), apelido


def test_entidades_da_demonstracao_estao_nas_suas_sr(demo):
    assert Entidade.objects.get(razao_social="Prefeitura Municipal de Campinas").sr.nome == "Sudeste I"
    assert Entidade.objects.get(razao_social="Prefeitura Municipal de Belo Horizonte").sr.nome == "Sudeste II"
    assert Entidade.objects.get(razao_social="OAB Seção São Paulo").tipo == "oab_seccional"


def test_seed_demo_traz_uma_regiao_com_acordos_em_cada_situacao_para_o_painel():
    from portal.painel.selectors import resumo_regional

    call_command("seed_demo")
    resumo = resumo_regional(Usuario.objects.get(cpf=PERSONAS["karina"]))
    assert resumo.por_status == {"vigente": 9, "vencido": 1, "rescindido": 1, "em_analise": 1}
    assert resumo.vencendo == {30: 1, 60: 1, 90: 1}
    assert resumo.adesoes == {"em_analise": 1, "aguardando_entidade": 1}
    assert all(cnpj_valido(cnpj) for cnpj in Entidade.objects.values_list("cnpj", flat=True))
