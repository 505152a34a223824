"""O Acordo de Cooperação Técnica (ACT) e a adesão que o precede (seed 002: documentos, checklist).

Uma adesão começa pela entidade, vai à análise do gestor regional da SR (que pode pedir mais documentos),
e, aprovada, cria o Acordo. O acordo só fica `vigente` — e a operacionalização só é liberada — quando o
checklist está completo (estrutura física, representantes indicados, capacitação on-line concluída).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.validadores import formatar_processo_sei


class RegimePrevidenciario(models.TextChoices):
    RPPS = "rpps", "Tem regime próprio (RPPS): apresenta o CRP"
    RGPS = "rgps", "Vinculada apenas ao RGPS: apresenta a certidão de inexistência de débitos"


class StatusAdesao(models.TextChoices):
    RASCUNHO = "rascunho", "Rascunho"
    EM_ANALISE = "em_analise", "Em análise pelo INSS"
    AGUARDANDO_ENTIDADE = "aguardando_entidade", "Aguardando documentos da entidade"
    APROVADA = "aprovada", "Aprovada"
    RECUSADA = "recusada", "Recusada"


# Enquanto a adesão não foi decidida, a entidade responde aos pedidos de documentos do INSS.
ADESAO_ACEITA_RESPOSTA = (StatusAdesao.EM_ANALISE, StatusAdesao.AGUARDANDO_ENTIDADE)


class Adesao(models.Model):
    entidade = models.ForeignKey("entidades.Entidade", on_delete=models.PROTECT, related_name="adesoes")
    iniciada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    representante_legal_nome = models.CharField("nome do representante legal", max_length=150)
    representante_legal_cpf = models.CharField("CPF do representante legal", max_length=11)
    representante_legal_cargo = models.CharField("cargo do representante legal", max_length=100)
    regime = models.CharField("regime previdenciário", max_length=4, choices=RegimePrevidenciario.choices)
    aceite_minuta = models.BooleanField("aceita os termos da minuta do ACT", default=False)
    aceite_plano_de_trabalho = models.BooleanField("aceita o Plano de Trabalho", default=False)
    # Checklist do município (seed 002), marcado pelo gestor regional item a item.
    estrutura_fisica = models.BooleanField("estrutura física mínima", default=False)
    representantes_indicados = models.BooleanField(default=False)
    capacitacao_concluida = models.BooleanField("capacitação on-line concluída", default=False)
    status = models.CharField(max_length=20, choices=StatusAdesao.choices, default=StatusAdesao.RASCUNHO)
    criada_em = models.DateTimeField(default=timezone.now)
    enviada_em = models.DateTimeField(null=True, blank=True)
    # Quando o INSS pede documentos: desde quando a entidade deve responder (lembrete aos 15 dias).
    aguardando_desde = models.DateTimeField(null=True, blank=True)
    decidida_em = models.DateTimeField(null=True, blank=True)
    decidida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    motivo_da_recusa = models.TextField(blank=True)

    class Meta:
        ordering = ["-criada_em"]
        verbose_name = "adesão"
        verbose_name_plural = "adesões"
        indexes = [
            models.Index(fields=["aguardando_desde"], condition=Q(status="aguardando_entidade"),
                         name="adesao_aguardando_entidade"),
        ]

    def __str__(self):
        return f"Adesão de {self.entidade}"

    @property
    def checklist(self) -> list[tuple[str, bool]]:
        return [
            ("Estrutura física mínima (espaço e equipamentos)", self.estrutura_fisica),
            ("Representantes indicados", self.representantes_indicados),
            ("Capacitação on-line concluída", self.capacitacao_concluida),
        ]

    @property
    def itens_do_checklist(self) -> list[tuple[str, str, bool]]:
        campos = ("estrutura_fisica", "representantes_indicados", "capacitacao_concluida")
        return [(campo, rotulo, feito) for campo, (rotulo, feito) in zip(campos, self.checklist, strict=True)]

    @property
    def checklist_completo(self) -> bool:
        return all(feito for _, feito in self.checklist)


class TipoDocumentoAdesao(models.TextChoices):
    OFICIO = "oficio", "Ofício de manifestação de interesse"
    LEI_CRIACAO = "lei_criacao", "Lei ou ato de criação da entidade"
    OUTORGA = "outorga", "Documento de outorga de poderes ao representante legal"
    DOCUMENTO_PESSOAL = "documento_pessoal", "Documento pessoal do representante legal"
    CRP = "crp", "Certificado de Regularidade Previdenciária (CRP)"
    CERTIDAO_DEBITOS = "certidao_debitos", "Comprovação de inexistência de débitos com o INSS"
    ADICIONAL = "adicional", "Documento adicional pedido pelo INSS"


class PedidoDeDocumento(models.Model):
    """O gestor regional pede mais documentos; a entidade vê o que foi pedido e responde."""

    adesao = models.ForeignKey(Adesao, on_delete=models.CASCADE, related_name="pedidos")
    texto = models.TextField()
    pedido_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pedido_em = models.DateTimeField(default=timezone.now)
    resposta = models.TextField(blank=True)
    respondido_em = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pedido_em"]
        verbose_name = "pedido de documento"

    def __str__(self):
        return self.texto[:60]


class DocumentoDeAdesao(models.Model):
    adesao = models.ForeignKey(Adesao, on_delete=models.CASCADE, related_name="documentos")
    pedido = models.ForeignKey(PedidoDeDocumento, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="documentos")
    tipo = models.CharField(max_length=20, choices=TipoDocumentoAdesao.choices)
    arquivo = models.FileField(upload_to="adesoes/%Y/%m/")
    nome = models.CharField(max_length=150)
    tamanho = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    enviado_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enviado_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enviado_em", "pk"]
        verbose_name = "documento de adesão"
        verbose_name_plural = "documentos de adesão"

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.nome}"


class StatusAcordo(models.TextChoices):
    EM_ADESAO = "em_adesao", "Em adesão"
    EM_ANALISE = "em_analise", "Em análise (operacionalização bloqueada)"
    VIGENTE = "vigente", "Vigente"
    VENCIDO = "vencido", "Vencido"
    RESCINDIDO = "rescindido", "Rescindido"


class Acordo(models.Model):
    numero = models.CharField("número", max_length=30, unique=True)
    entidade = models.ForeignKey("entidades.Entidade", on_delete=models.PROTECT, related_name="acordos")
    adesao = models.OneToOneField(Adesao, on_delete=models.PROTECT, null=True, blank=True, related_name="acordo")
    processo_sei = models.CharField("processo SEI", max_length=17, unique=True)
    vigencia_inicio = models.DateField("início da vigência")
    vigencia_fim = models.DateField("fim da vigência")
    status = models.CharField(max_length=12, choices=StatusAcordo.choices, default=StatusAcordo.EM_ANALISE)
    servicos_pactuados = models.ManyToManyField("atendimento.Servico", related_name="acordos", blank=True)
    plano_de_trabalho = models.TextField("plano de trabalho", blank=True)
    criado_em = models.DateTimeField(default=timezone.now)
    encerrado_em = models.DateTimeField(null=True, blank=True)
    motivo_da_rescisao = models.TextField(blank=True)

    class Meta:
        ordering = ["-vigencia_inicio"]
        verbose_name = "acordo de cooperação técnica"
        verbose_name_plural = "acordos de cooperação técnica"
        constraints = [
            models.CheckConstraint(condition=Q(vigencia_fim__gt=models.F("vigencia_inicio")),
                                   name="acordo_vigencia_fim_depois_do_inicio"),
            models.UniqueConstraint(fields=["entidade"], condition=Q(status__in=["em_analise", "vigente"]),
                                    name="acordo_um_ativo_por_entidade"),
        ]
        indexes = [
            models.Index(fields=["vigencia_fim"], condition=Q(status="vigente"), name="acordo_vigente_fim"),
        ]

    def __str__(self):
        return f"ACT {self.numero} — {self.entidade}"

    @property
    def processo_sei_formatado(self) -> str:
        return formatar_processo_sei(self.processo_sei)


class TipoAlteracao(models.TextChoices):
    CRIACAO = "criacao", "Acordo celebrado"
    OPERACIONALIZACAO = "operacionalizacao", "Operacionalização liberada"
    TERMO_ADITIVO = "termo_aditivo", "Termo aditivo"
    INCLUSAO_SERVICOS = "inclusao_servicos", "Inclusão de serviços"
    PRORROGACAO = "prorrogacao", "Prorrogação de vigência"
    VENCIMENTO = "vencimento", "Fim da vigência"
    RESCISAO = "rescisao", "Rescisão"


class AlteracaoDoAcordo(models.Model):
    """Cada mudança do acordo, com a data e o documento que a formaliza (SEI)."""

    acordo = models.ForeignKey(Acordo, on_delete=models.CASCADE, related_name="alteracoes")
    tipo = models.CharField(max_length=20, choices=TipoAlteracao.choices)
    descricao = models.TextField()
    documento_sei = models.CharField("documento SEI", max_length=40, blank=True)
    em = models.DateTimeField(default=timezone.now)
    por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                            related_name="+")

    class Meta:
        ordering = ["em", "pk"]
        verbose_name = "alteração do acordo"
        verbose_name_plural = "alterações do acordo"

    def __str__(self):
        return f"{self.get_tipo_display()} em {self.em:%d/%m/%Y}"


class TipoSolicitacao(models.TextChoices):
    # Itens 6 a 9 do catálogo do Suporte INSS (seed 003).
    TERMO_ADITIVO = "termo_aditivo", "Termo aditivo"
    INCLUSAO_SERVICOS = "inclusao_servicos", "Inclusão de serviços"
    PRORROGACAO = "prorrogacao", "Prorrogação de vigência"
    CONSULTA_VIGENCIA = "consulta_vigencia", "Consulta de vigência"


class StatusSolicitacao(models.TextChoices):
    PENDENTE = "pendente", "Pendente"
    DEFERIDA = "deferida", "Deferida"
    INDEFERIDA = "indeferida", "Indeferida"
    RESPONDIDA = "respondida", "Respondida"


class SolicitacaoDoAcordo(models.Model):
    """O que a entidade pede sobre o acordo; o gestor regional decide e o acordo registra a mudança."""

    acordo = models.ForeignKey(Acordo, on_delete=models.PROTECT, related_name="solicitacoes")
    tipo = models.CharField(max_length=20, choices=TipoSolicitacao.choices)
    descricao = models.TextField("descrição")
    servicos = models.ManyToManyField("atendimento.Servico", blank=True, related_name="+")
    nova_vigencia_fim = models.DateField("novo fim da vigência", null=True, blank=True)
    status = models.CharField(max_length=12, choices=StatusSolicitacao.choices, default=StatusSolicitacao.PENDENTE)
    pedida_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pedida_em = models.DateTimeField(default=timezone.now)
    decidida_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    decidida_em = models.DateTimeField(null=True, blank=True)
    decisao = models.TextField("decisão ou resposta", blank=True)
    documento_sei = models.CharField("documento SEI", max_length=40, blank=True)

    class Meta:
        ordering = ["-pedida_em"]
        verbose_name = "solicitação sobre o acordo"
        verbose_name_plural = "solicitações sobre o acordo"

    def __str__(self):
        return f"{self.get_tipo_display()} — ACT {self.acordo.numero}"


class CessaoDeImovel(models.Model):
    """Termo de Cessão de Uso (TCOU) de um imóvel do órgão público parceiro ao INSS (seed 002): até 24 meses
    por termo; a renovação é um novo termo que começa onde o anterior termina."""

    entidade = models.ForeignKey("entidades.Entidade", on_delete=models.PROTECT, related_name="cessoes")
    endereco = models.CharField("endereço do imóvel", max_length=200)
    descricao = models.TextField("descrição (espaço, equipamentos)", blank=True)
    inicio = models.DateField("início")
    fim = models.DateField()
    renovacao_de = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="renovacao")
    registrada_por = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registrada_em = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-inicio"]
        verbose_name = "cessão de imóvel (TCOU)"
        verbose_name_plural = "cessões de imóvel (TCOU)"
        constraints = [
            models.CheckConstraint(condition=Q(fim__gt=models.F("inicio")), name="cessao_fim_depois_do_inicio"),
        ]

    def __str__(self):
        return f"TCOU {self.entidade} ({self.inicio:%d/%m/%Y} a {self.fim:%d/%m/%Y})"
