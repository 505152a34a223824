"""O registro de todo documento que o portal emite: cada um com código verificador e CRC no rodapé,
conferíveis por qualquer pessoa em /verificar/, como no SEI (seed 004, último parágrafo)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class DocumentoEmitido(models.Model):
    codigo_verificador = models.CharField("código verificador", max_length=10, unique=True)
    crc = models.CharField("CRC", max_length=8)
    tipo = models.CharField(max_length=60)
    titulo = models.CharField("título", max_length=200)
    arquivo = models.FileField(upload_to="documentos/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    tamanho = models.PositiveIntegerField()
    emitido_em = models.DateTimeField(default=timezone.now)
    emitido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    emitido_para = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="documentos_recebidos"
    )
    entidade = models.ForeignKey(
        "entidades.Entidade", on_delete=models.PROTECT, null=True, blank=True, related_name="documentos"
    )
    sr = models.ForeignKey(
        "organizacao.SuperintendenciaRegional", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tipo_objeto = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    objeto_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-emitido_em", "-pk"]
        verbose_name = "documento emitido"
        verbose_name_plural = "documentos emitidos"
        indexes = [
            models.Index(fields=["emitido_para", "-emitido_em"]),
            models.Index(fields=["tipo_objeto", "objeto_id"]),
        ]

    def __str__(self):
        return f"{self.titulo} ({self.codigo_verificador})"

    @property
    def nome_do_arquivo(self) -> str:
        return f"{self.tipo}-{self.codigo_verificador}.pdf"


# --- Certificado digital A3 (seed 004, Portaria Conjunta DIRBEN/DTI/INSS nº 96/2024) -------------------------


class TipoDeCertificado(models.TextChoices):
    A3 = "A3", "A3"
    A4 = "A4", "A4 (superior ao A3)"


class OrigemDoCertificado(models.TextChoices):
    CADASTRO = "cadastro", "Cadastrado pelo representante"
    ENTRADA = "entrada", "Lido na entrada com certificado"


class CertificadoDoRepresentante(models.Model):
    """O certificado público ICP-Brasil de um representante, como o portal o leu (`certificados/icp.py`)."""

    usuario = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificados_a3")
    tipo = models.CharField(max_length=2, choices=TipoDeCertificado.choices)
    politica = models.CharField("política de certificado", max_length=60)
    cpf = models.CharField("CPF do titular", max_length=11)
    titular_nome = models.CharField("nome do titular", max_length=200)
    e_cnpj = models.BooleanField("e-CNPJ", default=False)
    cnpj = models.CharField("CNPJ (e-CNPJ)", max_length=14, blank=True)
    oab = models.CharField("inscrição na OAB", max_length=30, blank=True)
    emissor = models.CharField("autoridade certificadora", max_length=300)
    serial = models.CharField("número de série", max_length=64)
    sha256 = models.CharField("impressão digital SHA-256", max_length=64)
    valido_de = models.DateTimeField("válido desde")
    valido_ate = models.DateTimeField("válido até")
    pem = models.TextField("certificado público (PEM)")
    origem = models.CharField(max_length=10, choices=OrigemDoCertificado.choices, default=OrigemDoCertificado.CADASTRO)
    registrado_em = models.DateTimeField(default=timezone.now)
    ultimo_uso_em = models.DateTimeField("última entrada com ele", null=True, blank=True)
    removido_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-valido_ate", "-pk"]
        verbose_name = "certificado A3 de representante"
        verbose_name_plural = "certificados A3 de representantes"
        constraints = [
            models.UniqueConstraint(fields=["usuario", "sha256"], name="certificado_uma_vez_por_pessoa"),
        ]
        indexes = [
            models.Index(fields=["usuario", "valido_ate"], condition=models.Q(removido_em__isnull=True),
                         name="certificado_a3_em_uso"),
        ]

    def __str__(self):
        return f"{self.tipo} de {self.titular_nome} (até {timezone.localtime(self.valido_ate):%d/%m/%Y})"

    @property
    def valido(self) -> bool:
        return self.removido_em is None and self.valido_de <= timezone.now() < self.valido_ate


class LoteDaMigracaoA3(models.Model):
    """Uma linha do cronograma de migração (Anexo I da Portaria 96): a data ou o período, a Superintendência
    Regional e as UFs; as entidades desses tipos ali passam a entrar só com A3 depois do último dia. Sem último
    dia, o lote está "a definir" (o Rio Grande do Sul, depois das chuvas de 2024). Novos lotes entram pela
    administração."""

    ordem = models.PositiveSmallIntegerField(default=0)
    nome = models.CharField(max_length=120)
    inicio = models.DateField("primeiro dia", null=True, blank=True)
    fim = models.DateField("último dia (prazo)", null=True, blank=True,
                           help_text="Vazio: a definir. Depois deste dia, só com certificado A3.")
    sr = models.ForeignKey("organizacao.SuperintendenciaRegional", on_delete=models.PROTECT, null=True, blank=True,
                           related_name="lotes_a3", verbose_name="Superintendência Regional")
    ufs = models.JSONField("UFs", default=list, help_text='Siglas, por exemplo ["SP"]; vazio: toda a SR.')
    tipos_de_entidade = models.JSONField("tipos de entidade", default=list,
                                         help_text='Por exemplo ["oab_seccional"]; vazio: todos.')
    nota = models.TextField(blank=True)

    class Meta:
        ordering = ["ordem", "pk"]
        verbose_name = "lote da migração para o A3"
        verbose_name_plural = "cronograma de migração para o A3 (lotes)"
        constraints = [
            models.CheckConstraint(condition=models.Q(fim__isnull=True) | models.Q(inicio__isnull=True)
                                   | models.Q(fim__gte=models.F("inicio")), name="lote_a3_periodo_em_ordem"),
        ]

    def __str__(self):
        return self.nome

    @property
    def a_definir(self) -> bool:
        return self.fim is None

    @property
    def periodo(self) -> str:
        if self.fim is None:
            return "a definir"
        if self.inicio is None or self.inicio == self.fim:
            return f"{self.fim:%d/%m/%Y}"
        return f"{self.inicio:%d/%m/%Y} a {self.fim:%d/%m/%Y}"


class Webinario(models.Model):
    """Sensibilização (art. 5º, I): um webinar sobre o A3, anunciado no portal e por e-mail ao público (a SR;
    sem SR, todas)."""

    titulo = models.CharField("título", max_length=200)
    quando = models.DateTimeField("data e hora")
    link = models.URLField("endereço da transmissão")
    sr = models.ForeignKey("organizacao.SuperintendenciaRegional", on_delete=models.PROTECT, null=True, blank=True,
                           related_name="webinarios_a3", verbose_name="público (Superintendência Regional)")
    descricao = models.TextField("descrição", blank=True)
    anunciado_em = models.DateTimeField(null=True, blank=True)
    criado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["quando", "pk"]
        verbose_name = "webinar do A3"
        verbose_name_plural = "webinars do A3"

    def __str__(self):
        return f"{self.titulo} ({timezone.localtime(self.quando):%d/%m/%Y %H:%M})"


class ComunicadoA3(models.Model):
    """Sensibilização (art. 5º, I): uma comunicação às entidades afetadas (a SR; sem SR, todas), com o
    cronograma, enviada no portal e por e-mail aos representantes."""

    titulo = models.CharField("título", max_length=200)
    corpo = models.TextField()
    sr = models.ForeignKey("organizacao.SuperintendenciaRegional", on_delete=models.PROTECT, null=True, blank=True,
                           related_name="comunicados_a3", verbose_name="Superintendência Regional")
    enviado_em = models.DateTimeField(null=True, blank=True)
    destinatarios = models.PositiveIntegerField("destinatários", default=0)
    criado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    criado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-criado_em", "-pk"]
        verbose_name = "comunicado do A3"
        verbose_name_plural = "comunicados do A3"

    def __str__(self):
        return self.titulo


class TipoDeOrientacao(models.TextChoices):
    MATERIAL = "material", "Material"
    PERGUNTA = "pergunta", "Pergunta frequente"


class OrientacaoA3(models.Model):
    """Orientações gerais (art. 5º, III; art. 3º): materiais e perguntas frequentes sobre o A3."""

    tipo = models.CharField(max_length=10, choices=TipoDeOrientacao.choices)
    titulo = models.CharField("título (ou pergunta)", max_length=200)
    texto = models.TextField("texto (ou resposta)")
    link = models.URLField(blank=True)
    ordem = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["tipo", "ordem", "pk"]
        verbose_name = "orientação sobre o A3"
        verbose_name_plural = "orientações sobre o A3"

    def __str__(self):
        return self.titulo
