from django.conf import settings

from portal.contas.menu import itens_para


def perfil(request):
    perfil = getattr(request, "perfil", None)
    contexto = {"PORTAL_URL_ENTRADA_COM_CERTIFICADO": settings.PORTAL_URL_ENTRADA_COM_CERTIFICADO}
    if perfil is None:
        return contexto
    return {**contexto, "perfil": perfil, "menu": lambda: itens_para(perfil)}
