"""O agendamento simplificado no PAT (seed 002): ao protocolar um BPC da pessoa com deficiência ou um auxílio
por incapacidade, o atendente da entidade escolhe, com o cidadão ao lado, o horário da avaliação social e/ou da
perícia médica numa APS perto da entidade. O agendamento fica no requerimento.

Usa o mesmo motor de todo atendimento presencial (atendimento/services/agenda.py): a vaga é tomada pela
atualização guardada, um agendamento vivo por cidadão e serviço, o pedido repetido não agenda duas vezes, e
trocar de horário devolve o antigo na mesma transação."""

import uuid

from django.db import transaction

from atendimento.catalogo import avaliacoes_presenciais
from atendimento.models import Requerimento
from atendimento.models_agenda import Agendamento, OrigemDoAgendamento, StatusAgendamento, Vaga
from atendimento.selectors import vaga_perto_da_entidade
from atendimento.services._comum import travar_rascunho
from atendimento.services.agenda import ErroDeAgendamento, agendamento_cancelar, agendamento_remarcar, agendar


def _agendamento_vivo(requerimento: Requerimento, servico: str) -> Agendamento | None:
    return requerimento.agendamentos.filter(servico=servico, status=StatusAgendamento.AGENDADO).first()


@transaction.atomic
def pat_agendar(*, requerimento: Requerimento, vaga: Vaga, prioridade: str, chave: uuid.UUID, por) -> Agendamento:
    """Agenda a avaliação do requerimento no horário escolhido; se já havia um horário para ela, troca (o antigo
    volta a ficar livre só se o novo foi tomado)."""
    requerimento = travar_rascunho(requerimento)
    if vaga.servico not in avaliacoes_presenciais(requerimento.servico):
        raise ErroDeAgendamento(f"O requerimento de {requerimento.servico} não agenda "
                                f"{vaga.get_servico_display().lower()}.")
    if vaga_perto_da_entidade(requerimento.entidade, vaga.pk) is None:
        raise ErroDeAgendamento("Escolha um horário de uma agência do município ou da Gerência-Executiva da entidade.")
    if not (requerimento.cidadao_cpf and requerimento.cidadao_nome):
        raise ErroDeAgendamento("Preencha o CPF e o nome do cidadão (etapa “Cidadão”) antes de agendar.")
    anterior = _agendamento_vivo(requerimento, vaga.servico)
    if anterior is not None:
        if anterior.vaga_id == vaga.pk:
            return anterior
        return agendamento_remarcar(agendamento=anterior, vaga=vaga, chave=chave, por=por)
    return agendar(
        vaga=vaga, chave=chave, cidadao_cpf=requerimento.cidadao_cpf, cidadao_nome=requerimento.cidadao_nome,
        cidadao_nascimento=requerimento.cidadao_nascimento, cidadao_email=requerimento.cidadao_email,
        cidadao_telefone=requerimento.cidadao_telefone, prioridade=prioridade, origem=OrigemDoAgendamento.PAT,
        requerimento=requerimento, por=por,
    )


@transaction.atomic
def pat_cancelar(*, requerimento: Requerimento, agendamento: Agendamento, por) -> Agendamento:
    travar_rascunho(requerimento)
    if agendamento.requerimento_id != requerimento.pk:
        raise ErroDeAgendamento("Este agendamento não é deste requerimento.")
    return agendamento_cancelar(agendamento=agendamento, por=por, motivo="desmarcado no protocolo do requerimento")


def pat_desfazer(*, requerimento: Requerimento, por, motivo: str, so_de_outro_cpf: bool = False,
                 soltar: bool = False) -> int:
    """Cancela os agendamentos vivos do rascunho (devolvendo as vagas). Com `so_de_outro_cpf`, só os feitos
    para um CPF que já não é o do requerimento (o atendente corrigiu o cidadão); com `soltar`, os agendamentos
    deixam de apontar para o rascunho, que vai ser apagado (o histórico de cada um fica). Quem chama está numa
    transação e já travou o rascunho."""
    vivos = requerimento.agendamentos.filter(status=StatusAgendamento.AGENDADO)
    if so_de_outro_cpf:
        vivos = vivos.exclude(cidadao_cpf=requerimento.cidadao_cpf)
    cancelados = 0
    for agendamento in vivos.select_related("vaga"):
        agendamento_cancelar(agendamento=agendamento, por=por, motivo=motivo)
        cancelados += 1
    if soltar:
        requerimento.agendamentos.update(requerimento=None)
    return cancelados
