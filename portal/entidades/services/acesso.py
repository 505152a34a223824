"""O acesso no tempo: lembretes do vencimento e a declaração de vínculo."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from portal.entidades.models import Vinculo
from portal.entidades.services.cadastro import ErroDeEntidade
from portal.notificacoes.services import lembrete_registrar, marco_devido

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
                # A data no marco: prorrogado (ou reativado), o acesso ganha um novo ciclo de avisos.
                objeto=vinculo, tipo="vencimento_de_acesso", marco=f"{vinculo.valido_ate.date().isoformat()}:{marco}",
                destinatario=destinatario,
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
