"""O cadastro externo (seed 003, itens 15–19): o cadastrador da entidade cadastra, atualiza, prorroga e exclui
o acesso dos representantes, e reenvia o e-mail de senha."""

from datetime import date, datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.arquivos import ArquivoVerificado, pdf_guardar
from portal.auditoria.services import evento_registrar
from portal.entidades.models import CapacitacaoPEP, DocumentoDoVinculo, Entidade, TipoDocumentoDoVinculo, Vinculo
from portal.entidades.services.cadastro import DocumentosObrigatorios, ErroDeEntidade, vinculo_criar

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


def _documentos_conferir(*, usuario, documentos: dict[str, ArquivoVerificado]) -> None:
    """Item 16, ATENÇÃO 1: TCMS e identidade sempre; a declaração da Escola PEP só se a conclusão da pessoa
    ainda não está registrada no portal (o curso vale para todas as entidades que ela representa)."""
    capacitacao = CapacitacaoPEP.objects.filter(usuario=usuario).first()
    exigidos = [tipo for tipo in TipoDocumentoDoVinculo
                if capacitacao is None or tipo != TipoDocumentoDoVinculo.ESCOLA_PEP]
    faltando = [tipo for tipo in exigidos if tipo.value not in documentos]
    if not faltando:
        return
    mensagem = f"{usuario.nome} já representa outra entidade: envie " + "; ".join(t.label for t in faltando) + "."
    if capacitacao is not None:
        mensagem += (
            f" A conclusão da Escola PEP já está registrada ({capacitacao.concluida_em:%d/%m/%Y}): "
            "a declaração não precisa ser enviada de novo."
        )
    raise DocumentosObrigatorios(mensagem, faltando=faltando)


def _vinculo_novo(
    *, usuario, cpf: str, nome: str, email: str, telefone: str, entidade: Entidade, papel: str,
    valido_ate: datetime, gestor: bool, cadastrador: bool, por,
) -> Vinculo:
    """O vínculo de quem nunca representou a entidade; a pessoa é criada se o CPF ainda não tem conta."""
    from portal.contas.models import Usuario

    try:
        with transaction.atomic():
            if usuario is None:
                usuario = Usuario.objects.create_user(cpf, nome.strip(), email, None, telefone=telefone.strip())
                evento_registrar(objeto=usuario, acao="pessoa_cadastrada", por=por, nota=str(entidade))
            return vinculo_criar(
                usuario=usuario, entidade=entidade, papel=papel, valido_ate=valido_ate,
                gestor=gestor, cadastrador=cadastrador, por=por,
            )
    except IntegrityError as erro:
        raise ErroDeEntidade(
            "Este CPF acabou de ser cadastrado por outra pessoa; confira a lista.", campo="cpf"
        ) from erro


def _para_o_evento(valor):
    return valor.isoformat() if isinstance(valor, datetime) else valor


@transaction.atomic
def vinculo_reativar(
    *, vinculo: Vinculo, papel: str, valido_ate: datetime, gestor: bool = False, cadastrador: bool = False, por,
) -> Vinculo:
    """Quem teve o acesso excluído volta a representar a entidade pelo mesmo vínculo (há um por pessoa e
    entidade), com papel, funções e validade novos; o histórico continua nele."""
    novos = {"papel": papel, "gestor": gestor, "cadastrador": cadastrador, "valido_ate": valido_ate}
    if not Vinculo.objects.filter(pk=vinculo.pk, ativo=False).update(ativo=True, excluido_em=None, **novos):
        raise ErroDeEntidade(
            f"{vinculo.usuario.nome} acabou de voltar a representar {vinculo.entidade}; confira a lista.",
            campo="cpf",
        )
    alteracoes = {
        campo: [_para_o_evento(getattr(vinculo, campo)), _para_o_evento(valor)]
        for campo, valor in novos.items() if getattr(vinculo, campo) != valor
    }
    for campo, valor in novos.items():
        setattr(vinculo, campo, valor)
    vinculo.ativo, vinculo.excluido_em = True, None
    evento_registrar(
        objeto=vinculo, acao="vinculo_reativado", por=por, status_de="inativo", status_para="ativo",
        alteracoes=alteracoes,
    )
    return vinculo


@transaction.atomic
def representante_cadastrar(
    *, entidade: Entidade, cpf: str, nome: str, email: str, telefone: str = "", papel: str,
    gestor: bool = False, cadastrador: bool = False, valido_ate: date,
    documentos: dict[str, ArquivoVerificado] | None = None, por,
) -> Vinculo:
    """Cria o vínculo e, se o CPF ainda não tem conta, a pessoa, sem senha utilizável (quem chama envia o
    e-mail de definição de senha depois do commit). Os dados de quem já tem conta não mudam aqui: quem os
    atualiza é a ação "Atualizar dados". Quem teve o acesso a esta entidade excluído volta pelo mesmo vínculo,
    reativado. Quem já representa outra entidade precisa dos documentos do item 16 (ATENÇÃO 1)."""
    from portal.contas.models import Usuario
    from portal.validadores import normalizar_cpf

    documentos = documentos or {}
    cpf = normalizar_cpf(cpf)
    validade = _validade_conferir(valido_ate)
    usuario = Usuario.objects.filter(cpf=cpf).first()
    excluido = None
    if usuario is not None:
        anterior = Vinculo.objects.filter(usuario=usuario, entidade=entidade).first()
        if anterior is not None and anterior.ativo:
            raise ErroDeEntidade(
                f"{usuario.nome} já tem vínculo com {entidade}; para mudar o acesso, use as ações da lista.",
                campo="cpf",
            )
        excluido = anterior
        if representa_outra_entidade(usuario=usuario, entidade=entidade):
            _documentos_conferir(usuario=usuario, documentos=documentos)
    if excluido is not None:
        vinculo = vinculo_reativar(
            vinculo=excluido, papel=papel, valido_ate=validade, gestor=gestor, cadastrador=cadastrador, por=por,
        )
    else:
        vinculo = _vinculo_novo(
            usuario=usuario, cpf=cpf, nome=nome, email=email, telefone=telefone, entidade=entidade, papel=papel,
            valido_ate=validade, gestor=gestor, cadastrador=cadastrador, por=por,
        )
    for tipo, verificado in documentos.items():
        registro = DocumentoDoVinculo(vinculo=vinculo, tipo=tipo, enviado_por=por)
        pdf_guardar(registro, "arquivo", verificado, prefixo=f"vinculo-{vinculo.pk}-{tipo}")
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
    agora = timezone.now()
    if not Vinculo.objects.filter(pk=vinculo.pk, ativo=True).update(ativo=False, excluido_em=agora):
        raise ErroDeEntidade("O acesso desta pessoa já estava excluído.")
    vinculo.ativo, vinculo.excluido_em = False, agora
    evento_registrar(
        objeto=vinculo, acao="vinculo_excluido", por=por, status_de="ativo", status_para="inativo", nota=motivo
    )
    return vinculo


def envio_de_senha_registrar(*, vinculo: Vinculo, por) -> None:
    """O e-mail sai pelo allauth (na view, que tem o request); aqui fica o registro de quem pediu."""
    if not vinculo.ativo:
        raise ErroDeEntidade("O acesso desta pessoa foi excluído; não há senha a enviar.")
    evento_registrar(objeto=vinculo, acao="senha_enviada", por=por, nota=vinculo.usuario.email)
