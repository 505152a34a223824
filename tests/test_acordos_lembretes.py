"""Lembretes do ACT pelo livro: vigência terminando em 90, 60 e 30 dias (gestores da entidade e gestores
regionais da SR) e adesão parada à espera da entidade há 15 dias; cada marco uma vez, e depois de uma
semana sem varreduras só o mais recente."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from portal.acordos.models import Acordo
from portal.acordos.services import acordos_lembrar_vencimento, adesao_pedir_documentos, adesoes_lembrar_pedidos
from portal.notificacoes.models import LembreteEnviado
from tests.test_acordos import _em_analise

pytestmark = pytest.mark.django_db


def _meia_noite(dia):
    return timezone.make_aware(datetime.combine(dia, time.min))


@pytest.fixture
def acordo_de_campinas(demo):
    from portal.entidades.models import Vinculo

    acordo = Acordo.objects.get(entidade__cnpj="51885242000140")
    Acordo.objects.exclude(pk=acordo.pk).update(vigencia_fim=acordo.vigencia_fim + timedelta(days=400))
    # o acesso da gestora vai além do fim do acordo (o de demonstração vence em um ano)
    validade = _meia_noite(acordo.vigencia_fim) + timedelta(days=30)
    Vinculo.objects.filter(entidade=acordo.entidade).update(valido_ate=validade)
    return acordo


def test_cada_marco_da_vigencia_sai_uma_vez_para_gestores_e_gestora_regional(acordo_de_campinas, mailoutbox,
                                                                            django_capture_on_commit_callbacks):
    fim = acordo_de_campinas.vigencia_fim + timedelta(days=1)  # o fim do último dia de vigência
    with time_machine.travel(_meia_noite(fim) - timedelta(days=91)):
        assert acordos_lembrar_vencimento() == 0
    for dias in (90, 60, 30):
        with time_machine.travel(_meia_noite(fim) - timedelta(days=dias) + timedelta(hours=1)):
            with django_capture_on_commit_callbacks(execute=True):
                assert acordos_lembrar_vencimento() == 2  # Ana (gestora) e Karina (gestora regional)
            assert acordos_lembrar_vencimento() == 0
    marcos = sorted({m.split(":")[1] for m in LembreteEnviado.objects.values_list("marco", flat=True)})
    assert marcos == ["30_dias", "60_dias", "90_dias"]
    assert sorted({m.to[0] for m in mailoutbox}) == ["ana.souza@campinas.sp.gov.br", "karina.prado@inss.gov.br"]


def test_depois_de_uma_semana_sem_varreduras_so_o_marco_mais_recente(acordo_de_campinas):
    fim = acordo_de_campinas.vigencia_fim + timedelta(days=1)
    # a varredura parou antes do marco de 60 dias e voltou uma semana depois dele
    with time_machine.travel(_meia_noite(fim) - timedelta(days=53)):
        assert acordos_lembrar_vencimento() == 2
    assert {m.split(":")[1] for m in LembreteEnviado.objects.values_list("marco", flat=True)} == {"60_dias"}


def test_prorrogar_a_vigencia_renova_os_marcos(acordo_de_campinas):
    fim = acordo_de_campinas.vigencia_fim + timedelta(days=1)
    with time_machine.travel(_meia_noite(fim) - timedelta(days=29)):
        assert acordos_lembrar_vencimento() == 2
        Acordo.objects.filter(pk=acordo_de_campinas.pk).update(
            vigencia_fim=acordo_de_campinas.vigencia_fim + timedelta(days=60)
        )
        assert acordos_lembrar_vencimento() == 2  # a nova vigência termina em 89 dias: marco de 90


def test_adesao_parada_ha_15_dias_lembra_a_entidade_uma_vez(pessoa):
    from portal.entidades.services import vinculo_criar

    adesao = _em_analise(pessoa)
    vinculo_criar(usuario=pessoa("diego"), entidade=adesao.entidade, papel="AUTENTICA", gestor=True,
                  valido_ate=timezone.now() + timedelta(days=60))
    with time_machine.travel(timezone.now()):
        adesao_pedir_documentos(adesao=adesao, texto="Envie a ata.", por=pessoa("karina"))
    agora = timezone.now()
    with time_machine.travel(agora + timedelta(days=14)):
        assert adesoes_lembrar_pedidos() == 0
    with time_machine.travel(agora + timedelta(days=15, minutes=1)):
        assert adesoes_lembrar_pedidos() == 1
        assert adesoes_lembrar_pedidos() == 0
