"""Adesão e vida do acordo: cada mudança numa transação, guardada pelo status anterior, com evento."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from portal.acordos.models import (
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    CessaoDeImovel,
    DocumentoDeAdesao,
    PedidoDeDocumento,
    RegimePrevidenciario,
    SolicitacaoDoAcordo,
    StatusAcordo,
    StatusAdesao,
    StatusSolicitacao,
    TipoAlteracao,
    TipoDocumentoAdesao,
    TipoSolicitacao,
)
from portal.arquivos import ArquivoVerificado
from portal.auditoria.services import evento_registrar, eventos_registrar_em_lote
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
from portal.notificacoes.services import lembrete_registrar, marco_devido
from portal.operacao.sequencias import proximo_da_sequencia
from portal.organizacao.models import GerenciaExecutiva, Municipio
from portal.validadores import normalizar_cnpj, normalizar_cpf, normalizar_processo_sei

DOCUMENTOS_SEMPRE_EXIGIDOS = (
    TipoDocumentoAdesao.OFICIO,
    TipoDocumentoAdesao.LEI_CRIACAO,
    TipoDocumentoAdesao.OUTORGA,
    TipoDocumentoAdesao.DOCUMENTO_PESSOAL,
)


class ErroDoAcordo(Exception):
    """Uma regra do ACT impediu a ação; a mensagem é para a pessoa."""


@dataclass(frozen=True)
class DocumentoNovo:
    tipo: str
    verificado: ArquivoVerificado


def pendencias_da_adesao(adesao: Adesao, tipos_enviados: set[str]) -> list[str]:
    """O que falta para enviar a adesão à análise (seed 002), em frases para a pessoa."""
    faltam = [
        f"Anexe: {TipoDocumentoAdesao(tipo).label}." for tipo in DOCUMENTOS_SEMPRE_EXIGIDOS
        if tipo not in tipos_enviados
    ]
    if adesao.regime == RegimePrevidenciario.RPPS and TipoDocumentoAdesao.CRP not in tipos_enviados:
        faltam.append(f"Anexe: {TipoDocumentoAdesao.CRP.label} — a entidade declarou ter regime próprio.")
    if adesao.regime == RegimePrevidenciario.RGPS and TipoDocumentoAdesao.CERTIDAO_DEBITOS not in tipos_enviados:
        faltam.append(
            f"Anexe: {TipoDocumentoAdesao.CERTIDAO_DEBITOS.label} — a entidade declarou estar vinculada apenas "
            "ao RGPS."
        )
    if not adesao.aceite_minuta:
        faltam.append("Aceite formalmente os termos da minuta do ACT.")
    if not adesao.aceite_plano_de_trabalho:
        faltam.append("Aceite formalmente o Plano de Trabalho.")
    return faltam


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


@transaction.atomic
def adesao_iniciar(
    *, entidade, representante_legal_nome: str, representante_legal_cpf: str, representante_legal_cargo: str,
    regime: str, aceite_minuta: bool, aceite_plano_de_trabalho: bool, por,
) -> Adesao:
    if Adesao.objects.filter(entidade=entidade).exclude(status=StatusAdesao.RECUSADA).exists():
        raise ErroDoAcordo(f"{entidade} já tem uma adesão em andamento ou aprovada.")
    adesao = Adesao.objects.create(
        entidade=entidade, iniciada_por=por, representante_legal_nome=representante_legal_nome.strip(),
        representante_legal_cpf=normalizar_cpf(representante_legal_cpf),
        representante_legal_cargo=representante_legal_cargo.strip(), regime=regime,
        aceite_minuta=aceite_minuta, aceite_plano_de_trabalho=aceite_plano_de_trabalho,
    )
    evento_registrar(objeto=adesao, acao="adesao_iniciada", por=por, status_para=StatusAdesao.RASCUNHO)
    return adesao


def _guardar_documentos(adesao: Adesao, documentos: list[DocumentoNovo], por, pedido=None) -> None:
    for documento in documentos:
        registro = DocumentoDeAdesao(
            adesao=adesao, pedido=pedido, tipo=documento.tipo, nome=documento.verificado.nome,
            tamanho=documento.verificado.tamanho, sha256=documento.verificado.sha256, enviado_por=por,
        )
        documento.verificado.arquivo.seek(0)
        registro.arquivo.save(f"adesao-{adesao.pk}-{documento.verificado.sha256[:16]}.pdf",
                              ContentFile(documento.verificado.arquivo.read()), save=False)
        registro.save()


def _mudar_adesao(adesao: Adesao, *, de: tuple[str, ...], **campos) -> Adesao:
    if not Adesao.objects.filter(pk=adesao.pk, status__in=de).update(**campos):
        atual = Adesao.objects.get(pk=adesao.pk)
        raise ErroDoAcordo(f"A adesão mudou enquanto você a via (agora: {atual.get_status_display()}).")
    return Adesao.objects.select_related("entidade__sr").get(pk=adesao.pk)


@transaction.atomic
def adesao_enviar(*, adesao: Adesao, documentos: list[DocumentoNovo], por) -> Adesao:
    """A entidade envia a adesão à análise da SR; recusa, sem gravar nada, se falta documento ou aceite."""
    enviados = set(adesao.documentos.values_list("tipo", flat=True)) | {d.tipo for d in documentos}
    faltam = pendencias_da_adesao(adesao, enviados)
    if faltam:
        raise ErroDoAcordo(" ".join(faltam))
    _guardar_documentos(adesao, documentos, por)
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.RASCUNHO,), status=StatusAdesao.EM_ANALISE,
                           enviada_em=timezone.now())
    evento_registrar(objeto=adesao, acao="adesao_enviada", por=por, status_de=StatusAdesao.RASCUNHO,
                     status_para=StatusAdesao.EM_ANALISE)
    return adesao


@transaction.atomic
def adesao_pedir_documentos(*, adesao: Adesao, texto: str, por) -> PedidoDeDocumento:
    if not texto.strip():
        raise ErroDoAcordo("Diga quais documentos a entidade deve enviar.")
    agora = timezone.now()
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.EM_ANALISE, StatusAdesao.AGUARDANDO_ENTIDADE),
                           status=StatusAdesao.AGUARDANDO_ENTIDADE, aguardando_desde=agora)
    pedido = PedidoDeDocumento.objects.create(adesao=adesao, texto=texto.strip(), pedido_por=por, pedido_em=agora)
    evento_registrar(objeto=adesao, acao="adesao_documentos_pedidos", por=por,
                     status_para=StatusAdesao.AGUARDANDO_ENTIDADE, nota=texto.strip())
    return pedido


@transaction.atomic
def adesao_responder(*, pedido: PedidoDeDocumento, resposta: str, documentos: list[DocumentoNovo], por) -> Adesao:
    if pedido.respondido_em:
        raise ErroDoAcordo("Este pedido já foi respondido.")
    if not documentos and not resposta.strip():
        raise ErroDoAcordo("Anexe os documentos pedidos ou escreva a resposta.")
    adesao = pedido.adesao
    _guardar_documentos(adesao, documentos, por, pedido=pedido)
    PedidoDeDocumento.objects.filter(pk=pedido.pk).update(resposta=resposta.strip(), respondido_em=timezone.now())
    pendentes = adesao.pedidos.filter(respondido_em__isnull=True).exclude(pk=pedido.pk).exists()
    if not pendentes:
        adesao = _mudar_adesao(adesao, de=(StatusAdesao.AGUARDANDO_ENTIDADE,), status=StatusAdesao.EM_ANALISE,
                               aguardando_desde=None)
    evento_registrar(objeto=adesao, acao="adesao_documentos_enviados", por=por,
                     status_de=StatusAdesao.AGUARDANDO_ENTIDADE if not pendentes else "",
                     status_para=StatusAdesao.EM_ANALISE if not pendentes else "")
    return adesao


@transaction.atomic
def adesao_recusar(*, adesao: Adesao, motivo: str, por) -> Adesao:
    if not motivo.strip():
        raise ErroDoAcordo("Diga por que a adesão é recusada.")
    anterior = adesao.status
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.EM_ANALISE, StatusAdesao.AGUARDANDO_ENTIDADE),
                           status=StatusAdesao.RECUSADA, decidida_em=timezone.now(), decidida_por=por,
                           motivo_da_recusa=motivo.strip())
    evento_registrar(objeto=adesao, acao="adesao_recusada", por=por, status_de=anterior,
                     status_para=StatusAdesao.RECUSADA, nota=motivo.strip())
    return adesao


def _numero_do_acordo(adesao: Adesao, inicio: date) -> str:
    sr = adesao.entidade.sr
    chave = f"SR{sr.numero}-{inicio.year}"
    return f"{proximo_da_sequencia(f'acordo:{chave}')}/{inicio.year}-SR{sr.numero}"


@transaction.atomic
def adesao_aprovar(
    *, adesao: Adesao, processo_sei: str, vigencia_inicio: date, vigencia_fim: date, servicos, por,
    plano_de_trabalho: str = "",
) -> Acordo:
    """Aprova a adesão e celebra o acordo. Ele nasce `vigente` se o checklist está completo; senão, em
    análise, com a operacionalização bloqueada até o checklist fechar (`checklist_marcar`)."""
    processo = normalizar_processo_sei(processo_sei)
    if vigencia_fim <= vigencia_inicio:
        raise ErroDoAcordo("O fim da vigência tem de ser depois do início.")
    if not servicos:
        raise ErroDoAcordo("Escolha ao menos um serviço pactuado.")
    if Acordo.objects.filter(processo_sei=processo).exists():
        raise ErroDoAcordo("Já existe um acordo com este processo SEI.")
    anterior = adesao.status
    adesao = _mudar_adesao(adesao, de=(StatusAdesao.EM_ANALISE,), status=StatusAdesao.APROVADA,
                           decidida_em=timezone.now(), decidida_por=por)
    status = StatusAcordo.VIGENTE if adesao.checklist_completo else StatusAcordo.EM_ANALISE
    acordo = Acordo.objects.create(
        numero=_numero_do_acordo(adesao, vigencia_inicio), entidade=adesao.entidade, adesao=adesao,
        processo_sei=processo, vigencia_inicio=vigencia_inicio, vigencia_fim=vigencia_fim, status=status,
        plano_de_trabalho=plano_de_trabalho,
    )
    acordo.servicos_pactuados.set(servicos)
    AlteracaoDoAcordo.objects.create(
        acordo=acordo, tipo=TipoAlteracao.CRIACAO, por=por, documento_sei=acordo.processo_sei_formatado,
        descricao=f"Vigência de {vigencia_inicio:%d/%m/%Y} a {vigencia_fim:%d/%m/%Y}; "
                  f"{len(servicos)} serviço(s) pactuado(s).",
    )
    evento_registrar(objeto=adesao, acao="adesao_aprovada", por=por, status_de=anterior,
                     status_para=StatusAdesao.APROVADA)
    evento_registrar(objeto=acordo, acao="acordo_celebrado", por=por, status_para=status)
    return acordo


CAMPOS_DO_CHECKLIST = ("estrutura_fisica", "representantes_indicados", "capacitacao_concluida")


@transaction.atomic
def checklist_marcar(*, adesao: Adesao, item: str, feito: bool, por) -> Adesao:
    """Marca um item do checklist; quando o último fecha, o acordo em análise passa a vigente e a
    operacionalização é liberada."""
    if item not in CAMPOS_DO_CHECKLIST:
        raise ErroDoAcordo("Item de checklist desconhecido.")
    Adesao.objects.filter(pk=adesao.pk).update(**{item: feito})
    adesao = Adesao.objects.select_related("entidade").get(pk=adesao.pk)
    evento_registrar(objeto=adesao, acao="checklist_marcado", por=por, alteracoes={item: feito})
    acordo = Acordo.objects.filter(adesao=adesao, status=StatusAcordo.EM_ANALISE).first()
    if acordo and adesao.checklist_completo:
        if Acordo.objects.filter(pk=acordo.pk, status=StatusAcordo.EM_ANALISE).update(status=StatusAcordo.VIGENTE):
            AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=TipoAlteracao.OPERACIONALIZACAO, por=por,
                                             descricao="Checklist completo: operacionalização liberada.")
            evento_registrar(objeto=acordo, acao="operacionalizacao_liberada", por=por,
                             status_de=StatusAcordo.EM_ANALISE, status_para=StatusAcordo.VIGENTE)
    return adesao


@transaction.atomic
def acordo_rescindir(*, acordo: Acordo, motivo: str, por) -> Acordo:
    if not motivo.strip():
        raise ErroDoAcordo("A rescisão exige o motivo.")
    anterior = acordo.status
    agora = timezone.now()
    if not Acordo.objects.filter(pk=acordo.pk, status__in=(StatusAcordo.EM_ANALISE, StatusAcordo.VIGENTE)).update(
        status=StatusAcordo.RESCINDIDO, encerrado_em=agora, motivo_da_rescisao=motivo.strip()
    ):
        raise ErroDoAcordo("Só se rescinde um acordo em análise ou vigente.")
    AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=TipoAlteracao.RESCISAO, por=por, descricao=motivo.strip())
    evento_registrar(objeto=acordo, acao="acordo_rescindido", por=por, status_de=anterior,
                     status_para=StatusAcordo.RESCINDIDO, nota=motivo.strip())
    return Acordo.objects.get(pk=acordo.pk)


def acordos_vencer(*, agora: datetime | None = None) -> int:
    """Varredura: o acordo cuja vigência terminou passa a vencido (guardado pelo status: repetir não muda
    nada). A vigência vale até o fim do último dia, no horário de Brasília."""
    hoje = timezone.localdate(agora or timezone.now())
    with transaction.atomic():
        ids = list(
            Acordo.objects.select_for_update(skip_locked=True)
            .filter(status=StatusAcordo.VIGENTE, vigencia_fim__lt=hoje)
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Acordo.objects.filter(pk__in=ids, status=StatusAcordo.VIGENTE).update(
            status=StatusAcordo.VENCIDO, encerrado_em=timezone.now()
        )
        AlteracaoDoAcordo.objects.bulk_create([
            AlteracaoDoAcordo(acordo_id=pk, tipo=TipoAlteracao.VENCIMENTO, descricao="Fim da vigência.")
            for pk in ids
        ])
        eventos_registrar_em_lote(modelo=Acordo, ids=ids, acao="acordo_vencido", status_de=StatusAcordo.VIGENTE,
                                  status_para=StatusAcordo.VENCIDO)
    return len(ids)


MARCOS_DA_VIGENCIA = [("90_dias", timedelta(days=90)), ("60_dias", timedelta(days=60)), ("30_dias", timedelta(days=30))]
PRAZO_DA_ENTIDADE_NA_ADESAO = timedelta(days=15)


def _fim_do_dia(dia: date) -> datetime:
    """A vigência vale até o fim do último dia, no horário de Brasília."""
    return timezone.make_aware(datetime.combine(dia + timedelta(days=1), time.min))


def acordos_lembrar_vencimento(*, agora: datetime | None = None) -> int:
    """Varredura: avisa os gestores da entidade e os gestores regionais da SR do acordo vigente que termina
    em 90, 60 e 30 dias — cada marco uma vez; depois de uma parada, só o mais recente."""
    from portal.acordos.selectors import gestores_regionais_da_sr
    from suporte.selectors import gestores_da_entidade

    agora = agora or timezone.now()
    limite = timezone.localdate(agora) + MARCOS_DA_VIGENCIA[0][1]
    enviados = 0
    acordos = Acordo.objects.filter(status=StatusAcordo.VIGENTE, vigencia_fim__lte=limite).select_related(
        "entidade__sr"
    )
    for acordo in acordos.iterator(chunk_size=500):
        marco = marco_devido(prazo=_fim_do_dia(acordo.vigencia_fim), marcos=MARCOS_DA_VIGENCIA, agora=agora)
        if marco is None:
            continue
        destinatarios = {*gestores_da_entidade(acordo.entidade), *gestores_regionais_da_sr(acordo.entidade.sr)}
        for pessoa in destinatarios:
            if lembrete_registrar(
                objeto=acordo, tipo="vigencia_do_acordo", marco=f"{acordo.vigencia_fim.isoformat()}:{marco}",
                destinatario=pessoa,
                titulo=f"A vigência do ACT {acordo.numero} ({acordo.entidade}) termina em "
                       f"{acordo.vigencia_fim:%d/%m/%Y}",
                corpo="Para continuar operando, a entidade deve pedir a prorrogação antes do fim da vigência.",
                url=reverse("entidades:minha_entidade"),
            ):
                enviados += 1
    return enviados


def adesoes_lembrar_pedidos(*, agora: datetime | None = None) -> int:
    """Varredura: a adesão que espera documentos da entidade há 15 dias gera um lembrete aos gestores da
    entidade (uma vez por pedido)."""
    from suporte.selectors import gestores_da_entidade

    agora = agora or timezone.now()
    enviados = 0
    adesoes = Adesao.objects.filter(
        status=StatusAdesao.AGUARDANDO_ENTIDADE, aguardando_desde__lte=agora - PRAZO_DA_ENTIDADE_NA_ADESAO
    ).select_related("entidade")
    for adesao in adesoes.iterator(chunk_size=500):
        for pessoa in gestores_da_entidade(adesao.entidade):
            if lembrete_registrar(
                objeto=adesao, tipo="adesao_aguardando_entidade", marco=adesao.aguardando_desde.isoformat(),
                destinatario=pessoa, titulo="A adesão ao ACT aguarda documentos da entidade há 15 dias",
                corpo="Veja o que o INSS pediu e responda pela página da adesão.", url=reverse("acordos:adesao"),
            ):
                enviados += 1
    return enviados


@transaction.atomic
def solicitacao_criar(
    *, acordo: Acordo, tipo: str, descricao: str, por, servicos=(), nova_vigencia_fim: date | None = None,
) -> SolicitacaoDoAcordo:
    """A entidade pede (itens 6–9): termo aditivo, inclusão de serviços, prorrogação ou consulta da vigência."""
    if acordo.status not in (StatusAcordo.EM_ANALISE, StatusAcordo.VIGENTE):
        raise ErroDoAcordo(f"O acordo {acordo.numero} está {acordo.get_status_display().lower()}: "
                           "não aceita solicitações.")
    if not descricao.strip():
        raise ErroDoAcordo("Descreva a solicitação.")
    if tipo == TipoSolicitacao.INCLUSAO_SERVICOS:
        novos = [s for s in servicos if not acordo.servicos_pactuados.filter(pk=s.pk).exists()]
        if not novos:
            raise ErroDoAcordo("Escolha ao menos um serviço que ainda não esteja pactuado.")
        servicos = novos
    if tipo == TipoSolicitacao.PRORROGACAO and (nova_vigencia_fim is None or nova_vigencia_fim <= acordo.vigencia_fim):
        raise ErroDoAcordo(f"O novo fim da vigência tem de ser depois do atual, {acordo.vigencia_fim:%d/%m/%Y}.")
    solicitacao = SolicitacaoDoAcordo.objects.create(
        acordo=acordo, tipo=tipo, descricao=descricao.strip(), pedida_por=por,
        nova_vigencia_fim=nova_vigencia_fim if tipo == TipoSolicitacao.PRORROGACAO else None,
    )
    if tipo == TipoSolicitacao.INCLUSAO_SERVICOS:
        solicitacao.servicos.set(servicos)
    evento_registrar(objeto=acordo, acao="solicitacao_do_acordo", por=por, nota=solicitacao.get_tipo_display())
    return solicitacao


@transaction.atomic
def solicitacao_decidir(
    *, solicitacao: SolicitacaoDoAcordo, deferir: bool, decisao: str, por, documento_sei: str = "",
) -> SolicitacaoDoAcordo:
    """O gestor regional decide. Deferida, a mudança entra no acordo com a data e o documento SEI; a
    consulta de vigência é respondida."""
    if not decisao.strip():
        raise ErroDoAcordo("Escreva a decisão ou a resposta à entidade.")
    consulta = solicitacao.tipo == TipoSolicitacao.CONSULTA_VIGENCIA
    status = StatusSolicitacao.RESPONDIDA if consulta else (
        StatusSolicitacao.DEFERIDA if deferir else StatusSolicitacao.INDEFERIDA)
    if not SolicitacaoDoAcordo.objects.filter(pk=solicitacao.pk, status=StatusSolicitacao.PENDENTE).update(
        status=status, decisao=decisao.strip(), documento_sei=documento_sei.strip(), decidida_por=por,
        decidida_em=timezone.now(),
    ):
        raise ErroDoAcordo("Esta solicitação já foi decidida.")
    acordo = solicitacao.acordo
    if status == StatusSolicitacao.DEFERIDA:
        if solicitacao.tipo == TipoSolicitacao.INCLUSAO_SERVICOS:
            nomes = [str(s) for s in solicitacao.servicos.all()]
            acordo.servicos_pactuados.add(*solicitacao.servicos.all())
            descricao = "Serviços incluídos: " + "; ".join(nomes) + "."
        elif solicitacao.tipo == TipoSolicitacao.PRORROGACAO:
            anterior = acordo.vigencia_fim
            Acordo.objects.filter(pk=acordo.pk).update(vigencia_fim=solicitacao.nova_vigencia_fim)
            descricao = f"Vigência prorrogada de {anterior:%d/%m/%Y} para {solicitacao.nova_vigencia_fim:%d/%m/%Y}."
        else:
            descricao = f"Termo aditivo: {solicitacao.descricao}"
        AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=solicitacao.tipo, descricao=descricao,
                                         documento_sei=documento_sei.strip(), por=por)
    evento_registrar(objeto=acordo, acao=f"solicitacao_{status}", por=por, nota=solicitacao.get_tipo_display())
    return SolicitacaoDoAcordo.objects.get(pk=solicitacao.pk)


MESES_MAXIMOS_DA_CESSAO = 24
ENTIDADES_PUBLICAS = ("prefeitura",)


def _meses_depois(dia: date, meses: int) -> date:
    ano, mes = divmod(dia.month - 1 + meses, 12)
    ultimo_dia = calendar.monthrange(dia.year + ano, mes + 1)[1]
    return dia.replace(year=dia.year + ano, month=mes + 1, day=min(dia.day, ultimo_dia))


def _conferir_cessao(entidade, meses: int) -> None:
    if entidade.tipo not in ENTIDADES_PUBLICAS:
        raise ErroDoAcordo(
            f"A cessão de imóvel (TCOU) é só para órgãos públicos; {entidade} é "
            f"{entidade.get_tipo_display().lower()}."
        )
    if not 1 <= meses <= MESES_MAXIMOS_DA_CESSAO:
        raise ErroDoAcordo(
            f"O prazo da cessão vai de 1 a {MESES_MAXIMOS_DA_CESSAO} meses; para mais, registre uma renovação "
            "ao fim do termo."
        )


@transaction.atomic
def cessao_registrar(*, entidade, endereco: str, descricao: str, inicio: date, meses: int, por) -> CessaoDeImovel:
    _conferir_cessao(entidade, meses)
    cessao = CessaoDeImovel.objects.create(
        entidade=entidade, endereco=endereco.strip(), descricao=descricao.strip(), inicio=inicio,
        fim=_meses_depois(inicio, meses), registrada_por=por,
    )
    evento_registrar(objeto=entidade, acao="cessao_registrada", por=por, nota=str(cessao))
    return cessao


@transaction.atomic
def cessao_renovar(*, cessao: CessaoDeImovel, meses: int, por) -> CessaoDeImovel:
    """Um novo termo, do fim do anterior por até 24 meses; cada termo se renova uma vez (o novo, depois)."""
    _conferir_cessao(cessao.entidade, meses)
    if CessaoDeImovel.objects.filter(renovacao_de=cessao).exists():
        raise ErroDoAcordo("Este termo já foi renovado; renove o termo mais recente.")
    nova = CessaoDeImovel.objects.create(
        entidade=cessao.entidade, endereco=cessao.endereco, descricao=cessao.descricao, inicio=cessao.fim,
        fim=_meses_depois(cessao.fim, meses), renovacao_de=cessao, registrada_por=por,
    )
    evento_registrar(objeto=cessao.entidade, acao="cessao_renovada", por=por, nota=str(nova))
    return nova
