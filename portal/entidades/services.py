from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.arquivos import ArquivoVerificado
from portal.auditoria.services import evento_registrar
from portal.entidades.models import DocumentoDoVinculo, Entidade, TipoDocumentoDoVinculo, TipoEntidade, Vinculo
from portal.notificacoes.services import lembrete_registrar, marco_devido
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


# Cadastro externo (seed 003, itens 15–19): o cadastrador da entidade cadastra, atualiza, prorroga e exclui.
VALIDADE_PADRAO_EM_ANOS = 1
VALIDADE_MAXIMA_EM_ANOS = 2


def _anos_depois(dia: date, anos: int) -> date:
    try:
        return dia.replace(year=dia.year + anos)
    except ValueError:  # 29 de fevereiro num ano que não é bissexto
        return dia.replace(year=dia.year + anos, day=28)


def validade_padrao() -> date:
    return _anos_depois(timezone.localdate(), VALIDADE_PADRAO_EM_ANOS)


def _fim_do_dia(dia: date) -> datetime:
    """O acesso vale durante todo o dia informado."""
    return timezone.make_aware(datetime.combine(dia, time(23, 59, 59)))


def _validade_conferir(dia: date, *, depois_de: date | None = None) -> datetime:
    hoje = timezone.localdate()
    limite = _anos_depois(hoje, VALIDADE_MAXIMA_EM_ANOS)
    if dia < hoje:
        raise ErroDeEntidade("A data de validade não pode estar no passado.", campo="valido_ate")
    if dia > limite:
        raise ErroDeEntidade(
            f"A validade pode ir no máximo até {limite:%d/%m/%Y} (dois anos a partir de hoje).", campo="valido_ate"
        )
    if depois_de is not None and dia <= depois_de:
        raise ErroDeEntidade(
            f"A nova validade tem de ser posterior à atual, {depois_de:%d/%m/%Y}.", campo="valido_ate"
        )
    return _fim_do_dia(dia)


def _resta_outro_cadastrador(vinculo: Vinculo) -> bool:
    return (
        Vinculo.objects.filter(
            entidade_id=vinculo.entidade_id, cadastrador=True, ativo=True, valido_ate__gt=timezone.now()
        )
        .exclude(pk=vinculo.pk)
        .exists()
    )


def representa_outra_entidade(*, usuario, entidade: Entidade) -> bool:
    return (
        Vinculo.objects.filter(usuario=usuario, ativo=True, valido_ate__gt=timezone.now())
        .exclude(entidade=entidade)
        .exists()
    )


@transaction.atomic
def representante_cadastrar(
    *, entidade: Entidade, cpf: str, nome: str, email: str, telefone: str = "", papel: str,
    gestor: bool = False, cadastrador: bool = False, valido_ate: date,
    documentos: dict[str, ArquivoVerificado] | None = None, por,
) -> Vinculo:
    """Cria o vínculo e, se o CPF ainda não tem conta, a pessoa, sem senha utilizável (quem chama envia o
    e-mail de definição de senha depois do commit). Os dados de quem já tem conta não mudam aqui: quem os
    atualiza é a ação "Atualizar dados". Quem já representa outra entidade precisa dos três documentos."""
    from portal.contas.models import Usuario
    from portal.validadores import normalizar_cpf

    documentos = documentos or {}
    cpf = normalizar_cpf(cpf)
    validade = _validade_conferir(valido_ate)
    usuario = Usuario.objects.filter(cpf=cpf).first()
    if usuario is not None:
        if Vinculo.objects.filter(usuario=usuario, entidade=entidade).exists():
            raise ErroDeEntidade(
                f"{usuario.nome} já tem vínculo com {entidade}; para mudar o acesso, use as ações da lista.",
                campo="cpf",
            )
        if representa_outra_entidade(usuario=usuario, entidade=entidade):
            faltando = [tipo for tipo in TipoDocumentoDoVinculo if tipo.value not in documentos]
            if faltando:
                raise DocumentosObrigatorios(
                    f"{usuario.nome} já representa outra entidade: envie "
                    + "; ".join(tipo.label for tipo in faltando) + ".",
                    faltando=faltando,
                )
    try:
        with transaction.atomic():
            if usuario is None:
                usuario = Usuario.objects.create_user(cpf, nome.strip(), email, None, telefone=telefone.strip())
                evento_registrar(objeto=usuario, acao="pessoa_cadastrada", por=por, nota=str(entidade))
            vinculo = vinculo_criar(
                usuario=usuario, entidade=entidade, papel=papel, valido_ate=validade,
                gestor=gestor, cadastrador=cadastrador, por=por,
            )
    except IntegrityError as erro:
        raise ErroDeEntidade(
            "Este CPF acabou de ser cadastrado por outra pessoa; confira a lista.", campo="cpf"
        ) from erro
    for tipo, verificado in documentos.items():
        registro = DocumentoDoVinculo(
            vinculo=vinculo, tipo=tipo, nome=verificado.nome, sha256=verificado.sha256,
            tamanho=verificado.tamanho, enviado_por=por,
        )
        verificado.arquivo.seek(0)
        registro.arquivo.save(f"vinculo-{vinculo.pk}-{tipo}-{verificado.sha256[:16]}.pdf",
                              ContentFile(verificado.arquivo.read()), save=False)
        registro.save()
    if documentos:
        evento_registrar(
            objeto=vinculo, acao="documentos_do_vinculo_enviados", por=por,
            nota=", ".join(TipoDocumentoDoVinculo(tipo).label for tipo in documentos),
        )
    return vinculo


@transaction.atomic
def representante_atualizar(
    *, vinculo: Vinculo, nome: str, email: str, telefone: str, papel: str, gestor: bool, cadastrador: bool, por,
) -> Vinculo:
    """Nome, e-mail e telefone são da pessoa (valem em todas as entidades que ela representa); papel e funções
    são do vínculo."""
    if vinculo.cadastrador and not cadastrador and not _resta_outro_cadastrador(vinculo):
        raise ErroDeEntidade(
            "A entidade ficaria sem cadastrador externo; cadastre outro antes de retirar esta função.",
            campo="cadastrador",
        )
    alteracoes = {}
    novos_do_vinculo = {"papel": papel, "gestor": gestor, "cadastrador": cadastrador}
    for campo, valor in novos_do_vinculo.items():
        if getattr(vinculo, campo) != valor:
            alteracoes[campo] = [getattr(vinculo, campo), valor]
    if not Vinculo.objects.filter(pk=vinculo.pk, ativo=True).update(**novos_do_vinculo):
        raise ErroDeEntidade("O acesso desta pessoa foi excluído; não é possível atualizá-lo.")
    usuario = vinculo.usuario
    novos_da_pessoa = {"nome": nome.strip(), "email": email.strip(), "telefone": telefone.strip()}
    mudou = [campo for campo, valor in novos_da_pessoa.items() if getattr(usuario, campo) != valor]
    for campo in mudou:
        alteracoes[campo] = [getattr(usuario, campo), novos_da_pessoa[campo]]
        setattr(usuario, campo, novos_da_pessoa[campo])
    if mudou:
        usuario.save(update_fields=mudou)
    for campo, valor in novos_do_vinculo.items():
        setattr(vinculo, campo, valor)
    evento_registrar(objeto=vinculo, acao="representante_atualizado", por=por, alteracoes=alteracoes)
    return vinculo


@transaction.atomic
def vinculo_prorrogar(*, vinculo: Vinculo, valido_ate: date, por) -> Vinculo:
    """Vale também para o acesso já vencido (item 17): a nova data tem de ser posterior à atual."""
    anterior = vinculo.valido_ate
    nova = _validade_conferir(valido_ate, depois_de=timezone.localdate(anterior))
    if not Vinculo.objects.filter(pk=vinculo.pk, ativo=True, valido_ate=anterior).update(valido_ate=nova):
        raise ErroDeEntidade("O acesso foi excluído ou alterado por outra pessoa agora há pouco; confira a lista.")
    vinculo.valido_ate = nova
    evento_registrar(
        objeto=vinculo, acao="vinculo_prorrogado", por=por,
        alteracoes={"valido_ate": [anterior.isoformat(), nova.isoformat()]},
    )
    return vinculo


@transaction.atomic
def vinculo_excluir(*, vinculo: Vinculo, motivo: str, por) -> Vinculo:
    """Encerra o acesso (item 19). O vínculo fica, inativo, para o histórico; os selectors já o ignoram."""
    motivo = motivo.strip()
    if not motivo:
        raise ErroDeEntidade("Informe o motivo da exclusão do acesso.", campo="motivo")
    if vinculo.cadastrador and not _resta_outro_cadastrador(vinculo):
        raise ErroDeEntidade(
            "Este é o único cadastrador externo da entidade; cadastre outro antes de excluir este acesso."
        )
    if not Vinculo.objects.filter(pk=vinculo.pk, ativo=True).update(ativo=False):
        raise ErroDeEntidade("O acesso desta pessoa já estava excluído.")
    vinculo.ativo = False
    evento_registrar(
        objeto=vinculo, acao="vinculo_excluido", por=por, status_de="ativo", status_para="inativo", nota=motivo
    )
    return vinculo


def envio_de_senha_registrar(*, vinculo: Vinculo, por) -> None:
    """O e-mail sai pelo allauth (na view, que tem o request); aqui fica o registro de quem pediu."""
    if not vinculo.ativo:
        raise ErroDeEntidade("O acesso desta pessoa foi excluído; não há senha a enviar.")
    evento_registrar(objeto=vinculo, acao="senha_enviada", por=por, nota=vinculo.usuario.email)


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
