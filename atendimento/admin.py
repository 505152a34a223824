from django.contrib import admin

from atendimento.models import DocumentoExigido, Requerimento, Servico


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


@admin.register(Requerimento)
class RequerimentoAdmin(admin.ModelAdmin):
    list_display = ["protocolo", "entidade", "servico", "status", "protocolado_em"]
    list_filter = ["status", "servico", "entidade__sr"]
    search_fields = ["protocolo", "entidade__razao_social"]
    readonly_fields = ["protocolo", "entidade", "servico", "status", "criado_em", "protocolado_em"]
