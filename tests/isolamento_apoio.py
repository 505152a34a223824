"""Apoio à matriz de isolamento (tests/test_isolamento_matriz.py): `montar_conjunto` grava, para uma entidade,
uma APS e as pessoas que os alcançam, um objeto de cada tipo que uma URL do portal nomeia — requerimento em
exigência (com documento), rascunho (com documento), requerimento com comprovante, chamado em atendimento (com
anexo e certificado de indisponibilidade), chamado solucionado, adesão (com documento e pedido aberto),
solicitação do acordo, cessão de imóvel, representante (com a Escola PEP), certificado, documento emitido,
relatório regional pronto, comunicado e webinar da SR, agenda, vaga livre, agendamento da Central, agendamento
do balcão, supervisão (com imagem). O mesmo código monta o conjunto de cada dono (Campinas, Belo Horizonte, o
Sindicato de Campinas): o controle positivo do conjunto de Campinas prova, de uma vez, que o que se monta para
os outros é alcançável por quem é dono. Pressupõe `semear_demo()`; as linhas nascem pelo ORM, no estado que os
serviços deixariam, com os ajudantes de tests/volume_apoio.py."""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from atendimento.models import (
    Agendamento,
    DesignacaoDeResponsavel,
    DocumentoDoRequerimento,
    Exigencia,
    Servico,
    ServicoPresencial,
    StatusAgendamento,
    StatusRequerimento,
    Supervisao,
    Vaga,
)
from atendimento.models_supervisao import CicloDeSupervisao
from atendimento.services.supervisao import ciclo_abrir
from certificados.models import ComunicadoA3, DocumentoEmitido, Webinario
from portal.acordos.models import (
    Acordo,
    Adesao,
    CessaoDeImovel,
    PedidoDeDocumento,
    SolicitacaoDoAcordo,
    TipoDocumentoAdesao,
    TipoSolicitacao,
)
from portal.contas.models import Usuario
from portal.entidades.models import CapacitacaoPEP, Entidade, PapelRepresentante, Vinculo
from portal.organizacao.models import AgenciaPrevidencia
from portal.painel.models import FormatoRelatorio, RelatorioRegional, StatusRelatorio
from suporte.models import Indisponibilidade, ItemCatalogo, StatusChamado
from tests.volume_apoio import (
    SHA,
    _agenda,
    _anexo,
    _certificado,
    _chamado,
    _documento_de_adesao,
    _documentos,
    _exigencias,
    _imagem,
    _indices,
    _pessoas_novas,
    _requerimento,
    _vagas,
)

# Os arquivos que as linhas de volume apontam (e os deste módulo): gravados no MEDIA_ROOT da matriz, para que os
# downloads respondam de verdade a quem é dono.
ARQUIVOS = ("requerimentos/volume.pdf", "suporte/volume.png", "adesoes/volume.pdf", "documentos/volume.pdf",
            "supervisoes/volume.png", "capacitacoes_pep/volume.pdf", "relatorios/volume.pdf")
PDF_MINIMO = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
              b"trailer<</Root 1 0 R>>\n%%EOF\n")


def gravar_arquivos(raiz: Path) -> None:
    for nome in ARQUIVOS:
        caminho = raiz / nome
        caminho.parent.mkdir(parents=True, exist_ok=True)
        caminho.write_bytes(PDF_MINIMO)


@dataclass(frozen=True)
class Conjunto:
    """Um objeto de cada tipo, de um dono: as chaves que as URLs levam (pk, código, CNPJ)."""

    dono: str
    cnpj: str
    requerimento: int  # em exigência, com a exigência aberta
    documento_do_requerimento: int
    rascunho: int
    documento_do_rascunho: int
    com_comprovante: int
    chamado: str  # em atendimento
    chamado_solucionado: str
    anexo: int
    indisponibilidade: int  # do chamado em atendimento, com o certificado emitido
    adesao: int
    documento_da_adesao: int
    pedido: int  # aberto, da adesão da entidade
    solicitacao: int
    cessao: int
    vinculo: int  # um representante da entidade, com a Escola PEP registrada
    certificado: int
    documento_emitido: str  # código verificador
    relatorio: int  # pronto
    comunicado: int
    webinario: int
    agenda: int
    vaga: int  # livre, amanhã
    agendamento: int  # pela Central 135, ainda por vir
    agendamento_do_balcao: int  # de hoje, à espera
    supervisao: int  # em preenchimento pelo responsável designado
    imagem: int
    aps: int


def _documento_emitido(*, tipo: str, por, para=None, entidade=None, sr=None) -> DocumentoEmitido:
    return DocumentoEmitido.objects.create(
        codigo_verificador=f"8{next(_indices):09d}", crc="ABCD1234", tipo=tipo, titulo=tipo.replace("_", " "),
        arquivo="documentos/volume.pdf", sha256=SHA, tamanho=len(PDF_MINIMO), emitido_por=por, emitido_para=para,
        entidade=entidade, sr=sr)


def montar_conjunto(dono: str, *, cnpj: str, aps: str, gestor: Usuario, atendente: Usuario, tecnico: Usuario,
                    analista: Usuario, gestor_regional: Usuario, responsavel: Usuario,
                    supervisor: Usuario) -> Conjunto:
    """Os objetos de `dono`: da entidade `cnpj` (pedidos pelo `gestor` e pelo `atendente`), da APS `aps` (a
    supervisão com o `responsavel` designado) e da SR da entidade (relatório de `gestor_regional`; certificado
    e documento emitido do `gestor`)."""
    agora, hoje = timezone.now(), timezone.localdate()
    entidade = Entidade.objects.select_related("sr").get(cnpj=cnpj)
    agencia = AgenciaPrevidencia.objects.get(codigo=aps)
    servico = Servico.objects.filter(ativo=True).order_by("pk").first()

    requerimento = _requerimento(entidade, servico, atendente, StatusRequerimento.EM_EXIGENCIA, ha_dias=5,
                                 analista=analista)
    requerimento.save()
    Exigencia.objects.bulk_create(_exigencias(requerimento, aberta=True, respondidas=0, analista=analista,
                                              representante=atendente))
    documento = DocumentoDoRequerimento.objects.bulk_create(_documentos(requerimento, 1, por=atendente))[0]
    rascunho = _requerimento(entidade, servico, atendente, StatusRequerimento.RASCUNHO, ha_dias=0)
    rascunho.save()
    documento_do_rascunho = DocumentoDoRequerimento.objects.bulk_create(_documentos(rascunho, 1, por=atendente))[0]
    com_comprovante = _requerimento(entidade, servico, atendente, StatusRequerimento.PROTOCOLADO, ha_dias=2)
    com_comprovante.comprovante = _documento_emitido(tipo="comprovante_protocolo", por=atendente, entidade=entidade,
                                                     sr=entidade.sr)
    com_comprovante.save()

    itens = {item.numero: item for item in ItemCatalogo.objects.filter(numero__in=(11, 12))}
    chamado = _chamado(entidade, gestor, StatusChamado.PROCESSANDO, tecnico=tecnico, item=itens[12], ha_dias=3)
    chamado.save()
    solucionado = _chamado(entidade, gestor, StatusChamado.SOLUCIONADO, tecnico=tecnico, item=itens[11], ha_dias=4)
    solucionado.save()
    anexo = _anexo(chamado, por=gestor)
    anexo.save()
    indisponibilidade = Indisponibilidade.objects.create(
        chamado=chamado, sistemas="PAT", inicio=agora - timedelta(hours=5), fim=agora - timedelta(hours=2),
        descricao="Fora do ar.", registrada_por=tecnico,
        documento=_documento_emitido(tipo="certificado_indisponibilidade", por=tecnico, entidade=entidade,
                                     sr=entidade.sr))

    adesao = Adesao.objects.filter(entidade=entidade).order_by("pk").first()
    documento_da_adesao = _documento_de_adesao(adesao, TipoDocumentoAdesao.OFICIO)
    documento_da_adesao.save()
    pedido = PedidoDeDocumento.objects.create(adesao=adesao, texto="Envie a ata de posse.",
                                              pedido_por=gestor_regional)
    acordo = Acordo.objects.filter(entidade=entidade).order_by("pk").first()
    solicitacao = SolicitacaoDoAcordo.objects.create(acordo=acordo, tipo=TipoSolicitacao.TERMO_ADITIVO,
                                                     descricao="Alterar a cláusula 3.", pedida_por=gestor)
    cessao = CessaoDeImovel.objects.create(entidade=entidade, endereco="Rua do Imóvel, 1", inicio=hoje,
                                           fim=hoje + timedelta(days=365), registrada_por=gestor_regional)

    representante = _pessoas_novas(1, f"Representante de {dono}")[0]
    vinculo = Vinculo.objects.create(usuario=representante, entidade=entidade, papel=PapelRepresentante.AUTENTICA,
                                     valido_ate=agora + timedelta(days=100))
    CapacitacaoPEP.objects.create(usuario=representante, concluida_em=hoje - timedelta(days=3), carga_horaria=20,
                                  declaracao="capacitacoes_pep/volume.pdf", registrada_por=gestor,
                                  nome="declaracao.pdf", sha256=SHA, tamanho=len(PDF_MINIMO))
    certificado = _certificado(gestor)
    certificado.save()
    documento_emitido = _documento_emitido(tipo="declaracao_vinculo", por=gestor, para=gestor, entidade=entidade,
                                           sr=entidade.sr)
    relatorio = RelatorioRegional.objects.create(
        formato=FormatoRelatorio.PDF, solicitado_por=gestor_regional, regiao=f"Relatório de {dono}",
        status=StatusRelatorio.PRONTO, progresso=100, arquivo="relatorios/volume.pdf", concluido_em=agora)
    comunicado = ComunicadoA3.objects.create(titulo=f"Comunicado de {dono}", corpo="Texto.", sr=entidade.sr,
                                             criado_por=gestor_regional)
    webinario = Webinario.objects.create(titulo=f"Webinar de {dono}", quando=agora + timedelta(days=10),
                                         link="https://exemplo.org", sr=entidade.sr, criado_por=gestor_regional)

    atesp = _agenda(agencia, ServicoPresencial.ATESP, por=responsavel)
    do_dia = _vagas(atesp, [hoje], 1, ocupar=1, criado_por=gestor_regional)[0]
    futuro = _vagas(atesp, [hoje + timedelta(days=2)], 1, ocupar=1, criado_por=gestor_regional)[0]
    _vagas(atesp, [hoje + timedelta(days=1)], 1, ocupar=0, criado_por=gestor_regional)
    Agendamento.objects.filter(pk__in=[do_dia.pk, futuro.pk]).update(
        status=StatusAgendamento.AGENDADO, protocolo_atendimento="", atendido_em=None, atendido_por=None)
    Vaga.objects.filter(pk__in=[do_dia.vaga_id, futuro.vaga_id]).update(ocupadas=1, ocupadas_gerais=1)
    livre = Vaga.objects.filter(agenda=atesp).exclude(pk__in=[do_dia.vaga_id, futuro.vaga_id]).get()

    ciclo = ciclo_abrir() or CicloDeSupervisao.objects.order_by("-inicio").first()
    DesignacaoDeResponsavel.objects.filter(aps=agencia, ativa=True).update(ativa=False)
    DesignacaoDeResponsavel.objects.create(aps=agencia, responsavel=responsavel, designada_por=supervisor)
    supervisao = Supervisao.objects.filter(ciclo=ciclo, aps=agencia).first() or Supervisao.objects.create(
        ciclo=ciclo, aps=agencia, responsavel=responsavel)
    imagem = _imagem(supervisao, responsavel)
    imagem.save()

    return Conjunto(
        dono=dono, cnpj=cnpj, requerimento=requerimento.pk, documento_do_requerimento=documento.pk,
        rascunho=rascunho.pk, documento_do_rascunho=documento_do_rascunho.pk, com_comprovante=com_comprovante.pk,
        chamado=chamado.codigo, chamado_solucionado=solucionado.codigo, anexo=anexo.pk,
        indisponibilidade=indisponibilidade.pk, adesao=adesao.pk, documento_da_adesao=documento_da_adesao.pk,
        pedido=pedido.pk, solicitacao=solicitacao.pk, cessao=cessao.pk, vinculo=vinculo.pk,
        certificado=certificado.pk, documento_emitido=DocumentoEmitido.objects.get(
            pk=documento_emitido.pk).codigo_verificador,
        relatorio=relatorio.pk, comunicado=comunicado.pk, webinario=webinario.pk, agenda=atesp.pk, vaga=livre.pk,
        agendamento=futuro.pk, agendamento_do_balcao=do_dia.pk, supervisao=supervisao.pk, imagem=imagem.pk,
        aps=agencia.pk,
    )
