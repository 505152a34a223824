from django.contrib import admin

from portal.entidades.models import CapacitacaoPEP, Entidade, Vinculo


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


@admin.register(CapacitacaoPEP)
class CapacitacaoPEPAdmin(admin.ModelAdmin):
    """Só consulta: o registro passa pelo serviço, que confere o PDF pelo conteúdo e grava o evento; quem
    registra é o cadastrador externo, na lista de representantes."""

    list_display = ["usuario", "concluida_em", "carga_horaria", "registrada_por", "registrada_em"]
    list_select_related = ["usuario", "registrada_por"]
    search_fields = ["usuario__nome", "usuario__cpf"]
    date_hierarchy = "concluida_em"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
