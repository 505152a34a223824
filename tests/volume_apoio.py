"""Volume para medir as consultas de cada página (tests/test_consultas_por_pagina.py): `povoar(fator)` grava
`fator` vezes uma porção de linhas em cada domínio que as páginas mostram, no alcance das personas da
demonstração (Campinas, a Sudeste I, a APS 21001010 de Heitor), depressa: `bulk_create`, sem passar pelos
serviços — as linhas nascem já no estado que os serviços deixariam (protocolo com dígito, exigência aberta do
requerimento em exigência, solução com prazo, agendamento atendido com protocolo, vaga com a ocupação dos seus
agendamentos).

Cada chamada também engorda os objetos que as páginas de detalhe mostram (a vitrine: o requerimento em
exigência de Campinas, o rascunho, o chamado, a adesão, a agenda, a supervisão...), para que a página de
detalhe também tenha dez vezes mais filhos com `fator` dez. Pressupõe `semear_demo()`."""

import itertools
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from atendimento.models import (
    Agenda,
    Agendamento,
    AtivacaoDoAtesp,
    AutodeclaracaoRural,
    CicloDeSupervisao,
    Decisao,
    DesignacaoDeResponsavel,
    DocumentoDoRequerimento,
    DocumentoExigido,
    Exigencia,
    ImagemDaSupervisao,
    MembroDoGrupoFamiliar,
    OrigemDoAgendamento,
    PeriodoRural,
    Requerimento,
    RespostaDaSupervisao,
    Servico,
    ServicoPresencial,
    StatusAgendamento,
    StatusExigencia,
    StatusRequerimento,
    StatusSupervisao,
    Supervisao,
    TipoDocumentoRequerimento,
    Vaga,
)
from atendimento.services.supervisao import ciclo_abrir
from atendimento.supervisao_catalogo import ITENS
from certificados.models import (
    CertificadoDoRepresentante,
    ComunicadoA3,
    DocumentoEmitido,
    TipoDeCertificado,
    Webinario,
)
from portal.acordos.models import (
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    CessaoDeImovel,
    DocumentoDeAdesao,
    PedidoDeDocumento,
    SolicitacaoDoAcordo,
    StatusAcordo,
    StatusAdesao,
    StatusSolicitacao,
    TipoAlteracao,
    TipoDocumentoAdesao,
    TipoSolicitacao,
)
from portal.auditoria.models import Evento
from portal.contas.models import Usuario
from portal.demo import _processo_sei_de_demo
from portal.entidades.models import CapacitacaoPEP, Entidade, PapelRepresentante, TipoEntidade, Vinculo
from portal.notificacoes.models import Notificacao
from portal.organizacao.models import AgenciaPrevidencia, GerenciaExecutiva, Municipio, SuperintendenciaRegional
from portal.painel.models import FormatoRelatorio, RelatorioRegional, StatusRelatorio
from portal.validadores import cnpj_com_digitos, dv_protocolo
from suporte.models import (
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
from tests.conftest import PERSONAS
from tests.test_representantes import cpf_de

CAMPINAS = "51885242000140"
APS_DE_HEITOR = "21001010"
GEX_CAMPINAS = "21001"
# O rascunho da vitrine: serviço rural com perícia, para passar por todas as etapas do protocolo.
SERVICO_DO_RASCUNHO = "auxilio-incapacidade-temporaria-rural"
SHA = "0" * 64

# Faixas de números longe das dos demais ajudantes (requerimentos_apoio: 70000000x e 9000000x; a3_apoio: 88000000x;
# fabricas: CNPJ 7000xxxx): cada chamada continua de onde a anterior parou.
_pessoas = itertools.count(610000001)
_cidadaos = itertools.count(620000001)
_cnpjs = itertools.count(61000001)
_protocolos = itertools.count(80000001)
_indices = itertools.count(300001)


@dataclass(frozen=True)
class Vitrine:
    """Os objetos que as páginas de detalhe mostram, cada um com filhos que crescem a cada `povoar`."""

    requerimento: int  # de Campinas, em exigência: documentos, exigências, agendamentos, eventos
    cpf: str  # do cidadão do requerimento, e o protocolo: as buscas da fila o acham
    protocolo: str
    rascunho: int  # de Campinas, rural com perícia: as etapas do protocolo
    chamado: str  # de Campinas, com a técnica Elisa: acompanhamentos, anexos, eventos, indisponibilidades
    chamado_solucionado: str  # de Campinas, à espera da resposta de Ana (aprovar/recusar)
    adesao: int  # de uma prefeitura da Sudeste I, em análise: documentos, pedidos, eventos
    solicitacao: int  # pendente, sobre um acordo da Sudeste I, com serviços
    comunicado: int  # da Sudeste I, ainda não enviado
    relatorio: int  # de Karina
    agenda: int  # da avaliação social na APS de Heitor: mais dias de vagas a cada chamada
    agendamento: int  # pela Central 135 na APS de Heitor
    agendamento_do_balcao: int  # de hoje, na APS de Heitor, à espera
    vaga: int  # um horário do ATESP ainda por vir, com lugar, na APS de Heitor
    supervisao: int  # da APS de Heitor no ciclo atual, em preenchimento por Heitor
    aps: int  # a APS de Heitor
    vinculo: int  # um representante de Campinas que Ana (cadastradora) edita
    certificado: int  # o A3 de Ana
    documento: str  # um documento emitido para Ana (código verificador)
    crc: str


def _agora():
    return timezone.now()


def _tipo(modelo) -> ContentType:
    return ContentType.objects.get_for_model(modelo)


def _protocolo() -> str:
    base = f"2026{next(_protocolos):08d}"
    return f"{base}{dv_protocolo(base)}"


def _pessoas_novas(quantas: int, rotulo: str) -> list[Usuario]:
    novas = []
    for _ in range(quantas):
        numero = next(_pessoas)
        novas.append(Usuario(cpf=cpf_de(numero), nome=f"{rotulo} {numero}", email=f"p{numero}@exemplo.org.br",
                             password="!"))
    return Usuario.objects.bulk_create(novas)


def _persona(apelido: str) -> Usuario:
    return Usuario.objects.get(cpf=PERSONAS[apelido])


def _eventos(objeto, quantos: int, *, ator, acao: str = "anotado", nota: str = "Volume de teste.") -> list[Evento]:
    tipo = _tipo(type(objeto))
    agora = _agora()
    return [Evento(tipo_objeto=tipo, objeto_id=str(objeto.pk), acao=acao, nota=nota, ator=ator,
                   quando=agora - timedelta(minutes=indice)) for indice in range(quantos)]


class _Contexto:
    """O que cada parte do povoamento consulta uma vez."""

    def __init__(self):
        self.sr = SuperintendenciaRegional.objects.get(numero=1)
        self.gex_campinas = GerenciaExecutiva.objects.get(codigo=GEX_CAMPINAS)
        self.gex_sao_paulo = GerenciaExecutiva.objects.get(codigo="21004")
        self.municipios = list(Municipio.objects.filter(uf_id="SP").order_by("codigo_ibge")[:40])
        self.campinas = Entidade.objects.get(cnpj=CAMPINAS)
        self.aps = AgenciaPrevidencia.objects.get(codigo=APS_DE_HEITOR)
        self.servicos = list(Servico.objects.filter(ativo=True).order_by("pk"))
        self.rascunho_servico = Servico.objects.get(codigo=SERVICO_DO_RASCUNHO)
        self.itens = {item.numero: item for item in ItemCatalogo.objects.all()}
        self.pessoas = {apelido: _persona(apelido) for apelido in PERSONAS}
        self.acordo_campinas = Acordo.objects.get(entidade=self.campinas, status=StatusAcordo.VIGENTE)
        self.adesao_campinas = Adesao.objects.filter(entidade=self.campinas).exclude(
            status=StatusAdesao.RECUSADA).first()


# --- Representantes e entidades ------------------------------------------------------------------------------


def _representantes_de_campinas(c: _Contexto, fator: int) -> None:
    """Por unidade: 12 representantes de Campinas (ativos, de consulta, excluídos, vencendo em 30 dias), 4 com a
    Escola PEP, 4 com A3."""
    agora = _agora()
    pessoas = _pessoas_novas(12 * fator, "Representante de Campinas")
    vinculos, capacitacoes, certificados = [], [], []
    for indice, pessoa in enumerate(pessoas):
        ativo = indice % 6 != 5
        vinculos.append(Vinculo(
            usuario=pessoa, entidade=c.campinas,
            papel=PapelRepresentante.CONSULTA if indice % 4 == 3 else PapelRepresentante.AUTENTICA,
            valido_ate=agora + timedelta(days=10 if indice % 6 == 2 else 200), ativo=ativo,
            excluido_em=None if ativo else agora - timedelta(days=3),
        ))
        if indice % 3 == 0:
            capacitacoes.append(CapacitacaoPEP(
                usuario=pessoa, concluida_em=date(2026, 1, 10), carga_horaria=20,
                declaracao="capacitacoes_pep/volume.pdf", registrada_por=c.pessoas["ana"], nome="declaracao.pdf",
                sha256=SHA, tamanho=1000,
            ))
        if indice % 3 == 1:
            certificados.append(_certificado(pessoa))
    Vinculo.objects.bulk_create(vinculos)
    CapacitacaoPEP.objects.bulk_create(capacitacoes)
    CertificadoDoRepresentante.objects.bulk_create(certificados)


def _certificado(pessoa: Usuario, *, tipo=TipoDeCertificado.A3) -> CertificadoDoRepresentante:
    agora = _agora()
    indice = next(_indices)
    return CertificadoDoRepresentante(
        usuario=pessoa, tipo=tipo, politica="2.16.76.1.2.3.1", cpf=pessoa.cpf, titular_nome=pessoa.nome,
        emissor="AC de Teste", serial=f"{indice:x}", sha256=f"{indice:064x}", valido_de=agora - timedelta(days=30),
        valido_ate=agora + timedelta(days=365), pem="-----BEGIN CERTIFICATE-----",
    )


# As situações das entidades novas da Sudeste I: (tipo, situação do acordo ou None, situação da adesão,
# fim da vigência em dias).
_SITUACOES = [
    (TipoEntidade.PREFEITURA, StatusAcordo.VIGENTE, StatusAdesao.APROVADA, 20),
    (TipoEntidade.PREFEITURA, StatusAcordo.VIGENTE, StatusAdesao.APROVADA, 700),
    (TipoEntidade.SINDICATO, StatusAcordo.VIGENTE, StatusAdesao.APROVADA, 50),
    (TipoEntidade.ASSOCIACAO, StatusAcordo.VIGENTE, StatusAdesao.APROVADA, 85),
    (TipoEntidade.OAB_SECCIONAL, StatusAcordo.VENCIDO, StatusAdesao.APROVADA, -15),
    (TipoEntidade.PREFEITURA, StatusAcordo.RESCINDIDO, StatusAdesao.APROVADA, 300),
    (TipoEntidade.PREFEITURA, StatusAcordo.EM_ANALISE, StatusAdesao.APROVADA, 700),
    (TipoEntidade.PREFEITURA, None, StatusAdesao.EM_ANALISE, None),
    (TipoEntidade.SINDICATO, None, StatusAdesao.AGUARDANDO_ENTIDADE, None),
]


def _entidades_da_sudeste_i(c: _Contexto, fator: int) -> list[Acordo]:
    """Por unidade, 9 entidades da Sudeste I em cada situação de acordo e de adesão, cada uma com 2 representantes
    (um com A3, um vencendo), documentos e pedidos da adesão, alterações do acordo, eventos. Devolve os acordos."""
    agora, hoje = _agora(), timezone.localdate()
    karina = c.pessoas["karina"]
    entidades = []
    for unidade in range(fator):
        for indice, (tipo, _acordo, _adesao, _fim) in enumerate(_SITUACOES):
            municipio = c.municipios[(unidade * len(_SITUACOES) + indice) % len(c.municipios)]
            entidades.append(Entidade(
                cnpj=cnpj_com_digitos(f"{next(_cnpjs):08d}0001"), razao_social=f"{tipo.label} de {municipio.nome}",
                tipo=tipo, uf_id="SP", municipio=municipio, sr=c.sr,
                gex=(c.gex_campinas, c.gex_sao_paulo, None)[indice % 3],
            ))
    entidades = Entidade.objects.bulk_create(entidades)
    situacoes = _SITUACOES * fator

    pessoas = _pessoas_novas(2 * len(entidades), "Representante regional")
    vinculos, certificados = [], []
    for indice, entidade in enumerate(entidades):
        primeira, segunda = pessoas[2 * indice], pessoas[2 * indice + 1]
        vinculos += [
            Vinculo(usuario=primeira, entidade=entidade, papel=PapelRepresentante.AUTENTICA, gestor=True,
                    valido_ate=agora + timedelta(days=300)),
            Vinculo(usuario=segunda, entidade=entidade, papel=PapelRepresentante.AUTENTICA,
                    valido_ate=agora + timedelta(days=5 + indice % 20)),
        ]
        if indice % 2:
            certificados.append(_certificado(primeira))
    Vinculo.objects.bulk_create(vinculos)
    CertificadoDoRepresentante.objects.bulk_create(certificados)

    adesoes = Adesao.objects.bulk_create([
        Adesao(entidade=entidade, iniciada_por=pessoas[2 * indice], representante_legal_nome="Representante legal",
               representante_legal_cpf="11144477735", representante_legal_cargo="Prefeito(a)", regime="rgps",
               aceite_minuta=True, aceite_plano_de_trabalho=True, estrutura_fisica=True, representantes_indicados=True,
               capacitacao_concluida=acordo != StatusAcordo.EM_ANALISE, status=adesao,
               enviada_em=agora - timedelta(days=20 + indice),
               aguardando_desde=agora - timedelta(days=5) if adesao == StatusAdesao.AGUARDANDO_ENTIDADE else None,
               decidida_em=agora - timedelta(days=10) if adesao == StatusAdesao.APROVADA else None,
               decidida_por=karina if adesao == StatusAdesao.APROVADA else None)
        for indice, (entidade, (_tipo_, acordo, adesao, _fim)) in enumerate(zip(entidades, situacoes, strict=True))
    ])
    documentos, pedidos = [], []
    for adesao in adesoes:
        documentos += [_documento_de_adesao(adesao, tipo) for tipo in
                       (TipoDocumentoAdesao.OFICIO, TipoDocumentoAdesao.LEI_CRIACAO, TipoDocumentoAdesao.OUTORGA)]
        if adesao.status == StatusAdesao.AGUARDANDO_ENTIDADE:
            pedidos.append(PedidoDeDocumento(adesao=adesao, texto="Envie o CRP atualizado.", pedido_por=karina))
    DocumentoDeAdesao.objects.bulk_create(documentos)
    PedidoDeDocumento.objects.bulk_create(pedidos)

    acordos = []
    for entidade, adesao, (_tipo_da_entidade, status, _adesao, fim) in zip(entidades, adesoes, situacoes, strict=True):
        if status is None:
            continue
        indice = next(_indices)
        inicio = date(2025, 3, 1) if indice % 2 else date(2023, 5, 1)
        acordos.append(Acordo(
            numero=f"V{indice}/2026", entidade=entidade, adesao=adesao, processo_sei=_processo_sei_de_demo(indice),
            vigencia_inicio=inicio, vigencia_fim=hoje + timedelta(days=fim), status=status,
            motivo_da_rescisao="Pedido da entidade." if status == StatusAcordo.RESCINDIDO else "",
            criado_em=agora - timedelta(days=30),
        ))
    acordos = Acordo.objects.bulk_create(acordos)
    pactuados = Acordo.servicos_pactuados.through
    pactuados.objects.bulk_create([pactuados(acordo_id=acordo.pk, servico_id=servico.pk)
                                   for acordo in acordos for servico in c.servicos[:6]])
    AlteracaoDoAcordo.objects.bulk_create([
        AlteracaoDoAcordo(acordo=acordo, tipo=TipoAlteracao.CRIACAO, descricao="Acordo celebrado.", por=karina)
        for acordo in acordos
    ])
    eventos = []
    for entidade in entidades:
        eventos += _eventos(entidade, 2, ator=karina, acao="entidade_cadastrada")
    for adesao in adesoes:
        eventos += _eventos(adesao, 2, ator=karina, acao="adesao_enviada")
    Evento.objects.bulk_create(eventos)
    return acordos


def _documento_de_adesao(adesao: Adesao, tipo: str, pedido=None) -> DocumentoDeAdesao:
    return DocumentoDeAdesao(adesao=adesao, pedido=pedido, tipo=tipo, arquivo="adesoes/volume.pdf",
                             nome=f"{tipo}.pdf", tamanho=1000, sha256=SHA, enviado_por=adesao.iniciada_por)


def _solicitacoes_e_cessoes(c: _Contexto, acordos: list[Acordo], fator: int) -> None:
    """Por unidade: 3 solicitações sobre os acordos novos e 2 sobre o de Campinas (com alterações); 2 cessões de
    imóvel de prefeituras, uma renovada."""
    agora = _agora()
    karina, ana = c.pessoas["karina"], c.pessoas["ana"]
    tipos = list(TipoSolicitacao)
    status = list(StatusSolicitacao)
    novas = []
    for indice, acordo in enumerate([a for a in acordos if a.status == StatusAcordo.VIGENTE][:3 * fator]):
        decidida = status[indice % len(status)] != StatusSolicitacao.PENDENTE
        novas.append(SolicitacaoDoAcordo(
            acordo=acordo, tipo=tipos[indice % len(tipos)], descricao="Pedido da entidade.",
            status=status[indice % len(status)], pedida_por=acordo.adesao.iniciada_por,
            pedida_em=agora - timedelta(days=indice), decidida_por=karina if decidida else None,
            decidida_em=agora if decidida else None, decisao="Decidido." if decidida else "",
        ))
    for indice in range(2 * fator):
        novas.append(SolicitacaoDoAcordo(
            acordo=c.acordo_campinas, tipo=tipos[indice % len(tipos)], descricao="Pedido de Campinas.",
            status=StatusSolicitacao.PENDENTE if indice % 2 else StatusSolicitacao.DEFERIDA, pedida_por=ana,
            decidida_por=None if indice % 2 else karina, decidida_em=None if indice % 2 else agora,
        ))
    novas = SolicitacaoDoAcordo.objects.bulk_create(novas)
    ligacao = SolicitacaoDoAcordo.servicos.through
    ligacao.objects.bulk_create([ligacao(solicitacaodoacordo_id=s.pk, servico_id=c.servicos[-1].pk)
                                 for s in novas if s.tipo == TipoSolicitacao.INCLUSAO_SERVICOS])
    AlteracaoDoAcordo.objects.bulk_create([
        AlteracaoDoAcordo(acordo=c.acordo_campinas, tipo=TipoAlteracao.TERMO_ADITIVO, descricao="Aditivo.",
                          documento_sei="1234567", por=karina)
        for _ in range(2 * fator)
    ])

    prefeituras = [a.entidade for a in acordos if a.entidade.tipo == TipoEntidade.PREFEITURA][:2 * fator]
    hoje = timezone.localdate()
    for indice, entidade in enumerate(prefeituras):
        cessao = CessaoDeImovel.objects.create(
            entidade=entidade, endereco=f"Rua do Imóvel, {indice}", inicio=hoje - timedelta(days=700),
            fim=hoje - timedelta(days=10), registrada_por=karina)
        if indice % 2 == 0:
            CessaoDeImovel.objects.create(entidade=entidade, endereco=cessao.endereco, inicio=cessao.fim,
                                          fim=cessao.fim + timedelta(days=700), renovacao_de=cessao,
                                          registrada_por=karina)


# --- Requerimentos --------------------------------------------------------------------------------------------


_STATUS_DE_CAMPINAS = [
    StatusRequerimento.PROTOCOLADO, StatusRequerimento.PROTOCOLADO, StatusRequerimento.PROTOCOLADO,
    StatusRequerimento.EM_ANALISE, StatusRequerimento.EM_ANALISE, StatusRequerimento.EM_ANALISE,
    StatusRequerimento.EM_EXIGENCIA, StatusRequerimento.EM_EXIGENCIA, StatusRequerimento.EM_EXIGENCIA,
    StatusRequerimento.CONCLUIDO, StatusRequerimento.CONCLUIDO, StatusRequerimento.CONCLUIDO,
    StatusRequerimento.CANCELADO, StatusRequerimento.RASCUNHO,
]


def _requerimento(entidade, servico, representante, status: str, *, ha_dias: int, analista=None) -> Requerimento:
    agora = _agora()
    rascunho = status == StatusRequerimento.RASCUNHO
    protocolado_em = None if rascunho else agora - timedelta(days=ha_dias)
    numero = next(_cidadaos)
    concluido = status == StatusRequerimento.CONCLUIDO
    return Requerimento(
        entidade=entidade, servico=servico, representante=representante, cidadao_cpf=cpf_de(numero),
        cidadao_nome=f"Cidadã {numero}", cidadao_nascimento=date(1950, 3, 14), cidadao_telefone="19 99999-0000",
        status=status, protocolo=None if rascunho else _protocolo(),
        criado_em=agora - timedelta(days=ha_dias, hours=1), protocolado_em=protocolado_em,
        analista=analista if status in (StatusRequerimento.EM_ANALISE, StatusRequerimento.EM_EXIGENCIA) or concluido
        else None,
        decisao=(Decisao.DEFERIDO if ha_dias % 2 else Decisao.INDEFERIDO) if concluido else "",
        motivo_da_decisao="Fundamentação." if concluido else "", concluido_em=agora if concluido else None,
    )


def _documentos(requerimento: Requerimento, quantos: int, *, por, exigencia=None) -> list[DocumentoDoRequerimento]:
    tipos = [TipoDocumentoRequerimento.TERMO_REQUERIMENTO, TipoDocumentoRequerimento.TERMO_REPRESENTACAO,
             TipoDocumentoRequerimento.AUTORIZACAO_DADOS]
    return [DocumentoDoRequerimento(
        requerimento=requerimento, exigencia=exigencia,
        tipo=TipoDocumentoRequerimento.RESPOSTA_EXIGENCIA if exigencia else tipos[indice % len(tipos)],
        arquivo="requerimentos/volume.pdf", nome=f"documento-{indice + 1}.pdf", sha256=SHA, tamanho=1000,
        enviado_por=por) for indice in range(quantos)]


def _exigencias(requerimento: Requerimento, *, aberta: bool, respondidas: int, analista, representante):
    agora, hoje = _agora(), timezone.localdate()
    exigencias = [Exigencia(
        requerimento=requerimento, texto="Junte a CTPS.", itens="CTPS\nCNIS", emitida_por=analista,
        notificada_em=agora - timedelta(days=60 - indice), prazo_fim=hoje - timedelta(days=20 - indice),
        status=StatusExigencia.RESPONDIDA, resposta="Segue.", respondida_em=agora - timedelta(days=40 - indice),
        respondida_por=representante) for indice in range(respondidas)]
    if aberta:
        exigencias.append(Exigencia(requerimento=requerimento, texto="Junte o laudo.", itens="Laudo médico",
                                    emitida_por=analista, notificada_em=agora - timedelta(days=2),
                                    prazo_fim=hoje + timedelta(days=28)))
    return exigencias


def _requerimentos(c: _Contexto, acordos: list[Acordo], fator: int) -> None:
    """Por unidade: 14 requerimentos de Campinas em todas as situações (2 documentos cada; exigência aberta nos em
    exigência, respondida em parte dos demais; eventos), e 1 de cada entidade nova com acordo vigente."""
    bruno, gabriela = c.pessoas["bruno"], c.pessoas["gabriela"]
    novos = []
    for unidade in range(fator):
        for indice, status in enumerate(_STATUS_DE_CAMPINAS):
            novos.append(_requerimento(c.campinas, c.servicos[indice % len(c.servicos)], bruno, status,
                                       ha_dias=1 + indice + unidade, analista=gabriela))
    gestores = {v.entidade_id: v.usuario for v in Vinculo.objects.filter(
        entidade__in=[acordo.entidade for acordo in acordos], gestor=True).select_related("usuario")}
    vigentes = [acordo.entidade for acordo in acordos if acordo.status == StatusAcordo.VIGENTE]
    for indice, entidade in enumerate(vigentes):
        # Metade protocolou há pouco; a outra, há mais de 3 meses (as "sem requerimento" do painel).
        novos.append(_requerimento(entidade, c.servicos[0], gestores[entidade.pk], StatusRequerimento.PROTOCOLADO,
                                   ha_dias=5 + (200 if indice % 2 else 0)))
    novos = Requerimento.objects.bulk_create(novos)
    documentos, exigencias, eventos = [], [], []
    for requerimento in novos:
        if requerimento.status == StatusRequerimento.RASCUNHO:
            continue
        documentos += _documentos(requerimento, 2, por=requerimento.representante)
        em_exigencia = requerimento.status == StatusRequerimento.EM_EXIGENCIA
        if requerimento.entidade_id == c.campinas.pk:
            exigencias += _exigencias(requerimento, aberta=em_exigencia, respondidas=requerimento.pk % 2,
                                      analista=gabriela, representante=bruno)
        eventos += _eventos(requerimento, 1, ator=requerimento.representante, acao="requerimento_protocolado")
        if requerimento.analista_id:
            eventos += _eventos(requerimento, 1, ator=gabriela, acao="requerimento_assumido")
    DocumentoDoRequerimento.objects.bulk_create(documentos)
    Exigencia.objects.bulk_create(exigencias)
    Evento.objects.bulk_create(eventos)


# --- Suporte --------------------------------------------------------------------------------------------------


_STATUS_DOS_CHAMADOS = [StatusChamado.NOVO, StatusChamado.NOVO, StatusChamado.PROCESSANDO, StatusChamado.PROCESSANDO,
                        StatusChamado.PENDENTE, StatusChamado.SOLUCIONADO, StatusChamado.FECHADO,
                        StatusChamado.FECHADO]
_codigos = itertools.count(1)


def _codigo_de_chamado() -> str:
    # O código de verdade é L_ + ano + mês + dia + sequência de 3 dígitos ou mais; estes têm 7, e não se encontram.
    return f"L_9{next(_codigos):07d}"


def _chamado(entidade, requerente, status: str, *, tecnico, item, ha_dias: int) -> Chamado:
    agora = _agora()
    aberto_em = agora - timedelta(days=ha_dias)
    solucionado = status in (StatusChamado.SOLUCIONADO, StatusChamado.FECHADO)
    return Chamado(
        codigo=_codigo_de_chamado(), item=item, entidade=entidade, sr_id=entidade.sr_id, requerente=requerente,
        titulo=f"Dúvida {ha_dias}", descricao="Descrição do problema.", status=status,
        tecnico=None if status == StatusChamado.NOVO else tecnico, aberto_em=aberto_em, atualizado_em=aberto_em,
        primeira_resposta_em=None if status == StatusChamado.NOVO else aberto_em + timedelta(hours=3),
        solucionado_por=tecnico if solucionado else None,
        solucionado_em=aberto_em + timedelta(days=1) if solucionado else None,
        prazo_aprovacao=agora + timedelta(days=5) if solucionado else None, rodada=1 if solucionado else 0,
        fechado_em=agora if status == StatusChamado.FECHADO else None,
        fechamento=Fechamento.APROVADO if status == StatusChamado.FECHADO else "",
    )


def _conversa(chamado: Chamado, quantos: int, *, tecnico, gestor) -> list[Acompanhamento]:
    """Acompanhamentos do técnico (públicos e notas internas) e da entidade, alternados."""
    tipos = [TipoAcompanhamento.PUBLICO, TipoAcompanhamento.NOTA_INTERNA, TipoAcompanhamento.PUBLICO]
    return [Acompanhamento(chamado=chamado, tipo=tipos[indice % 3], texto=f"Mensagem {indice}",
                           autor=gestor if indice % 3 == 2 else tecnico,
                           criado_em=chamado.aberto_em + timedelta(hours=indice + 1))
            for indice in range(quantos)]


def _anexo(chamado: Chamado, *, por, acompanhamento=None) -> Anexo:
    return Anexo(chamado=chamado, acompanhamento=acompanhamento, categoria=CategoriaAnexo.TELA_DE_ERRO,
                 arquivo="suporte/volume.png", nome="tela.png", tipo_conteudo="image/png", tamanho=1000, sha256=SHA,
                 enviado_por=por)


def _chamados(c: _Contexto, entidades_novas: list[Entidade], fator: int) -> None:
    """Por unidade: 8 chamados de Campinas e 8 de outras entidades da Sudeste I, em todas as situações, cada um
    com 3 acompanhamentos (um anexo) e 2 eventos."""
    ana, elisa = c.pessoas["ana"], c.pessoas["elisa"]
    gestores = {v.entidade_id: v.usuario for v in Vinculo.objects.filter(
        entidade__in=entidades_novas, gestor=True).select_related("usuario")}
    novos = []
    for unidade in range(fator):
        for indice, status in enumerate(_STATUS_DOS_CHAMADOS):
            item = c.itens[(11, 17, 18, 6)[indice % 4]]
            novos.append(_chamado(c.campinas, ana, status, tecnico=elisa, item=item, ha_dias=indice + unidade))
            outra = entidades_novas[(unidade * len(_STATUS_DOS_CHAMADOS) + indice) % len(entidades_novas)]
            novos.append(_chamado(outra, gestores[outra.pk], status, tecnico=elisa, item=item,
                                  ha_dias=indice * 3 + unidade))
    novos = Chamado.objects.bulk_create(novos)
    _engordar_chamados(novos, 3, tecnico=elisa, eventos_por_chamado=2)


def _engordar_chamados(chamados: list[Chamado], quantos: int, *, tecnico, eventos_por_chamado: int) -> None:
    acompanhamentos, eventos = [], []
    for chamado in chamados:
        acompanhamentos += _conversa(chamado, quantos, tecnico=tecnico, gestor=chamado.requerente)
        eventos += _eventos(chamado, eventos_por_chamado, ator=tecnico, acao="chamado_acompanhado")
    acompanhamentos = Acompanhamento.objects.bulk_create(acompanhamentos)
    Anexo.objects.bulk_create([_anexo(a.chamado, por=a.autor, acompanhamento=a)
                               for indice, a in enumerate(acompanhamentos) if indice % 3 == 0])
    Evento.objects.bulk_create(eventos)


# --- Agenda, balcão e supervisão ------------------------------------------------------------------------------


def _horario(aps: AgenciaPrevidencia, dia: date, indice: int) -> datetime:
    fuso = ZoneInfo(aps.fuso_horario)
    return datetime.combine(dia, time(8), tzinfo=fuso) + timedelta(minutes=30 * indice)


def _agenda(aps, servico: str, *, por) -> Agenda:
    hoje = timezone.localdate()
    return Agenda.objects.create(
        aps=aps, servico=servico, dias_da_semana=[0, 1, 2, 3, 4, 5, 6], hora_inicio=time(8), hora_fim=time(12),
        duracao_minutos=30, servidores=3, vigencia_inicio=hoje - timedelta(days=1),
        vigencia_fim=hoje + timedelta(days=365), publicada_por=por,
    )


def _vagas(agenda: Agenda, dias: list[date], por_dia: int, *, ocupar: int, criado_por,
           requerimento=None) -> list[Agendamento]:
    """Vagas de 3 lugares (1 reservado) em `dias`; `ocupar` agendamentos em cada uma, em situações diversas."""
    vagas = Vaga.objects.bulk_create([
        Vaga(agenda=agenda, aps=agenda.aps, servico=agenda.servico, inicio=_horario(agenda.aps, dia, indice),
             fim=_horario(agenda.aps, dia, indice) + timedelta(minutes=30), capacidade=3, prioritarias=1,
             ocupadas=0, ocupadas_gerais=0)
        for dia in dias for indice in range(por_dia)
    ])
    situacoes = [StatusAgendamento.AGENDADO, StatusAgendamento.COMPARECEU, StatusAgendamento.ATENDIDO,
                 StatusAgendamento.NAO_COMPARECEU, StatusAgendamento.CANCELADO]
    agendamentos = []
    for indice_vaga, vaga in enumerate(vagas):
        for lugar in range(ocupar):
            numero = next(_cidadaos)
            status = situacoes[(indice_vaga + lugar) % len(situacoes)]
            pela_central = agenda.servico == ServicoPresencial.ATESP
            agendamentos.append(Agendamento(
                vaga=vaga, servico=vaga.servico, cidadao_cpf=cpf_de(numero), cidadao_nome=f"Cidadão {numero}",
                cidadao_nascimento=date(1960, 1, 1), prioridade="",
                origem=OrigemDoAgendamento.CENTRAL_135 if pela_central else OrigemDoAgendamento.PAT,
                motivo="ntep" if pela_central else "", requerimento=requerimento, chave=uuid.uuid4(), status=status,
                criado_por=criado_por,
                protocolo_atendimento=_protocolo() if status == StatusAgendamento.ATENDIDO else "",
                atendido_em=_agora() if status == StatusAgendamento.ATENDIDO else None,
                atendido_por=agenda.publicada_por if status == StatusAgendamento.ATENDIDO else None,
            ))
            if status != StatusAgendamento.CANCELADO:
                vaga.ocupadas += 1
                vaga.ocupadas_gerais += 1
    Vaga.objects.bulk_update(vagas, ["ocupadas", "ocupadas_gerais"])
    return Agendamento.objects.bulk_create(agendamentos)


def _agendas(c: _Contexto, fator: int) -> None:
    """Por unidade, na APS de Heitor: uma agenda do ATESP com 6 horários hoje e em cada um dos próximos 3 dias
    (2 agendamentos em cada horário de hoje, 1 nos demais), e uma da perícia médica com 6 horários em cada um
    dos próximos 3 dias, livres (o agendamento do PAT as encontra)."""
    heitor, iara = c.pessoas["heitor"], c.pessoas["iara"]
    hoje = timezone.localdate()
    proximos = [hoje + timedelta(days=dias) for dias in (1, 2, 3)]
    for _ in range(fator):
        atesp = _agenda(c.aps, ServicoPresencial.ATESP, por=heitor)
        _vagas(atesp, [hoje], 6, ocupar=2, criado_por=iara)
        _vagas(atesp, proximos, 6, ocupar=1, criado_por=iara)
        _vagas(_agenda(c.aps, ServicoPresencial.PERICIA_MEDICA, por=heitor), proximos, 6, ocupar=0, criado_por=iara)


def _agencias_e_supervisoes(c: _Contexto, ciclo: CicloDeSupervisao, fator: int) -> None:
    """Por unidade: 3 APS novas na GEX Campinas, com o ATESP ativado (uma com agenda), o responsável designado e
    a supervisão do ciclo (uma concluída, com todas as respostas e uma imagem)."""
    agora, hoje = _agora(), timezone.localdate()
    joao, heitor = c.pessoas["joao"], c.pessoas["heitor"]
    numero = AgenciaPrevidencia.objects.count()
    agencias = AgenciaPrevidencia.objects.bulk_create([
        AgenciaPrevidencia(codigo=f"219{numero + indice:05d}", nome=f"Campinas - Volume {numero + indice}",
                           gex=c.gex_campinas, municipio=c.campinas.municipio, fuso_horario="America/Sao_Paulo")
        for indice in range(3 * fator)
    ])
    AtivacaoDoAtesp.objects.bulk_create([
        AtivacaoDoAtesp(aps=aps, ativado_em=agora - timedelta(days=indice % 5),
                        prazo_para_ofertar=hoje + timedelta(days=2 - indice % 5))
        for indice, aps in enumerate(agencias)
    ])
    responsaveis = _pessoas_novas(len(agencias), "Servidor responsável")
    DesignacaoDeResponsavel.objects.bulk_create([
        DesignacaoDeResponsavel(aps=aps, responsavel=responsavel, designada_por=joao)
        for aps, responsavel in zip(agencias, responsaveis, strict=True)
    ])
    supervisoes = Supervisao.objects.bulk_create([
        Supervisao(ciclo=ciclo, aps=aps, responsavel=responsavel,
                   status=StatusSupervisao.CONCLUIDA if indice % 3 == 0 else StatusSupervisao.RASCUNHO,
                   concluida_em=agora if indice % 3 == 0 else None)
        for indice, (aps, responsavel) in enumerate(zip(agencias, responsaveis, strict=True)) if indice % 3 != 2
    ])
    concluidas = [s for s in supervisoes if s.status == StatusSupervisao.CONCLUIDA]
    RespostaDaSupervisao.objects.bulk_create([
        RespostaDaSupervisao(supervisao=supervisao, item=item.codigo, resposta="sim", observacoes="Conforme.")
        for supervisao in concluidas for item in ITENS
    ])
    ImagemDaSupervisao.objects.bulk_create([_imagem(supervisao, heitor) for supervisao in concluidas])


def _imagem(supervisao: Supervisao, por) -> ImagemDaSupervisao:
    return ImagemDaSupervisao(supervisao=supervisao, arquivo="supervisoes/volume.png", tipo="image/png",
                              enviada_por=por, nome="visita.png", sha256=SHA, tamanho=1000)


# --- Notificações, documentos, A3, relatórios -----------------------------------------------------------------


def _notificacoes(c: _Contexto, fator: int) -> None:
    """Por unidade: 10 notificações para cada persona, metade lidas."""
    agora = _agora()
    Notificacao.objects.bulk_create([
        Notificacao(destinatario=pessoa, titulo=f"Aviso {indice}", corpo="Corpo do aviso.", url="/",
                    criada_em=agora - timedelta(hours=indice), lida_em=agora if indice % 2 else None,
                    email_enviado_em=agora)
        for pessoa in c.pessoas.values() for indice in range(10 * fator)
    ])


def _documentos_emitidos(c: _Contexto, fator: int) -> None:
    """Por unidade: 8 documentos emitidos para Ana, e 2 relatórios da Sudeste I para Karina."""
    agora = _agora()
    DocumentoEmitido.objects.bulk_create([
        DocumentoEmitido(codigo_verificador=f"9{next(_indices):09d}", crc="ABCD1234", tipo="declaracao_vinculo",
                         titulo="Declaração de vínculo", arquivo="documentos/volume.pdf", sha256=SHA, tamanho=1000,
                         emitido_em=agora - timedelta(hours=indice), emitido_por=c.pessoas["ana"],
                         emitido_para=c.pessoas["ana"], entidade=c.campinas, sr=c.sr)
        for indice in range(8 * fator)
    ])
    RelatorioRegional.objects.bulk_create([
        RelatorioRegional(formato=(FormatoRelatorio.PDF, FormatoRelatorio.PPTX)[indice % 2],
                          solicitado_por=c.pessoas["karina"], regiao="SR Sudeste I",
                          status=(StatusRelatorio.PRONTO, StatusRelatorio.FALHOU)[indice % 2], progresso=100,
                          criado_em=agora - timedelta(hours=indice), concluido_em=agora)
        for indice in range(2 * fator)
    ])


def _a3(c: _Contexto, fator: int) -> None:
    """Por unidade: 3 comunicados da Sudeste I (2 enviados) e 3 webinars futuros (1 anunciado)."""
    agora = _agora()
    karina = c.pessoas["karina"]
    ComunicadoA3.objects.bulk_create([
        ComunicadoA3(titulo=f"Comunicado {indice}", corpo="Texto do comunicado.", sr=c.sr,
                     enviado_em=agora if indice % 3 else None, destinatarios=12 if indice % 3 else 0,
                     criado_por=karina, criado_em=agora - timedelta(hours=indice))
        for indice in range(3 * fator)
    ])
    Webinario.objects.bulk_create([
        Webinario(titulo=f"Webinar {indice}", quando=agora + timedelta(days=3 + indice), link="https://exemplo.org",
                  sr=c.sr, anunciado_em=agora if indice % 3 == 0 else None, criado_por=karina)
        for indice in range(3 * fator)
    ])


# --- A vitrine ------------------------------------------------------------------------------------------------


def _vitrine(c: _Contexto, ciclo: CicloDeSupervisao) -> dict:
    """Os objetos das páginas de detalhe: criados na primeira chamada, reencontrados nas seguintes."""
    bruno, gabriela, ana, elisa, karina = (c.pessoas[p] for p in ("bruno", "gabriela", "ana", "elisa", "karina"))
    heitor, iara = c.pessoas["heitor"], c.pessoas["iara"]
    objetos = {}

    requerimento = Requerimento.objects.filter(entidade=c.campinas, cidadao_nome="Vitrine em exigência").first()
    if requerimento is None:
        requerimento = _requerimento(c.campinas, c.servicos[0], bruno, StatusRequerimento.EM_EXIGENCIA, ha_dias=10,
                                     analista=gabriela)
        requerimento.cidadao_nome = "Vitrine em exigência"
        requerimento.save()
        Exigencia.objects.bulk_create(_exigencias(requerimento, aberta=True, respondidas=0, analista=gabriela,
                                                  representante=bruno))
    objetos["requerimento"] = requerimento

    rascunho = Requerimento.objects.filter(entidade=c.campinas, cidadao_nome="Vitrine do rascunho").first()
    if rascunho is None:
        rascunho = _requerimento(c.campinas, c.rascunho_servico, bruno, StatusRequerimento.RASCUNHO, ha_dias=0)
        rascunho.cidadao_nome = "Vitrine do rascunho"
        rascunho.endereco_municipio = c.campinas.municipio
        rascunho.save()
        AutodeclaracaoRural.objects.create(requerimento=rascunho, producao="Milho e feijão para consumo.")
    objetos["rascunho"] = rascunho

    chamado = Chamado.objects.filter(entidade=c.campinas, titulo="Vitrine em atendimento").first()
    if chamado is None:
        chamado = _chamado(c.campinas, ana, StatusChamado.PROCESSANDO, tecnico=elisa, item=c.itens[12], ha_dias=3)
        chamado.titulo = "Vitrine em atendimento"
        chamado.save()
    objetos["chamado"] = chamado
    solucionado = Chamado.objects.filter(entidade=c.campinas, titulo="Vitrine solucionado").first()
    if solucionado is None:
        solucionado = _chamado(c.campinas, ana, StatusChamado.SOLUCIONADO, tecnico=elisa, item=c.itens[11],
                               ha_dias=4)
        solucionado.titulo = "Vitrine solucionado"
        solucionado.save()
    objetos["chamado_solucionado"] = solucionado

    adesao = Adesao.objects.filter(representante_legal_nome="Vitrine").first()
    if adesao is None:
        entidade = Entidade.objects.create(
            cnpj=cnpj_com_digitos(f"{next(_cnpjs):08d}0001"), razao_social="Prefeitura da Vitrine",
            tipo=TipoEntidade.PREFEITURA, uf_id="SP", municipio=c.municipios[0], sr=c.sr, gex=c.gex_campinas)
        gestor = _pessoas_novas(1, "Gestor da vitrine")[0]
        Vinculo.objects.create(usuario=gestor, entidade=entidade, papel=PapelRepresentante.AUTENTICA, gestor=True,
                               valido_ate=_agora() + timedelta(days=300))
        adesao = Adesao.objects.create(
            entidade=entidade, iniciada_por=gestor, representante_legal_nome="Vitrine",
            representante_legal_cpf="11144477735", representante_legal_cargo="Prefeito(a)", regime="rpps",
            aceite_minuta=True, aceite_plano_de_trabalho=True, status=StatusAdesao.EM_ANALISE, enviada_em=_agora())
    objetos["adesao"] = adesao

    solicitacao = SolicitacaoDoAcordo.objects.filter(descricao="Vitrine").first()
    if solicitacao is None:
        solicitacao = SolicitacaoDoAcordo.objects.create(
            acordo=c.acordo_campinas, tipo=TipoSolicitacao.INCLUSAO_SERVICOS, descricao="Vitrine", pedida_por=ana)
    objetos["solicitacao"] = solicitacao

    comunicado = ComunicadoA3.objects.filter(titulo="Vitrine").first()
    if comunicado is None:
        comunicado = ComunicadoA3.objects.create(titulo="Vitrine", corpo="Texto.", sr=c.sr, criado_por=karina)
    objetos["comunicado"] = comunicado

    relatorio = RelatorioRegional.objects.filter(solicitado_por=karina, regiao="Vitrine").first()
    if relatorio is None:
        relatorio = RelatorioRegional.objects.create(formato=FormatoRelatorio.PDF, solicitado_por=karina,
                                                     regiao="Vitrine", status=StatusRelatorio.GERANDO, progresso=40,
                                                     etapa="Montando as listas")
    objetos["relatorio"] = relatorio

    agenda = Agenda.objects.filter(aps=c.aps, servico=ServicoPresencial.AVALIACAO_SOCIAL).first()
    if agenda is None:
        agenda = _agenda(c.aps, ServicoPresencial.AVALIACAO_SOCIAL, por=heitor)
    objetos["agenda"] = agenda

    agendamento = Agendamento.objects.filter(cidadao_nome="Vitrine da Central").first()
    if agendamento is None:
        atesp = _agenda(c.aps, ServicoPresencial.ATESP, por=heitor)
        agendamento, do_balcao = _vagas(atesp, [timezone.localdate()], 1, ocupar=2, criado_por=iara)
        for registro, nome in ((agendamento, "Vitrine da Central"), (do_balcao, "Vitrine do balcão")):
            Agendamento.objects.filter(pk=registro.pk).update(cidadao_nome=nome, status=StatusAgendamento.AGENDADO,
                                                              protocolo_atendimento="", atendido_em=None,
                                                              atendido_por=None)
    objetos["agendamento"] = agendamento
    objetos["agendamento_do_balcao"] = Agendamento.objects.get(cidadao_nome="Vitrine do balcão")

    supervisao = Supervisao.objects.filter(ciclo=ciclo, aps=c.aps).first()
    if supervisao is None:
        DesignacaoDeResponsavel.objects.create(aps=c.aps, responsavel=heitor, designada_por=c.pessoas["joao"])
        supervisao = Supervisao.objects.create(ciclo=ciclo, aps=c.aps, responsavel=heitor)
        RespostaDaSupervisao.objects.bulk_create([
            RespostaDaSupervisao(supervisao=supervisao, item=item.codigo, resposta="sim", observacoes="Conforme.")
            for item in ITENS[: len(ITENS) // 2]
        ])
    objetos["supervisao"] = supervisao

    vinculo = Vinculo.objects.filter(entidade=c.campinas, usuario__nome="Vitrine de Campinas").first()
    if vinculo is None:
        pessoa = _pessoas_novas(1, "Vitrine")[0]
        Usuario.objects.filter(pk=pessoa.pk).update(nome="Vitrine de Campinas")
        vinculo = Vinculo.objects.create(usuario=pessoa, entidade=c.campinas, papel=PapelRepresentante.AUTENTICA,
                                         valido_ate=_agora() + timedelta(days=100))
    objetos["vinculo"] = vinculo

    certificado = CertificadoDoRepresentante.objects.filter(usuario=ana).first()
    if certificado is None:
        certificado = CertificadoDoRepresentante.objects.bulk_create([_certificado(ana)])[0]
    objetos["certificado"] = certificado

    objetos["documento"] = DocumentoEmitido.objects.filter(emitido_para=ana).order_by("pk").first()
    return objetos


def _engordar_a_vitrine(c: _Contexto, objetos: dict, fator: int) -> None:
    """Mais filhos para cada objeto da vitrine, `fator` vezes."""
    bruno, gabriela, ana, elisa, karina, heitor = (
        c.pessoas[p] for p in ("bruno", "gabriela", "ana", "elisa", "karina", "heitor"))
    hoje = timezone.localdate()

    requerimento = objetos["requerimento"]
    Exigencia.objects.bulk_create(_exigencias(requerimento, aberta=False, respondidas=2 * fator, analista=gabriela,
                                              representante=bruno))
    exigencias = list(requerimento.exigencias.filter(status=StatusExigencia.RESPONDIDA))
    documentos = _documentos(requerimento, 3 * fator, por=bruno)
    for exigencia in exigencias[-2 * fator:]:
        documentos += _documentos(requerimento, 1, por=bruno, exigencia=exigencia)
    DocumentoDoRequerimento.objects.bulk_create(documentos)
    Evento.objects.bulk_create(_eventos(requerimento, 5 * fator, ator=gabriela, acao="requerimento_assumido"))
    pericia = _agenda(c.aps, ServicoPresencial.PERICIA_MEDICA, por=heitor)
    dias = [hoje + timedelta(days=dias) for dias in range(1, 1 + fator)]
    agendamentos = _vagas(pericia, dias, 1, ocupar=1, criado_por=bruno, requerimento=requerimento)
    # Um só agendamento vivo por cidadão e serviço: os demais já aconteceram.
    Agendamento.objects.filter(pk__in=[a.pk for a in agendamentos]).update(
        cidadao_cpf=requerimento.cidadao_cpf, status=StatusAgendamento.NAO_COMPARECEU)

    rascunho = objetos["rascunho"]
    exigidos = list(DocumentoExigido.objects.filter(servico=rascunho.servico))
    novos = _documentos(rascunho, fator, por=bruno)
    for indice in range(fator):
        exigido = exigidos[indice % len(exigidos)] if exigidos else None
        novos.append(DocumentoDoRequerimento(
            requerimento=rascunho, tipo=TipoDocumentoRequerimento.EXIGIDO, documento_exigido=exigido,
            arquivo="requerimentos/volume.pdf", nome=f"exigido-{indice}.pdf", sha256=SHA, tamanho=1000,
            enviado_por=bruno))
    DocumentoDoRequerimento.objects.bulk_create(novos)
    autodeclaracao = rascunho.autodeclaracao
    PeriodoRural.objects.bulk_create([
        PeriodoRural(autodeclaracao=autodeclaracao, inicio=date(2000 + indice % 20, 1, 1),
                     fim=date(2000 + indice % 20, 12, 31), atividade="agricultura", imovel="Sítio Boa Vista",
                     municipio=c.campinas.municipio, area_hectares=Decimal("4.50"), condicao="proprietario")
        for indice in range(2 * fator)
    ])
    MembroDoGrupoFamiliar.objects.bulk_create([
        MembroDoGrupoFamiliar(autodeclaracao=autodeclaracao, nome=f"Familiar {indice}",
                              nascimento=date(1980, 1, 1), parentesco="filho")
        for indice in range(2 * fator)
    ])

    chamado = objetos["chamado"]
    _engordar_chamados([chamado], 6 * fator, tecnico=elisa, eventos_por_chamado=5 * fator)
    Anexo.objects.bulk_create([_anexo(chamado, por=ana) for _ in range(fator)])
    for _ in range(fator):
        documento = DocumentoEmitido.objects.create(
            codigo_verificador=f"9{next(_indices):09d}", crc="ABCD1234", tipo="certificado_indisponibilidade",
            titulo="Certificado de indisponibilidade", arquivo="documentos/volume.pdf", sha256=SHA, tamanho=1000,
            emitido_por=elisa, entidade=c.campinas, sr=c.sr)
        Indisponibilidade.objects.create(chamado=chamado, sistemas="PAT", inicio=_agora() - timedelta(hours=5),
                                         fim=_agora() - timedelta(hours=2), descricao="Fora do ar.",
                                         registrada_por=elisa, documento=documento)
    _engordar_chamados([objetos["chamado_solucionado"]], 3 * fator, tecnico=elisa, eventos_por_chamado=3 * fator)

    adesao = objetos["adesao"]
    pedidos = PedidoDeDocumento.objects.bulk_create([
        PedidoDeDocumento(adesao=adesao, texto="Envie o ofício assinado.", pedido_por=karina, resposta="Enviado.",
                          respondido_em=_agora()) for _ in range(fator)])
    DocumentoDeAdesao.objects.bulk_create(
        [_documento_de_adesao(adesao, TipoDocumentoAdesao.OFICIO) for _ in range(3 * fator)]
        + [_documento_de_adesao(adesao, TipoDocumentoAdesao.ADICIONAL, pedido) for pedido in pedidos])
    Evento.objects.bulk_create(_eventos(adesao, 3 * fator, ator=karina, acao="adesao_documentos_pedidos"))

    if c.adesao_campinas is not None:
        pedidos = PedidoDeDocumento.objects.bulk_create([
            PedidoDeDocumento(adesao=c.adesao_campinas, texto="Atualize o CRP.", pedido_por=karina,
                              resposta="Atualizado." if indice % 2 else "",
                              respondido_em=_agora() if indice % 2 else None) for indice in range(2 * fator)])
        DocumentoDeAdesao.objects.bulk_create(
            [_documento_de_adesao(c.adesao_campinas, TipoDocumentoAdesao.ADICIONAL, pedido) for pedido in pedidos])

    solicitacao = objetos["solicitacao"]
    ja = set(solicitacao.servicos.values_list("pk", flat=True))
    livres = [s for s in c.servicos if s.pk not in ja][: 2 * fator]
    solicitacao.servicos.add(*livres)

    agenda = objetos["agenda"]
    usados = {v.inicio.date() for v in agenda.vagas.all()}
    dias = [hoje + timedelta(days=d) for d in range(1, 400) if hoje + timedelta(days=d) not in usados][:fator]
    _vagas(agenda, dias, 6, ocupar=1, criado_por=heitor)

    supervisao = objetos["supervisao"]
    ImagemDaSupervisao.objects.bulk_create([_imagem(supervisao, heitor) for _ in range(2 * fator)])

    Evento.objects.bulk_create(_eventos(c.campinas, 3 * fator, ator=karina, acao="representante_cadastrado"))
    Evento.objects.bulk_create(_eventos(objetos["vinculo"], 2 * fator, ator=ana, acao="vinculo_prorrogado"))
    CertificadoDoRepresentante.objects.bulk_create([_certificado(ana) for _ in range(fator)])


def povoar(fator: int) -> Vitrine:
    """Grava `fator` vezes a porção de cada domínio (alguns centos de linhas por unidade) e devolve a vitrine."""
    c = _Contexto()
    ciclo = ciclo_abrir() or CicloDeSupervisao.objects.order_by("-inicio").first()
    _documentos_emitidos(c, fator)
    objetos = _vitrine(c, ciclo)
    _representantes_de_campinas(c, fator)
    acordos = _entidades_da_sudeste_i(c, fator)
    entidades_novas = [acordo.entidade for acordo in acordos]
    _solicitacoes_e_cessoes(c, acordos, fator)
    _requerimentos(c, acordos, fator)
    _chamados(c, entidades_novas, fator)
    _agendas(c, fator)
    _agencias_e_supervisoes(c, ciclo, fator)
    _notificacoes(c, fator)
    _a3(c, fator)
    _engordar_a_vitrine(c, objetos, fator)
    requerimento = objetos["requerimento"]
    vaga = Vaga.objects.filter(aps=c.aps, servico=ServicoPresencial.ATESP, inicio__gt=_agora(),
                               ocupadas__lt=F("capacidade")).order_by("inicio", "pk").first()
    return Vitrine(
        requerimento=requerimento.pk, cpf=requerimento.cidadao_cpf, protocolo=requerimento.protocolo,
        vaga=vaga.pk, rascunho=objetos["rascunho"].pk, chamado=objetos["chamado"].codigo,
        chamado_solucionado=objetos["chamado_solucionado"].codigo, adesao=objetos["adesao"].pk,
        solicitacao=objetos["solicitacao"].pk, comunicado=objetos["comunicado"].pk, relatorio=objetos["relatorio"].pk,
        agenda=objetos["agenda"].pk, agendamento=objetos["agendamento"].pk,
        agendamento_do_balcao=objetos["agendamento_do_balcao"].pk, supervisao=objetos["supervisao"].pk,
        aps=c.aps.pk, vinculo=objetos["vinculo"].pk, certificado=objetos["certificado"].pk,
        documento=objetos["documento"].codigo_verificador, crc=objetos["documento"].crc,
    )
