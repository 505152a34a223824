"""Um só motor de agendamento para todo atendimento presencial (ATESP, perícia médica, avaliação social).

A APS publica uma agenda por serviço (dias, horário, duração de cada atendimento e quantos servidores
atendem); dela nascem as vagas, uma linha por horário, com a capacidade que os servidores dão. Uma parte de
cada horário fica reservada às prioridades (80 anos ou mais, pessoa com deficiência, deficiência auditiva ou
visual) e abre para todos quando sobra, na véspera. Cada agendamento ocupa a vaga por uma atualização
guardada na mesma transação: nunca se agenda além da capacidade.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from atendimento.atesp import CASOS_DE_REABERTURA, MOTIVOS


class ServicoPresencial(models.TextChoices):
    ATESP = "atesp", "Atendimento Especializado (ATESP)"
    PERICIA_MEDICA = "pericia_medica", "Perícia médica"
    AVALIACAO_SOCIAL = "avaliacao_social", "Avaliação social"


class Agenda(models.Model):
    aps = models.ForeignKey("organizacao.AgenciaPrevidencia", on_delete=models.PROTECT, related_name="agendas",
                            verbose_name="APS")
    servico = models.CharField("serviço", max_length=20, choices=ServicoPresencial.choices)
    # Os dias da semana em que atende: 0 = segunda ... 6 = domingo, como em date.weekday().
    dias_da_semana = models.JSONField("dias da semana", default=list)
    hora_inicio = models.TimeField("início do atendimento")
    hora_fim = models.TimeField("fim do atendimento")
    duracao_minutos = models.PositiveSmallIntegerField("duração de cada atendimento (minutos)")
    servidores = models.PositiveSmallIntegerField("servidores atendendo (capacidade operacional)")
    percentual_prioritario = models.PositiveSmallIntegerField("parte reservada às prioridades (%)", default=20)
    vigencia_inicio = models.DateField("primeiro dia")
    vigencia_fim = models.DateField("último dia")
    publicada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    publicada_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-vigencia_inicio", "pk"]
        verbose_name = "agenda"
        constraints = [
            models.CheckConstraint(condition=Q(hora_fim__gt=F("hora_inicio")), name="agenda_fim_depois_do_inicio"),
            models.CheckConstraint(condition=Q(vigencia_fim__gte=F("vigencia_inicio")),
                                   name="agenda_vigencia_em_ordem"),
            models.CheckConstraint(condition=Q(servidores__gte=1) & Q(duracao_minutos__gte=5),
                                   name="agenda_capacidade_positiva"),
            models.CheckConstraint(condition=Q(percentual_prioritario__lte=100), name="agenda_percentual_valido"),
        ]

    def __str__(self):
        periodo = f"{self.vigencia_inicio:%d/%m/%Y} a {self.vigencia_fim:%d/%m/%Y}"
        return f"{self.get_servico_display()} — {self.aps} ({periodo})"


class Vaga(models.Model):
    """Um horário de uma agenda: `capacidade` atendimentos simultâneos, dos quais `prioritarias` reservados."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="vagas")
    aps = models.ForeignKey("organizacao.AgenciaPrevidencia", on_delete=models.PROTECT, related_name="vagas")
    servico = models.CharField(max_length=20, choices=ServicoPresencial.choices)
    inicio = models.DateTimeField("início")
    fim = models.DateTimeField()
    capacidade = models.PositiveSmallIntegerField()
    prioritarias = models.PositiveSmallIntegerField("reservadas às prioridades")
    ocupadas = models.PositiveSmallIntegerField(default=0)
    ocupadas_gerais = models.PositiveSmallIntegerField("ocupadas por quem não tem prioridade", default=0)

    class Meta:
        ordering = ["inicio", "pk"]
        verbose_name = "vaga"
        constraints = [
            models.UniqueConstraint(fields=["agenda", "inicio"], name="vaga_uma_por_horario_da_agenda"),
            # A última linha de defesa contra o excesso: nem uma corrida nem um bug passam daqui.
            models.CheckConstraint(condition=Q(ocupadas__lte=F("capacidade")), name="vaga_sem_excesso"),
            models.CheckConstraint(condition=Q(ocupadas_gerais__lte=F("ocupadas")), name="vaga_gerais_contidas"),
            models.CheckConstraint(condition=Q(prioritarias__lte=F("capacidade")), name="vaga_reserva_contida"),
        ]
        indexes = [
            # A busca de vagas: serviço, agência e dia, só onde ainda cabe alguém.
            models.Index(fields=["servico", "aps", "inicio"], condition=Q(ocupadas__lt=F("capacidade")),
                         name="vaga_livre"),
            # O lembrete da véspera: os horários das próximas 24 horas, em todo o país.
            models.Index(fields=["inicio"], name="vaga_inicio"),
        ]

    def __str__(self):
        return f"{self.get_servico_display()} — {self.aps} — {timezone.localtime(self.inicio):%d/%m/%Y %H:%M}"

    @property
    def livres(self) -> int:
        return self.capacidade - self.ocupadas


class Prioridade(models.TextChoices):
    NENHUMA = "", "Sem prioridade"
    IDOSO_80 = "idoso_80", "80 anos ou mais"
    DEFICIENCIA = "deficiencia", "Pessoa com deficiência"
    AUDITIVA_VISUAL = "auditiva_visual", "Deficiência auditiva ou visual"


class OrigemDoAgendamento(models.TextChoices):
    CENTRAL_135 = "central_135", "Central 135"
    AGENCIA = "agencia", "Pela agência (excepcional)"
    PAT = "pat", "Entidade parceira (PAT)"


class StatusAgendamento(models.TextChoices):
    AGENDADO = "agendado", "Agendado"
    CANCELADO = "cancelado", "Cancelado"
    COMPARECEU = "compareceu", "Chegou à agência"
    ATENDIDO = "atendido", "Atendido"
    NAO_COMPARECEU = "nao_compareceu", "Não compareceu"


# Os textos da seed são os rótulos; as chaves curtas, o que se grava.
MotivoAtesp = models.TextChoices("MotivoAtesp", [(chave.upper(), (chave, texto)) for chave, texto in MOTIVOS])
CasoDeReabertura = models.TextChoices(
    "CasoDeReabertura", [(chave.upper(), (chave, texto)) for chave, texto in CASOS_DE_REABERTURA])


class Agendamento(models.Model):
    vaga = models.ForeignKey(Vaga, on_delete=models.PROTECT, related_name="agendamentos")
    servico = models.CharField(max_length=20, choices=ServicoPresencial.choices)
    cidadao_cpf = models.CharField("CPF do cidadão", max_length=11)
    cidadao_nome = models.CharField("nome do cidadão", max_length=150)
    cidadao_nascimento = models.DateField("data de nascimento", null=True, blank=True)
    cidadao_email = models.EmailField("e-mail do cidadão", blank=True)
    cidadao_telefone = models.CharField("telefone", max_length=20, blank=True)
    prioridade = models.CharField(max_length=16, choices=Prioridade.choices, blank=True)
    origem = models.CharField(max_length=12, choices=OrigemDoAgendamento.choices)
    motivo = models.CharField("motivo (ATESP)", max_length=32, choices=MotivoAtesp.choices, blank=True)
    caso = models.CharField("caso de reabertura", max_length=32, choices=CasoDeReabertura.choices, blank=True)
    justificativa = models.TextField("justificativa do agendamento pela agência", blank=True)
    requerimento = models.ForeignKey("atendimento.Requerimento", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="agendamentos")
    # O mesmo envio repetido (duplo clique, nova tentativa) traz a mesma chave: um só agendamento.
    chave = models.UUIDField(unique=True)
    status = models.CharField(max_length=16, choices=StatusAgendamento.choices, default=StatusAgendamento.AGENDADO)
    criado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criado_em = models.DateTimeField(default=timezone.now)
    atualizado_em = models.DateTimeField(auto_now=True)
    # O balcão da APS (atendimento/services/balcao.py): o que o servidor registrou ao atender.
    motivo_identificado = models.CharField("motivo identificado", max_length=32, choices=MotivoAtesp.choices,
                                           blank=True)
    servico_prestado = models.TextField("serviço prestado", blank=True)
    protocolo_atendimento = models.CharField("protocolo do requerimento", max_length=20, blank=True)
    senha_meu_inss_emitida = models.BooleanField("senha do Meu INSS emitida", default=False)
    atendido_em = models.DateTimeField("atendido em", null=True, blank=True)
    atendido_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    comprovante = models.ForeignKey("certificados.DocumentoEmitido", on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+", verbose_name="comprovante de atendimento")
    # O e-mail da véspera ao cidadão (atendimento/services/agenda_lembretes.py): marcado na transação do envio.
    lembrete_enviado_em = models.DateTimeField("lembrete enviado em", null=True, blank=True)

    class Meta:
        ordering = ["vaga__inicio", "pk"]
        verbose_name = "agendamento"
        constraints = [
            # Um agendamento vivo por cidadão e serviço.
            models.UniqueConstraint(fields=["cidadao_cpf", "servico"], condition=Q(status="agendado"),
                                    name="agendamento_um_vivo_por_cidadao_e_servico"),
            models.CheckConstraint(condition=~Q(motivo="requerimento_sem_atendimento") | ~Q(caso=""),
                                   name="agendamento_motivo_de_reabertura_tem_caso"),
            models.CheckConstraint(condition=~Q(origem="agencia") | ~Q(justificativa=""),
                                   name="agendamento_pela_agencia_tem_justificativa"),
            # O servidor registra sempre o protocolo de um requerimento, mesmo quando o serviço existe nos
            # canais remotos.
            models.CheckConstraint(condition=~Q(status="atendido") | ~Q(protocolo_atendimento=""),
                                   name="agendamento_atendido_tem_protocolo"),
        ]
        indexes = [models.Index(fields=["vaga", "status"])]

    def __str__(self):
        return f"{self.cidadao_nome} — {self.vaga}"

    @property
    def prioritario(self) -> bool:
        return bool(self.prioridade)


class AtivacaoDoAtesp(models.Model):
    """O ATESP ativado numa APS (seed 000): a agência tem dois dias úteis, contados do dia seguinte ao da
    ativação no calendário da sua UF, para ofertar vagas. `prazo_para_ofertar` é o último desses dias; passado
    ele sem agenda do ATESP publicada, a varredura avisa a GEX uma vez (`gex_avisada_em`)."""

    aps = models.OneToOneField("organizacao.AgenciaPrevidencia", on_delete=models.PROTECT,
                               related_name="ativacao_do_atesp", verbose_name="APS")
    ativado_em = models.DateTimeField("ativado em", default=timezone.now)
    prazo_para_ofertar = models.DateField("ofertar vagas até", help_text="O último dia do prazo.")
    # Nulo nas cargas de dados (a ativação nacional da Portaria 908/2021).
    ativado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="ativado por")
    gex_avisada_em = models.DateTimeField("GEX avisada em", null=True, blank=True)

    class Meta:
        ordering = ["prazo_para_ofertar", "pk"]
        verbose_name = "ativação do ATESP"
        verbose_name_plural = "ativações do ATESP"
        indexes = [
            # A varredura da cobrança: só as que ainda não avisaram a GEX.
            models.Index(fields=["prazo_para_ofertar"], condition=Q(gex_avisada_em__isnull=True),
                         name="atesp_ativacao_a_cobrar"),
        ]

    def __str__(self):
        return f"ATESP — {self.aps} (ofertar vagas até {self.prazo_para_ofertar:%d/%m/%Y})"


__all__ = [
    "Agenda", "Agendamento", "AtivacaoDoAtesp", "CasoDeReabertura", "MotivoAtesp", "OrigemDoAgendamento", "Prioridade",
    "ServicoPresencial", "StatusAgendamento", "Vaga",
]
