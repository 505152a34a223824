"""O motor de agendamento: publicar a agenda, gerar as vagas, agendar, cancelar e remarcar.

A vaga é tomada por uma atualização guardada — `UPDATE ... SET ocupadas = ocupadas + 1 WHERE ocupadas <
capacidade AND ...` — dentro da transação que cria o agendamento: quantos pedidos chegarem juntos, o banco
deixa passar só os que cabem (nunca "confere e depois grava"). Cancelar e remarcar devolvem a vaga na mesma
transação."""

import math
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from atendimento.atesp import MOTIVO_QUE_EXIGE_CASO
from atendimento.models_agenda import (
    Agenda,
    Agendamento,
    OrigemDoAgendamento,
    Prioridade,
    ServicoPresencial,
    StatusAgendamento,
    Vaga,
)
from atendimento.selectors_agenda import vaga_cabe
from atendimento.services._comum import ErroDoRequerimento
from portal.auditoria.services import evento_registrar
from portal.validadores import normalizar_cpf

LIMITE_DE_DIAS_POR_AGENDA = 120


class ErroDeAgendamento(ErroDoRequerimento):
    """Uma regra do agendamento impediu a ação; a mensagem é para a pessoa."""


SEM_VAGAS = "Sem vagas neste horário: ele lotou enquanto você escolhia. Escolha outro horário."


def capacidade_do_horario(agenda: Agenda) -> tuple[int, int]:
    """(capacidade, reservadas às prioridades) de cada horário: um atendimento por servidor; a reserva
    arredonda para cima, para que haja ao menos uma vaga prioritária quando o percentual não é zero."""
    reservadas = math.ceil(agenda.servidores * agenda.percentual_prioritario / 100)
    return agenda.servidores, min(reservadas, agenda.servidores)


def horarios_da_agenda(agenda: Agenda) -> list[tuple[datetime, datetime]]:
    """Os horários da agenda, no fuso da agência (guardados com fuso; mostrados no da agência)."""
    fuso = ZoneInfo(agenda.aps.fuso_horario)
    passo = timedelta(minutes=agenda.duracao_minutos)
    horarios = []
    dia = agenda.vigencia_inicio
    while dia <= agenda.vigencia_fim:
        if dia.weekday() in agenda.dias_da_semana:
            inicio = datetime.combine(dia, agenda.hora_inicio, tzinfo=fuso)
            fim_do_dia = datetime.combine(dia, agenda.hora_fim, tzinfo=fuso)
            while inicio + passo <= fim_do_dia:
                horarios.append((inicio, inicio + passo))
                inicio += passo
        dia += timedelta(days=1)
    return horarios


@transaction.atomic
def agenda_publicar(*, aps, servico: str, dias_da_semana: list[int], hora_inicio, hora_fim, duracao_minutos: int,
                    servidores: int, vigencia_inicio: date, vigencia_fim: date, percentual_prioritario: int = 20,
                    por) -> Agenda:
    if servico not in ServicoPresencial.values:
        raise ErroDeAgendamento("Escolha o serviço da agenda.")
    if vigencia_fim < vigencia_inicio:
        raise ErroDeAgendamento("O último dia da agenda vem antes do primeiro.")
    if (vigencia_fim - vigencia_inicio).days > LIMITE_DE_DIAS_POR_AGENDA:
        raise ErroDeAgendamento(f"Publique agendas de até {LIMITE_DE_DIAS_POR_AGENDA} dias; depois, a seguinte.")
    if hora_fim <= hora_inicio:
        raise ErroDeAgendamento("O fim do atendimento tem de ser depois do início.")
    if not dias_da_semana:
        raise ErroDeAgendamento("Escolha ao menos um dia da semana.")
    agenda = Agenda.objects.create(
        aps=aps, servico=servico, dias_da_semana=sorted(set(dias_da_semana)), hora_inicio=hora_inicio,
        hora_fim=hora_fim, duracao_minutos=duracao_minutos, servidores=servidores,
        percentual_prioritario=percentual_prioritario, vigencia_inicio=vigencia_inicio, vigencia_fim=vigencia_fim,
        publicada_por=por,
    )
    criadas = vagas_gerar(agenda=agenda)
    evento_registrar(objeto=agenda, acao="agenda_publicada", por=por, nota=f"{criadas} horário(s)")
    return agenda


def vagas_gerar(*, agenda: Agenda) -> int:
    """Cria as vagas da agenda que ainda não existem. Gerar de novo não muda nada (uma vaga por horário)."""
    capacidade, prioritarias = capacidade_do_horario(agenda)
    novas = [
        Vaga(agenda=agenda, aps_id=agenda.aps_id, servico=agenda.servico, inicio=inicio, fim=fim,
             capacidade=capacidade, prioritarias=prioritarias)
        for inicio, fim in horarios_da_agenda(agenda)
    ]
    antes = Vaga.objects.filter(agenda=agenda).count()
    Vaga.objects.bulk_create(novas, ignore_conflicts=True, batch_size=1000)
    return Vaga.objects.filter(agenda=agenda).count() - antes


def _ocupar(vaga: Vaga, *, prioritario: bool, agora: datetime) -> bool:
    """A atualização guardada: True se a vaga foi tomada. Quem tem prioridade usa qualquer vaga livre; quem
    não tem, só as não reservadas — ou qualquer uma a partir da véspera do horário."""
    cabe = Vaga.objects.filter(vaga_cabe(prioritario=prioritario, agora=agora), pk=vaga.pk)
    if prioritario:
        return bool(cabe.update(ocupadas=F("ocupadas") + 1))
    return bool(cabe.update(ocupadas=F("ocupadas") + 1, ocupadas_gerais=F("ocupadas_gerais") + 1))


def _liberar(agendamento: Agendamento) -> None:
    campos = {"ocupadas": F("ocupadas") - 1}
    if not agendamento.prioritario:
        campos["ocupadas_gerais"] = F("ocupadas_gerais") - 1
    Vaga.objects.filter(pk=agendamento.vaga_id).update(**campos)


def idade_em(nascimento: date, dia: date) -> int:
    return dia.year - nascimento.year - ((dia.month, dia.day) < (nascimento.month, nascimento.day))


def _conferir_motivo(*, servico: str, origem: str, motivo: str, caso: str, justificativa: str) -> None:
    if servico == ServicoPresencial.ATESP and not motivo:
        raise ErroDeAgendamento("Escolha o motivo do Atendimento Especializado.")
    if motivo == MOTIVO_QUE_EXIGE_CASO and not caso:
        raise ErroDeAgendamento("Para “requerimento concluído sem atendimento ao solicitado”, escolha o caso de "
                                "reabertura da tarefa.")
    if origem == OrigemDoAgendamento.AGENCIA and not justificativa.strip():
        raise ErroDeAgendamento("O agendamento pela agência é excepcional: escreva a justificativa (por exemplo, "
                                "o cidadão não consegue ligar para a Central 135).")


@transaction.atomic
def agendar(*, vaga: Vaga, cidadao_cpf: str, cidadao_nome: str, origem: str, chave: uuid.UUID, por,
            prioridade: str = "", cidadao_nascimento: date | None = None, cidadao_email: str = "",
            cidadao_telefone: str = "", motivo: str = "", caso: str = "", justificativa: str = "",
            requerimento=None) -> Agendamento:
    existente = Agendamento.objects.filter(chave=chave).first()
    if existente is not None:  # o mesmo pedido, repetido: o agendamento já existe
        return existente
    cpf = normalizar_cpf(cidadao_cpf)
    if not prioridade and cidadao_nascimento and idade_em(cidadao_nascimento, timezone.localdate()) >= 80:
        prioridade = Prioridade.IDOSO_80
    _conferir_motivo(servico=vaga.servico, origem=origem, motivo=motivo, caso=caso, justificativa=justificativa)
    agora = timezone.now()
    if vaga.inicio <= agora:
        raise ErroDeAgendamento("Este horário já passou. Escolha outro.")
    if Agendamento.objects.filter(cidadao_cpf=cpf, servico=vaga.servico, status=StatusAgendamento.AGENDADO).exists():
        raise ErroDeAgendamento("O cidadão já tem um agendamento deste serviço. Para mudar o horário, remarque.")
    try:
        # A ocupação e o agendamento no mesmo ponto de salvamento: se outro pedido do mesmo cidadão (ou o mesmo
        # pedido, repetido) ganhou a corrida, os dois voltam atrás e a transação continua usável.
        with transaction.atomic():
            if not _ocupar(vaga, prioritario=bool(prioridade), agora=agora):
                raise ErroDeAgendamento(SEM_VAGAS)
            agendamento = Agendamento.objects.create(
                vaga=vaga, servico=vaga.servico, cidadao_cpf=cpf, cidadao_nome=cidadao_nome.strip(),
                cidadao_nascimento=cidadao_nascimento, cidadao_email=cidadao_email, cidadao_telefone=cidadao_telefone,
                prioridade=prioridade, origem=origem, motivo=motivo, caso=caso, justificativa=justificativa.strip(),
                requerimento=requerimento, chave=chave, criado_por=por,
            )
    except IntegrityError:
        ja = Agendamento.objects.filter(chave=chave).first()
        if ja is not None:
            return ja
        raise ErroDeAgendamento("O cidadão já tem um agendamento deste serviço. Para mudar o horário, remarque.") \
            from None
    evento_registrar(objeto=agendamento, acao="agendamento_criado", por=por, status_para=StatusAgendamento.AGENDADO,
                     nota=str(vaga))
    return agendamento


@transaction.atomic
def agendamento_cancelar(*, agendamento: Agendamento, por, motivo: str = "") -> Agendamento:
    if not Agendamento.objects.filter(pk=agendamento.pk, status=StatusAgendamento.AGENDADO).update(
            status=StatusAgendamento.CANCELADO):
        raise ErroDeAgendamento("Este agendamento já não está ativo.")
    _liberar(agendamento)
    evento_registrar(objeto=agendamento, acao="agendamento_cancelado", por=por,
                     status_de=StatusAgendamento.AGENDADO, status_para=StatusAgendamento.CANCELADO, nota=motivo)
    agendamento.refresh_from_db()
    return agendamento


@transaction.atomic
def agendamento_remarcar(*, agendamento: Agendamento, vaga: Vaga, chave: uuid.UUID, por) -> Agendamento:
    """Devolve a vaga antiga e toma a nova na mesma transação: se a nova lotou, nada muda."""
    if vaga.servico != agendamento.servico:
        raise ErroDeAgendamento("Remarque para um horário do mesmo serviço.")
    agendamento_cancelar(agendamento=agendamento, por=por, motivo="remarcado")
    return agendar(
        vaga=vaga, cidadao_cpf=agendamento.cidadao_cpf, cidadao_nome=agendamento.cidadao_nome,
        cidadao_nascimento=agendamento.cidadao_nascimento, cidadao_email=agendamento.cidadao_email,
        cidadao_telefone=agendamento.cidadao_telefone, prioridade=agendamento.prioridade, origem=agendamento.origem,
        motivo=agendamento.motivo, caso=agendamento.caso, justificativa=agendamento.justificativa,
        requerimento=agendamento.requerimento, chave=chave, por=por,
    )
