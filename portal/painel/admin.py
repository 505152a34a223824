from django.contrib import admin

from portal.painel.models import RelatorioRegional


@admin.register(RelatorioRegional)
class RelatorioRegionalAdmin(admin.ModelAdmin):
    list_display = ("criado_em", "formato", "regiao", "solicitado_por", "status", "progresso")
    list_filter = ("formato", "status")
    search_fields = ("regiao", "solicitado_por__nome")
    readonly_fields = [campo.name for campo in RelatorioRegional._meta.fields]

    def has_add_permission(self, request):
        return False  # pede-se pelo painel, que enfileira a geração
