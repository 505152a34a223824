"""Notificações, e-mail depois do commit e o livro de lembretes: cada lembrete sai uma vez."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal.demo import semear_demo
from portal.entidades.models import Vinculo
from portal.entidades.services import vinculos_lembrar_vencimento
from portal.notificacoes import tasks
from portal.notificacoes.models import LembreteEnviado, Notificacao
from portal.notificacoes.services import emails_pendentes_reenfileirar, notificacao_criar


def _vencendo_em(cpf: str, dias: float):
    """Faz todos os vínculos da pessoa vencerem daqui a `dias`; devolve o instante do vencimento."""
    prazo = timezone.now() + timedelta(days=dias)
    Vinculo.objects.filter(usuario__cpf=cpf).update(valido_ate=prazo)
    return prazo


@pytest.mark.django_db
def test_email_sai_depois_do_commit_com_o_titulo_escapado(pessoa, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notificacao_criar(destinatario=pessoa("ana"), titulo="<script>alert(1)</script> Aviso", corpo="a & b")
    assert len(mailoutbox) == 1
    mensagem = mailoutbox[0]
    assert mensagem.to == ["ana.souza@campinas.sp.gov.br"]
    html = mensagem.alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert Notificacao.objects.get().email_enviado_em is not None


@pytest.mark.django_db(transaction=True)
def test_tarefa_enfileirada_numa_transacao_desfeita_nunca_e_enviada(mailoutbox, monkeypatch):
    semear_demo()
    from portal.contas.models import Usuario

    enfileiradas = []
    monkeypatch.setattr(tasks.enviar_email_da_notificacao, "delay", lambda *a: enfileiradas.append(a))
    ana = Usuario.objects.get(cpf="11144477735")
    with pytest.raises(RuntimeError), transaction.atomic():
        notificacao_criar(destinatario=ana, titulo="Nunca enviada")
        raise RuntimeError("desfaz")
    assert enfileiradas == []
    assert mailoutbox == []
    assert not Notificacao.objects.filter(titulo="Nunca enviada").exists()


@pytest.mark.django_db
def test_a_tarefa_repetida_nao_envia_o_email_duas_vezes(pessoa, mailoutbox):
    notificacao = Notificacao.objects.create(destinatario=pessoa("ana"), titulo="Uma vez", enviar_email=True)
    assert tasks.enviar_email_da_notificacao(notificacao.pk) is True
    assert tasks.enviar_email_da_notificacao(notificacao.pk) is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_com_a_fila_fora_do_ar_nada_se_perde_e_a_varredura_envia_depois(
    pessoa, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    def fila_fora(*args):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(tasks.enviar_email_da_notificacao, "delay", fila_fora)
    with django_capture_on_commit_callbacks(execute=True):
        notificacao_criar(destinatario=pessoa("ana"), titulo="Aviso importante")
    assert mailoutbox == []
    notificacao = Notificacao.objects.get(titulo="Aviso importante")
    assert notificacao.email_enviado_em is None

    monkeypatch.undo()
    assert emails_pendentes_reenfileirar(mais_antigas_que=timedelta(0)) == 1
    assert [m.subject for m in mailoutbox] == ["Portal ACT: Aviso importante"]
    assert emails_pendentes_reenfileirar(mais_antigas_que=timedelta(0)) == 0


@pytest.mark.django_db
def test_varredura_repetida_envia_o_lembrete_de_vencimento_uma_vez(
    demo, mailoutbox, django_capture_on_commit_callbacks
):
    _vencendo_em("52998224725", 20)  # Bruno, na Prefeitura e no Sindicato
    with django_capture_on_commit_callbacks(execute=True):
        primeira = vinculos_lembrar_vencimento()
    with django_capture_on_commit_callbacks(execute=True):
        segunda = vinculos_lembrar_vencimento()
    # Bruno é avisado dos seus dois vínculos; a cadastradora da Prefeitura (Ana), do vínculo de lá.
    assert primeira == 3
    assert segunda == 0
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ana.souza@campinas.sp.gov.br", "bruno.lima@campinas.sp.gov.br", "bruno.lima@campinas.sp.gov.br",
    ]
    assert {m.split(":")[1] for m in LembreteEnviado.objects.values_list("marco", flat=True)} == {"30_dias"}


@pytest.mark.django_db
def test_depois_de_uma_parada_so_o_marco_mais_recente_e_enviado(demo):
    prazo = _vencendo_em("13579246828", 40)  # Diego, gestor em BH, sem cadastrador
    # O beat ficou parado do dia 40 ao dia 5 antes do vencimento: o aviso de 30 dias foi perdido.
    with time_machine.travel(prazo - timedelta(days=5)):
        assert vinculos_lembrar_vencimento() == 1
    with time_machine.travel(prazo - timedelta(days=4)):
        assert vinculos_lembrar_vencimento() == 0
    with time_machine.travel(prazo + timedelta(hours=1)):
        assert vinculos_lembrar_vencimento() == 1
    marcos = list(LembreteEnviado.objects.order_by("registrado_em").values_list("marco", flat=True))
    assert [marco.split(":")[1] for marco in marcos] == ["7_dias", "vencido"]


@pytest.mark.django_db
def test_prorrogado_o_acesso_os_avisos_recomecam_para_a_nova_data(demo, pessoa):
    from portal.entidades.services import vinculo_prorrogar

    prazo = _vencendo_em("13579246828", 5)  # Diego
    assert vinculos_lembrar_vencimento() == 1  # 7 dias
    vinculo = Vinculo.objects.get(usuario__cpf="13579246828")
    vinculo_prorrogar(vinculo=vinculo, valido_ate=(prazo + timedelta(days=60)).date(), por=pessoa("admin"))
    with time_machine.travel(prazo + timedelta(days=60) - timedelta(days=3)):
        assert vinculos_lembrar_vencimento() == 1  # o 7 dias da nova validade sai de novo


@pytest.mark.django_db(transaction=True)
def test_duas_varreduras_simultaneas_enviam_cada_lembrete_uma_vez(mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("a disputa real entre conexões paralelas precisa do PostgreSQL (o CI usa)")
    semear_demo()
    _vencendo_em("13579246828", 3)
    barreira = threading.Barrier(4)
    resultados, erros = [], []

    def varrer():
        try:
            barreira.wait(timeout=10)
            resultados.append(vinculos_lembrar_vencimento())
        except Exception as erro:  # pragma: no cover — falha o teste abaixo
            erros.append(erro)
        finally:
            connection.close()

    threads = [threading.Thread(target=varrer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert erros == []
    assert sorted(resultados) == [0, 0, 0, 1]
    assert LembreteEnviado.objects.count() == 1
    assert Notificacao.objects.count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_marcar_uma_como_lida_com_chave_de_quatro_digitos_nao_marca_as_outras(pessoa, cliente_de):
    """O formulário de cada notificação envia a chave sem separador de milhar ("1.285" não é dígito, e a view
    marcaria todas)."""
    ana = pessoa("ana")
    uma = Notificacao.objects.create(pk=1285, destinatario=ana, titulo="Uma")
    outra = Notificacao.objects.create(pk=1286, destinatario=ana, titulo="Outra")
    cliente = cliente_de("ana")
    html = cliente.get("/notificacoes/").content.decode()
    assert f'name="notificacao" value="{uma.pk}"' in html
    cliente.post(reverse("notificacoes:marcar_lidas"), {"notificacao": str(uma.pk)})
    uma.refresh_from_db()
    outra.refresh_from_db()
    assert uma.lida_em is not None and outra.lida_em is None


@pytest.mark.django_db
def test_chave_invalida_nao_marca_nada_e_sem_chave_marca_todas(pessoa, cliente_de):
    ana = pessoa("ana")
    Notificacao.objects.create(destinatario=ana, titulo="Uma")
    Notificacao.objects.create(destinatario=ana, titulo="Outra")
    cliente = cliente_de("ana")
    cliente.post(reverse("notificacoes:marcar_lidas"), {"notificacao": "1.285"})
    assert Notificacao.objects.filter(destinatario=ana, lida_em__isnull=True).count() == 2
    cliente.post(reverse("notificacoes:marcar_lidas"))
    assert Notificacao.objects.filter(destinatario=ana, lida_em__isnull=True).count() == 0
