"""Requerimentos para os testes do acompanhamento e da análise. O protocolo é do assistente de protocolo (outro
módulo): aqui o requerimento já nasce protocolado, gravado pelo ORM, com os PDFs do envio; daí em diante, tudo
pelos serviços da análise e da exigência."""

import itertools
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from atendimento.models import Requerimento, Servico, StatusRequerimento, TipoDocumentoRequerimento
from atendimento.services.documentos import documento_guardar, pdf_conferir
from portal.contas.models import Usuario
from portal.entidades.models import Entidade, PapelRepresentante, Vinculo
from portal.entidades.services import vinculo_criar
from portal.validadores import dv_protocolo, formatar_protocolo
from tests.suporte_apoio import pdf
from tests.test_representantes import cpf_de

CAMPINAS, BH = "51885242000140", "18715383000140"
SERVICO = "bpc-loas-idoso"
_numeros = itertools.count(1)


def entidade(cnpj: str = CAMPINAS) -> Entidade:
    return Entidade.objects.select_related("uf", "sr").get(cnpj=cnpj)


def servico(codigo: str = SERVICO) -> Servico:
    return Servico.objects.get(codigo=codigo)


def _protocolo(numero: int) -> str:
    # Longe da sequência que o protocolo de verdade usa (começa em 1): nunca se encontram no mesmo banco.
    base = f"2026{90000000 + numero:08d}"
    return f"{base}{dv_protocolo(base)}"


def numero(requerimento: Requerimento) -> str:
    """O protocolo como as páginas e os avisos o mostram (AAAA.NNNNNNNN-D)."""
    return formatar_protocolo(requerimento.protocolo)


def requerimento_protocolado(
    entidade_do_requerimento: Entidade | None = None, servico_do_requerimento: Servico | None = None,
    representante: Usuario | None = None, *, protocolo: str | None = None, cidadao_nome: str = "Maria da Silva",
    cidadao_cpf: str | None = None, protocolado_ha_dias: float = 1, documentos: int = 1,
) -> Requerimento:
    numero = next(_numeros)
    entidade_do_requerimento = entidade_do_requerimento or entidade()
    if representante is None:
        representante = Usuario.objects.get(
            vinculos__entidade=entidade_do_requerimento, vinculos__papel=PapelRepresentante.AUTENTICA,
            vinculos__gestor=False,
        ) if entidade_do_requerimento.cnpj == CAMPINAS else entidade_do_requerimento.vinculos.first().usuario
    protocolado_em = timezone.now() - timedelta(days=protocolado_ha_dias)
    requerimento = Requerimento.objects.create(
        entidade=entidade_do_requerimento, servico=servico_do_requerimento or servico(), representante=representante,
        cidadao_cpf=cidadao_cpf or cpf_de(700000000 + numero), cidadao_nome=cidadao_nome,
        cidadao_nascimento=date(1950, 3, 14), cidadao_telefone="19 99999-0000",
        status=StatusRequerimento.PROTOCOLADO, protocolo=protocolo or _protocolo(numero),
        criado_em=protocolado_em - timedelta(hours=1), protocolado_em=protocolado_em,
    )
    tipos = [TipoDocumentoRequerimento.TERMO_REQUERIMENTO, TipoDocumentoRequerimento.TERMO_REPRESENTACAO,
             TipoDocumentoRequerimento.AUTORIZACAO_DADOS]
    for indice in range(documentos):
        documento_guardar(requerimento=requerimento, tipo=tipos[indice % len(tipos)],
                          verificado=pdf_conferir(pdf(f"documento-{indice + 1}.pdf")), por=representante)
    return requerimento


def protocolos(resposta) -> list[str]:
    """Os protocolos da página de uma lista (a da entidade ou a fila), na ordem mostrada."""
    return [r.protocolo for r in resposta.context["pagina"]]


def cliente_de_bruno_por_campinas(cliente_de, pessoa) -> Client:
    """Bruno representa duas entidades: escolhe a Prefeitura de Campinas antes de tudo."""
    cliente = cliente_de("bruno")
    vinculo = pessoa("bruno").vinculos.get(entidade__cnpj=CAMPINAS)
    assert cliente.post("/entidade/escolher/", {"vinculo": vinculo.pk}).status_code == 302
    return cliente


def cliente_logado(usuario: Usuario) -> Client:
    """Um Client de quem não é persona da demonstração (o TOTP dado por conferido, como em `cliente_de`)."""
    cliente = Client()
    cliente.force_login(usuario, backend="django.contrib.auth.backends.ModelBackend")
    return cliente


def representante_de_consulta(cpf: str = "39053344705") -> Usuario:
    """Uma pessoa de Campinas com o papel Consulta: lê, não protocola nem responde."""
    pessoa = Usuario.objects.create_user(cpf, "Carlos Consulta", "carlos@campinas.sp.gov.br", "Senha@Teste2026")
    vinculo_criar(usuario=pessoa, entidade=entidade(), papel=PapelRepresentante.CONSULTA,
                  valido_ate=timezone.now() + timedelta(days=30))
    return pessoa


def vinculo_de(pessoa: Usuario, cnpj: str = CAMPINAS) -> Vinculo:
    return pessoa.vinculos.get(entidade__cnpj=cnpj)
