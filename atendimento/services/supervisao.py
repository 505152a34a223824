"""A Supervisão das APS – Retorno Gradual e Seguro (seed 001, Portaria 916/2021, tarefa 14615): os ciclos
bimestrais de 30 dias, a designação do responsável por APS, a supervisão (campos adicionais, imagens,
conclusão), os lembretes antes do fim do ciclo e o relatório em PDF."""

from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from atendimento import selectors_supervisao as selectors
from atendimento.models_supervisao import (
    DURACAO_DO_CICLO,
    CicloDeSupervisao,
    DesignacaoDeResponsavel,
    ImagemDaSupervisao,
    RespostaDaSupervisao,
    RespostaDoItem,
    StatusSupervisao,
    Supervisao,
)
from atendimento.supervisao_catalogo import ITENS, ITENS_POR_CODIGO
from portal.arquivos import ArquivoVerificado, arquivo_guardar
from portal.auditoria.services import evento_registrar
from portal.contas.models import Lotacao
from portal.notificacoes.services import lembrete_registrar, marco_devido, notificacao_criar
from portal.organizacao.models import AgenciaPrevidencia

# O primeiro ciclo (seed 001): de 1º/10/2021 a 31/10/2021; depois, a cada dois meses.
PRIMEIRO_CICLO = date(2021, 10, 1)
MARCOS_DO_CICLO = [("7_dias", timedelta(days=7)), ("2_dias", timedelta(days=2))]
MAXIMO_DE_IMAGENS = 20


class ErroDaSupervisao(Exception):
    """Uma regra impediu a ação; a mensagem é para a pessoa. `faltando` lista o que falta para concluir."""

    def __init__(self, mensagem: str, *, campo: str | None = None, faltando: tuple[str, ...] = ()):
        super().__init__(mensagem)
        self.campo = campo
        self.faltando = faltando


def inicio_do_ciclo(dia: date) -> date | None:
    """O início do ciclo do bimestre de `dia` (outubro, dezembro, fevereiro... a partir de outubro de 2021)."""
    if dia < PRIMEIRO_CICLO:
        return None
    meses = (dia.year - PRIMEIRO_CICLO.year) * 12 + dia.month - PRIMEIRO_CICLO.month
    meses -= meses % 2
    ano, mes = divmod(PRIMEIRO_CICLO.month - 1 + meses, 12)
    return date(PRIMEIRO_CICLO.year + ano, mes + 1, 1)


def ciclo_abrir(*, hoje: date | None = None) -> CicloDeSupervisao | None:
    """Abre o ciclo do bimestre, se ainda não existe (repetir não cria outro: o início é único) e avisa os
    responsáveis designados. Antes do primeiro ciclo da Portaria, nada."""
    hoje = hoje or timezone.localdate()
    inicio = inicio_do_ciclo(hoje)
    if inicio is None:
        return None
    existente = CicloDeSupervisao.objects.filter(inicio=inicio).first()
    if existente is not None:
        return existente
    try:
        with transaction.atomic():
            ciclo = CicloDeSupervisao.objects.create(inicio=inicio, fim=inicio + DURACAO_DO_CICLO)
            evento_registrar(objeto=ciclo, acao="ciclo_de_supervisao_aberto",
                             nota=f"{ciclo.inicio:%d/%m/%Y} a {ciclo.fim:%d/%m/%Y}")
            responsaveis = {d.responsavel for d in DesignacaoDeResponsavel.objects.filter(
                ativa=True, aps__ativa=True).select_related("responsavel")}
            for pessoa in responsaveis:
                notificacao_criar(
                    destinatario=pessoa, titulo=f"{ciclo}: supervisões das APS até {ciclo.fim:%d/%m/%Y}",
                    corpo="Crie a supervisão de cada APS pela qual você responde, preencha todos os campos, anexe "
                          "as imagens da visita e conclua dentro do prazo de 30 dias.",
                    url=reverse("atendimento:supervisao"),
                )
    except IntegrityError:  # outra varredura abriu o mesmo ciclo ao mesmo tempo
        return CicloDeSupervisao.objects.get(inicio=inicio)
    return ciclo


# --- designação ---------------------------------------------------------------------------------------------


@transaction.atomic
def responsavel_designar(*, aps: AgenciaPrevidencia, responsavel, execucao_na_aps: bool, por
                         ) -> DesignacaoDeResponsavel:
    """O SERAT/SEAT designa quem supervisiona a APS (seed 001). Excepcionalmente, o gerente da APS ou servidor
    por ele designado: quem é lotado na própria APS só com a execução na APS configurada, e a execução na APS
    só com alguém lotado nela. A designação anterior se encerra; a supervisão em preenchimento passa ao novo
    responsável."""
    if not selectors.agencias_do_supervisor(por).filter(pk=aps.pk).exists():
        raise ErroDaSupervisao("Só o SERAT/SEAT da região da APS designa o responsável pela supervisão.")
    lotacoes = Lotacao.objects.filter(usuario=responsavel, ativa=True, sr_id=aps.gex.sr_id)
    if not responsavel.is_active or not lotacoes.exists():
        raise ErroDaSupervisao(f"{responsavel.nome} não é servidor(a) da {aps.gex.sr}.", campo="responsavel")
    da_aps = lotacoes.filter(aps=aps).exists()
    if da_aps and not execucao_na_aps:
        raise ErroDaSupervisao(
            f"{responsavel.nome} é lotado(a) na própria {aps}: a supervisão pelo gerente da APS ou por servidor "
            "por ele designado é a exceção da Portaria 916/2021 — configure a execução na APS.",
            campo="execucao_na_aps",
        )
    if execucao_na_aps and not da_aps:
        raise ErroDaSupervisao(
            f"A execução na APS é para o gerente da {aps} ou servidor por ele designado, lotado na agência; "
            f"{responsavel.nome} não é lotado(a) nela.", campo="execucao_na_aps",
        )
    anterior = DesignacaoDeResponsavel.objects.select_for_update().filter(aps=aps, ativa=True).first()
    if anterior is not None:
        DesignacaoDeResponsavel.objects.filter(pk=anterior.pk, ativa=True).update(
            ativa=False, encerrada_em=timezone.now())
    designacao = DesignacaoDeResponsavel.objects.create(
        aps=aps, responsavel=responsavel, execucao_na_aps=execucao_na_aps, designada_por=por)
    Supervisao.objects.filter(aps=aps, status=StatusSupervisao.RASCUNHO).update(responsavel=responsavel)
    evento_registrar(
        objeto=designacao, acao="responsavel_designado", por=por,
        nota=f"{aps}: {responsavel.nome}" + (" (execução na APS)" if execucao_na_aps else ""),
        alteracoes={"anterior": anterior.responsavel_id} if anterior else None,
    )
    notificacao_criar(
        destinatario=responsavel, titulo=f"Você é o(a) responsável pela Supervisão da {aps}",
        corpo="Designação do SERAT/SEAT (Portaria 916/2021). Em cada ciclo, crie a supervisão da APS, preencha "
              "todos os campos, anexe as imagens da visita e conclua em até 30 dias.",
        url=reverse("atendimento:supervisao"),
    )
    return designacao


# --- a supervisão -------------------------------------------------------------------------------------------


def _exigir_responsavel(aps: AgenciaPrevidencia, por) -> None:
    if not selectors.e_responsavel(por, aps):
        raise ErroDaSupervisao(f"Só o(a) responsável designado(a) pelo SERAT/SEAT preenche a supervisão da {aps}.")


@transaction.atomic
def supervisao_criar(*, aps: AgenciaPrevidencia, por, hoje: date | None = None) -> Supervisao:
    """O responsável cria a supervisão da APS no ciclo atual (uma por APS e ciclo; repetir devolve a mesma)."""
    _exigir_responsavel(aps, por)
    ciclo = selectors.ciclo_atual(hoje)
    if ciclo is None:
        raise ErroDaSupervisao("Nenhum ciclo de supervisão foi aberto ainda.")
    existente = Supervisao.objects.filter(ciclo=ciclo, aps=aps).first()
    if existente is not None:
        return existente
    try:
        with transaction.atomic():
            supervisao = Supervisao.objects.create(ciclo=ciclo, aps=aps, responsavel=por)
    except IntegrityError:  # duplo clique: a outra requisição criou
        return Supervisao.objects.get(ciclo=ciclo, aps=aps)
    evento_registrar(objeto=supervisao, acao="supervisao_criada", por=por, status_para=StatusSupervisao.RASCUNHO,
                     nota=str(ciclo))
    return supervisao


def _em_preenchimento(supervisao: Supervisao, por) -> Supervisao:
    """Trava a linha: quem chama está numa transação; a supervisão concluída não muda mais."""
    atual = Supervisao.objects.select_for_update().select_related("ciclo", "aps").get(pk=supervisao.pk)
    _exigir_responsavel(atual.aps, por)
    if atual.status != StatusSupervisao.RASCUNHO:
        raise ErroDaSupervisao("Esta supervisão já foi concluída: não muda mais.")
    return atual


@transaction.atomic
def supervisao_salvar_respostas(*, supervisao: Supervisao, respostas: dict[str, tuple[str, str]], por) -> int:
    """Grava o que foi respondido, mesmo incompleto (o rascunho não perde nada). `respostas`: código do item →
    (resposta, observações). Devolve quantos itens mudaram."""
    supervisao = _em_preenchimento(supervisao, por)
    gravadas = {r.item: r for r in supervisao.respostas.all()}
    novas, mudadas = [], []
    for codigo, (resposta, observacoes) in respostas.items():
        if codigo not in ITENS_POR_CODIGO:
            continue
        resposta = resposta if resposta in RespostaDoItem.values else ""
        observacoes = (observacoes or "").strip()
        registro = gravadas.get(codigo)
        if registro is None:
            if resposta or observacoes:
                novas.append(RespostaDaSupervisao(supervisao=supervisao, item=codigo, resposta=resposta,
                                                  observacoes=observacoes))
        elif (registro.resposta, registro.observacoes) != (resposta, observacoes):
            registro.resposta, registro.observacoes = resposta, observacoes
            mudadas.append(registro)
    RespostaDaSupervisao.objects.bulk_create(novas)
    RespostaDaSupervisao.objects.bulk_update(mudadas, ["resposta", "observacoes"])
    if novas or mudadas:
        evento_registrar(objeto=supervisao, acao="supervisao_respostas_salvas", por=por,
                         alteracoes={"itens": sorted(r.item for r in novas + mudadas)})
    return len(novas) + len(mudadas)


@transaction.atomic
def supervisao_anexar_imagens(*, supervisao: Supervisao, imagens: list[ArquivoVerificado], por
                              ) -> list[ImagemDaSupervisao]:
    """As imagens da visita, já conferidas pelo conteúdo (PNG ou JPEG)."""
    supervisao = _em_preenchimento(supervisao, por)
    if supervisao.imagens.count() + len(imagens) > MAXIMO_DE_IMAGENS:
        raise ErroDaSupervisao(f"Até {MAXIMO_DE_IMAGENS} imagens por supervisão.", campo="imagens")
    criadas = []
    for verificado in imagens:
        imagem = ImagemDaSupervisao(supervisao=supervisao, tipo=verificado.tipo, enviada_por=por)
        arquivo_guardar(imagem, "arquivo", verificado, prefixo=f"supervisao-{supervisao.pk}")
        imagem.save()
        criadas.append(imagem)
    if criadas:
        evento_registrar(objeto=supervisao, acao="supervisao_imagens_anexadas", por=por,
                         nota=", ".join(i.nome for i in criadas))
    return criadas


@transaction.atomic
def supervisao_remover_imagem(*, imagem: ImagemDaSupervisao, por) -> None:
    supervisao = _em_preenchimento(imagem.supervisao, por)
    ImagemDaSupervisao.objects.filter(pk=imagem.pk).delete()
    transaction.on_commit(lambda: imagem.arquivo.delete(save=False))
    evento_registrar(objeto=supervisao, acao="supervisao_imagem_removida", por=por, nota=imagem.nome)


def o_que_falta(supervisao: Supervisao) -> list[str]:
    """O que impede a conclusão, na ordem da tarefa: cada item sem resposta ou sem observações, e as imagens."""
    respostas = {r.item: r for r in supervisao.respostas.all()}
    faltando = []
    for item in ITENS:
        resposta = respostas.get(item.codigo)
        if resposta is None or not resposta.resposta:
            faltando.append(f"{item.pergunta} — falta a resposta")
        elif not resposta.observacoes:
            faltando.append(f"{item.pergunta} — faltam as observações")
    if not supervisao.imagens.exists():
        faltando.append("As imagens da supervisão realizada — anexe ao menos uma")
    return faltando


@transaction.atomic
def supervisao_concluir(*, supervisao: Supervisao, por) -> Supervisao:
    """Conclui só com todos os campos adicionais preenchidos e ao menos uma imagem (seed 001). A atualização é
    guardada pelo status: duas conclusões simultâneas, uma vence."""
    supervisao = _em_preenchimento(supervisao, por)
    faltando = o_que_falta(supervisao)
    if faltando:
        raise ErroDaSupervisao("A supervisão não pode ser concluída: " + "; ".join(faltando) + ".",
                               faltando=tuple(faltando))
    agora = timezone.now()
    if not Supervisao.objects.filter(pk=supervisao.pk, status=StatusSupervisao.RASCUNHO).update(
        status=StatusSupervisao.CONCLUIDA, concluida_em=agora
    ):
        raise ErroDaSupervisao("Esta supervisão já foi concluída.")
    nota = "Concluída depois do fim do ciclo." if timezone.localdate(agora) > supervisao.ciclo.fim else ""
    evento_registrar(objeto=supervisao, acao="supervisao_concluida", por=por, status_de=StatusSupervisao.RASCUNHO,
                     status_para=StatusSupervisao.CONCLUIDA, nota=nota)
    return Supervisao.objects.select_related("ciclo", "aps").get(pk=supervisao.pk)


# --- lembretes e relatório ----------------------------------------------------------------------------------


def _fim_do_ciclo(ciclo: CicloDeSupervisao) -> datetime:
    """O ciclo vale até o fim do último dia, no horário de Brasília."""
    return timezone.make_aware(datetime.combine(ciclo.fim + timedelta(days=1), time.min))


def supervisoes_lembrar(*, agora: datetime | None = None) -> int:
    """Varredura: 7 e 2 dias antes do fim do ciclo, cada responsável com supervisão não concluída recebe um
    lembrete — cada marco uma vez; depois de uma parada, só o mais recente."""
    agora = agora or timezone.now()
    ciclo = selectors.ciclo_atual(timezone.localdate(agora))
    if ciclo is None or agora >= _fim_do_ciclo(ciclo):
        return 0
    marco = marco_devido(prazo=_fim_do_ciclo(ciclo), marcos=MARCOS_DO_CICLO, agora=agora)
    if marco is None:
        return 0
    por_responsavel: dict = {}
    for designacao in selectors.pendentes_do_ciclo(ciclo).select_related("responsavel", "aps").order_by("aps__nome"):
        por_responsavel.setdefault(designacao.responsavel, []).append(designacao.aps.nome)
    enviados = 0
    for pessoa, agencias in por_responsavel.items():
        if lembrete_registrar(
            objeto=ciclo, tipo="fim_do_ciclo_de_supervisao", marco=f"{ciclo.fim.isoformat()}:{marco}",
            destinatario=pessoa,
            titulo=f"{ciclo}: as supervisões terminam em {ciclo.fim:%d/%m/%Y}",
            corpo="Falta concluir a supervisão de: " + ", ".join(agencias) + ". Preencha todos os campos, anexe "
                  "as imagens da visita e conclua.",
            url=reverse("atendimento:supervisao"),
        ):
            enviados += 1
    return enviados


def relatorio_de_supervisoes_emitir(*, ciclo: CicloDeSupervisao, por):
    """O relatório do ciclo em PDF, emitido e verificável (código verificador e CRC)."""
    from certificados.services import documento_emitir

    relatorio = selectors.relatorio_de_supervisoes(usuario=por, ciclo=ciclo)
    if not relatorio.linhas:
        raise ErroDaSupervisao("Nenhuma APS no seu escopo de supervisão.")
    return documento_emitir(
        tipo="relatorio_de_supervisoes", titulo=f"Supervisão das APS — {ciclo}",
        template="pdf/supervisao.html",
        contexto={
            "ciclo": {"nome": str(ciclo), "inicio": ciclo.inicio, "fim": ciclo.fim},
            "encerrado": relatorio.encerrado,
            "linhas": [vars(linha) for linha in relatorio.linhas],
            "total": vars(relatorio.total),
            "emitido_por": por.nome,
        },
        por=por, para=por, objeto=ciclo,
    )
