from django.db.models import QuerySet

from portal.acordos.models import Acordo, Adesao, StatusAcordo, StatusAdesao
from portal.contas.models import PapelINSS
from portal.contas.selectors import escopo_inss


def acordo_em_vigor(entidade) -> Acordo | None:
    """O acordo pelo qual a entidade opera: vigente (checado na leitura, pelo status que a varredura mantém)."""
    return Acordo.objects.filter(entidade=entidade, status=StatusAcordo.VIGENTE).first()


def acordo_mais_recente(entidade) -> Acordo | None:
    return (
        Acordo.objects.filter(entidade=entidade).select_related("adesao").prefetch_related("servicos_pactuados")
        .order_by("-criado_em").first()
    )


def por_que_nao_opera(entidade) -> str | None:
    """A explicação, para a entidade, de por que não pode protocolar; None se pode."""
    acordo = Acordo.objects.filter(entidade=entidade).select_related("adesao").order_by("-criado_em").first()
    if acordo is None:
        adesao = Adesao.objects.filter(entidade=entidade).order_by("-criada_em").first()
        if adesao is None:
            return "A entidade ainda não tem Acordo de Cooperação Técnica com o INSS."
        return f"A adesão da entidade ao ACT está na situação “{adesao.get_status_display()}”."
    if acordo.status == StatusAcordo.VIGENTE:
        return None
    if acordo.status == StatusAcordo.EM_ANALISE:
        faltam = [rotulo for rotulo, feito in acordo.adesao.checklist if not feito] if acordo.adesao else []
        return (
            "A operacionalização do acordo está bloqueada até o checklist ficar completo. Falta: "
            + "; ".join(faltam) + "."
        )
    if acordo.status == StatusAcordo.VENCIDO:
        return f"A vigência do acordo {acordo.numero} terminou em {acordo.vigencia_fim:%d/%m/%Y}."
    return f"O acordo {acordo.numero} foi rescindido: {acordo.motivo_da_rescisao}"


def adesoes_para_analise(usuario) -> QuerySet[Adesao]:
    """As adesões da região do gestor regional (SR, ou a GEX de quem está lotado numa GEX)."""
    escopo = escopo_inss(usuario, papeis=(PapelINSS.GESTOR_REGIONAL,))
    base = Adesao.objects.select_related("entidade__municipio", "entidade__sr").exclude(status=StatusAdesao.RASCUNHO)
    return base if escopo.tudo else base.filter(escopo.filtro(sr="entidade__sr", gex="entidade__gex", aps=None))


def acordos_da_regiao(usuario) -> QuerySet[Acordo]:
    escopo = escopo_inss(usuario, papeis=(PapelINSS.GESTOR_REGIONAL,))
    base = Acordo.objects.select_related("entidade__municipio", "entidade__sr")
    return base if escopo.tudo else base.filter(escopo.filtro(sr="entidade__sr", gex="entidade__gex", aps=None))


def gestores_regionais_da_sr(sr) -> QuerySet:
    from portal.contas.models import Usuario

    return Usuario.objects.filter(
        lotacoes__papel=PapelINSS.GESTOR_REGIONAL, lotacoes__ativa=True, lotacoes__sr=sr, is_active=True
    ).distinct()


def pedidos_da_entidade(entidade) -> QuerySet:
    from portal.acordos.models import PedidoDeDocumento

    return PedidoDeDocumento.objects.filter(adesao__entidade=entidade, respondido_em__isnull=True)


def solicitacoes_da_regiao(usuario) -> QuerySet:
    from portal.acordos.models import SolicitacaoDoAcordo

    return SolicitacaoDoAcordo.objects.filter(acordo__in=acordos_da_regiao(usuario).values("pk")).select_related(
        "acordo__entidade", "pedida_por"
    )


def cessoes_da_regiao(usuario) -> QuerySet:
    from portal.acordos.models import CessaoDeImovel

    escopo = escopo_inss(usuario, papeis=(PapelINSS.GESTOR_REGIONAL,))
    base = CessaoDeImovel.objects.select_related("entidade", "renovacao").order_by("-inicio", "-pk")
    return base if escopo.tudo else base.filter(escopo.filtro(sr="entidade__sr", gex="entidade__gex", aps=None))
