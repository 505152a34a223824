"""Do balcão ao protocolo (seed 002, etapas 1 a 3): o atendente abre o rascunho, preenche o cidadão, a
autodeclaração (serviços rurais), anexa os três formulários assinados e os documentos do serviço, e protocola.

O rascunho pode parar e ser retomado. O protocolo é dado uma vez só: o envio trava a linha do rascunho, e um
segundo envio (duplo clique, voltar, nova tentativa) encontra o requerimento já protocolado e o devolve."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from atendimento.catalogo import AUTODECLARACAO, exige_autodeclaracao
from atendimento.models import (
    FORMULARIOS_ASSINADOS,
    DocumentoDoRequerimento,
    Requerimento,
    StatusRequerimento,
    TipoDocumentoRequerimento,
)
from atendimento.selectors import motivo_para_nao_protocolar
from atendimento.services._comum import ErroDoRequerimento, travar_rascunho
from atendimento.services.documentos import documento_guardar, pdf_conferir, total_conferir
from atendimento.services.pat_agendamento import pat_desfazer
from portal.auditoria.services import evento_registrar
from portal.operacao.sequencias import proximo_da_sequencia
from portal.validadores import dv_protocolo, formatar_protocolo, ocultar_cpf

CAMPOS_DO_CIDADAO = (
    "cidadao_cpf", "cidadao_nome", "cidadao_nascimento", "cidadao_nit", "cidadao_telefone", "cidadao_email",
    "endereco_cep", "endereco_logradouro", "endereco_numero", "endereco_complemento", "endereco_bairro",
    "endereco_municipio",
)
CAMPOS_OBRIGATORIOS_DO_CIDADAO = {
    "cidadao_cpf": "o CPF", "cidadao_nome": "o nome", "cidadao_nascimento": "a data de nascimento",
    "endereco_logradouro": "o logradouro", "endereco_municipio": "o município do endereço",
}


def documentos_para_anexar(servico) -> list:
    """Os documentos exigidos que se anexam em PDF. A autodeclaração do segurado especial não: ela é preenchida
    no portal (seed 002, "sem necessidade de documentos físicos") e sai no termo de requerimento assinado."""
    return [exigido for exigido in servico.documentos_exigidos.all()
            if not (exige_autodeclaracao(servico) and exigido.nome == AUTODECLARACAO)]


@transaction.atomic
def requerimento_iniciar(*, vinculo, servico, chave: uuid.UUID, por) -> Requerimento:
    """Abre o rascunho. A chave vem do formulário: repetido o envio, volta o mesmo rascunho."""
    existente = Requerimento.objects.filter(chave_de_envio=chave, entidade=vinculo.entidade).first()
    if existente is not None:
        return existente
    motivo = motivo_para_nao_protocolar(vinculo, servico)
    if motivo:
        raise ErroDoRequerimento(motivo, campo="servico")
    try:
        with transaction.atomic():
            requerimento = Requerimento.objects.create(entidade=vinculo.entidade, servico=servico, representante=por,
                                                       chave_de_envio=chave)
    except IntegrityError:  # o mesmo envio, em paralelo, chegou antes
        return Requerimento.objects.get(chave_de_envio=chave, entidade=vinculo.entidade)
    evento_registrar(objeto=requerimento, acao="requerimento_iniciado", por=por,
                     status_para=StatusRequerimento.RASCUNHO, nota=str(servico))
    return requerimento


@transaction.atomic
def requerimento_salvar_cidadao(*, requerimento: Requerimento, dados: dict, por) -> Requerimento:
    requerimento = travar_rascunho(requerimento)
    campos = {campo: dados[campo] for campo in CAMPOS_DO_CIDADAO if campo in dados}
    Requerimento.objects.filter(pk=requerimento.pk).update(**campos, atualizado_em=timezone.now())
    evento_registrar(objeto=requerimento, acao="requerimento_cidadao_salvo", por=por)
    atual = Requerimento.objects.select_related("entidade", "servico").get(pk=requerimento.pk)
    # O horário agendado era de outro CPF (o atendente corrigiu o cidadão): ele volta a ficar livre.
    atual.agendamentos_desfeitos = pat_desfazer(requerimento=atual, por=por, so_de_outro_cpf=True,
                                                motivo="o CPF do cidadão do requerimento mudou")
    return atual


@dataclass(frozen=True)
class ArquivoEnviado:
    """Um arquivo do formulário e o lugar dele no requerimento."""

    tipo: str
    arquivo: object
    documento_exigido: object = None

    @property
    def chave(self) -> tuple:
        return (self.tipo, getattr(self.documento_exigido, "pk", None))


@transaction.atomic
def requerimento_anexar(*, requerimento: Requerimento, enviados: list[ArquivoEnviado], por) -> list[str]:
    """Guarda os PDFs que servem e devolve, um por arquivo, os motivos das recusas (os que servem ficam, os que
    não servem não levam os outros junto). Um arquivo enviado para um lugar já ocupado substitui o anterior."""
    requerimento = travar_rascunho(requerimento)
    atuais = {(d.tipo, d.documento_exigido_id): d for d in requerimento.documentos.all()}
    recusas, trocados = [], []
    for enviado in enviados:
        try:
            verificado = pdf_conferir(enviado.arquivo)
        except ValidationError as erro:
            recusas.append(" ".join(erro.messages))
            continue
        anterior = atuais.get(enviado.chave)
        try:
            total_conferir(requerimento, [verificado], trocados=anterior.tamanho if anterior else 0)
        except ErroDoRequerimento as erro:
            recusas.append(f"“{verificado.nome}” não foi anexado: {erro}")
            continue
        if anterior is not None:
            anterior.delete()
            trocados.append(anterior.arquivo.name)
        atuais[enviado.chave] = documento_guardar(requerimento=requerimento, tipo=enviado.tipo, verificado=verificado,
                                                  por=por, documento_exigido=enviado.documento_exigido)
    if len(recusas) < len(enviados):
        evento_registrar(objeto=requerimento, acao="requerimento_documentos_anexados", por=por,
                         nota=f"{len(enviados) - len(recusas)} arquivo(s)")
    # O arquivo substituído só sai do disco depois que a troca foi gravada.
    transaction.on_commit(lambda: [DocumentoDoRequerimento.arquivo.field.storage.delete(nome) for nome in trocados])
    return recusas


@transaction.atomic
def requerimento_remover_documento(*, documento: DocumentoDoRequerimento, por) -> None:
    travar_rascunho(documento.requerimento)
    nome = documento.arquivo.name
    documento.delete()
    evento_registrar(objeto=documento.requerimento, acao="requerimento_documento_removido", por=por,
                     nota=documento.nome)
    transaction.on_commit(lambda: DocumentoDoRequerimento.arquivo.field.storage.delete(nome))


def pendencias(requerimento: Requerimento) -> list[tuple[str, str]]:
    """O que falta para protocolar, como (etapa, frase para o atendente)."""
    faltam = []
    for campo, nome in CAMPOS_OBRIGATORIOS_DO_CIDADAO.items():
        if not getattr(requerimento, campo):
            faltam.append(("cidadao", f"Informe {nome} do cidadão."))
    if exige_autodeclaracao(requerimento.servico):
        autodeclaracao = getattr(requerimento, "autodeclaracao", None)
        if autodeclaracao is None or not autodeclaracao.periodos.exists():
            faltam.append(("autodeclaracao", "Preencha a autodeclaração rural com ao menos um período de atividade."))
    anexados = {(d.tipo, d.documento_exigido_id) for d in requerimento.documentos.all()}
    for tipo in FORMULARIOS_ASSINADOS:
        if (tipo, None) not in anexados:
            faltam.append(("formularios", f"Anexe o {TipoDocumentoRequerimento(tipo).label.lower()} assinado."))
    for exigido in documentos_para_anexar(requerimento.servico):
        if exigido.obrigatorio and (TipoDocumentoRequerimento.EXIGIDO, exigido.pk) not in anexados:
            faltam.append(("documentos", f"Anexe: {exigido.nome}."))
    return faltam


def _novo_protocolo(agora) -> str:
    base = f"{agora:%Y}{proximo_da_sequencia(f'protocolo:{agora:%Y}'):08d}"
    return f"{base}{dv_protocolo(base)}"


@transaction.atomic
def requerimento_protocolar(*, requerimento: Requerimento, vinculo, por) -> Requerimento:
    """Protocola o rascunho e emite o comprovante (documento verificável). Repetido, devolve o já protocolado."""
    atual = Requerimento.objects.select_for_update().select_related("entidade", "servico").get(pk=requerimento.pk)
    if atual.status != StatusRequerimento.RASCUNHO:
        return atual  # o mesmo envio, repetido: o protocolo já foi dado
    motivo = motivo_para_nao_protocolar(vinculo, atual.servico)
    if motivo:
        raise ErroDoRequerimento(motivo)
    faltam = pendencias(atual)
    if faltam:
        raise ErroDoRequerimento("Ainda falta: " + " ".join(frase for _, frase in faltam))
    agora = timezone.now()
    protocolo = _novo_protocolo(timezone.localtime(agora))
    Requerimento.objects.filter(pk=atual.pk, status=StatusRequerimento.RASCUNHO).update(
        status=StatusRequerimento.PROTOCOLADO, protocolo=protocolo, protocolado_em=agora, representante=por)
    atual.refresh_from_db()
    atual.comprovante = _comprovante_emitir(atual, por)
    Requerimento.objects.filter(pk=atual.pk).update(comprovante=atual.comprovante)
    evento_registrar(objeto=atual, acao="requerimento_protocolado", por=por, status_de=StatusRequerimento.RASCUNHO,
                     status_para=StatusRequerimento.PROTOCOLADO, nota=formatar_protocolo(protocolo))
    return atual


def _comprovante_emitir(requerimento: Requerimento, por):
    from certificados.services import documento_emitir

    documentos = [
        {"tipo": d.get_tipo_display(), "exigido": str(d.documento_exigido or ""), "nome": d.nome,
         "tamanho": d.tamanho, "sha256": d.sha256}
        for d in requerimento.documentos.select_related("documento_exigido")
    ]
    contexto = {
        "protocolo": formatar_protocolo(requerimento.protocolo),
        "protocolado_em": timezone.localtime(requerimento.protocolado_em),
        "servico": str(requerimento.servico),
        "cidadao": {"nome": requerimento.cidadao_nome, "cpf": ocultar_cpf(requerimento.cidadao_cpf)},
        "entidade": {"razao_social": requerimento.entidade.razao_social, "cnpj": requerimento.entidade.cnpj_formatado},
        "atendente": por.nome,
        "documentos": documentos,
    }
    return documento_emitir(
        tipo="comprovante_de_protocolo", titulo=f"Comprovante de protocolo {contexto['protocolo']}",
        template="pdf/atendimento/comprovante.html", contexto=contexto, por=por, para=por,
        entidade=requerimento.entidade, sr=requerimento.entidade.sr, objeto=requerimento,
    )


@transaction.atomic
def requerimento_descartar(*, requerimento: Requerimento, por) -> None:
    """O atendente desiste do rascunho: ele e os seus arquivos saem (nada foi protocolado)."""
    atual = travar_rascunho(requerimento)
    nomes = [d.arquivo.name for d in atual.documentos.all()]
    evento_registrar(objeto=atual, acao="requerimento_descartado", por=por)
    pat_desfazer(requerimento=atual, por=por, motivo="rascunho do requerimento descartado", soltar=True)
    atual.delete()
    transaction.on_commit(lambda: [DocumentoDoRequerimento.arquivo.field.storage.delete(nome) for nome in nomes])
