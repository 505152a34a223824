from django.contrib import admin

from portal.acordos.models import (
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    CessaoDeImovel,
    DocumentoDeAdesao,
    PedidoDeDocumento,
    SolicitacaoDoAcordo,
)


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


@admin.register(SolicitacaoDoAcordo)
class SolicitacaoDoAcordoAdmin(admin.ModelAdmin):
    """Decide-se pela página da gestão regional (que muda o acordo junto); aqui, consulta."""

    list_display = ["acordo", "tipo", "status", "pedida_em", "decidida_em"]
    list_filter = ["tipo", "status", "acordo__entidade__sr"]
    search_fields = ["acordo__numero", "acordo__entidade__razao_social"]
    readonly_fields = ["acordo", "tipo", "status", "pedida_por", "pedida_em", "decidida_por", "decidida_em",
                       "nova_vigencia_fim", "servicos"]


@admin.register(CessaoDeImovel)
class CessaoDeImovelAdmin(admin.ModelAdmin):
    list_display = ["entidade", "endereco", "inicio", "fim", "renovacao_de"]
    list_filter = ["entidade__sr"]
    search_fields = ["entidade__razao_social", "endereco"]
    readonly_fields = ["inicio", "fim", "renovacao_de", "registrada_por", "registrada_em"]
