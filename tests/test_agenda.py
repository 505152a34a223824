"""O motor de agendamento: vagas geradas uma vez por horário, no fuso da agência; a reserva das prioridades
que abre na véspera; um agendamento vivo por cidadão e serviço; o pedido repetido que não agenda duas vezes;
cancelar e remarcar devolvendo a vaga; e, no PostgreSQL, 50 pedidos simultâneos num horário de 5 vagas."""

import threading
import uuid
from datetime import date, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from atendimento.models_agenda import Agendamento, OrigemDoAgendamento, Prioridade, StatusAgendamento, Vaga
from atendimento.services.agenda import (
    SEM_VAGAS,
    ErroDeAgendamento,
    agenda_publicar,
    agendamento_cancelar,
    agendamento_remarcar,
    agendar,
    vagas_gerar,
)
from portal.organizacao.models import AgenciaPrevidencia
from tests.test_representantes import cpf_de

pytestmark = pytest.mark.django_db
SEGUNDA = date(2027, 3, 1)  # uma segunda-feira sem feriado


@pytest.fixture
def agenda(demo, pessoa):
    return agenda_publicar(
        aps=AgenciaPrevidencia.objects.get(codigo="21001010"), servico="pericia_medica", dias_da_semana=[0, 2],
        hora_inicio=time(8), hora_fim=time(10), duracao_minutos=30, servidores=5, percentual_prioritario=20,
        vigencia_inicio=SEGUNDA, vigencia_fim=SEGUNDA + timedelta(days=6), por=pessoa("heitor"),
    )


def _primeira(agenda) -> Vaga:
    return agenda.vagas.order_by("inicio").first()


def _agendar(vaga, pessoa, numero: int, **extra):
    return agendar(vaga=vaga, cidadao_cpf=cpf_de(800000000 + numero), cidadao_nome=f"Cidadão {numero}",
                   origem=OrigemDoAgendamento.CENTRAL_135, chave=uuid.uuid4(), por=pessoa("iara"), **extra)


@time_machine.travel("2027-02-20 12:00 -03:00")
def test_vagas_saem_uma_vez_por_horario_no_fuso_da_agencia(agenda):
    # Segunda e quarta, das 8h às 10h, de 30 em 30 minutos: 4 horários por dia, 2 dias.
    assert agenda.vagas.count() == 8
    assert vagas_gerar(agenda=agenda) == 0 and agenda.vagas.count() == 8
    primeira = _primeira(agenda)
    assert timezone.localtime(primeira.inicio, timezone.get_fixed_timezone(-180)).hour == 8
    assert primeira.inicio.utcoffset() is not None  # guardado com fuso
    assert (primeira.capacidade, primeira.prioritarias) == (5, 1)


@time_machine.travel("2027-02-20 12:00 -03:00")
def test_a_reserva_das_prioridades_so_abre_para_todos_na_vespera(agenda, pessoa):
    vaga = _primeira(agenda)
    for numero in range(4):
        _agendar(vaga, pessoa, numero)
    with pytest.raises(ErroDeAgendamento, match="Sem vagas"):
        _agendar(vaga, pessoa, 4)
    with time_machine.travel(timezone.localtime(vaga.inicio) - timedelta(hours=23)):
        _agendar(vaga, pessoa, 5)  # na véspera, a vaga reservada que sobrou abre para todos
    vaga.refresh_from_db()
    assert (vaga.ocupadas, vaga.ocupadas_gerais) == (5, 5)


@time_machine.travel("2027-02-20 12:00 -03:00")
def test_quem_tem_80_anos_usa_a_vaga_reservada(agenda, pessoa):
    vaga = _primeira(agenda)
    for numero in range(4):
        _agendar(vaga, pessoa, numero)
    idosa = _agendar(vaga, pessoa, 10, cidadao_nascimento=date(1944, 5, 1))
    assert idosa.prioridade == Prioridade.IDOSO_80
    with pytest.raises(ErroDeAgendamento, match="Sem vagas"):
        _agendar(vaga, pessoa, 11, prioridade=Prioridade.DEFICIENCIA)  # lotado, mesmo para prioridade


@time_machine.travel("2027-02-20 12:00 -03:00")
def test_um_agendamento_vivo_por_cidadao_e_o_pedido_repetido_nao_agenda_duas_vezes(agenda, pessoa):
    vaga = _primeira(agenda)
    chave = uuid.uuid4()
    dados = {"cidadao_cpf": cpf_de(900000001), "cidadao_nome": "Ana", "origem": OrigemDoAgendamento.CENTRAL_135,
             "por": pessoa("iara")}
    primeiro = agendar(vaga=vaga, chave=chave, **dados)
    assert agendar(vaga=vaga, chave=chave, **dados).pk == primeiro.pk
    with pytest.raises(ErroDeAgendamento, match="já tem um agendamento"):
        agendar(vaga=vaga, chave=uuid.uuid4(), **dados)
    vaga.refresh_from_db()
    assert vaga.ocupadas == 1


@time_machine.travel("2027-02-20 12:00 -03:00")
def test_cancelar_e_remarcar_devolvem_a_vaga_e_remarcar_para_horario_cheio_nao_muda_nada(agenda, pessoa):
    primeira, segunda = agenda.vagas.order_by("inicio")[:2]
    agendamento = _agendar(primeira, pessoa, 1)
    remarcado = agendamento_remarcar(agendamento=agendamento, vaga=segunda, chave=uuid.uuid4(), por=pessoa("iara"))
    primeira.refresh_from_db()
    segunda.refresh_from_db()
    assert (primeira.ocupadas, segunda.ocupadas) == (0, 1)
    for numero in range(2, 6):
        _agendar(primeira, pessoa, numero, prioridade=Prioridade.DEFICIENCIA)
    _agendar(primeira, pessoa, 6, prioridade=Prioridade.DEFICIENCIA)  # primeira cheia (5 de 5)
    with pytest.raises(ErroDeAgendamento, match="Sem vagas"):
        agendamento_remarcar(agendamento=remarcado, vaga=primeira, chave=uuid.uuid4(), por=pessoa("iara"))
    remarcado.refresh_from_db()
    segunda.refresh_from_db()
    assert remarcado.status == StatusAgendamento.AGENDADO and segunda.ocupadas == 1
    agendamento_cancelar(agendamento=remarcado, por=pessoa("iara"))
    segunda.refresh_from_db()
    assert segunda.ocupadas == 0


@time_machine.travel("2027-02-20 12:00 -03:00")
def test_atesp_exige_o_motivo_o_caso_da_reabertura_e_a_justificativa_da_agencia(demo, pessoa):
    atesp = agenda_publicar(
        aps=AgenciaPrevidencia.objects.get(codigo="21001010"), servico="atesp", dias_da_semana=[0],
        hora_inicio=time(8), hora_fim=time(9), duracao_minutos=30, servidores=2,
        vigencia_inicio=SEGUNDA, vigencia_fim=SEGUNDA, por=pessoa("heitor"),
    )
    vaga = _primeira(atesp)
    with pytest.raises(ErroDeAgendamento, match="motivo do Atendimento Especializado"):
        _agendar(vaga, pessoa, 1)
    with pytest.raises(ErroDeAgendamento, match="caso de reabertura"):
        _agendar(vaga, pessoa, 1, motivo="requerimento_sem_atendimento")
    with pytest.raises(ErroDeAgendamento, match="justificativa"):
        agendar(vaga=vaga, cidadao_cpf=cpf_de(800000002), cidadao_nome="B", origem=OrigemDoAgendamento.AGENCIA,
                motivo="cat", chave=uuid.uuid4(), por=pessoa("heitor"))
    feito = _agendar(vaga, pessoa, 1, motivo="requerimento_sem_atendimento", caso="erro_de_sistema")
    assert feito.get_caso_display() == "encerramento da tarefa por erro de sistema"


@pytest.mark.django_db(transaction=True)
def test_50_pedidos_simultaneos_num_horario_de_5_vagas_agendam_exatamente_5(pessoa):
    if connection.vendor != "postgresql":
        pytest.skip("a disputa real entre conexões paralelas precisa do PostgreSQL (o CI usa)")
    from portal.demo import semear_demo

    semear_demo()
    with time_machine.travel("2027-02-20 12:00 -03:00", tick=True):
        agenda = agenda_publicar(
            aps=AgenciaPrevidencia.objects.get(codigo="21001010"), servico="avaliacao_social",
            dias_da_semana=[0], hora_inicio=time(8), hora_fim=time(8, 30), duracao_minutos=30, servidores=5,
            percentual_prioritario=0, vigencia_inicio=SEGUNDA, vigencia_fim=SEGUNDA, por=pessoa("heitor"),
        )
        vaga = _primeira(agenda)
        iara = pessoa("iara")
        barreira = threading.Barrier(50)
        agendados, sem_vagas, erros = [], [], []

        def pedir(numero: int):
            try:
                barreira.wait(timeout=30)
                agendados.append(agendar(vaga=vaga, cidadao_cpf=cpf_de(810000000 + numero),
                                         cidadao_nome=f"Cidadão {numero}", origem=OrigemDoAgendamento.CENTRAL_135,
                                         chave=uuid.uuid4(), por=iara).pk)
            except ErroDeAgendamento as erro:
                sem_vagas.append(str(erro))
            except Exception as erro:  # pragma: no cover — falha o teste abaixo
                erros.append(repr(erro))
            finally:
                connection.close()

        linhas = [threading.Thread(target=pedir, args=(numero,)) for numero in range(50)]
        for linha in linhas:
            linha.start()
        for linha in linhas:
            linha.join(60)
    assert not erros, erros
    assert len(agendados) == 5 and len(sem_vagas) == 45 and set(sem_vagas) == {SEM_VAGAS}
    vaga.refresh_from_db()
    assert vaga.ocupadas == 5 == Agendamento.objects.filter(vaga=vaga, status="agendado").count()
