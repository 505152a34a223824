from django.contrib import admin

from portal.organizacao.models import UF, AgenciaPrevidencia, GerenciaExecutiva, Municipio, SuperintendenciaRegional


@admin.register(SuperintendenciaRegional)
class SuperintendenciaRegionalAdmin(admin.ModelAdmin):
    list_display = ["numero", "nome", "grupo_suporte"]


@admin.register(UF)
class UFAdmin(admin.ModelAdmin):
    list_display = ["sigla", "nome", "codigo_ibge", "sr", "fuso_horario"]
    list_filter = ["sr"]


@admin.register(Municipio)
class MunicipioAdmin(admin.ModelAdmin):
    list_display = ["codigo_ibge", "nome", "uf"]
    list_filter = ["uf"]
    search_fields = ["nome", "codigo_ibge"]


@admin.register(GerenciaExecutiva)
class GerenciaExecutivaAdmin(admin.ModelAdmin):
    list_display = ["codigo", "nome", "sr", "municipio"]
    list_filter = ["sr"]
    search_fields = ["nome", "codigo"]
    autocomplete_fields = ["municipio"]


@admin.register(AgenciaPrevidencia)
class AgenciaPrevidenciaAdmin(admin.ModelAdmin):
    list_display = ["codigo", "nome", "gex", "municipio", "ativa"]
    list_filter = ["gex__sr", "ativa"]
    search_fields = ["nome", "codigo"]
    autocomplete_fields = ["municipio", "gex"]
