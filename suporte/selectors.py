"""Leituras do Suporte, já no escopo de quem pergunta: a entidade (gestores) ou o grupo (técnicos)."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from portal.contas.models import PapelINSS
from portal.contas.selectors import escopo_inss
from portal.entidades.models import Vinculo
from suporte.models import (
    STATUS_EM_ATENDIMENTO,
    Acompanhamento,
    Anexo,
    Chamado,
    Fechamento,
    ItemCatalogo,
    StatusChamado,
    TipoAcompanhamento,
)

Usuario = get_user_model()


def gestores_da_entidade(entidade) -> QuerySet:
    return Usuario.objects.filter(
        vinculos__entidade=entidade, vinculos__gestor=True, vinculos__ativo=True,
        vinculos__valido_ate__gt=timezone.now(), is_active=True,
    ).distinct()


def gestores_por_entidade(entidade_ids) -> dict[int, list[Usuario]]:
    """`gestores_da_entidade` de muitas entidades numa consulta (as varreduras de lembretes)."""
    entidade_ids = set(entidade_ids)
    vinculos = Vinculo.objects.filter(
        entidade_id__in=entidade_ids, gestor=True, ativo=True, valido_ate__gt=timezone.now(),
        usuario__is_active=True,
    ).select_related("usuario").order_by("usuario_id")
    gestores: dict[int, dict[int, Usuario]] = {}
    for vinculo in vinculos:
        gestores.setdefault(vinculo.entidade_id, {})[vinculo.usuario_id] = vinculo.usuario
    return {entidade_id: list(gestores.get(entidade_id, {}).values()) for entidade_id in entidade_ids}


def tecnicos_do_grupo(sr) -> QuerySet:
    return Usuario.objects.filter(
        lotacoes__papel=PapelINSS.TECNICO_SUPORTE, lotacoes__ativa=True, lotacoes__sr=sr, is_active=True
    ).distinct().order_by("nome")


def representante_em_outra_entidade(*, cpf: str, entidade) -> bool:
    return Vinculo.objects.filter(
        usuario__cpf=cpf, ativo=True, valido_ate__gt=timezone.now()
    ).exclude(entidade=entidade).exists()


def itens_ativos() -> QuerySet[ItemCatalogo]:
    return ItemCatalogo.objects.filter(ativo=True).order_by("numero")


def _base() -> QuerySet[Chamado]:
    return Chamado.objects.select_related("item", "entidade", "sr", "requerente", "tecnico", "solucionado_por")


def escopo_de_suporte(usuario):
    return escopo_inss(usuario, papeis=(PapelINSS.TECNICO_SUPORTE,))


def eh_tecnico(perfil) -> bool:
    return perfil.tem_papel_inss(PapelINSS.TECNICO_SUPORTE)


def chamados_do_grupo(usuario) -> QuerySet[Chamado]:
    """A fila dos técnicos: os chamados das SRs dos seus grupos de suporte."""
    escopo = escopo_de_suporte(usuario)
    if escopo.tudo:
        return _base()
    return _base().filter(escopo.filtro(sr="sr", gex=None, aps=None))


def chamados_da_entidade(vinculo) -> QuerySet[Chamado]:
    """Os chamados da entidade, para os seus gestores (só eles têm acesso ao canal, seed 003)."""
    if vinculo is None or not vinculo.gestor:
        return Chamado.objects.none()
    return _base().filter(entidade_id=vinculo.entidade_id)


def chamados_visiveis_para(perfil) -> QuerySet[Chamado]:
    """Técnico: os do grupo. Gestor: os da entidade pela qual age. Os demais: nenhum (404)."""
    if eh_tecnico(perfil):
        return chamados_do_grupo(perfil.usuario)
    return chamados_da_entidade(perfil.vinculo)


def ordenar_fila(chamados: QuerySet[Chamado]) -> QuerySet[Chamado]:
    """Não atribuídos primeiro; depois os mais antigos."""
    return chamados.order_by(F("tecnico").asc(nulls_first=True), "aberto_em", "pk")


def filtrar_fila(chamados: QuerySet[Chamado], *, status: str = "", item: int | None = None, entidade: str = "",
                 idade_minima_dias: int | None = None, texto: str = "", atribuicao: str = "") -> QuerySet[Chamado]:
    if status == "abertos":
        chamados = chamados.filter(status__in=STATUS_EM_ATENDIMENTO)
    elif status:
        chamados = chamados.filter(status=status)
    if item:
        chamados = chamados.filter(item__numero=item)
    if entidade:
        digitos = "".join(c for c in entidade if c.isdigit())
        condicao = Q(entidade__razao_social__icontains=entidade)
        if len(digitos) >= 4:
            condicao |= Q(entidade__cnpj__startswith=digitos)
        chamados = chamados.filter(condicao)
    if idade_minima_dias:
        chamados = chamados.filter(aberto_em__lte=timezone.now() - timezone.timedelta(days=idade_minima_dias))
    if texto:
        chamados = chamados.filter(
            Q(codigo__iexact=texto.strip()) | Q(titulo__icontains=texto) | Q(descricao__icontains=texto)
        )
    if atribuicao == "sem_tecnico":
        chamados = chamados.filter(tecnico__isnull=True)
    return chamados


def anexos_visiveis_para(perfil) -> QuerySet[Anexo]:
    """Os anexos dos chamados que a pessoa vê; os de notas internas, só para o INSS."""
    anexos = Anexo.objects.filter(chamado__in=chamados_visiveis_para(perfil).values("pk"))
    if not eh_tecnico(perfil):
        anexos = anexos.exclude(acompanhamento__tipo=TipoAcompanhamento.NOTA_INTERNA)
    return anexos


def chamados_para_medidas(usuario) -> QuerySet[Chamado]:
    """Técnicos e gestores regionais: os chamados das SRs do seu escopo."""
    escopo = escopo_inss(usuario, papeis=(PapelINSS.TECNICO_SUPORTE, PapelINSS.GESTOR_REGIONAL))
    if escopo.tudo:
        return Chamado.objects.all()
    return Chamado.objects.filter(escopo.filtro(sr="sr", gex="entidade__gex", aps=None))


def conversa(chamado: Chamado, *, pelo_inss: bool) -> list[Acompanhamento]:
    """Os acompanhamentos com os seus anexos; notas internas só para o INSS."""
    acompanhamentos = chamado.acompanhamentos.select_related("autor").prefetch_related(
        Prefetch("anexos", queryset=Anexo.objects.order_by("pk"))
    )
    if not pelo_inss:
        acompanhamentos = acompanhamentos.exclude(tipo=TipoAcompanhamento.NOTA_INTERNA)
    return list(acompanhamentos)


def anexos_da_abertura(chamado: Chamado) -> QuerySet[Anexo]:
    return chamado.anexos.filter(acompanhamento__isnull=True)


def medidas_do_grupo(chamados: QuerySet[Chamado], *, inicio: datetime, fim: datetime) -> dict:
    """As medidas do grupo no período: em aberto por item e idade, tempos de primeira resposta e de
    solução, aprovações, recusas e fechamentos automáticos."""
    agora = timezone.now()
    abertos = chamados.filter(status__in=STATUS_EM_ATENDIMENTO)
    faixas = [("até 2 dias", 0, 2), ("3 a 7 dias", 3, 7), ("8 a 30 dias", 8, 30), ("mais de 30 dias", 31, None)]
    por_idade = {}
    for rotulo, de, ate in faixas:
        filtro = Q(aberto_em__lte=agora - timezone.timedelta(days=de))
        if ate is not None:
            filtro &= Q(aberto_em__gt=agora - timezone.timedelta(days=ate + 1))
        por_idade[rotulo] = filtro
    abertos_por_item = list(
        abertos.values("item__numero", "item__funcionalidade", "item__motivo")
        .annotate(total=Count("pk"), **{f"faixa_{i}": Count("pk", filter=f) for i, f in enumerate(por_idade.values())})
        .order_by("item__numero")
    )
    no_periodo = chamados.filter(aberto_em__gte=inicio, aberto_em__lt=fim)
    tempos = list(no_periodo.exclude(primeira_resposta_em=None).values_list("aberto_em", "primeira_resposta_em"))
    solucoes = list(no_periodo.exclude(solucionado_em=None).values_list("aberto_em", "solucionado_em"))
    decisoes = Acompanhamento.objects.filter(chamado__in=chamados, criado_em__gte=inicio, criado_em__lt=fim)
    contagem = decisoes.aggregate(
        aprovacoes=Count("pk", filter=Q(tipo=TipoAcompanhamento.APROVACAO)),
        recusas=Count("pk", filter=Q(tipo=TipoAcompanhamento.RECUSA)),
    )
    automaticos = chamados.filter(
        fechamento=Fechamento.AUTOMATICO, fechado_em__gte=inicio, fechado_em__lt=fim
    ).count()
    return {
        "faixas": list(por_idade.keys()),
        "abertos_por_item": abertos_por_item,
        "total_abertos": sum(linha["total"] for linha in abertos_por_item),
        "abertos_no_periodo": no_periodo.count(),
        "primeira_resposta": _media_e_mediana(tempos),
        "solucao": _media_e_mediana(solucoes),
        "aprovacoes": contagem["aprovacoes"],
        "recusas": contagem["recusas"],
        "fechados_automaticamente": automaticos,
        "status": dict(chamados.values_list("status").annotate(n=Count("pk")).order_by()),
        "StatusChamado": StatusChamado,
    }


def _media_e_mediana(pares) -> dict:
    horas = sorted((fim - inicio).total_seconds() / 3600 for inicio, fim in pares)
    if not horas:
        return {"n": 0, "media": None, "mediana": None}
    meio = len(horas) // 2
    mediana = horas[meio] if len(horas) % 2 else (horas[meio - 1] + horas[meio]) / 2
    return {"n": len(horas), "media": sum(horas) / len(horas), "mediana": mediana}
