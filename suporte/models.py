"""Suporte INSS (seed 003, Portaria Conjunta 64/2022): o catálogo, os chamados (tickets), o que se diz
neles e os anexos, e o certificado de indisponibilidade.

Os status são os do GLPI. O prazo de 7 dias para aprovar ou recusar a solução é uma coluna
(`prazo_aprovacao`), com índice parcial nos chamados solucionados: a varredura do beat age sobre ela.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ItemCatalogo(models.Model):
    numero = models.PositiveSmallIntegerField("número", unique=True)
    servico_sistema = models.CharField("serviço/sistema", max_length=60)
    modulo = models.CharField("módulo", max_length=60)
    funcionalidade = models.CharField(max_length=60)
    motivo = models.CharField(max_length=80, blank=True)
    solicitacao = models.TextField("solicitação")
    objetivo = models.TextField()
    ocorrencias = models.JSONField("ocorrências", default=list)
    atencao = models.JSONField("notas de ATENÇÃO", default=list, blank=True)
    exige_tela_de_erro = models.BooleanField("exige tela de erro anexada", default=False)
    ativo = models.BooleanField(default=True)

    class Meta:
        ordering = ["numero"]
        verbose_name = "item do catálogo"
        verbose_name_plural = "itens do catálogo"

    def __str__(self):
        return f"{self.numero}. {self.caminho}"

    @property
    def partes(self) -> list[str]:
        return [p for p in (self.servico_sistema, self.modulo, self.funcionalidade, self.motivo) if p]

    @property
    def caminho(self) -> str:
        """Como a tela do Suporte mostra o item: "PORTAL DE REQUERIMENTOS > SISTEMA > INDISPONIBILIDADE"."""
        return " > ".join(self.partes)


class StatusChamado(models.TextChoices):
    NOVO = "novo", "Novo"
    PROCESSANDO = "processando", "Processando (atribuído)"
    PENDENTE = "pendente", "Pendente"
    SOLUCIONADO = "solucionado", "Solucionado"
    FECHADO = "fechado", "Fechado"


STATUS_EM_ATENDIMENTO = (StatusChamado.NOVO, StatusChamado.PROCESSANDO, StatusChamado.PENDENTE)


class Fechamento(models.TextChoices):
    APROVADO = "aprovado", "Solução aprovada pela entidade"
    AUTOMATICO = "automatico", "Fechado automaticamente (7 dias sem resposta)"


class Chamado(models.Model):
    codigo = models.CharField("código", max_length=16, unique=True)
    item = models.ForeignKey(ItemCatalogo, on_delete=models.PROTECT, related_name="chamados")
    entidade = models.ForeignKey("entidades.Entidade", on_delete=models.PROTECT, related_name="chamados")
    # O grupo de suporte é o da SR da entidade (seed: 21150.SR-1), gravado na abertura.
    sr = models.ForeignKey("organizacao.SuperintendenciaRegional", on_delete=models.PROTECT, related_name="+")
    requerente = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    titulo = models.CharField("título", max_length=200)
    descricao = models.TextField("descrição")
    # Item 16 (cadastramento de representantes): de quem é o cadastro pedido.
    cpf_representante = models.CharField("CPF do representante", max_length=11, blank=True)
    status = models.CharField(max_length=12, choices=StatusChamado.choices, default=StatusChamado.NOVO)
    tecnico = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="técnico atribuído",
    )
    aberto_em = models.DateTimeField(default=timezone.now)
    atualizado_em = models.DateTimeField(default=timezone.now)
    primeira_resposta_em = models.DateTimeField(null=True, blank=True)
    # A solução em vigor: quem solucionou (para onde a recusa devolve), quando, e até quando responder.
    solucionado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    solucionado_em = models.DateTimeField(null=True, blank=True)
    prazo_aprovacao = models.DateTimeField("prazo para aprovar ou recusar", null=True, blank=True)
    rodada = models.PositiveSmallIntegerField(default=0, help_text="Quantas vezes foi solucionado.")
    fechado_em = models.DateTimeField(null=True, blank=True)
    fechamento = models.CharField(max_length=12, choices=Fechamento.choices, blank=True)
    # A chave do formulário de abertura: o mesmo envio repetido (duplo clique) devolve o mesmo chamado.
    chave_de_envio = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-aberto_em"]
        verbose_name = "chamado"
        indexes = [
            models.Index(fields=["sr", "status", "aberto_em"]),
            models.Index(fields=["entidade", "status", "-atualizado_em"]),
            models.Index(
                fields=["prazo_aprovacao"], condition=Q(status="solucionado"), name="chamado_solucionado_prazo"
            ),
            models.Index(
                fields=["sr", "aberto_em"],
                condition=Q(status__in=["novo", "processando", "pendente"]),
                name="chamado_aberto_fila",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="solucionado") | Q(prazo_aprovacao__isnull=False, solucionado_por__isnull=False),
                name="chamado_solucionado_tem_prazo",
            ),
            models.CheckConstraint(
                condition=~Q(status="fechado") | ~Q(fechamento=""), name="chamado_fechado_diz_como"
            ),
        ]

    def __str__(self):
        return f"{self.codigo} — {self.titulo}"

    @property
    def caminho_da_entidade(self) -> str:
        """Como o GLPI mostra a entidade: "Suporte INSS > ENT EXTERNAS > 21150.SR-1 > CNPJ - NOME"."""
        return (
            f"Suporte INSS > ENT EXTERNAS > {self.sr.grupo_suporte} > "
            f"{self.entidade.cnpj} - {self.entidade.razao_social.upper()}"
        )

    @property
    def aguardando_resposta_da_entidade(self) -> bool:
        return self.status == StatusChamado.SOLUCIONADO and self.prazo_aprovacao > timezone.now()

    @property
    def dias_para_responder(self) -> int | None:
        if self.status != StatusChamado.SOLUCIONADO:
            return None
        restante = self.prazo_aprovacao - timezone.now()
        return max(0, restante.days + (1 if restante.seconds else 0))


class TipoAcompanhamento(models.TextChoices):
    PUBLICO = "publico", "Acompanhamento"
    NOTA_INTERNA = "nota_interna", "Nota interna"
    PENDENCIA = "pendencia", "Pendência para a entidade"
    SOLUCAO = "solucao", "Solução"
    RECUSA = "recusa", "Solução recusada"
    APROVACAO = "aprovacao", "Solução aprovada"


class Acompanhamento(models.Model):
    """O que se diz num chamado. Notas internas nunca aparecem para a entidade."""

    chamado = models.ForeignKey(Chamado, on_delete=models.CASCADE, related_name="acompanhamentos")
    tipo = models.CharField(max_length=14, choices=TipoAcompanhamento.choices)
    texto = models.TextField()
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criado_em", "pk"]
        verbose_name = "acompanhamento"
        indexes = [models.Index(fields=["chamado", "criado_em"])]

    def __str__(self):
        return f"{self.get_tipo_display()} em {self.chamado.codigo}"

    @property
    def interno(self) -> bool:
        return self.tipo == TipoAcompanhamento.NOTA_INTERNA


class CategoriaAnexo(models.TextChoices):
    TELA_DE_ERRO = "tela_de_erro", "Tela de erro"
    TCMS = "tcms", "TCMS – Termo de Compromisso de Manutenção de Sigilo"
    IDENTIDADE = "identidade", "Documento de identificação"
    DECLARACAO_PEP = "declaracao_pep", "Declaração de participação da Escola PEP"
    OUTRO = "outro", "Outro anexo"


class Anexo(models.Model):
    chamado = models.ForeignKey(Chamado, on_delete=models.CASCADE, related_name="anexos")
    acompanhamento = models.ForeignKey(
        Acompanhamento, on_delete=models.CASCADE, null=True, blank=True, related_name="anexos"
    )
    categoria = models.CharField(max_length=16, choices=CategoriaAnexo.choices, default=CategoriaAnexo.OUTRO)
    arquivo = models.FileField(upload_to="suporte/%Y/%m/")
    nome = models.CharField(max_length=150)
    tipo_conteudo = models.CharField(max_length=40)
    tamanho = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    enviado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enviado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enviado_em", "pk"]
        verbose_name = "anexo"

    def __str__(self):
        return self.nome

    @property
    def interno(self) -> bool:
        return self.acompanhamento is not None and self.acompanhamento.interno


class Indisponibilidade(models.Model):
    """A indisponibilidade confirmada por um técnico num chamado do item 12, e o certificado emitido
    (item 12.3.4)."""

    chamado = models.ForeignKey(Chamado, on_delete=models.PROTECT, related_name="indisponibilidades")
    sistemas = models.CharField(max_length=200)
    inicio = models.DateTimeField("início")
    fim = models.DateTimeField()
    descricao = models.TextField("descrição")
    registrada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registrada_em = models.DateTimeField(default=timezone.now)
    documento = models.OneToOneField(
        "certificados.DocumentoEmitido", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-registrada_em"]
        verbose_name = "indisponibilidade"
        constraints = [
            models.CheckConstraint(
                condition=Q(fim__gt=models.F("inicio")), name="indisponibilidade_fim_depois_do_inicio"
            )
        ]

    def __str__(self):
        return f"{self.sistemas}: {self.inicio:%d/%m/%Y %H:%M} a {self.fim:%d/%m/%Y %H:%M}"
