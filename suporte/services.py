"""Toda mudança de estado de um chamado. Cada função: uma transação, atualização guardada pelo status
anterior (se ninguém mudou antes, a contagem é 1), evento gravado, avisos depois do commit."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from portal.arquivos import ArquivoVerificado
from portal.auditoria.services import evento_registrar, eventos_registrar_em_lote
from portal.notificacoes.services import (
    Lembrete,
    em_lotes,
    lembretes_registrar,
    marco_devido,
    notificacao_criar,
)
from portal.operacao.sequencias import proximo_da_sequencia
from suporte.catalogo import ITEM_CADASTRAMENTO_DE_REPRESENTANTES, ITEM_INDISPONIBILIDADE
from suporte.models import (
    STATUS_EM_ATENDIMENTO,
    Acompanhamento,
    Anexo,
    CategoriaAnexo,
    Chamado,
    Fechamento,
    Indisponibilidade,
    ItemCatalogo,
    StatusChamado,
    TipoAcompanhamento,
)
from suporte.selectors import (
    gestores_da_entidade,
    gestores_por_entidade,
    representante_em_outra_entidade,
    tecnicos_do_grupo,
)

PRAZO_APROVACAO = timedelta(days=7)
MARCOS_DO_PRAZO = [("2_dias", timedelta(days=2)), ("ultimo_dia", timedelta(days=1))]


class ErroDoChamado(Exception):
    """Uma regra do Suporte impediu a ação; a mensagem é para a pessoa."""


@dataclass(frozen=True)
class AnexoNovo:
    categoria: str
    verificado: ArquivoVerificado


def anexos_que_faltam(
    *, item: ItemCatalogo, entidade, cpf_representante: str, categorias: set[str]
) -> list[tuple[str, str]]:
    """O que a seed manda anexar e não veio: (categoria, frase para a pessoa). Vazio quando está tudo lá."""
    faltam = []
    if item.exige_tela_de_erro and CategoriaAnexo.TELA_DE_ERRO not in categorias:
        faltam.append((
            CategoriaAnexo.TELA_DE_ERRO,
            f"Anexe ao menos uma tela do erro (PNG, JPEG ou PDF): o item “{item.funcionalidade.capitalize()}” "
            "exige a imagem do erro de acesso ao Portal de Atendimento.",
        ))
    if (
        item.numero == ITEM_CADASTRAMENTO_DE_REPRESENTANTES
        and cpf_representante
        and representante_em_outra_entidade(cpf=cpf_representante, entidade=entidade)
    ):
        exigidos = [CategoriaAnexo.TCMS, CategoriaAnexo.IDENTIDADE, CategoriaAnexo.DECLARACAO_PEP]
        for categoria in exigidos:
            if categoria not in categorias:
                faltam.append((
                    categoria,
                    f"Anexe {CategoriaAnexo(categoria).label}: o representante já é vinculado a outra entidade "
                    "(item 16, ATENÇÃO 1).",
                ))
    return faltam


def _proximo_codigo(agora: datetime) -> str:
    """`L_` + último dígito do ano + mês + dia + sequência do dia com ao menos 3 dígitos (seed 003:
    L_20530001 é o primeiro de 30/05/2022). Um único comando atômico: aberturas simultâneas recebem
    números distintos."""
    dia = timezone.localtime(agora)
    prefixo = f"{dia.year % 10}{dia.month:02d}{dia.day:02d}"
    # A chave é o próprio prefixo: dez anos depois, o mesmo dia continua de onde parou e o código segue único.
    return f"L_{prefixo}{proximo_da_sequencia(f'chamado:{prefixo}'):03d}"


def _guardar_anexos(*, chamado: Chamado, anexos: list[AnexoNovo], por, acompanhamento=None) -> None:
    for anexo in anexos:
        registro = Anexo(
            chamado=chamado, acompanhamento=acompanhamento, categoria=anexo.categoria,
            nome=anexo.verificado.nome, tipo_conteudo=anexo.verificado.tipo, tamanho=anexo.verificado.tamanho,
            sha256=anexo.verificado.sha256, enviado_por=por,
        )
        extensao = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[anexo.verificado.tipo]
        anexo.verificado.arquivo.seek(0)
        # O nome no disco é nosso (código + hash), nunca o que veio do navegador.
        registro.arquivo.save(
            f"{chamado.codigo}-{anexo.verificado.sha256[:16]}.{extensao}",
            ContentFile(anexo.verificado.arquivo.read()),
            save=False,
        )
        registro.save()


def _url(chamado: Chamado) -> str:
    return reverse("suporte:chamado", args=[chamado.codigo])


def _avisar(destinatarios, *, titulo: str, corpo: str, chamado: Chamado, exceto=None) -> None:
    for pessoa in destinatarios:
        if exceto is not None and pessoa.pk == exceto.pk:
            continue
        notificacao_criar(destinatario=pessoa, titulo=titulo, corpo=corpo, url=_url(chamado))


def _mudar(chamado: Chamado, *, de: tuple[str, ...], condicoes: dict | None = None, **campos) -> Chamado:
    """Atualização guardada: só muda se o chamado ainda está num dos status `de` (e nas condições extras).
    Devolve o chamado relido; levanta ErroDoChamado quando outra ação chegou antes."""
    agora = timezone.now()
    mudou = Chamado.objects.filter(pk=chamado.pk, status__in=de, **(condicoes or {})).update(
        atualizado_em=agora, **campos
    )
    if not mudou:
        atual = Chamado.objects.get(pk=chamado.pk)
        if atual.status == StatusChamado.FECHADO:
            automatico = atual.fechamento == Fechamento.AUTOMATICO
            como = "automaticamente, no fim do prazo" if automatico else "com a aprovação"
            raise ErroDoChamado(f"O chamado {atual.codigo} já foi fechado ({como}) e não pode mais mudar.")
        if atual.status in de and atual.prazo_aprovacao and atual.prazo_aprovacao <= agora:
            # O que barrou foi o prazo (aprovar e recusar): a varredura ainda não passou para fechá-lo.
            raise ErroDoChamado(f"O prazo de 7 dias para aprovar ou recusar a solução do chamado {atual.codigo} "
                                "terminou: ele será fechado automaticamente.")
        raise ErroDoChamado(
            f"O chamado {atual.codigo} mudou enquanto você o via (agora: {atual.get_status_display()}). "
            "Recarregue a página e confira."
        )
    return Chamado.objects.select_related("item", "entidade", "sr", "tecnico", "solucionado_por").get(pk=chamado.pk)


@transaction.atomic
def chamado_abrir(
    *, vinculo, item: ItemCatalogo, titulo: str, descricao: str, anexos: list[AnexoNovo], por,
    cpf_representante: str = "", chave: uuid.UUID | None = None,
) -> Chamado:
    """Com a `chave` do formulário, o mesmo envio repetido (duplo clique, ao mesmo tempo ou depois) devolve o
    chamado já aberto, sem gastar outro número do dia."""
    if vinculo.usuario_id != por.pk or not vinculo.gestor:
        raise ErroDoChamado("Só os representantes gestores da entidade abrem chamados no Suporte INSS.")
    if chave is not None:
        existente = Chamado.objects.filter(chave_de_envio=chave, entidade=vinculo.entidade).first()
        if existente is not None:
            return existente
    if not item.ativo:
        raise ErroDoChamado("Este item do catálogo foi desativado; escolha outro.")
    faltam = anexos_que_faltam(
        item=item, entidade=vinculo.entidade, cpf_representante=cpf_representante,
        categorias={a.categoria for a in anexos},
    )
    if faltam:
        raise ErroDoChamado(" ".join(mensagem for _, mensagem in faltam))
    agora = timezone.now()
    entidade = vinculo.entidade
    try:
        # O número do dia e o chamado no mesmo ponto de salvamento: se o envio repetido chegou antes, os dois
        # voltam atrás e a sequência continua sem buraco.
        with transaction.atomic():
            chamado = Chamado.objects.create(
                codigo=_proximo_codigo(agora), item=item, entidade=entidade, sr=entidade.sr, requerente=por,
                titulo=titulo.strip(), descricao=descricao.strip(), cpf_representante=cpf_representante,
                aberto_em=agora, atualizado_em=agora, chave_de_envio=chave,
            )
    except IntegrityError:
        if chave is None:
            raise
        existente = Chamado.objects.filter(chave_de_envio=chave, entidade=entidade).first()
        if existente is None:  # a chave é de outro envio, de outra entidade
            raise ErroDoChamado("Este formulário já foi usado. Recarregue a página e envie de novo.") from None
        return existente
    _guardar_anexos(chamado=chamado, anexos=anexos, por=por)
    evento_registrar(objeto=chamado, acao="chamado_aberto", por=por, status_para=StatusChamado.NOVO,
                     nota=f"Item {item.numero}: {item.caminho}")
    _avisar(
        tecnicos_do_grupo(chamado.sr),
        titulo=f"Novo chamado {chamado.codigo} no grupo {chamado.sr.grupo_suporte}",
        corpo=f"{entidade.razao_social}: {chamado.titulo}", chamado=chamado,
    )
    return chamado


@transaction.atomic
def chamado_atribuir(*, chamado: Chamado, tecnico, por) -> Chamado:
    if tecnico not in tecnicos_do_grupo(chamado.sr):
        raise ErroDoChamado(f"{tecnico.nome} não é técnico do grupo {chamado.sr.grupo_suporte}.")
    anterior = chamado.status
    novo_status = StatusChamado.PROCESSANDO if anterior == StatusChamado.NOVO else anterior
    chamado = _mudar(chamado, de=STATUS_EM_ATENDIMENTO, tecnico=tecnico, status=novo_status)
    evento_registrar(
        objeto=chamado, acao="chamado_atribuido", por=por, status_de=anterior, status_para=novo_status,
        alteracoes={"tecnico": tecnico.nome},
    )
    if tecnico.pk != por.pk:
        _avisar([tecnico], titulo=f"O chamado {chamado.codigo} foi atribuído a você", corpo=chamado.titulo,
                chamado=chamado)
    return chamado


def _registrar_primeira_resposta(chamado: Chamado, quando: datetime) -> None:
    if Chamado.objects.filter(pk=chamado.pk, primeira_resposta_em__isnull=True).update(primeira_resposta_em=quando):
        chamado.primeira_resposta_em = quando


@transaction.atomic
def chamado_acompanhar(
    *, chamado: Chamado, texto: str, por, interno: bool = False, anexos: list[AnexoNovo] = (), pelo_inss: bool,
) -> Acompanhamento:
    """Um acompanhamento público (técnico ou gestor) ou uma nota interna (só técnico). A resposta da
    entidade a um chamado pendente o devolve a "processando"."""
    if interno and not pelo_inss:
        raise ErroDoChamado("Notas internas são só da equipe de suporte.")
    anterior = chamado.status
    if pelo_inss:
        chamado = _mudar(chamado, de=(*STATUS_EM_ATENDIMENTO, StatusChamado.SOLUCIONADO))
    else:
        if anterior == StatusChamado.SOLUCIONADO:
            raise ErroDoChamado("O chamado está solucionado: aprove ou recuse a solução.")
        volta = StatusChamado.PROCESSANDO if chamado.tecnico_id else StatusChamado.NOVO
        novo = volta if anterior == StatusChamado.PENDENTE else anterior
        chamado = _mudar(chamado, de=STATUS_EM_ATENDIMENTO, status=novo)
    tipo = TipoAcompanhamento.NOTA_INTERNA if interno else TipoAcompanhamento.PUBLICO
    acompanhamento = Acompanhamento.objects.create(chamado=chamado, tipo=tipo, texto=texto.strip(), autor=por)
    _guardar_anexos(chamado=chamado, anexos=list(anexos), por=por, acompanhamento=acompanhamento)
    evento_registrar(
        objeto=chamado, acao="nota_interna" if interno else "acompanhamento", por=por,
        status_de=anterior if anterior != chamado.status else "",
        status_para=chamado.status if anterior != chamado.status else "",
    )
    if interno:
        return acompanhamento
    if pelo_inss:
        _registrar_primeira_resposta(chamado, acompanhamento.criado_em)
        _avisar(gestores_da_entidade(chamado.entidade), titulo=f"Nova resposta no chamado {chamado.codigo}",
                corpo=chamado.titulo, chamado=chamado)
    else:
        _avisar([chamado.tecnico] if chamado.tecnico else tecnicos_do_grupo(chamado.sr),
                titulo=f"A entidade respondeu no chamado {chamado.codigo}", corpo=chamado.titulo, chamado=chamado)
    return acompanhamento


@transaction.atomic
def chamado_pendenciar(*, chamado: Chamado, texto: str, por) -> Chamado:
    """O técnico precisa de algo da entidade: o chamado fica pendente até ela responder."""
    anterior = chamado.status
    chamado = _mudar(
        chamado, de=(StatusChamado.NOVO, StatusChamado.PROCESSANDO), status=StatusChamado.PENDENTE,
        tecnico=chamado.tecnico or por,
    )
    acompanhamento = Acompanhamento.objects.create(
        chamado=chamado, tipo=TipoAcompanhamento.PENDENCIA, texto=texto.strip(), autor=por
    )
    _registrar_primeira_resposta(chamado, acompanhamento.criado_em)
    evento_registrar(objeto=chamado, acao="chamado_pendente", por=por, status_de=anterior,
                     status_para=StatusChamado.PENDENTE)
    _avisar(gestores_da_entidade(chamado.entidade), titulo=f"O chamado {chamado.codigo} aguarda a entidade",
            corpo=texto.strip(), chamado=chamado)
    return chamado


@transaction.atomic
def chamado_solucionar(*, chamado: Chamado, solucao: str, por, anexos: list[AnexoNovo] = ()) -> Chamado:
    anterior = chamado.status
    agora = timezone.now()
    chamado = _mudar(
        chamado, de=STATUS_EM_ATENDIMENTO, status=StatusChamado.SOLUCIONADO, solucionado_por=por,
        solucionado_em=agora, prazo_aprovacao=agora + PRAZO_APROVACAO, rodada=F("rodada") + 1,
        tecnico=chamado.tecnico or por,
    )
    acompanhamento = Acompanhamento.objects.create(
        chamado=chamado, tipo=TipoAcompanhamento.SOLUCAO, texto=solucao.strip(), autor=por, criado_em=agora
    )
    _guardar_anexos(chamado=chamado, anexos=list(anexos), por=por, acompanhamento=acompanhamento)
    _registrar_primeira_resposta(chamado, agora)
    evento_registrar(objeto=chamado, acao="chamado_solucionado", por=por, status_de=anterior,
                     status_para=StatusChamado.SOLUCIONADO)
    prazo = timezone.localtime(chamado.prazo_aprovacao).strftime("%d/%m/%Y %H:%M")
    _avisar(
        gestores_da_entidade(chamado.entidade), titulo=f"O chamado {chamado.codigo} foi solucionado",
        corpo=f"Aprove ou recuse a solução até {prazo}. Sem resposta, o chamado será fechado automaticamente.",
        chamado=chamado,
    )
    return chamado


def _gestor_da_entidade(chamado: Chamado, pessoa) -> None:
    if pessoa not in gestores_da_entidade(chamado.entidade):
        raise ErroDoChamado("Só os gestores da entidade aprovam ou recusam a solução.")


@transaction.atomic
def chamado_aprovar(*, chamado: Chamado, por, comentario: str = "") -> Chamado:
    """Fecha o chamado de vez: nada o reabre. Disputa com a varredura do prazo: quem atualizar primeiro
    vence, e o outro não muda nada."""
    _gestor_da_entidade(chamado, por)
    agora = timezone.now()
    chamado = _mudar(
        chamado, de=(StatusChamado.SOLUCIONADO,), condicoes={"prazo_aprovacao__gt": agora},
        status=StatusChamado.FECHADO, fechamento=Fechamento.APROVADO, fechado_em=agora,
    )
    Acompanhamento.objects.create(
        chamado=chamado, tipo=TipoAcompanhamento.APROVACAO, texto=comentario.strip() or "Solução aprovada.",
        autor=por, criado_em=agora,
    )
    evento_registrar(objeto=chamado, acao="solucao_aprovada", por=por, status_de=StatusChamado.SOLUCIONADO,
                     status_para=StatusChamado.FECHADO)
    _avisar([chamado.solucionado_por], titulo=f"A solução do chamado {chamado.codigo} foi aprovada",
            corpo=chamado.titulo, chamado=chamado)
    return chamado


@transaction.atomic
def chamado_recusar(*, chamado: Chamado, motivo: str, por, anexos: list[AnexoNovo] = ()) -> Chamado:
    """Volta a "processando (atribuído)", na caixa do técnico que solucionou (seed 003)."""
    _gestor_da_entidade(chamado, por)
    if not motivo.strip():
        raise ErroDoChamado("Diga por que a solução não atende: o motivo é obrigatório para recusar.")
    agora = timezone.now()
    tecnico = chamado.solucionado_por
    chamado = _mudar(
        chamado, de=(StatusChamado.SOLUCIONADO,), condicoes={"prazo_aprovacao__gt": agora},
        status=StatusChamado.PROCESSANDO, tecnico=tecnico, prazo_aprovacao=None,
    )
    acompanhamento = Acompanhamento.objects.create(
        chamado=chamado, tipo=TipoAcompanhamento.RECUSA, texto=motivo.strip(), autor=por, criado_em=agora
    )
    _guardar_anexos(chamado=chamado, anexos=list(anexos), por=por, acompanhamento=acompanhamento)
    evento_registrar(objeto=chamado, acao="solucao_recusada", por=por, status_de=StatusChamado.SOLUCIONADO,
                     status_para=StatusChamado.PROCESSANDO, nota=motivo.strip())
    _avisar([tecnico], titulo=f"A solução do chamado {chamado.codigo} foi recusada", corpo=motivo.strip(),
            chamado=chamado)
    return chamado


def chamados_fechar_sem_resposta(*, agora: datetime | None = None, lote: int = 2000) -> int:
    """Varredura: fecha os chamados solucionados cujo prazo de 7 dias passou, em lotes, com atualização
    guardada. Linhas que um gestor está aprovando agora (travadas) ficam para a próxima passada; repetir
    ou atrasar a varredura não muda nada duas vezes."""
    agora = agora or timezone.now()
    fechados = 0
    while True:
        with transaction.atomic():
            ids = list(
                Chamado.objects.select_for_update(skip_locked=True)
                .filter(status=StatusChamado.SOLUCIONADO, prazo_aprovacao__lte=agora)
                .order_by("prazo_aprovacao")
                .values_list("pk", flat=True)[:lote]
            )
            if not ids:
                return fechados
            Chamado.objects.filter(
                pk__in=ids, status=StatusChamado.SOLUCIONADO, prazo_aprovacao__lte=agora
            ).update(status=StatusChamado.FECHADO, fechamento=Fechamento.AUTOMATICO, fechado_em=agora,
                     atualizado_em=agora)
            eventos_registrar_em_lote(
                modelo=Chamado, ids=ids, acao="fechado_automaticamente", status_de=StatusChamado.SOLUCIONADO,
                status_para=StatusChamado.FECHADO, nota="7 dias sem aprovação nem recusa da entidade.",
            )
            fechados += len(ids)


def chamados_lembrar_prazo(*, agora: datetime | None = None) -> int:
    """Varredura: lembra os gestores 2 dias antes do fim do prazo e no último dia, uma vez cada marco em
    cada rodada de solução (o livro de lembretes decide). Gestores e livro lidos por lote de 500 chamados."""
    agora = agora or timezone.now()
    chamados = (
        Chamado.objects.filter(
            status=StatusChamado.SOLUCIONADO, prazo_aprovacao__gt=agora,
            prazo_aprovacao__lte=agora + MARCOS_DO_PRAZO[0][1],
        )
        .select_related("entidade")
        .order_by("prazo_aprovacao", "pk")
    )

    def lembretes():
        for lote in em_lotes(chamados.iterator(chunk_size=500)):
            devidos = [(chamado, marco) for chamado in lote
                       if (marco := marco_devido(prazo=chamado.prazo_aprovacao, marcos=MARCOS_DO_PRAZO, agora=agora))]
            gestores = gestores_por_entidade(chamado.entidade_id for chamado, _ in devidos)
            for chamado, marco in devidos:
                prazo = timezone.localtime(chamado.prazo_aprovacao).strftime("%d/%m/%Y %H:%M")
                quando = "termina hoje" if marco == "ultimo_dia" else "termina em 2 dias"
                for gestor in gestores[chamado.entidade_id]:
                    yield Lembrete(
                        objeto=chamado, marco=f"r{chamado.rodada}:{marco}", destinatario=gestor,
                        titulo=f"O prazo para responder ao chamado {chamado.codigo} {quando} ({prazo})",
                        corpo="Aprove ou recuse a solução; sem resposta, o chamado será fechado automaticamente.",
                        url=_url(chamado),
                    )

    return lembretes_registrar(tipo="prazo_de_aprovacao", lembretes=lembretes())


@transaction.atomic
def indisponibilidade_certificar(
    *, chamado: Chamado, sistemas: str, inicio: datetime, fim: datetime, descricao: str, por
) -> Indisponibilidade:
    """Item 12.3.4: registra a indisponibilidade confirmada e emite o certificado verificável."""
    from certificados.services import documento_emitir

    if chamado.item.numero != ITEM_INDISPONIBILIDADE:
        raise ErroDoChamado("O certificado de indisponibilidade só é emitido em chamados do item 12.")
    if chamado.status == StatusChamado.FECHADO:
        raise ErroDoChamado("O chamado está fechado.")
    if fim <= inicio:
        raise ErroDoChamado("O fim da indisponibilidade tem de ser depois do início.")
    if fim > timezone.now():
        raise ErroDoChamado("Só se certifica indisponibilidade já encerrada: o fim não pode estar no futuro.")
    registro = Indisponibilidade.objects.create(
        chamado=chamado, sistemas=sistemas.strip(), inicio=inicio, fim=fim, descricao=descricao.strip(),
        registrada_por=por,
    )
    entidade = chamado.entidade
    documento = documento_emitir(
        tipo="certificado_indisponibilidade",
        titulo=f"Certificado de indisponibilidade — chamado {chamado.codigo}",
        template="pdf/certificado_indisponibilidade.html",
        contexto={
            "chamado": {"codigo": chamado.codigo, "titulo": chamado.titulo},
            "entidade": {"razao_social": entidade.razao_social, "cnpj": entidade.cnpj_formatado},
            "indisponibilidade": {
                "sistemas": registro.sistemas, "inicio": timezone.localtime(inicio),
                "fim": timezone.localtime(fim), "descricao": registro.descricao,
                "duracao": _duracao(fim - inicio),
            },
            "tecnico": por.nome,
            "grupo": chamado.sr.grupo_suporte,
        },
        por=por, para=chamado.requerente, entidade=entidade, sr=chamado.sr, objeto=registro,
    )
    Indisponibilidade.objects.filter(pk=registro.pk).update(documento=documento)
    registro.documento = documento
    Acompanhamento.objects.create(
        chamado=chamado, tipo=TipoAcompanhamento.PUBLICO, autor=por,
        texto=(
            f"Certificado de indisponibilidade emitido (código verificador {documento.codigo_verificador}, "
            f"CRC {documento.crc})."
        ),
    )
    evento_registrar(objeto=chamado, acao="certificado_de_indisponibilidade", por=por,
                     nota=documento.codigo_verificador)
    _avisar(gestores_da_entidade(entidade), titulo=f"Certificado de indisponibilidade no chamado {chamado.codigo}",
            corpo="O certificado está disponível no chamado e em Documentos emitidos.", chamado=chamado)
    return registro


def _duracao(intervalo: timedelta) -> str:
    minutos = int(intervalo.total_seconds() // 60)
    horas, minutos = divmod(minutos, 60)
    return f"{horas} h {minutos:02d} min"

