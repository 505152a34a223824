"""A entidade nova que pede a adesão: conta do gestor, entidade e vínculo numa transação."""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.acordos.services._comum import ErroDoAcordo
from portal.arquivos import ArquivoVerificado
from portal.auditoria.services import evento_registrar
from portal.contas.models import Usuario
from portal.contas.selectors import lotacoes_ativas_de
from portal.entidades.models import Entidade, PapelRepresentante, Vinculo
from portal.entidades.services import (
    ErroDeEntidade,
    entidade_criar,
    representante_cadastrar,
    validade_padrao,
    vinculo_criar,
)
from portal.organizacao.models import GerenciaExecutiva, Municipio
from portal.validadores import normalizar_cnpj, normalizar_cpf


class ErroDoCadastro(ErroDoAcordo):
    """O cadastro público (/aderir/) foi recusado; `campo` diz a qual campo do formulário a mensagem pertence."""

    def __init__(self, mensagem: str, *, campo: str | None = None):
        super().__init__(mensagem)
        self.campo = campo


@dataclass(frozen=True)
class ContaNova:
    """A conta de quem pede a adesão sem ainda ter acesso ao portal: será gestor(a) da entidade."""

    cpf: str
    nome: str
    email: str
    senha: str
    telefone: str = ""


ENTIDADE_JA_CADASTRADA = (
    "Esta entidade já está cadastrada no portal. Peça acesso ao gestor ou ao cadastrador externo dela."
)


CPF_JA_TEM_CONTA = "Já existe uma conta com este CPF: entre no portal com ela para aderir."


def _gex_do_municipio(municipio: Municipio) -> GerenciaExecutiva | None:
    """A GEX sediada no município, se é uma só; senão nenhuma — a gestão regional a define depois. Não há,
    nos dados, a área de cada GEX: adivinhar pela UF poria a entidade na fila errada."""
    gerencias = list(GerenciaExecutiva.objects.filter(municipio=municipio, sr=municipio.uf.sr_id)[:2])
    return gerencias[0] if len(gerencias) == 1 else None


def adesao_cadastrar_entidade(
    *, cnpj: str, razao_social: str, tipo: str, municipio: Municipio, conta: ContaNova | None = None,
    usuario: Usuario | None = None, documentos_do_vinculo: dict[str, ArquivoVerificado] | None = None,
) -> Vinculo:
    """Cadastra a entidade que quer aderir ao ACT e quem a representa nisso, numa só transação: a conta
    nova (`conta`) ou a pessoa que já entrou no portal (`usuario`), como gestor(a) e cadastrador(a) externo(a)
    com papel AUTENTICA e a validade padrão. A SR vem do município; a GEX, quando há uma só nele.

    Quem já representa outra entidade precisa dos documentos do item 16 (`documentos_do_vinculo`), como no
    cadastro pelo cadastrador externo. A adesão em si começa depois, em /adesao/ (`adesao_iniciar`).
    Devolve o vínculo criado."""
    if (conta is None) == (usuario is None):
        raise ValueError("Informe a conta nova ou a pessoa que já entrou, não as duas.")
    try:
        cnpj = normalizar_cnpj(cnpj)
    except ValidationError as erro:
        raise ErroDoCadastro(erro.messages[0], campo="cnpj") from erro
    if Entidade.objects.filter(cnpj=cnpj).exists():
        raise ErroDoCadastro(ENTIDADE_JA_CADASTRADA, campo="cnpj")
    if conta is not None:
        try:
            cpf = normalizar_cpf(conta.cpf)
        except ValidationError as erro:
            raise ErroDoCadastro(erro.messages[0], campo="cpf") from erro
        if Usuario.objects.filter(cpf=cpf).exists():
            raise ErroDoCadastro(CPF_JA_TEM_CONTA, campo="cpf")
    elif usuario.is_superuser or lotacoes_ativas_de(usuario):
        raise ErroDoCadastro("Servidores do INSS não representam entidades: a adesão é pedida pela entidade.")
    # O acesso vale durante todo o último dia, como no cadastro de representantes.
    valido_ate = timezone.make_aware(datetime.combine(validade_padrao(), time(23, 59, 59)))
    try:
        with transaction.atomic():
            if conta is not None:
                usuario = Usuario.objects.create_user(
                    cpf, conta.nome.strip(), conta.email.strip(), conta.senha, telefone=conta.telefone.strip()
                )
                evento_registrar(objeto=usuario, acao="conta_criada_na_adesao", por=usuario)
            entidade = entidade_criar(cnpj=cnpj, razao_social=razao_social, tipo=tipo, municipio=municipio,
                                      gex=_gex_do_municipio(municipio), por=usuario)
            if conta is not None:
                vinculo = vinculo_criar(usuario=usuario, entidade=entidade, papel=PapelRepresentante.AUTENTICA,
                                        valido_ate=valido_ate, gestor=True, cadastrador=True, por=usuario)
            else:
                # Pelo cadastro de representantes, que exige os documentos de quem já representa outra.
                vinculo = representante_cadastrar(
                    entidade=entidade, cpf=usuario.cpf, nome=usuario.nome, email=usuario.email,
                    telefone=usuario.telefone, papel=PapelRepresentante.AUTENTICA, gestor=True, cadastrador=True,
                    valido_ate=validade_padrao(), documentos=documentos_do_vinculo, por=usuario,
                )
            evento_registrar(objeto=entidade, acao="entidade_cadastrada_para_adesao", por=usuario,
                             nota=f"Gestor(a): {usuario.nome}")
    except ErroDeEntidade as erro:
        raise ErroDoCadastro(str(erro)) from erro
    except IntegrityError as erro:
        # Outro pedido gravou o mesmo CNPJ ou CPF entre a conferência e a gravação.
        raise ErroDoCadastro("Esta entidade ou este CPF acabou de ser cadastrado por outro pedido. Confira os "
                             "dados e envie de novo.") from erro
    return vinculo
