from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.auditoria.services import evento_registrar
from portal.entidades.models import Entidade, TipoEntidade, Vinculo
from portal.notificacoes.services import lembrete_registrar, marco_devido
from portal.organizacao.models import GerenciaExecutiva, Municipio
from portal.validadores import normalizar_cnpj


class ErroDeEntidade(Exception):
    """Uma regra do domínio impediu a operação; a mensagem é para o usuário."""


@transaction.atomic
def entidade_criar(
    *, cnpj: str, razao_social: str, tipo: TipoEntidade, municipio: Municipio,
    gex: GerenciaExecutiva | None = None, por=None,
) -> Entidade:
    """A UF e a SR vêm do município; a GEX, quando informada, tem de ser da mesma SR."""
    sr = municipio.uf.sr
    if gex is not None and gex.sr_id != sr.pk:
        raise ErroDeEntidade(f"A {gex} não pertence à {sr}, que atende {municipio}.")
    entidade = Entidade.objects.create(
        cnpj=normalizar_cnpj(cnpj), razao_social=razao_social.strip(), tipo=tipo,
        uf=municipio.uf, municipio=municipio, sr=sr, gex=gex,
    )
    evento_registrar(objeto=entidade, acao="entidade_criada", por=por, nota=entidade.razao_social)
    return entidade


@transaction.atomic
def vinculo_criar(
    *, usuario, entidade: Entidade, papel: str, valido_ate: datetime,
    gestor: bool = False, cadastrador: bool = False, por=None,
) -> Vinculo:
    if Vinculo.objects.filter(usuario=usuario, entidade=entidade).exists():
        raise ErroDeEntidade(f"{usuario.nome} já representa {entidade}.")
    vinculo = Vinculo.objects.create(
        usuario=usuario, entidade=entidade, papel=papel, valido_ate=valido_ate,
        gestor=gestor, cadastrador=cadastrador,
    )
    evento_registrar(
        objeto=vinculo, acao="vinculo_criado", por=por, status_para="ativo",
        alteracoes={"papel": papel, "gestor": gestor, "cadastrador": cadastrador,
                    "valido_ate": valido_ate.isoformat()},
    )
    return vinculo



# Lembretes de acesso que vence (seed 003, item 18: o cadastrador prorroga antes do fim).
MARCOS_DE_VENCIMENTO = [
    ("30_dias", timedelta(days=30)),
    ("7_dias", timedelta(days=7)),
    ("vencido", timedelta(0)),
]
JANELA_DEPOIS_DO_VENCIMENTO = timedelta(days=7)


def vinculos_lembrar_vencimento(*, agora: datetime | None = None) -> int:
    """Varredura: avisa o representante, e os cadastradores da entidade, do acesso que vence em 30 dias,
    em 7 dias e do que venceu. Só o marco mais recente é enviado; repetir a varredura, ou rodá-la em
    paralelo, não envia nada duas vezes (o livro de lembretes decide)."""
    agora = agora or timezone.now()
    vinculos = (
        Vinculo.objects.filter(
            ativo=True,
            valido_ate__lte=agora + MARCOS_DE_VENCIMENTO[0][1],
            valido_ate__gt=agora - JANELA_DEPOIS_DO_VENCIMENTO,
        )
        .select_related("usuario", "entidade")
        .order_by("valido_ate")
    )
    cadastradores_por_entidade: dict[int, list] = {}
    enviados = 0
    for vinculo in vinculos.iterator(chunk_size=500):
        marco = marco_devido(prazo=vinculo.valido_ate, marcos=MARCOS_DE_VENCIMENTO, agora=agora)
        if marco is None:
            continue
        if vinculo.entidade_id not in cadastradores_por_entidade:
            cadastradores_por_entidade[vinculo.entidade_id] = [
                v.usuario
                for v in Vinculo.objects.filter(
                    entidade_id=vinculo.entidade_id, cadastrador=True, ativo=True, valido_ate__gt=agora
                ).select_related("usuario")
            ]
        destinatarios = {vinculo.usuario, *cadastradores_por_entidade[vinculo.entidade_id]}
        data = timezone.localtime(vinculo.valido_ate).strftime("%d/%m/%Y")
        verbo = "venceu" if marco == "vencido" else "vence"
        titulo = f"O acesso de {vinculo.usuario.nome} ({vinculo.entidade}) {verbo} em {data}"
        corpo = "Para continuar atendendo, o cadastrador externo da entidade deve prorrogar o acesso."
        for destinatario in destinatarios:
            if lembrete_registrar(
                objeto=vinculo, tipo="vencimento_de_acesso", marco=marco, destinatario=destinatario,
                titulo=titulo, corpo=corpo, url=reverse("entidades:minha_entidade"),
            ):
                enviados += 1
    return enviados


def declaracao_de_vinculo_emitir(*, vinculo: Vinculo, por):
    """Emite a declaração de que a pessoa representa a entidade, com papel e validade, verificável."""
    from certificados.services import documento_emitir

    if not vinculo.ativo or vinculo.valido_ate <= timezone.now():
        raise ErroDeEntidade("Este vínculo não está válido; não é possível declará-lo.")
    entidade = vinculo.entidade
    return documento_emitir(
        tipo="declaracao_vinculo",
        titulo=f"Declaração de vínculo — {vinculo.usuario.nome} — {entidade.razao_social}",
        template="pdf/declaracao_vinculo.html",
        contexto={
            "pessoa": {"nome": vinculo.usuario.nome, "cpf": vinculo.usuario.cpf_formatado},
            "entidade": {
                "razao_social": entidade.razao_social,
                "cnpj": entidade.cnpj_formatado,
                "tipo": entidade.get_tipo_display(),
                "municipio": str(entidade.municipio),
                "sr": str(entidade.sr),
            },
            "vinculo": {
                "papel": vinculo.get_papel_display(),
                "funcoes": vinculo.funcoes,
                "valido_ate": timezone.localtime(vinculo.valido_ate),
            },
        },
        por=por,
        para=vinculo.usuario,
        entidade=entidade,
        sr=entidade.sr,
        objeto=vinculo,
    )
