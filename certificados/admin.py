from django.contrib import admin

from certificados.models import DocumentoEmitido


@admin.register(DocumentoEmitido)
class DocumentoEmitidoAdmin(admin.ModelAdmin):
    list_display = ["emitido_em", "tipo", "titulo", "codigo_verificador", "crc", "entidade"]
    list_filter = ["tipo"]
    search_fields = ["codigo_verificador", "titulo"]
    readonly_fields = [f.name for f in DocumentoEmitido._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
