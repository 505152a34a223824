from django.contrib import admin

from portal.notificacoes.models import LembreteEnviado, Notificacao


@admin.register(Notificacao)
class NotificacaoAdmin(admin.ModelAdmin):
    """Para responder "o aviso saiu?": consulta, sem edição."""

    list_display = ["titulo", "destinatario", "criada_em", "lida_em", "email_enviado_em"]
    list_filter = ["enviar_email"]
    search_fields = ["titulo", "destinatario__nome", "destinatario__cpf"]
    readonly_fields = [campo.name for campo in Notificacao._meta.fields]


@admin.register(LembreteEnviado)
class LembreteEnviadoAdmin(admin.ModelAdmin):
    list_display = ["tipo", "marco", "destinatario", "registrado_em"]
    list_filter = ["tipo", "marco"]
    search_fields = ["objeto_id", "destinatario__nome"]
    readonly_fields = [campo.name for campo in LembreteEnviado._meta.fields]
