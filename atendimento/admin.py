from django.contrib import admin, messages

from atendimento.models import (
    Agenda,
    Agendamento,
    AtivacaoDoAtesp,
    CicloDeSupervisao,
    DesignacaoDeResponsavel,
    DocumentoDoRequerimento,
    DocumentoExigido,
    Exigencia,
    ImagemDaSupervisao,
    Requerimento,
    RespostaDaSupervisao,
    Servico,
    Supervisao,
)
from atendimento.services.atesp_ativacao import atesp_ativar_em
from portal.organizacao.admin import AgenciaPrevidenciaAdmin
from portal.organizacao.models import AgenciaPrevidencia


class DocumentoExigidoInline(admin.TabularInline):
    model = DocumentoExigido
    fields = ["ordem", "nome", "orientacao", "obrigatorio"]
    extra = 1


@admin.register(Servico)
class ServicoAdmin(admin.ModelAdmin):
    list_display = ["nome", "variante", "categoria", "codigo", "ativo"]
    list_filter = ["categoria", "variante", "ativo"]
    search_fields = ["nome", "codigo"]
    inlines = [DocumentoExigidoInline]


class SomenteConsultaInline(admin.TabularInline):
    """O que muda pelo fluxo (serviços com evento e prazo) aqui só se consulta."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ExigenciaInline(SomenteConsultaInline):
    model = Exigencia
    fields = ["notificada_em", "prazo_fim", "prorrogada_em", "status", "respondida_em"]


class DocumentoDoRequerimentoInline(SomenteConsultaInline):
    model = DocumentoDoRequerimento
    fields = ["tipo", "documento_exigido", "nome", "tamanho", "enviado_em"]


@admin.register(Requerimento)
class RequerimentoAdmin(admin.ModelAdmin):
    """Consulta e suporte: as transições passam pelos serviços (protocolo, análise, exigência)."""

    list_display = ["protocolo", "entidade", "servico", "status", "protocolado_em"]
    list_filter = ["status", "servico", "entidade__sr"]
    search_fields = ["protocolo", "entidade__razao_social"]
    readonly_fields = ["protocolo", "entidade", "servico", "status", "criado_em", "protocolado_em", "analista",
                       "decisao", "concluido_em", "exigencia_nao_cumprida", "comprovante"]
    exclude = ["chave_de_envio"]
    inlines = [ExigenciaInline, DocumentoDoRequerimentoInline]


# --- Supervisão das APS (Portaria 916/2021) -----------------------------------------------------------------


@admin.register(CicloDeSupervisao)
class CicloDeSupervisaoAdmin(admin.ModelAdmin):
    """Os ciclos são abertos pela varredura (um por bimestre); aqui, só consulta."""

    list_display = ["__str__", "inicio", "fim", "aberto_em"]
    readonly_fields = ["inicio", "fim", "aberto_em"]

    def has_add_permission(self, request):
        return False


@admin.register(DesignacaoDeResponsavel)
class DesignacaoDeResponsavelAdmin(admin.ModelAdmin):
    """Consulta: a designação passa pelo serviço (regras da exceção do gerente da APS, evento, aviso)."""

    list_display = ["aps", "responsavel", "execucao_na_aps", "ativa", "designada_por", "designada_em"]
    list_filter = ["ativa", "execucao_na_aps", "aps__gex__sr"]
    search_fields = ["aps__nome", "aps__codigo", "responsavel__nome"]
    readonly_fields = ["aps", "responsavel", "execucao_na_aps", "designada_por", "designada_em", "ativa",
                       "encerrada_em"]

    def has_add_permission(self, request):
        return False


class RespostaDaSupervisaoInline(SomenteConsultaInline):
    model = RespostaDaSupervisao
    fields = ["item", "resposta", "observacoes"]


class ImagemDaSupervisaoInline(SomenteConsultaInline):
    model = ImagemDaSupervisao
    fields = ["nome", "tipo", "tamanho", "enviada_em"]


@admin.register(Supervisao)
class SupervisaoAdmin(admin.ModelAdmin):
    """Consulta e suporte: criar, preencher e concluir passam pelos serviços."""

    list_display = ["aps", "ciclo", "responsavel", "status", "concluida_em"]
    list_filter = ["status", "ciclo", "aps__gex__sr"]
    search_fields = ["aps__nome", "aps__codigo", "responsavel__nome"]
    readonly_fields = ["ciclo", "aps", "responsavel", "status", "criada_em", "concluida_em"]
    inlines = [RespostaDaSupervisaoInline, ImagemDaSupervisaoInline]

    def has_add_permission(self, request):
        return False


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    """As agendas são publicadas pela agência, que gera as vagas; aqui, consulta."""

    list_display = ["aps", "servico", "vigencia_inicio", "vigencia_fim", "servidores", "percentual_prioritario"]
    list_filter = ["servico", "aps__gex__sr"]
    search_fields = ["aps__nome", "aps__codigo"]
    readonly_fields = [campo.name for campo in Agenda._meta.fields]


@admin.register(Agendamento)
class AgendamentoAdmin(admin.ModelAdmin):
    list_display = ["cidadao_nome", "servico", "vaga", "origem", "prioridade", "status"]
    list_filter = ["servico", "origem", "status"]
    search_fields = ["cidadao_nome", "cidadao_cpf"]
    readonly_fields = [campo.name for campo in Agendamento._meta.fields]


@admin.register(AtivacaoDoAtesp)
class AtivacaoDoAtespAdmin(admin.ModelAdmin):
    """Consulta: ativar passa pelo serviço (prazo em dias úteis, evento, aviso à APS) — pela ação da lista de
    agências, abaixo, ou pela página do ATESP da GEX/SR."""

    list_display = ["aps", "ativado_em", "prazo_para_ofertar", "ativado_por", "gex_avisada_em"]
    list_filter = ["aps__gex__sr"]
    search_fields = ["aps__nome", "aps__codigo"]
    list_select_related = ["aps", "ativado_por"]
    readonly_fields = [campo.name for campo in AtivacaoDoAtesp._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.action(description="Ativar o ATESP nas agências selecionadas")
def ativar_o_atesp(modeladmin, request, queryset):
    novas = atesp_ativar_em(agencias=queryset, por=request.user)
    ja_ativas = queryset.count() - len(novas)
    modeladmin.message_user(
        request, f"ATESP ativado em {len(novas)} agência(s); {ja_ativas} já estava(m) com o ATESP ativo.",
        messages.SUCCESS)


# A lista de agências é de portal.organizacao; a ação que ativa o ATESP é do atendimento. Importar o admin de lá
# (acima) garante que ele já está registrado, qualquer que seja a ordem dos apps.
admin.site.unregister(AgenciaPrevidencia)


@admin.register(AgenciaPrevidencia)
class AgenciaPrevidenciaComAtespAdmin(AgenciaPrevidenciaAdmin):
    actions = [*(AgenciaPrevidenciaAdmin.actions or []), ativar_o_atesp]
