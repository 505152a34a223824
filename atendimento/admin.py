from django.contrib import admin

from atendimento.models import DocumentoDoRequerimento, DocumentoExigido, Exigencia, Requerimento, Servico


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
