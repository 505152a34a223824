from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.contas.selectors import escopo_inss
from portal.entidades.models import CapacitacaoPEP, Entidade, Vinculo


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


def vinculos_encerrados_de(usuario) -> QuerySet[Vinculo]:
    """Os vínculos que já deram acesso e não dão mais, excluídos ou vencidos: para dizer à pessoa por que ela
    não age mais pela entidade. Uma consulta."""
    agora = timezone.now()
    return (
        Vinculo.objects.filter(usuario=usuario)
        .filter(Q(ativo=False) | Q(valido_ate__lte=agora))
        .select_related("entidade")
        .order_by("entidade__razao_social")
    )


def representantes_da_entidade(entidade: Entidade) -> QuerySet[Vinculo]:
    """Com a capacitação da Escola PEP de cada pessoa, para a lista custar uma consulta."""
    return (
        Vinculo.objects.filter(entidade=entidade)
        .select_related("usuario__capacitacao_pep")
        .order_by("-ativo", "usuario__nome")
    )


def capacitacao_pep_visivel(*, entidade: Entidade, vinculo_pk: int) -> CapacitacaoPEP | None:
    """A capacitação da pessoa do vínculo, se o vínculo é desta entidade e está ativo; senão None (a view
    responde 404, como para qualquer coisa de outra entidade)."""
    return (
        CapacitacaoPEP.objects.filter(
            usuario__vinculos__pk=vinculo_pk, usuario__vinculos__entidade=entidade, usuario__vinculos__ativo=True
        )
        .select_related("usuario")
        .first()
    )
