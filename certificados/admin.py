from django import forms
from django.contrib import admin
from django.db import models

from certificados.models import (
    CertificadoDoRepresentante,
    ComunicadoA3,
    DocumentoEmitido,
    LoteDaMigracaoA3,
    OrientacaoA3,
    Webinario,
)
from portal.entidades.models import TipoEntidade
from portal.organizacao.models import UF
from portal.validadores import formatar_cpf


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


# --- Certificado digital A3 (Portaria 96/2024) ---------------------------------------------------------------


@admin.register(CertificadoDoRepresentante)
class CertificadoDoRepresentanteAdmin(admin.ModelAdmin):
    """Consulta: o representante registra e remove pela página Meu certificado A3 (os serviços gravam o evento)."""

    list_display = ["titular_nome", "cpf_formatado", "tipo", "emissor", "valido_ate", "origem", "removido_em"]
    list_filter = ["tipo", "origem", "e_cnpj"]
    list_select_related = ["usuario"]
    search_fields = ["cpf", "titular_nome", "usuario__cpf", "usuario__nome", "serial", "sha256"]
    readonly_fields = [f.name for f in CertificadoDoRepresentante._meta.fields]

    @admin.display(description="CPF do titular", ordering="cpf")
    def cpf_formatado(self, certificado):
        return formatar_cpf(certificado.cpf)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FormularioDoLote(forms.ModelForm):
    """As UFs e os tipos de entidade como se escolhem, em vez do JSON cru dos campos."""

    ufs = forms.CharField(
        label="UFs", required=False,
        help_text="Siglas separadas por vírgula, por exemplo SP, RJ; vazio: toda a Superintendência Regional.",
    )
    tipos_de_entidade = forms.MultipleChoiceField(
        label="Tipos de entidade", required=False, choices=TipoEntidade.choices,
        widget=forms.CheckboxSelectMultiple, help_text="Nenhum marcado: todos os tipos.",
    )

    class Meta:
        model = LoteDaMigracaoA3
        fields = ["ordem", "nome", "inicio", "fim", "sr", "ufs", "tipos_de_entidade", "nota"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["ufs"] = ", ".join(self.instance.ufs)

    def clean_ufs(self):
        siglas = sorted({sigla.strip().upper() for sigla in self.cleaned_data["ufs"].split(",") if sigla.strip()})
        conhecidas = dict(UF.objects.filter(sigla__in=siglas).values_list("sigla", "sr_id"))
        desconhecidas = [sigla for sigla in siglas if sigla not in conhecidas]
        if desconhecidas:
            raise forms.ValidationError(f"UF desconhecida: {', '.join(desconhecidas)}.")
        self._srs_das_ufs = conhecidas
        return siglas

    def clean(self):
        dados = super().clean()
        sr = dados.get("sr")
        fora = [sigla for sigla, sr_id in getattr(self, "_srs_das_ufs", {}).items() if sr and sr_id != sr.pk]
        if fora:
            self.add_error("ufs", f"{', '.join(fora)} não pertence(m) à {sr}.")
        if dados.get("inicio") and dados.get("fim") and dados["fim"] < dados["inicio"]:
            self.add_error("fim", "O último dia não pode ser anterior ao primeiro.")
        return dados


@admin.register(LoteDaMigracaoA3)
class LoteDaMigracaoA3Admin(admin.ModelAdmin):
    """O cronograma do Anexo I e os lotes que vierem: o lote mais novo que alcança a entidade prevalece."""

    form = FormularioDoLote
    list_display = ["ordem", "nome", "periodo", "sr", "ufs_listadas", "tipos_listados"]
    list_display_links = ["nome"]
    list_select_related = ["sr"]
    list_filter = ["sr"]
    search_fields = ["nome", "nota"]

    @admin.display(description="UFs")
    def ufs_listadas(self, lote):
        return ", ".join(lote.ufs) or "toda a SR"

    @admin.display(description="tipos de entidade")
    def tipos_listados(self, lote):
        rotulos = dict(TipoEntidade.choices)
        return ", ".join(str(rotulos.get(tipo, tipo)) for tipo in lote.tipos_de_entidade) or "todos"


@admin.register(Webinario)
class WebinarioAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["titulo", "quando", "sr", "anunciado_em"]
    list_filter = ["sr"]
    list_select_related = ["sr"]
    search_fields = ["titulo", "descricao"]
    readonly_fields = ["anunciado_em", "criado_por"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.criado_por = request.user
        super().save_model(request, obj, form, change)


@admin.register(ComunicadoA3)
class ComunicadoA3Admin(admin.ModelAdmin):
    list_display = ["titulo", "sr", "criado_em", "enviado_em", "destinatarios"]
    list_filter = ["sr"]
    list_select_related = ["sr"]
    search_fields = ["titulo", "corpo"]
    readonly_fields = ["enviado_em", "destinatarios", "criado_por", "criado_em"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.criado_por = request.user
        super().save_model(request, obj, form, change)


@admin.register(OrientacaoA3)
class OrientacaoA3Admin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["titulo", "tipo", "ordem"]
    list_filter = ["tipo"]
    search_fields = ["titulo", "texto"]
