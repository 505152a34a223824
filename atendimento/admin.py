from django.contrib import admin

from atendimento.models import Servico


@admin.register(Servico)
class ServicoAdmin(admin.ModelAdmin):
    list_display = ["nome", "variante", "categoria", "codigo", "ativo"]
    list_filter = ["categoria", "variante", "ativo"]
    search_fields = ["nome", "codigo"]
