from django.db.models import QuerySet
from django.utils import timezone

from portal.contas.selectors import escopo_inss
from portal.entidades.models import Entidade, Vinculo


def vinculos_validos_de(usuario) -> QuerySet[Vinculo]:
    """Os vínculos que dão acesso agora: ativos e dentro da validade (checada na leitura)."""
    return (
        Vinculo.objects.filter(usuario=usuario, ativo=True, valido_ate__gt=timezone.now())
        .select_related("entidade__uf", "entidade__municipio", "entidade__sr")
        .order_by("entidade__razao_social")
    )


def entidades_visiveis_para(usuario) -> QuerySet[Entidade]:
    """Para o servidor do INSS, as entidades do seu escopo (SR/GEX); para o representante, nenhuma por
    aqui — ele alcança a sua entidade pelo vínculo ativo."""
    escopo = escopo_inss(usuario)
    base = Entidade.objects.select_related("uf", "municipio", "sr", "gex").order_by("razao_social")
    if escopo.tudo:
        return base
    return base.filter(escopo.filtro(sr="sr", gex="gex", aps=None))


def representantes_da_entidade(entidade: Entidade) -> QuerySet[Vinculo]:
    return (
        Vinculo.objects.filter(entidade=entidade)
        .select_related("usuario")
        .order_by("-ativo", "usuario__nome")
    )
