from django.db.models import QuerySet

from portal.organizacao.models import AgenciaPrevidencia, Municipio


def municipios_da_uf(sigla: str) -> QuerySet[Municipio]:
    return Municipio.objects.filter(uf_id=sigla).order_by("nome")


def agencias_visiveis_para(usuario) -> QuerySet[AgenciaPrevidencia]:
    """As APS que o servidor alcança pelas suas lotações (SR, GEX ou a própria APS)."""
    from portal.contas.selectors import escopo_inss

    escopo = escopo_inss(usuario)
    base = AgenciaPrevidencia.objects.select_related("gex__sr", "municipio__uf").order_by("nome")
    if escopo.tudo:
        return base
    return base.filter(escopo.filtro(sr="gex__sr", gex="gex", aps="pk"))
