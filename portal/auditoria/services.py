from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.auditoria.models import Evento


def evento_registrar(
    *,
    objeto: models.Model,
    acao: str,
    por=None,
    status_de: str = "",
    status_para: str = "",
    alteracoes: dict | None = None,
    nota: str = "",
) -> Evento:
    """Grava o evento; chame dentro da transação da mudança que ele descreve. `por=None` é o sistema."""
    return Evento.objects.create(
        tipo_objeto=ContentType.objects.get_for_model(objeto),
        objeto_id=str(objeto.pk),
        acao=acao,
        status_de=status_de,
        status_para=status_para,
        alteracoes=alteracoes or {},
        nota=nota,
        ator=por,
    )


def em_nome_de(request) -> str:
    """Em nome de quê a pessoa abriu um documento com dados pessoais, para a nota do evento: a entidade pela qual
    agia ou os seus papéis no INSS naquele momento (o vínculo e a lotação podem mudar depois)."""
    perfil = getattr(request, "perfil", None)
    if perfil is None or not perfil.autenticado:
        return "verificação pública (sem entrar)"
    if perfil.vinculo is not None:
        return f"pela entidade {perfil.vinculo.entidade.razao_social}"
    from portal.contas.models import PapelINSS

    papeis = sorted(PapelINSS(papel).label for papel in perfil.papeis_inss)
    if papeis:
        return f"pelo INSS ({', '.join(papeis)})"
    return "pela administração do portal" if perfil.administrador else "sem entidade nem lotação"


def eventos_registrar_em_lote(
    *, modelo: type[models.Model], ids: list, acao: str, por=None, status_de: str = "", status_para: str = "",
    nota: str = "",
) -> None:
    """O mesmo evento para muitos objetos de uma vez (varreduras), numa só inserção."""
    tipo = ContentType.objects.get_for_model(modelo)
    Evento.objects.bulk_create(
        [
            Evento(
                tipo_objeto=tipo, objeto_id=str(pk), acao=acao, status_de=status_de, status_para=status_para,
                nota=nota, ator=por,
            )
            for pk in ids
        ],
        batch_size=1000,
    )
