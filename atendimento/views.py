"""O protocolo de requerimentos passo a passo (seed 002, etapas 1 a 3), pelo atendente da entidade.

Cada etapa é uma página comum (funciona sem JavaScript; com ele, o htmx troca só o miolo). O rascunho fica
guardado a cada etapa e pode ser retomado pela lista de requerimentos."""


from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from atendimento import forms, selectors
from atendimento.catalogo import avaliacoes_presenciais, exige_autodeclaracao
from atendimento.forms_agenda import EscolhaDoHorarioPerto, FiltroDosHorariosPerto
from atendimento.models import FORMULARIOS_ASSINADOS, Requerimento, StatusRequerimento, TipoDocumentoRequerimento
from atendimento.models_agenda import Prioridade, ServicoPresencial
from atendimento.pdf import renderizar_formulario
from atendimento.services import protocolo as servicos
from atendimento.services._comum import ErroDoRequerimento
from atendimento.services.agenda import idade_em
from atendimento.services.pat_agendamento import pat_agendar, pat_cancelar
from certificados.acesso import pat_com_a3
from portal.auditoria.services import em_nome_de, evento_registrar
from portal.entidades.views import representante_requerido
from portal.validadores import formatar_protocolo, numero_de_id


def _explicacao(request, motivo: str):
    return render(request, "atendimento/protocolar/sem_acesso.html", {"motivo": motivo})


def _rascunho_do_atendente(request, pk: int) -> Requerimento:
    """O rascunho da entidade pela qual a pessoa age (de outra entidade: 404)."""
    requerimento = get_object_or_404(
        Requerimento.objects.select_related("entidade", "servico", "endereco_municipio__uf"),
        pk=pk, entidade=request.perfil.entidade,
    )
    if requerimento.status != StatusRequerimento.RASCUNHO:
        raise _JaProtocolado(requerimento)
    return requerimento


class _JaProtocolado(Exception):
    def __init__(self, requerimento):
        self.requerimento = requerimento


def _etapas(requerimento) -> list[tuple[str, str]]:
    etapas = [("cidadao", "Cidadão")]
    if exige_autodeclaracao(requerimento.servico):
        etapas.append(("autodeclaracao", "Autodeclaração rural"))
    if avaliacoes := avaliacoes_presenciais(requerimento.servico):
        nomes = [ServicoPresencial(servico).label for servico in avaliacoes]
        etapas.append(("agendamento", "Agendar " + " e ".join(nomes).lower()))
    etapas += [("formularios", "Formulários assinados"), ("documentos", "Documentos"),
               ("revisar", "Revisar e protocolar")]
    return etapas


def _proxima(requerimento, etapa: str) -> str:
    chaves = [chave for chave, _ in _etapas(requerimento)]
    return chaves[min(chaves.index(etapa) + 1, len(chaves) - 1)]


def _do_atendente(view):
    """Quem protocola: papel que protocola, acesso válido, acordo vigente (cada recusa explicada); e o rascunho
    que já foi protocolado leva à página do requerimento. O requerimento de outra entidade é um 404 antes da
    explicação (ela não diz se ele existe, mas a recusa do que não é da entidade é sempre a mesma)."""

    @representante_requerido
    @pat_com_a3
    def pagina(request, *args, **kwargs):
        motivo = selectors.por_que_nao_protocola(request.perfil)
        if motivo:
            if "pk" in kwargs and selectors.e_de_outra_entidade(request.perfil, kwargs["pk"]):
                raise Http404("Requerimento não encontrado.")
            return _explicacao(request, motivo)
        try:
            return view(request, *args, **kwargs)
        except _JaProtocolado as ja:
            messages.info(request, f"Este requerimento já foi protocolado sob o número "
                                   f"{formatar_protocolo(ja.requerimento.protocolo)}.")
            return redirect(reverse("atendimento:requerimento", args=[ja.requerimento.pk]))

    return pagina


@_do_atendente
def novo(request):
    entidade = request.perfil.entidade
    form = forms.FormularioDeInicio(request.POST or None, servicos=selectors.servicos_que_protocola(entidade))
    if request.method == "POST" and form.is_valid():
        try:
            requerimento = servicos.requerimento_iniciar(
                vinculo=request.perfil.vinculo, servico=form.cleaned_data["servico"],
                chave=form.cleaned_data["chave"], por=request.user,
            )
        except ErroDoRequerimento as erro:
            form.add_error("servico", str(erro))
        else:
            return redirect("atendimento:etapa", pk=requerimento.pk, etapa="cidadao")
    return render(request, "atendimento/protocolar/novo.html", {"form": form})


@_do_atendente
def preencher(request, pk: int):
    """Retoma o rascunho na primeira etapa com pendência (ou na revisão, se nada falta)."""
    requerimento = _rascunho_do_atendente(request, pk)
    faltam = servicos.pendencias(requerimento)
    return redirect("atendimento:etapa", pk=pk, etapa=faltam[0][0] if faltam else "revisar")


def _pagina_da_etapa(request, requerimento, etapa: str, contexto: dict, status: int = 200):
    etapas = _etapas(requerimento)
    contexto = {
        "requerimento": requerimento, "etapas": etapas, "etapa": etapa,
        "rotulo_da_etapa": dict(etapas)[etapa], "numero_da_etapa": [c for c, _ in etapas].index(etapa) + 1,
        **contexto,
    }
    return render(request, f"atendimento/protocolar/{etapa}.html", contexto, status=status)


@_do_atendente
def etapa(request, pk: int, etapa: str):
    requerimento = _rascunho_do_atendente(request, pk)
    if etapa not in dict(_etapas(requerimento)):
        raise Http404("Etapa desconhecida.")
    return ETAPAS[etapa](request, requerimento)


def _seguir(request, requerimento, etapa: str):
    if request.POST.get("acao") == "rascunho":
        messages.success(request, "Rascunho salvo. Retome quando quiser pela lista de requerimentos.")
        return redirect("atendimento:requerimentos")
    return redirect("atendimento:etapa", pk=requerimento.pk, etapa=_proxima(requerimento, etapa))


def _etapa_cidadao(request, requerimento):
    inicial = {campo: getattr(requerimento, campo) for campo in forms.FormularioDoCidadao.base_fields
               if hasattr(requerimento, campo)}
    if requerimento.endereco_municipio:
        inicial.update(uf=requerimento.endereco_municipio.uf_id, municipio=requerimento.endereco_municipio_id)
    carregar = "carregar_municipios" in request.POST
    if request.method == "POST" and carregar:  # sem JavaScript: só traz os municípios da UF, nada é gravado
        form = forms.FormularioDoCidadao(initial=request.POST.dict())
        return _pagina_da_etapa(request, requerimento, "cidadao", {"form": form, "municipios_carregados": True})
    completo = request.POST.get("acao") != "rascunho"
    form = forms.FormularioDoCidadao(request.POST or None, initial=inicial, completo=completo)
    if request.method == "POST" and form.is_valid():
        salvo = servicos.requerimento_salvar_cidadao(requerimento=requerimento, dados=form.dados_do_requerimento,
                                                     por=request.user)
        if salvo.agendamentos_desfeitos:
            messages.warning(request, "O CPF do cidadão mudou: o horário agendado para o CPF anterior foi "
                                      "cancelado. Agende de novo para este cidadão.")
        return _seguir(request, requerimento, "cidadao")
    return _pagina_da_etapa(request, requerimento, "cidadao", {"form": form})


def _etapa_autodeclaracao(request, requerimento):
    from atendimento import forms_autodeclaracao as rurais
    from atendimento.services.autodeclaracao import autodeclaracao_dados_iniciais, autodeclaracao_salvar

    if request.method == "POST":
        conjunto = rurais.formularios_da_autodeclaracao(request.POST)
        if conjunto.mais_linhas:
            return _pagina_da_etapa(request, requerimento, "autodeclaracao", conjunto.contexto)
        if conjunto.is_valid():
            try:
                autodeclaracao_salvar(requerimento=requerimento, por=request.user, **conjunto.dados)
            except ErroDoRequerimento as erro:
                conjunto.form_autodeclaracao.add_error(None, str(erro))
            else:
                return _seguir(request, requerimento, "autodeclaracao")
        return _pagina_da_etapa(request, requerimento, "autodeclaracao", conjunto.contexto)
    producao, periodos, membros = autodeclaracao_dados_iniciais(requerimento)
    conjunto = rurais.formularios_da_autodeclaracao(None, producao=producao, periodos=periodos, membros=membros)
    return _pagina_da_etapa(request, requerimento, "autodeclaracao", conjunto.contexto)


def _etapa_agendamento(request, requerimento):
    """O agendamento simplificado (seed 002): com o cidadão ao lado, o horário da avaliação social e/ou da
    perícia médica numa APS do município da entidade ou, depois, da GEX. Não impede o protocolo: sem horário
    perto, o INSS agenda depois."""
    if request.method == "POST" and request.POST.get("acao") in ("continuar", "rascunho"):
        return _seguir(request, requerimento, "agendamento")
    inicial = {"prioridade": Prioridade.IDOSO_80 if _tem_80_anos(requerimento) else ""}
    filtro = FiltroDosHorariosPerto(request.GET or None, initial=inicial)
    filtros = filtro.cleaned_data if filtro.is_valid() else inicial
    escolha = None
    if request.method == "POST" and request.POST.get("acao") == "cancelar":
        _cancelar_agendamento_do_rascunho(request, requerimento)
        return redirect(request.get_full_path())
    if request.method == "POST":
        if request.POST.get("servico") not in avaliacoes_presenciais(requerimento.servico):
            raise Http404("Este requerimento não agenda esta avaliação.")
        escolha = EscolhaDoHorarioPerto(request.POST)
        agendado = _agendar_pelo_pat(request, requerimento, escolha)
        if agendado is not None:
            vaga = selectors.com_horario_local([agendado.vaga])[0]
            messages.success(request, f"{agendado.get_servico_display()} agendada: {vaga.inicio_local:%d/%m/%Y} às "
                                      f"{vaga.inicio_local:%H:%M}, {vaga.aps}.")
            return redirect(request.get_full_path())
    agendados = {agendado.servico: agendado for agendado in selectors.agendamentos_do_requerimento(requerimento)}
    avaliacoes = [
        {
            "servico": servico, "rotulo": ServicoPresencial(servico).label, "agendamento": agendados.get(servico),
            "horarios": selectors.horarios_perto_da_entidade(
                requerimento.entidade, servico=servico, prioritario=bool(filtros.get("prioridade")),
                a_partir_de=filtros.get("a_partir_de")),
            "escolha": escolha if escolha is not None and escolha.data.get("servico") == servico
            else EscolhaDoHorarioPerto(initial={"servico": servico, "prioridade": filtros.get("prioridade", "")}),
        }
        for servico in avaliacoes_presenciais(requerimento.servico)
    ]
    return _pagina_da_etapa(request, requerimento, "agendamento", {"filtro": filtro, "avaliacoes": avaliacoes})


def _tem_80_anos(requerimento) -> bool:
    nascimento = requerimento.cidadao_nascimento
    return bool(nascimento) and idade_em(nascimento, timezone.localdate()) >= 80


def _agendar_pelo_pat(request, requerimento, escolha):
    if not escolha.is_valid():
        return None
    dados = escolha.cleaned_data
    vaga = selectors.vaga_perto_da_entidade(requerimento.entidade, dados["vaga"])
    if vaga is None or vaga.servico != dados["servico"]:
        escolha.add_error("vaga", "Este horário não está entre os das agências perto da entidade. Escolha um da "
                                  "lista.")
        return None
    try:
        return pat_agendar(requerimento=requerimento, vaga=vaga, prioridade=dados["prioridade"],
                           chave=dados["chave"], por=request.user)
    except ErroDoRequerimento as erro:
        escolha.add_error("vaga", str(erro))
        return None


def _cancelar_agendamento_do_rascunho(request, requerimento):
    escolhido = numero_de_id(request.POST.get("agendamento"))
    agendamento = get_object_or_404(requerimento.agendamentos, pk=escolhido) if escolhido is not None else None
    if agendamento is None:
        raise Http404("Agendamento não encontrado.")
    try:
        pat_cancelar(requerimento=requerimento, agendamento=agendamento, por=request.user)
    except ErroDoRequerimento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"{agendamento.get_servico_display()} desmarcada; o horário voltou a ficar livre.")


def _anexar(request, requerimento, form, etapa: str, enviados: list):
    recusas = servicos.requerimento_anexar(requerimento=requerimento, enviados=enviados, por=request.user) \
        if enviados else []
    if recusas:
        for recusa in recusas:
            form.add_error(None, recusa)
        if len(recusas) < len(enviados):
            messages.success(request, "Os demais arquivos foram anexados.")
        return None
    if enviados:
        messages.success(request, f"{len(enviados)} arquivo(s) anexado(s).")
    return _seguir(request, requerimento, etapa)


def _anexados(requerimento) -> dict:
    return {(d.tipo, d.documento_exigido_id): d for d in requerimento.documentos.all()}


def _etapa_formularios(request, requerimento):
    form = forms.FormularioDosFormulariosAssinados(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        enviados = [servicos.ArquivoEnviado(tipo=tipo, arquivo=arquivo)
                    for tipo in FORMULARIOS_ASSINADOS if (arquivo := form.cleaned_data.get(tipo))]
        resposta = _anexar(request, requerimento, form, "formularios", enviados)
        if resposta:
            return resposta
    anexados = _anexados(requerimento)
    formularios = [(TipoDocumentoRequerimento(tipo), form[tipo], anexados.get((tipo, None)))
                   for tipo in FORMULARIOS_ASSINADOS]
    return _pagina_da_etapa(request, requerimento, "formularios", {"form": form, "formularios": formularios})


def _etapa_documentos(request, requerimento):
    exigidos = servicos.documentos_para_anexar(requerimento.servico)
    form = forms.FormularioDosDocumentosExigidos(request.POST or None, request.FILES or None, exigidos=exigidos)
    if request.method == "POST" and form.is_valid():
        enviados = [servicos.ArquivoEnviado(tipo=TipoDocumentoRequerimento.EXIGIDO, arquivo=arquivo,
                                            documento_exigido=exigido)
                    for nome, exigido in form.exigidos.items() if (arquivo := form.cleaned_data.get(nome))]
        resposta = _anexar(request, requerimento, form, "documentos", enviados)
        if resposta:
            return resposta
    anexados = _anexados(requerimento)
    linhas = [(exigido, form[nome], anexados.get((TipoDocumentoRequerimento.EXIGIDO, exigido.pk)))
              for nome, exigido in form.exigidos.items()]
    total = sum(documento.tamanho for documento in anexados.values())
    return _pagina_da_etapa(request, requerimento, "documentos", {"form": form, "linhas": linhas, "total": total})


def _etapa_revisar(request, requerimento):
    requerimento = selectors.rascunho_para_revisar(requerimento)
    contexto = {
        "faltam": servicos.pendencias(requerimento),
        "documentos": list(requerimento.documentos.all()),
        "autodeclaracao": getattr(requerimento, "autodeclaracao", None),
        "avaliacoes": avaliacoes_presenciais(requerimento.servico),
        "agendamentos": selectors.agendamentos_do_requerimento(requerimento),
    }
    return _pagina_da_etapa(request, requerimento, "revisar", contexto)


ETAPAS = {
    "cidadao": _etapa_cidadao,
    "autodeclaracao": _etapa_autodeclaracao,
    "agendamento": _etapa_agendamento,
    "formularios": _etapa_formularios,
    "documentos": _etapa_documentos,
    "revisar": _etapa_revisar,
}


@_do_atendente
@require_POST
def protocolar(request, pk: int):
    requerimento = get_object_or_404(Requerimento, pk=pk, entidade=request.perfil.entidade)
    try:
        requerimento = servicos.requerimento_protocolar(requerimento=requerimento, vinculo=request.perfil.vinculo,
                                                        por=request.user)
    except ErroDoRequerimento as erro:
        messages.error(request, str(erro))
        return redirect("atendimento:etapa", pk=pk, etapa="revisar")
    messages.success(request, f"Requerimento protocolado sob o número {formatar_protocolo(requerimento.protocolo)}. "
                              "Entregue ao cidadão o comprovante de protocolo.")
    return redirect("atendimento:requerimento", pk=requerimento.pk)


@_do_atendente
@require_POST
def remover_documento(request, pk: int, documento: int):
    requerimento = _rascunho_do_atendente(request, pk)
    registro = get_object_or_404(requerimento.documentos, pk=documento)
    try:
        servicos.requerimento_remover_documento(documento=registro, por=request.user)
    except ErroDoRequerimento as erro:
        messages.error(request, str(erro))
    else:
        messages.success(request, f"“{registro.nome}” removido.")
    etapa = "formularios" if registro.tipo in FORMULARIOS_ASSINADOS else "documentos"
    return redirect("atendimento:etapa", pk=pk, etapa=etapa)


@_do_atendente
@require_POST
def descartar(request, pk: int):
    requerimento = _rascunho_do_atendente(request, pk)
    servicos.requerimento_descartar(requerimento=requerimento, por=request.user)
    messages.success(request, "Rascunho descartado.")
    return redirect("atendimento:requerimentos")


@_do_atendente
def formulario(request, pk: int, tipo: str):
    """Um dos três formulários da seed 002, já preenchido, para imprimir e assinar."""
    if tipo not in FORMULARIOS_ASSINADOS:
        raise Http404("Formulário desconhecido.")
    requerimento = _rascunho_do_atendente(request, pk)
    conteudo = renderizar_formulario(requerimento, tipo, atendente=request.user)
    evento_registrar(objeto=requerimento, acao="formulario_do_cidadao_gerado", por=request.user,
                     nota=f"{TipoDocumentoRequerimento(tipo).label}, {em_nome_de(request)}")
    resposta = HttpResponse(conteudo, content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="{tipo.replace("_", "-")}-{requerimento.pk}.pdf"'
    return resposta


@representante_requerido
@pat_com_a3
def comprovante(request, pk: int):
    """O comprovante de protocolo (documento emitido), para qualquer representante da entidade."""
    requerimento = get_object_or_404(Requerimento.objects.select_related("comprovante"), pk=pk,
                                     entidade=request.perfil.entidade, comprovante__isnull=False)
    evento_registrar(objeto=requerimento, acao="comprovante_de_protocolo_baixado", por=request.user,
                     nota=f"{formatar_protocolo(requerimento.protocolo)}, {em_nome_de(request)}")
    resposta = HttpResponse(requerimento.comprovante.arquivo.open("rb").read(), content_type="application/pdf")
    resposta["Content-Disposition"] = f'inline; filename="comprovante-{requerimento.protocolo}.pdf"'
    return resposta
