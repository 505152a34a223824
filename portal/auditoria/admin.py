from django.contrib import admin

from portal.auditoria.models import Evento


@admin.register(Evento)
class EventoAdmin(admin.ModelAdmin):
    list_display = ["quando", "acao", "tipo_objeto", "objeto_id", "status_de", "status_para", "ator"]
    list_filter = ["acao", "tipo_objeto"]
    search_fields = ["objeto_id", "nota"]
    readonly_fields = [f.name for f in Evento._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
