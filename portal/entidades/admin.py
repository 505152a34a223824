from django.contrib import admin

from portal.entidades.models import Entidade, Vinculo


class VinculoInline(admin.TabularInline):
    model = Vinculo
    extra = 0
    autocomplete_fields = ["usuario"]


@admin.register(Entidade)
class EntidadeAdmin(admin.ModelAdmin):
    list_display = ["razao_social", "cnpj", "tipo", "uf", "sr"]
    list_filter = ["tipo", "sr"]
    search_fields = ["razao_social", "cnpj"]
    autocomplete_fields = ["municipio", "gex"]
    inlines = [VinculoInline]
