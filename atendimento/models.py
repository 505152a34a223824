"""Atendimento: o catálogo de serviços, e o requerimento do cidadão do balcão da entidade à decisão do INSS
(seed 002: as 6 etapas, os três formulários; seed 000: os serviços).

Os serviços pactuados de um acordo (portal.acordos) decidem o que a entidade pode protocolar.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.arquivos import ArquivoConferido


class CategoriaServico(models.TextChoices):
    PREVIDENCIARIO = "previdenciario", "Previdenciário"
    ASSISTENCIAL = "assistencial", "Assistencial"
    SERVICO = "servico", "Serviço"


class VarianteServico(models.TextChoices):
    UNICA = "", "—"
    URBANA = "urbana", "Urbana"
    RURAL = "rural", "Rural"


class Servico(models.Model):
    codigo = models.SlugField("código", max_length=60, unique=True)
    nome = models.CharField(max_length=120)
    variante = models.CharField(max_length=10, choices=VarianteServico.choices, blank=True)
    categoria = models.CharField(max_length=16, choices=CategoriaServico.choices)
    ativo = models.BooleanField(default=True)

    class Meta:
        ordering = ["nome", "variante"]
        verbose_name = "serviço"
        constraints = [models.UniqueConstraint(fields=["nome", "variante"], name="servico_nome_variante_unicos")]

    def __str__(self):
        return f"{self.nome} ({self.get_variante_display().lower()})" if self.variante else self.nome


class DocumentoExigido(models.Model):
    """Um documento que o serviço exige no requerimento (administrado no catálogo)."""

    servico = models.ForeignKey(Servico, on_delete=models.CASCADE, related_name="documentos_exigidos")
    nome = models.CharField(max_length=200)
    orientacao = models.CharField("orientação", max_length=300, blank=True)
    obrigatorio = models.BooleanField("obrigatório", default=True)
    ordem = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["servico", "ordem", "pk"]
        verbose_name = "documento exigido"
        verbose_name_plural = "documentos exigidos"
        constraints = [models.UniqueConstraint(fields=["servico", "nome"], name="documento_exigido_unico")]

    def __str__(self):
        return self.nome


class StatusRequerimento(models.TextChoices):
    RASCUNHO = "rascunho", "Rascunho"
    PROTOCOLADO = "protocolado", "Protocolado"
    EM_ANALISE = "em_analise", "Em análise"
    EM_EXIGENCIA = "em_exigencia", "Em exigência"
    CONCLUIDO = "concluido", "Concluído"
    CANCELADO = "cancelado", "Cancelado"


# Onde o requerimento espera pelo INSS (a fila dos analistas).
STATUS_NA_FILA = (StatusRequerimento.PROTOCOLADO, StatusRequerimento.EM_ANALISE)
# Protocolado e ainda sem decisão: o que o painel regional conta como "em andamento".
STATUS_EM_ANDAMENTO = (*STATUS_NA_FILA, StatusRequerimento.EM_EXIGENCIA)


class Decisao(models.TextChoices):
    DEFERIDO = "deferido", "Deferido"
    INDEFERIDO = "indeferido", "Indeferido"


class Requerimento(models.Model):
    """O pedido de um cidadão, feito por uma entidade parceira (seed 002, DESIGN "atendimento").

    Rascunho enquanto o atendente preenche (pode parar e retomar); protocolado no envio, com o número de
    protocolo e o comprovante; depois, análise, exigências e a decisão."""

    entidade = models.ForeignKey("entidades.Entidade", on_delete=models.PROTECT, related_name="requerimentos")
    servico = models.ForeignKey(Servico, on_delete=models.PROTECT, related_name="requerimentos")
    representante = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="requerimentos_feitos")
    # O cidadão (LGPD: só o necessário ao serviço).
    cidadao_cpf = models.CharField("CPF do cidadão", max_length=11, blank=True)
    cidadao_nome = models.CharField("nome do cidadão", max_length=150, blank=True)
    cidadao_nascimento = models.DateField("data de nascimento", null=True, blank=True)
    cidadao_nit = models.CharField("NIT/PIS", max_length=11, blank=True)
    cidadao_telefone = models.CharField("telefone", max_length=20, blank=True)
    cidadao_email = models.EmailField("e-mail", blank=True)
    endereco_logradouro = models.CharField("logradouro", max_length=150, blank=True)
    endereco_numero = models.CharField("número", max_length=20, blank=True)
    endereco_complemento = models.CharField("complemento", max_length=80, blank=True)
    endereco_bairro = models.CharField("bairro", max_length=80, blank=True)
    endereco_municipio = models.ForeignKey("organizacao.Municipio", on_delete=models.PROTECT, null=True,
                                           blank=True, related_name="+", verbose_name="município")
    endereco_cep = models.CharField("CEP", max_length=8, blank=True)

    status = models.CharField(max_length=14, choices=StatusRequerimento.choices, default=StatusRequerimento.RASCUNHO)
    protocolo = models.CharField(max_length=20, unique=True, null=True, blank=True)
    # O envio repetido (duplo clique, voltar, nova tentativa) traz a mesma chave: um só protocolo.
    chave_de_envio = models.UUIDField(unique=True, null=True, blank=True)
    comprovante = models.OneToOneField("certificados.DocumentoEmitido", on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+")
    criado_em = models.DateTimeField(default=timezone.now)
    atualizado_em = models.DateTimeField(auto_now=True)
    protocolado_em = models.DateTimeField(null=True, blank=True)

    analista = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="requerimentos_analisados")
    exigencia_nao_cumprida = models.BooleanField("exigência não cumprida", default=False)
    decisao = models.CharField("decisão", max_length=10, choices=Decisao.choices, blank=True)
    motivo_da_decisao = models.TextField("fundamentação da decisão", blank=True)
    concluido_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-criado_em", "-pk"]
        verbose_name = "requerimento"
        constraints = [
            models.CheckConstraint(condition=Q(status="rascunho") | Q(protocolo__isnull=False),
                                   name="requerimento_protocolado_tem_protocolo"),
            models.CheckConstraint(condition=~Q(status="concluido") | ~Q(decisao=""),
                                   name="requerimento_concluido_tem_decisao"),
        ]
        indexes = [
            # "Entidades sem requerimento nos últimos 3 meses" pergunta, por entidade, pelo protocolo mais recente.
            models.Index(fields=["entidade", "-protocolado_em"], condition=Q(protocolado_em__isnull=False),
                         name="requerimento_entidade_recente"),
            # A fila dos analistas: só o que espera pelo INSS, do mais antigo ao mais novo.
            models.Index(fields=["protocolado_em", "id"], condition=Q(status__in=["protocolado", "em_analise"]),
                         name="requerimento_na_fila"),
            models.Index(fields=["entidade", "status", "-criado_em"]),
            # A lista da entidade, do mais novo ao mais antigo: as 25 da página saem do índice, sem ordenar os
            # milhares de requerimentos de uma prefeitura grande (bench/RESULTS.md: p95 320 ms → 45 ms).
            models.Index(fields=["entidade", "-criado_em", "-id"], name="requerimento_entidade_recentes"),
            models.Index(fields=["cidadao_cpf"]),
            # O painel regional conta por situação só o que está em andamento e o que foi decidido nos últimos
            # 30 dias; os dois índices parciais respondem sem ler a tabela (varredura só do índice, por entidade).
            models.Index(fields=["entidade", "status"], name="requerimento_em_andamento",
                         condition=Q(status__in=list(STATUS_EM_ANDAMENTO))),
            models.Index(fields=["entidade", "concluido_em"], include=["decisao"], name="requerimento_decidido",
                         condition=Q(status="concluido")),
        ]

    def __str__(self):
        return self.protocolo or f"Rascunho {self.pk}"


class TipoDocumentoRequerimento(models.TextChoices):
    # Os três formulários da seed 002, impressos já preenchidos, assinados e digitalizados.
    TERMO_REPRESENTACAO = "termo_representacao", "Termo de representação"
    AUTORIZACAO_DADOS = "autorizacao_dados", "Autorização de acesso aos dados pessoais"
    TERMO_REQUERIMENTO = "termo_requerimento", "Termo de requerimento de serviço"
    EXIGIDO = "exigido", "Documento exigido pelo serviço"
    RESPOSTA_EXIGENCIA = "resposta_exigencia", "Documento em resposta à exigência"


FORMULARIOS_ASSINADOS = (
    TipoDocumentoRequerimento.TERMO_REPRESENTACAO,
    TipoDocumentoRequerimento.AUTORIZACAO_DADOS,
    TipoDocumentoRequerimento.TERMO_REQUERIMENTO,
)


class DocumentoDoRequerimento(ArquivoConferido):
    requerimento = models.ForeignKey(Requerimento, on_delete=models.CASCADE, related_name="documentos")
    tipo = models.CharField(max_length=20, choices=TipoDocumentoRequerimento.choices)
    documento_exigido = models.ForeignKey(DocumentoExigido, on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+")
    exigencia = models.ForeignKey("Exigencia", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="documentos")
    arquivo = models.FileField(upload_to="requerimentos/%Y/%m/")
    enviado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enviado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enviado_em", "pk"]
        verbose_name = "documento do requerimento"
        verbose_name_plural = "documentos dos requerimentos"

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.nome}"


class StatusExigencia(models.TextChoices):
    ABERTA = "aberta", "Aberta (aguardando a entidade)"
    RESPONDIDA = "respondida", "Respondida"
    NAO_CUMPRIDA = "nao_cumprida", "Não cumprida no prazo"


class Exigencia(models.Model):
    """O que o analista pede para completar o requerimento, com prazo de 30 dias (Lei 9.784/99, art. 66),
    prorrogável uma vez por mais 30 a pedido da entidade."""

    requerimento = models.ForeignKey(Requerimento, on_delete=models.CASCADE, related_name="exigencias")
    texto = models.TextField()
    itens = models.TextField("o que falta (um por linha)", blank=True)
    emitida_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notificada_em = models.DateTimeField(default=timezone.now)
    prazo_fim = models.DateField("prazo final")
    prorrogada_em = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=StatusExigencia.choices, default=StatusExigencia.ABERTA)
    resposta = models.TextField(blank=True)
    respondida_em = models.DateTimeField(null=True, blank=True)
    respondida_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")

    class Meta:
        ordering = ["notificada_em", "pk"]
        verbose_name = "exigência"
        constraints = [
            models.UniqueConstraint(fields=["requerimento"], condition=Q(status="aberta"),
                                    name="exigencia_uma_aberta_por_requerimento"),
        ]
        indexes = [
            models.Index(fields=["prazo_fim"], condition=Q(status="aberta"), name="exigencia_aberta_prazo"),
        ]

    def __str__(self):
        return f"Exigência de {self.requerimento} (até {self.prazo_fim:%d/%m/%Y})"

    @property
    def lista_de_itens(self) -> list[str]:
        return [linha.strip() for linha in self.itens.splitlines() if linha.strip()]


# Autodeclaração do segurado especial (serviços rurais): períodos, imóveis, grupo familiar e produção.
class CondicaoNoImovel(models.TextChoices):
    PROPRIETARIO = "proprietario", "Proprietário(a)"
    ARRENDATARIO = "arrendatario", "Arrendatário(a)"
    PARCEIRO = "parceiro", "Parceiro(a)"
    MEEIRO = "meeiro", "Meeiro(a)"
    COMODATARIO = "comodatario", "Comodatário(a)"
    POSSEIRO = "posseiro", "Posseiro(a)"
    ASSENTADO = "assentado", "Assentado(a) da reforma agrária"
    USUFRUTUARIO = "usufrutuario", "Usufrutuário(a)"
    OUTRA = "outra", "Outra"


class AtividadeRural(models.TextChoices):
    AGRICULTURA = "agricultura", "Agricultura"
    PECUARIA = "pecuaria", "Pecuária"
    AGROPECUARIA = "agropecuaria", "Agropecuária"
    PESCA_ARTESANAL = "pesca_artesanal", "Pesca artesanal"
    EXTRATIVISMO = "extrativismo", "Extrativismo vegetal"
    SERINGUEIRO = "seringueiro", "Seringueiro(a)"


class AutodeclaracaoRural(models.Model):
    requerimento = models.OneToOneField(Requerimento, on_delete=models.CASCADE, related_name="autodeclaracao")
    producao = models.TextField("produção (o que produz e o destino: consumo, venda, troca)", blank=True)
    atualizada_em = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "autodeclaração rural"
        verbose_name_plural = "autodeclarações rurais"

    def __str__(self):
        return f"Autodeclaração de {self.requerimento}"


class PeriodoRural(models.Model):
    autodeclaracao = models.ForeignKey(AutodeclaracaoRural, on_delete=models.CASCADE, related_name="periodos")
    inicio = models.DateField("início")
    fim = models.DateField()
    atividade = models.CharField(max_length=20, choices=AtividadeRural.choices)
    imovel = models.CharField("imóvel (denominação)", max_length=120)
    municipio = models.ForeignKey("organizacao.Municipio", on_delete=models.PROTECT, related_name="+",
                                  verbose_name="município")
    area_hectares = models.DecimalField("área (ha)", max_digits=9, decimal_places=2)
    condicao = models.CharField("condição no imóvel", max_length=14, choices=CondicaoNoImovel.choices)
    proprietario = models.CharField("nome do proprietário (se não é o próprio)", max_length=150, blank=True)

    class Meta:
        ordering = ["inicio", "pk"]
        verbose_name = "período de atividade rural"
        verbose_name_plural = "períodos de atividade rural"
        constraints = [
            models.CheckConstraint(condition=Q(fim__gte=models.F("inicio")), name="periodo_rural_fim_depois_do_inicio"),
        ]

    def __str__(self):
        return f"{self.inicio:%d/%m/%Y} a {self.fim:%d/%m/%Y} — {self.get_atividade_display()}"


class Parentesco(models.TextChoices):
    CONJUGE = "conjuge", "Cônjuge ou companheiro(a)"
    FILHO = "filho", "Filho(a)"
    PAI_MAE = "pai_mae", "Pai ou mãe"
    IRMAO = "irmao", "Irmão(ã)"
    OUTRO = "outro", "Outro"


class MembroDoGrupoFamiliar(models.Model):
    autodeclaracao = models.ForeignKey(AutodeclaracaoRural, on_delete=models.CASCADE, related_name="grupo_familiar")
    nome = models.CharField(max_length=150)
    cpf = models.CharField("CPF", max_length=11, blank=True)
    nascimento = models.DateField("data de nascimento")
    parentesco = models.CharField(max_length=10, choices=Parentesco.choices)
    participa = models.BooleanField("participa da atividade rural", default=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "membro do grupo familiar"
        verbose_name_plural = "membros do grupo familiar"

    def __str__(self):
        return self.nome
from atendimento.models_agenda import *  # noqa: E402, F403
from atendimento.models_supervisao import *  # noqa: E402, F403
