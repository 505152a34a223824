from django.contrib import admin

from suporte.models import Chamado, ItemCatalogo


@admin.register(ItemCatalogo)
class ItemCatalogoAdmin(admin.ModelAdmin):
    """Itens podem ser desativados, nunca renumerados: o número é só leitura."""

    list_display = ["numero", "servico_sistema", "modulo", "funcionalidade", "motivo", "exige_tela_de_erro", "ativo"]
    list_editable = ["ativo"]
    list_filter = ["ativo", "servico_sistema"]
    search_fields = ["servico_sistema", "modulo", "funcionalidade", "motivo"]

    def get_readonly_fields(self, request, obj=None):
        return ["numero"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Chamado)
class ChamadoAdmin(admin.ModelAdmin):
    list_display = ["codigo", "titulo", "entidade", "item", "status", "tecnico", "aberto_em"]
    list_filter = ["status", "sr", "item"]
    search_fields = ["codigo", "titulo", "entidade__razao_social", "entidade__cnpj"]
    readonly_fields = [f.name for f in Chamado._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # estados mudam só pelos serviços (fila, aprovação, varreduras)
