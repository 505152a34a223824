"""O balcão da APS: o servidor registra a chegada do cidadão agendado, a falta (só depois do início do
horário) e o atendimento. Ao atender, como a seed 000 pede ao servidor responsável pelo ATESP, ele identifica o
motivo, presta o serviço e registra sempre o protocolo de um requerimento — mesmo quando o serviço existe nos
canais remotos —, e anota se emitiu a senha do Meu INSS; o cidadão leva um comprovante de atendimento com
código verificador.

Cada ação é uma atualização guardada a partir do status anterior certo: se a contagem é zero, outra pessoa
chegou antes (ou o agendamento já não está ali), e a pessoa recebe uma mensagem clara."""

import re
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from atendimento.models_agenda import Agendamento, ServicoPresencial, StatusAgendamento
from atendimento.services.agenda import ErroDeAgendamento
from certificados.models import DocumentoEmitido
from certificados.services import documento_emitir
from portal.auditoria.services import evento_registrar
from portal.validadores import ocultar_cpf

# Os protocolos vêm de qualquer canal (Meu INSS, Central 135, SAG, o próprio portal), cada um com o seu
# formato: aceitamos de 10 a 20 algarismos, com ou sem pontos, traços, barras e espaços.
PROTOCOLO = re.compile(r"\d{10,20}")
SEPARADORES = re.compile(r"[\s./-]")
PROTOCOLO_OBRIGATORIO = ("Registre o protocolo do requerimento: ele é obrigatório em todo atendimento, mesmo "
                         "quando o serviço existe nos canais remotos (Meu INSS, Central 135).")
PROTOCOLO_INVALIDO = "O protocolo do requerimento tem de ter de 10 a 20 algarismos."


def normalizar_protocolo(protocolo: str) -> str:
    return SEPARADORES.sub("", protocolo or "")


def _mudar(agendamento: Agendamento, *, de: tuple[str, ...], para: str, **campos) -> bool:
    return bool(Agendamento.objects.filter(pk=agendamento.pk, status__in=de).update(status=para, **campos))


@transaction.atomic
def agendamento_registrar_chegada(*, agendamento: Agendamento, por) -> Agendamento:
    if not _mudar(agendamento, de=(StatusAgendamento.AGENDADO,), para=StatusAgendamento.COMPARECEU):
        raise ErroDeAgendamento("Só se registra a chegada de quem está agendado (e ainda não chegou).")
    evento_registrar(objeto=agendamento, acao="agendamento_chegada", por=por, status_de=StatusAgendamento.AGENDADO,
                     status_para=StatusAgendamento.COMPARECEU)
    agendamento.refresh_from_db()
    return agendamento


@transaction.atomic
def agendamento_registrar_falta(*, agendamento: Agendamento, por) -> Agendamento:
    """A falta só depois do início do horário: antes dele, o cidadão ainda pode chegar."""
    if agendamento.vaga.inicio > timezone.now():
        fuso = ZoneInfo(agendamento.vaga.aps.fuso_horario)
        raise ErroDeAgendamento(f"O horário ainda não começou ({agendamento.vaga.inicio.astimezone(fuso):%H:%M}): "
                                "registre a falta depois do início.")
    if not _mudar(agendamento, de=(StatusAgendamento.AGENDADO,), para=StatusAgendamento.NAO_COMPARECEU):
        raise ErroDeAgendamento("Só se registra a falta de quem está agendado e não chegou.")
    evento_registrar(objeto=agendamento, acao="agendamento_falta", por=por, status_de=StatusAgendamento.AGENDADO,
                     status_para=StatusAgendamento.NAO_COMPARECEU)
    agendamento.refresh_from_db()
    return agendamento


@transaction.atomic
def agendamento_atender(*, agendamento: Agendamento, motivo_identificado: str, servico_prestado: str,
                        protocolo_requerimento: str, senha_meu_inss_emitida: bool, por) -> Agendamento:
    """Registra o atendimento (de quem chegou ou, se a chegada não foi marcada, de quem está agendado) e emite
    o comprovante de atendimento."""
    protocolo = normalizar_protocolo(protocolo_requerimento)
    if not protocolo:
        raise ErroDeAgendamento(PROTOCOLO_OBRIGATORIO)
    if not PROTOCOLO.fullmatch(protocolo):
        raise ErroDeAgendamento(PROTOCOLO_INVALIDO)
    if agendamento.servico == ServicoPresencial.ATESP and not motivo_identificado:
        raise ErroDeAgendamento("Escolha o motivo identificado no atendimento.")
    if not servico_prestado.strip():
        raise ErroDeAgendamento("Descreva o serviço prestado.")
    anterior = Agendamento.objects.filter(pk=agendamento.pk).values_list("status", flat=True).first()
    agora = timezone.now()
    if not _mudar(agendamento, de=(StatusAgendamento.AGENDADO, StatusAgendamento.COMPARECEU),
                  para=StatusAgendamento.ATENDIDO, motivo_identificado=motivo_identificado,
                  servico_prestado=servico_prestado.strip(), protocolo_atendimento=protocolo,
                  senha_meu_inss_emitida=senha_meu_inss_emitida, atendido_em=agora, atendido_por=por):
        raise ErroDeAgendamento("Este agendamento já não está à espera de atendimento (foi atendido, cancelado ou "
                                "marcado como falta).")
    agendamento.refresh_from_db()
    evento_registrar(objeto=agendamento, acao="agendamento_atendido", por=por, status_de=anterior or "",
                     status_para=StatusAgendamento.ATENDIDO, nota=f"protocolo {protocolo}")
    comprovante = _emitir_comprovante(agendamento, por=por)
    Agendamento.objects.filter(pk=agendamento.pk).update(comprovante=comprovante)
    agendamento.comprovante = comprovante
    return agendamento


def _emitir_comprovante(agendamento: Agendamento, *, por) -> DocumentoEmitido:
    aps = agendamento.vaga.aps
    fuso = ZoneInfo(aps.fuso_horario)
    contexto = {
        "aps": str(aps),
        "servico": agendamento.get_servico_display(),
        "horario": agendamento.vaga.inicio.astimezone(fuso),
        "atendido_em": agendamento.atendido_em.astimezone(fuso),
        "cidadao": {"nome": agendamento.cidadao_nome, "cpf": ocultar_cpf(agendamento.cidadao_cpf)},
        "motivo": agendamento.get_motivo_identificado_display(),
        "servico_prestado": agendamento.servico_prestado,
        "protocolo": agendamento.protocolo_atendimento,
        "senha_meu_inss_emitida": agendamento.senha_meu_inss_emitida,
        "atendente": por.nome,
    }
    return documento_emitir(
        tipo="comprovante_de_atendimento", titulo=f"Comprovante de atendimento — {agendamento.cidadao_nome}",
        template="pdf/atendimento/comprovante_atendimento.html", contexto=contexto, por=por, para=por,
        objeto=agendamento,
    )
