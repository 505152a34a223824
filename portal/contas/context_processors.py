from portal.contas.menu import itens_para


def perfil(request):
    perfil = getattr(request, "perfil", None)
    if perfil is None:
        return {}
    return {"perfil": perfil, "menu": lambda: itens_para(perfil)}
