from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from portal.contas.models import Lotacao, Usuario


class LotacaoInline(admin.TabularInline):
    model = Lotacao
    extra = 0
    autocomplete_fields = ["gex", "aps"]


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin):
    ordering = ["nome"]
    list_display = ["nome", "cpf", "email", "is_active", "is_superuser"]
    search_fields = ["nome", "cpf", "email"]
    list_filter = ["is_active", "is_superuser", "lotacoes__papel"]
    fieldsets = [
        (None, {"fields": ["cpf", "password"]}),
        ("Dados pessoais", {"fields": ["nome", "email", "telefone"]}),
        ("Permissões", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Datas", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["cpf", "nome", "email", "password1", "password2"]})]
    filter_horizontal = []
    inlines = [LotacaoInline]
