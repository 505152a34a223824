"""O representante cujo acesso venceu ou foi excluído entra e fica sabendo por quê, e a quem pedir: na página
inicial e em toda página da entidade que o recusa. Quem nunca representou entidade nenhuma continua com o
404 comum."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from portal.entidades.models import Entidade, Vinculo
from portal.entidades.selectors import vinculos_encerrados_de
from portal.entidades.services import representante_cadastrar, vinculo_excluir, vinculo_prorrogar
from tests.test_representantes import CAMPINAS, cpf_de

pytestmark = pytest.mark.django_db

BH = "18715383000140"
GENERICA = "Você não tem vínculo válido com nenhuma entidade"
PECA_PRORROGACAO = "Peça ao cadastrador externo da entidade que o prorrogue."
PAGINAS_DA_ENTIDADE = [
    "/entidade/", "/entidade/representantes/", "/entidade/representantes/novo/",
]


def vencido_ha(pessoa, dias: int, cnpj: str) -> Vinculo:
    vinculo = Vinculo.objects.get(usuario=pessoa, entidade__cnpj=cnpj)
    Vinculo.objects.filter(pk=vinculo.pk).update(valido_ate=timezone.now() - timedelta(days=dias))
    vinculo.refresh_from_db()
    return vinculo


def test_o_inicio_diz_que_o_acesso_venceu_quando_e_a_quem_pedir(cliente_de, pessoa):
    vinculo = vencido_ha(pessoa("diego"), 3, BH)
    html = cliente_de("diego").get("/").content.decode()
    dia = timezone.localtime(vinculo.valido_ate).strftime("%d/%m/%Y")
    assert f"Seu acesso como representante de Prefeitura Municipal de Belo Horizonte venceu em {dia}." in html
    assert PECA_PRORROGACAO in html
    assert GENERICA not in html


def test_com_o_tempo_congelado_o_acesso_vence_no_fim_do_dia_informado(pessoa):
    entidade = Entidade.objects.get(cnpj=CAMPINAS)
    ultimo_dia = timezone.localdate() + timedelta(days=10)
    marina = representante_cadastrar(
        entidade=entidade, cpf=cpf_de(123456780), nome="Marina Souza", email="marina@campinas.sp.gov.br",
        papel="AUTENTICA", valido_ate=ultimo_dia, por=pessoa("ana"),
    ).usuario
    marina.set_password("Senha@Forte2026")
    marina.save(update_fields=["password"])
    fuso = timezone.get_current_timezone()

    def cliente_da_marina() -> Client:  # uma sessão nova a cada dia: a de ontem já expirou
        cliente = Client()
        cliente.force_login(marina, backend="django.contrib.auth.backends.ModelBackend")
        return cliente

    with time_machine.travel(datetime.combine(ultimo_dia, datetime.min.time(), fuso) + timedelta(hours=23),
                             tick=False):
        assert cliente_da_marina().get("/entidade/").status_code == 200  # ainda vale no último dia
    with time_machine.travel(datetime.combine(ultimo_dia + timedelta(days=1), datetime.min.time(), fuso)
                             + timedelta(minutes=1), tick=False):
        cliente = cliente_da_marina()
        html = cliente.get("/").content.decode()
        assert f"Prefeitura Municipal de Campinas venceu em {ultimo_dia:%d/%m/%Y}." in html
        resposta = cliente.get("/entidade/")
        assert resposta.status_code == 404
        assert f"venceu em {ultimo_dia:%d/%m/%Y}." in resposta.content.decode()


@pytest.mark.parametrize("pagina", PAGINAS_DA_ENTIDADE)
def test_paginas_da_entidade_dizem_por_que_recusam(cliente_de, pessoa, pagina):
    vinculo = vencido_ha(pessoa("ana"), 1, CAMPINAS)
    resposta = cliente_de("ana").get(pagina)
    html = resposta.content.decode()
    assert resposta.status_code == 404  # a mesma recusa de sempre, agora com o motivo
    dia = timezone.localtime(vinculo.valido_ate).strftime("%d/%m/%Y")
    assert f"Seu acesso como representante de Prefeitura Municipal de Campinas venceu em {dia}." in html
    assert PECA_PRORROGACAO in html


def test_as_acoes_sobre_representantes_tambem_dizem_por_que(cliente_de, pessoa):
    bruno = Vinculo.objects.get(usuario=pessoa("bruno"), entidade__cnpj=CAMPINAS)
    vencido_ha(pessoa("ana"), 1, CAMPINAS)
    ana = cliente_de("ana")
    for acao in ("editar", "prorrogar", "excluir", "senha", "escola-pep"):
        resposta = ana.get(f"/entidade/representantes/{bruno.pk}/{acao}/")
        assert resposta.status_code == 404 and PECA_PRORROGACAO in resposta.content.decode(), acao
    resposta = ana.post(f"/entidade/representantes/{bruno.pk}/excluir/", {"motivo": "Tentativa."})
    assert resposta.status_code == 404 and PECA_PRORROGACAO in resposta.content.decode()
    assert ana.post("/entidade/declaracao/").status_code == 404
    assert Vinculo.objects.get(pk=bruno.pk).ativo


def test_o_excluido_fica_sabendo_da_data_e_continua_pela_outra_entidade(cliente_de, pessoa):
    bruno = Vinculo.objects.get(usuario=pessoa("bruno"), entidade__cnpj=CAMPINAS)
    with time_machine.travel(timezone.now() - timedelta(days=5), tick=False):
        vinculo_excluir(vinculo=bruno, motivo="Deixou a prefeitura.", por=pessoa("ana"))
        dia = timezone.localdate()
    html = cliente_de("bruno").get("/").content.decode()
    assert f"Seu acesso como representante de Prefeitura Municipal de Campinas foi excluído em {dia:%d/%m/%Y}." in html
    assert "peça ao cadastrador externo dela que o cadastre de novo" in html
    assert "Sindicato dos Trabalhadores Rurais de Campinas" in html  # age pela outra entidade


def test_so_o_sem_vinculo_algum_ve_a_mensagem_generica_e_o_404_comum(cliente_de, pessoa):
    from portal.contas.models import Usuario

    ninguem = Usuario.objects.create_user(cpf_de(987654321), "Nina Ninguém", "nina@example.com", "Senha@Forte2026")
    cliente = Client()
    cliente.force_login(ninguem, backend="django.contrib.auth.backends.ModelBackend")
    assert GENERICA in cliente.get("/").content.decode()
    resposta = cliente.get("/entidade/")
    assert resposta.status_code == 404
    assert "Página não encontrada" in resposta.content.decode()
    assert "Seu acesso como representante" not in resposta.content.decode()
    assert "Seu acesso como representante" not in cliente_de("ana").get("/").content.decode()


def test_prorrogado_o_aviso_some(cliente_de, pessoa):
    bruno = vencido_ha(pessoa("bruno"), 2, CAMPINAS)
    cliente = cliente_de("bruno")
    assert "Prefeitura Municipal de Campinas venceu em" in cliente.get("/").content.decode()
    vinculo_prorrogar(vinculo=bruno, valido_ate=timezone.localdate() + timedelta(days=90), por=pessoa("ana"))
    assert "venceu em" not in cliente.get("/").content.decode()


def test_os_encerrados_custam_uma_consulta(pessoa, django_assert_num_queries):
    bruno = pessoa("bruno")
    vencido_ha(bruno, 2, CAMPINAS)
    vinculo_excluir(vinculo=Vinculo.objects.get(usuario=bruno, entidade__cnpj="46068225000180"), motivo="Saiu.",
                    por=pessoa("ana"))
    with django_assert_num_queries(1):
        encerrados = [(v.entidade.razao_social, v.encerrado_em) for v in vinculos_encerrados_de(bruno)]
    assert [nome for nome, _ in encerrados] == [
        "Prefeitura Municipal de Campinas", "Sindicato dos Trabalhadores Rurais de Campinas",
    ]
    assert all(quando is not None for _, quando in encerrados)


def test_inicio_do_vencido_tem_consultas_limitadas(cliente_de, pessoa, django_assert_max_num_queries):
    vencido_ha(pessoa("diego"), 3, BH)
    cliente = cliente_de("diego")
    cliente.get("/")
    with django_assert_max_num_queries(12):
        assert cliente.get("/").status_code == 200
