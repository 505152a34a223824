"""Entidades parceiras e os vínculos das pessoas que as representam (seed 003, itens 15–19).

O issue de entidades, representantes e acordos faz estes modelos crescerem; aqui está o que as permissões
precisam: quem representa qual entidade, com que papel, até quando.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.arquivos import ArquivoConferido
from portal.organizacao.models import UF, GerenciaExecutiva, Municipio, SuperintendenciaRegional
from portal.validadores import formatar_cnpj, validar_cnpj


class TipoEntidade(models.TextChoices):
    PREFEITURA = "prefeitura", "Prefeitura"
    OAB_SECCIONAL = "oab_seccional", "OAB seccional"
    SINDICATO = "sindicato", "Sindicato"
    ASSOCIACAO = "associacao", "Associação"
    OUTRA = "outra", "Outra"


class Entidade(models.Model):
    cnpj = models.CharField(
        "CNPJ",
        max_length=14,
        unique=True,
        validators=[validar_cnpj],
        error_messages={"unique": "Já existe uma entidade com este CNPJ."},
    )
    razao_social = models.CharField("razão social", max_length=200)
    tipo = models.CharField(max_length=20, choices=TipoEntidade.choices)
    uf = models.ForeignKey(UF, on_delete=models.PROTECT, related_name="+")
    municipio = models.ForeignKey(Municipio, on_delete=models.PROTECT, related_name="+")
    sr = models.ForeignKey(SuperintendenciaRegional, on_delete=models.PROTECT, related_name="entidades")
    gex = models.ForeignKey(
        GerenciaExecutiva, on_delete=models.PROTECT, null=True, blank=True, related_name="entidades"
    )
    criada_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["razao_social"]
        verbose_name = "entidade"
        constraints = [
            models.CheckConstraint(condition=Q(cnpj__regex=r"^[0-9]{14}$"), name="entidade_cnpj_14_digitos"),
        ]
        indexes = [models.Index(fields=["sr", "razao_social"])]

    def __str__(self):
        return self.razao_social

    @property
    def cnpj_formatado(self) -> str:
        return formatar_cnpj(self.cnpj)


class PapelRepresentante(models.TextChoices):
    CONSULTA = "CONSULTA", "Consulta"
    AUTENTICA = "AUTENTICA", "Autentica"
    ADVOGADO = "ADVOGADO", "Advogado"
    OAB = "OAB", "OAB"


PAPEIS_QUE_PROTOCOLAM = (PapelRepresentante.AUTENTICA, PapelRepresentante.ADVOGADO, PapelRepresentante.OAB)


class Vinculo(models.Model):
    """A pessoa representa a entidade. O acesso vale enquanto `ativo` e `valido_ate > agora` — checado na
    leitura (selectors); a varredura só avisa de vencimentos próximos."""

    usuario = models.ForeignKey("contas.Usuario", on_delete=models.CASCADE, related_name="vinculos")
    entidade = models.ForeignKey(Entidade, on_delete=models.CASCADE, related_name="vinculos")
    papel = models.CharField(max_length=10, choices=PapelRepresentante.choices)
    gestor = models.BooleanField(default=False)
    cadastrador = models.BooleanField("cadastrador externo", default=False)
    valido_ate = models.DateTimeField("acesso válido até")
    ativo = models.BooleanField(default=True)
    excluido_em = models.DateTimeField("acesso excluído em", null=True, blank=True)
    criado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "vínculo de representante"
        verbose_name_plural = "vínculos de representantes"
        constraints = [
            models.UniqueConstraint(fields=["usuario", "entidade"], name="vinculo_unico_por_entidade"),
        ]
        indexes = [
            models.Index(fields=["valido_ate"], condition=Q(ativo=True), name="vinculo_ativo_valido_ate"),
        ]

    def __str__(self):
        return f"{self.usuario.nome} — {self.entidade}"

    @property
    def protocola(self) -> bool:
        return self.papel in PAPEIS_QUE_PROTOCOLAM

    @property
    def situacao(self) -> str:
        if not self.ativo:
            return "Inativo"
        return "Ativo" if self.valido_ate > timezone.now() else "Vencido"

    @property
    def encerrado_em(self) -> datetime | None:
        """Quando o acesso deixou de valer: a exclusão ou o vencimento; None enquanto vale."""
        if not self.ativo:
            return self.excluido_em
        return self.valido_ate if self.valido_ate <= timezone.now() else None

    @property
    def funcoes(self) -> list[str]:
        """Os papéis como a pessoa os reconhece, para o cabeçalho e as listas."""
        funcoes = []
        if self.gestor:
            funcoes.append("Gestor(a)")
        if self.cadastrador:
            funcoes.append("Cadastrador(a) externo(a)")
        if self.protocola:
            funcoes.append("Atendente")
        elif not funcoes:
            funcoes.append("Consulta")
        return funcoes


class TipoDocumentoDoVinculo(models.TextChoices):
    """Seed 003, item 16, ATENÇÃO 1: quem já representa outra entidade só ganha um novo vínculo com estes três."""

    TCMS = "tcms", "TCMS — Termo de Compromisso de Manutenção de Sigilo"
    IDENTIDADE = "identidade", "Cópia de documento de identificação"
    ESCOLA_PEP = "escola_pep", "Declaração de participação da Escola PEP"


class DocumentoDoVinculo(ArquivoConferido):
    vinculo = models.ForeignKey(Vinculo, on_delete=models.CASCADE, related_name="documentos")
    tipo = models.CharField(max_length=20, choices=TipoDocumentoDoVinculo.choices)
    arquivo = models.FileField(upload_to="vinculos/%Y/%m/")
    enviado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enviado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enviado_em", "pk"]
        verbose_name = "documento do vínculo"
        verbose_name_plural = "documentos dos vínculos"

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.nome}"


class CapacitacaoPEP(ArquivoConferido):
    """A conclusão da capacitação on-line da Escola PEP, com a declaração de participação (seed 002, checklist
    da adesão; seed 003, item 16, ATENÇÃO 1). É da pessoa, não do vínculo: o curso feito vale para todas as
    entidades que ela representa, e quem a cadastra numa segunda entidade não pede a declaração de novo."""

    usuario = models.OneToOneField("contas.Usuario", on_delete=models.CASCADE, related_name="capacitacao_pep")
    concluida_em = models.DateField("concluída em")
    carga_horaria = models.PositiveSmallIntegerField("carga horária (horas)", null=True, blank=True)
    declaracao = models.FileField("declaração de participação", upload_to="capacitacoes_pep/%Y/%m/")
    registrada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registrada_em = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "capacitação da Escola PEP"
        verbose_name_plural = "capacitações da Escola PEP"

    def __str__(self):
        return f"Escola PEP — {self.usuario.nome}, concluída em {self.concluida_em:%d/%m/%Y}"
