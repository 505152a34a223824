"""A Supervisão das APS – Retorno Gradual e Seguro (seed 001: Portaria 916/2021, tarefa 14615).

Ciclos bimestrais, cada um com 30 dias para as supervisões; o SERAT/SEAT designa o responsável por cada APS
(excepcionalmente o gerente da APS ou quem ele indicar: então o SERAT/SEAT configura a execução na APS); o
responsável cria a supervisão de cada APS no ciclo, responde a todos os campos adicionais, anexa as imagens
e conclui."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from portal.arquivos import ArquivoConferido
from portal.organizacao.models import AgenciaPrevidencia

__all__ = [
    "CicloDeSupervisao",
    "DesignacaoDeResponsavel",
    "ImagemDaSupervisao",
    "RespostaDaSupervisao",
    "RespostaDoItem",
    "StatusSupervisao",
    "Supervisao",
]

# Seed 001: "a cada novo ciclo o servidor responsável terá o prazo de 30 dias" — o primeiro ciclo vai de
# 1º/10/2021 a 31/10/2021, ou seja, o último dia é o início mais 30 dias.
DURACAO_DO_CICLO = timedelta(days=30)
MESES = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
         "novembro", "dezembro"]


class CicloDeSupervisao(models.Model):
    inicio = models.DateField("início", unique=True)
    fim = models.DateField(help_text="Último dia do ciclo (o início mais 30 dias), no horário de Brasília.")
    aberto_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-inicio"]
        verbose_name = "ciclo de supervisão"
        verbose_name_plural = "ciclos de supervisão"
        constraints = [models.CheckConstraint(condition=Q(fim__gt=F("inicio")), name="ciclo_fim_depois_do_inicio")]

    def __str__(self):
        return f"Ciclo de {MESES[self.inicio.month - 1]} de {self.inicio.year}"

    def encerrado(self, hoje: date) -> bool:
        return hoje > self.fim

    def dias_restantes(self, hoje: date) -> int:
        return max((self.fim - hoje).days, 0)


class DesignacaoDeResponsavel(models.Model):
    """Quem supervisiona a APS, até a próxima designação: o SERAT/SEAT designa (seed 001)."""

    aps = models.ForeignKey(AgenciaPrevidencia, on_delete=models.PROTECT, related_name="designacoes_de_supervisao")
    responsavel = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="responsável")
    execucao_na_aps = models.BooleanField(
        "execução na APS", default=False,
        help_text="A exceção da Portaria 916/2021: a supervisão feita pelo gerente da APS ou por servidor por ele "
                  "designado, com o serviço configurado pelo SERAT/SEAT para execução na APS.",
    )
    designada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    designada_em = models.DateTimeField(default=timezone.now)
    ativa = models.BooleanField(default=True)
    encerrada_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-designada_em", "-pk"]
        verbose_name = "designação de responsável pela supervisão"
        verbose_name_plural = "designações de responsáveis pela supervisão"
        constraints = [
            models.UniqueConstraint(fields=["aps"], condition=Q(ativa=True), name="uma_designacao_ativa_por_aps"),
        ]
        indexes = [models.Index(fields=["responsavel"], condition=Q(ativa=True), name="designacao_ativa_do_resp")]

    def __str__(self):
        return f"{self.responsavel} — {self.aps}"


class StatusSupervisao(models.TextChoices):
    RASCUNHO = "rascunho", "Em preenchimento"
    CONCLUIDA = "concluida", "Concluída"


class Supervisao(models.Model):
    ciclo = models.ForeignKey(CicloDeSupervisao, on_delete=models.PROTECT, related_name="supervisoes")
    aps = models.ForeignKey(AgenciaPrevidencia, on_delete=models.PROTECT, related_name="supervisoes")
    responsavel = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="responsável")
    status = models.CharField(max_length=12, choices=StatusSupervisao.choices, default=StatusSupervisao.RASCUNHO)
    criada_em = models.DateTimeField(default=timezone.now)
    concluida_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["aps__nome"]
        verbose_name = "supervisão da APS"
        verbose_name_plural = "supervisões das APS"
        constraints = [
            models.UniqueConstraint(fields=["ciclo", "aps"], name="uma_supervisao_por_aps_no_ciclo"),
            models.CheckConstraint(
                condition=Q(status="rascunho") | Q(concluida_em__isnull=False), name="supervisao_concluida_tem_data"
            ),
        ]

    def __str__(self):
        return f"Supervisão da {self.aps} — {self.ciclo}"

    @property
    def concluida_com_atraso(self) -> bool:
        return bool(self.concluida_em) and timezone.localdate(self.concluida_em) > self.ciclo.fim


class RespostaDoItem(models.TextChoices):
    SIM = "sim", "Sim"
    NAO = "nao", "Não"
    NAO_SE_APLICA = "nao_se_aplica", "Não se aplica"


class RespostaDaSupervisao(models.Model):
    """Um campo adicional da tarefa (atendimento/supervisao_catalogo.py), pelo código do item."""

    supervisao = models.ForeignKey(Supervisao, on_delete=models.CASCADE, related_name="respostas")
    item = models.CharField(max_length=40)
    resposta = models.CharField(max_length=15, choices=RespostaDoItem.choices, blank=True)
    observacoes = models.TextField("observações", blank=True)

    class Meta:
        verbose_name = "resposta da supervisão"
        verbose_name_plural = "respostas da supervisão"
        constraints = [models.UniqueConstraint(fields=["supervisao", "item"], name="uma_resposta_por_item")]

    def __str__(self):
        return self.item


class ImagemDaSupervisao(ArquivoConferido):
    """Uma imagem da visita (os “Anexos Detalhados” da tarefa), PNG ou JPEG conferido pelo conteúdo."""

    supervisao = models.ForeignKey(Supervisao, on_delete=models.CASCADE, related_name="imagens")
    arquivo = models.FileField(upload_to="supervisoes/%Y/%m/")
    tipo = models.CharField(max_length=20)
    enviada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enviada_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enviada_em", "pk"]
        verbose_name = "imagem da supervisão"
        verbose_name_plural = "imagens da supervisão"

    def __str__(self):
        return self.nome
