from django.contrib import admin

from portal.acordos.models import Acordo, Adesao, AlteracaoDoAcordo, DocumentoDeAdesao, PedidoDeDocumento


class DocumentoInline(admin.TabularInline):
    model = DocumentoDeAdesao
    extra = 0
    readonly_fields = ["tipo", "nome", "tamanho", "sha256", "enviado_por", "enviado_em"]
    exclude = ["arquivo"]


class PedidoInline(admin.TabularInline):
    model = PedidoDeDocumento
    extra = 0
    readonly_fields = ["pedido_por", "pedido_em", "respondido_em"]


@admin.register(Adesao)
class AdesaoAdmin(admin.ModelAdmin):
    list_display = ["entidade", "status", "enviada_em", "estrutura_fisica", "representantes_indicados",
                    "capacitacao_concluida"]
    list_filter = ["status", "entidade__sr"]
    search_fields = ["entidade__razao_social", "entidade__cnpj"]
    readonly_fields = ["status", "enviada_em", "decidida_em", "decidida_por"]
    inlines = [DocumentoInline, PedidoInline]


class AlteracaoInline(admin.TabularInline):
    model = AlteracaoDoAcordo
    extra = 0
    readonly_fields = ["tipo", "descricao", "documento_sei", "em", "por"]


@admin.register(Acordo)
class AcordoAdmin(admin.ModelAdmin):
    list_display = ["numero", "entidade", "status", "vigencia_inicio", "vigencia_fim"]
    list_filter = ["status", "entidade__sr"]
    search_fields = ["numero", "processo_sei", "entidade__razao_social", "entidade__cnpj"]
    readonly_fields = ["status", "encerrado_em"]
    filter_horizontal = ["servicos_pactuados"]
    inlines = [AlteracaoInline]
