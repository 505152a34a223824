"""Entidades e vínculos como o INSS, a carga de dados e os demais serviços os criam; os erros do domínio."""

from datetime import datetime

from django.db import transaction

from portal.auditoria.services import evento_registrar
from portal.entidades.models import Entidade, TipoDocumentoDoVinculo, TipoEntidade, Vinculo
from portal.organizacao.models import GerenciaExecutiva, Municipio
from portal.validadores import normalizar_cnpj


class ErroDeEntidade(Exception):
    """Uma regra do domínio impediu a operação; a mensagem é para o usuário. `campo`, quando há, diz a qual
    campo do formulário o erro pertence."""

    def __init__(self, mensagem: str, *, campo: str | None = None):
        super().__init__(mensagem)
        self.campo = campo


class DocumentosObrigatorios(ErroDeEntidade):
    """A pessoa já representa outra entidade e faltam documentos do item 16 (ATENÇÃO 1)."""

    def __init__(self, mensagem: str, *, faltando: list[TipoDocumentoDoVinculo]):
        super().__init__(mensagem)
        self.faltando = faltando


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
