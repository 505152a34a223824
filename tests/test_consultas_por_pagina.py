"""Cada página que lista ou mostra objetos do domínio custa um número fixo de consultas (DESIGN.md, "Scale we
design for": no máximo 12), qualquer que seja o volume: medida com a demonstração mais `povoar(1)` (alguns
centos de linhas) e de novo com dez vezes mais (`povoar(9)` por cima), cada página pela persona que a vê. O
número tem de ser o mesmo nas duas medidas.

Os dados são montados uma vez para o módulo, numa transação desfeita no fim (`medidas`); cada página é um
teste, que falha com a tabela de todas. Uma página nova (um nome de URL que responde a GET) precisa entrar no
registro `PAGINAS` ou, com o motivo, nas exclusões: `test_toda_pagina_get_esta_no_registro_ou_nas_exclusoes`
falha até isso acontecer."""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from portal.contas.models import Usuario
from portal.demo import semear_demo
from portal.painel.selectors import LISTAS
from tests.conftest import PERSONAS
from tests.requerimentos_apoio import CAMPINAS, cliente_de_bruno_por_campinas
from tests.rotas_apoio import conferir_registro, rotas
from tests.volume_apoio import Vitrine, povoar

LIMITE = 12
ANONIMO = "anônimo"
BRUNO = "bruno (Campinas)"


@dataclass(frozen=True)
class Pagina:
    nome: str  # o id do teste
    url_name: str  # o nome no URLconf, com o espaço de nomes
    persona: str  # um apelido de PERSONAS, BRUNO (agindo por Campinas) ou ANONIMO
    url: Callable[[Vitrine], str]
    contem: str = ""  # um texto que a página mostra com os dados do volume: prova de que ela os alcança


def _p(nome: str, url_name: str, persona: str, *args: Callable[[Vitrine], object], consulta: dict | None = None,
       contem: str = "") -> Pagina:
    """Uma página do registro: os argumentos da URL, e os valores da consulta que são funções, vêm da vitrine
    (`lambda v: v.requerimento`)."""

    def url(vitrine: Vitrine) -> str:
        caminho = reverse(url_name, args=[argumento(vitrine) for argumento in args])
        if not consulta:
            return caminho
        valores = {chave: valor(vitrine) if callable(valor) else valor for chave, valor in consulta.items()}
        return f"{caminho}?{urlencode(valores)}"

    return Pagina(nome, url_name, persona, url, contem)


def _etapa(etapa: str) -> Pagina:
    return _p(f"etapa do rascunho: {etapa}", "atendimento:etapa", BRUNO, lambda v: v.rascunho, lambda v: etapa)


PAGINAS = [
    # portal: início, conta, notificações
    _p("início do representante", "inicio", "ana"),
    _p("início do atendente de duas entidades", "inicio", BRUNO),
    _p("início do servidor", "inicio", "karina"),
    _p("escolher a entidade", "escolher_entidade", BRUNO),
    _p("segurança da conta", "conta_seguranca", "elisa"),
    _p("notificações", "notificacoes:lista", "ana", contem="Aviso "),
    _p("contador de notificações", "notificacoes:contador", "ana"),
    # entidades e representantes
    _p("minha entidade", "entidades:minha_entidade", "ana"),
    _p("representantes", "entidades:representantes", "ana", contem="Representante de Campinas"),
    _p("novo representante", "entidades:representante_novo", "ana"),
    _p("editar representante", "entidades:representante_editar", "ana", lambda v: v.vinculo,
       contem="Vitrine de Campinas"),
    _p("prorrogar representante", "entidades:representante_prorrogar", "ana", lambda v: v.vinculo,
       contem="Vitrine de Campinas"),
    _p("excluir representante", "entidades:representante_excluir", "ana", lambda v: v.vinculo,
       contem="Vitrine de Campinas"),
    _p("senha do representante", "entidades:representante_senha", "ana", lambda v: v.vinculo,
       contem="Vitrine de Campinas"),
    _p("Escola PEP do representante", "entidades:representante_escola_pep", "ana", lambda v: v.vinculo,
       contem="Vitrine de Campinas"),
    _p("entidades da região", "entidades:da_regiao", "karina", contem="Prefeitura de"),
    _p("entidades da região, filtradas", "entidades:da_regiao", "karina",
       consulta={"q": "Prefeitura", "tipo": "prefeitura"}, contem="Prefeitura de"),
    _p("detalhe da entidade", "entidades:detalhe", "karina", lambda v: CAMPINAS, contem="Representante de Campinas"),
    _p("agências", "organizacao:agencias", "karina", contem="Campinas - Volume"),
    # certificados e documentos
    _p("verificar documento", "certificados:verificar", ANONIMO,
       consulta={"codigo": lambda v: v.documento, "crc": lambda v: v.crc}, contem="Declaração de vínculo"),
    _p("meus documentos", "certificados:meus_documentos", "ana", contem="Declaração de vínculo"),
    _p("meu certificado", "certificados:meu_certificado", "ana"),
    _p("remover certificado", "certificados:remover_certificado", "ana", lambda v: v.certificado),
    _p("A3: orientações", "certificados:a3", BRUNO, contem="Webinar "),
    _p("A3: orientações, de quem tem A3", "certificados:a3", "ana", contem="certificado-cadastrado"),
    _p("A3: comunicados", "certificados:a3_comunicados", "karina", contem="Comunicado "),
    _p("A3: novo comunicado", "certificados:a3_comunicado_novo", "karina"),
    _p("A3: comunicado", "certificados:a3_comunicado", "karina", lambda v: v.comunicado, contem="Vitrine"),
    _p("A3: webinars", "certificados:a3_webinarios", "karina", contem="Webinar "),
    _p("A3: novo webinar", "certificados:a3_webinario_novo", "karina"),
    _p("A3: monitoramento", "certificados:a3_monitoramento", "karina"),
    _p("A3: entidades não migradas", "certificados:a3_pendentes", "karina", contem="Prefeitura de"),
    # suporte
    _p("meus chamados", "suporte:meus_chamados", "ana", contem="Dúvida"),
    _p("novo chamado (catálogo)", "suporte:novo", "ana"),
    _p("fila do suporte", "suporte:fila", "elisa", contem="Dúvida"),
    _p("fila do suporte, filtrada", "suporte:fila", "elisa",
       consulta={"status": "", "entidade": "Campinas", "texto": "Dúvida", "atribuicao": ""}, contem="Dúvida"),
    _p("medidas do suporte (técnica)", "suporte:medidas", "elisa"),
    _p("medidas do suporte (gestão regional)", "suporte:medidas", "karina"),
    _p("chamado, pela entidade", "suporte:chamado", "ana", lambda v: v.chamado, contem="Mensagem "),
    _p("chamado, pela técnica", "suporte:chamado", "elisa", lambda v: v.chamado, contem="Mensagem "),
    _p("chamado: responder", "suporte:acompanhar", "elisa", lambda v: v.chamado, contem="Vitrine em atendimento"),
    _p("chamado: atribuir", "suporte:atribuir", "elisa", lambda v: v.chamado, contem="Vitrine em atendimento"),
    _p("chamado: pendente", "suporte:pendenciar", "elisa", lambda v: v.chamado, contem="Vitrine em atendimento"),
    _p("chamado: solucionar", "suporte:solucionar", "elisa", lambda v: v.chamado, contem="Vitrine em atendimento"),
    _p("chamado: indisponibilidade", "suporte:indisponibilidade", "elisa", lambda v: v.chamado,
       contem="Vitrine em atendimento"),
    _p("chamado: aprovar", "suporte:aprovar", "ana", lambda v: v.chamado_solucionado, contem="Vitrine solucionado"),
    _p("chamado: recusar", "suporte:recusar", "ana", lambda v: v.chamado_solucionado, contem="Vitrine solucionado"),
    # acordos
    _p("aderir (quem já representa)", "acordos:aderir", "ana"),
    _p("adesão da entidade", "acordos:adesao", "ana", contem="Atualize o CRP"),
    _p("acordo da entidade", "acordos:acordo", "ana", contem="Aditivo"),
    _p("solicitações da região", "acordos:solicitacoes", "karina", contem="ACT V3"),
    _p("solicitação", "acordos:solicitacao", "karina", lambda v: v.solicitacao, contem="Vitrine"),
    _p("cessões da região", "acordos:cessoes", "karina", contem="Rua do Imóvel"),
    _p("adesões da região", "acordos:adesoes", "karina", contem="Prefeitura de"),
    _p("adesão, pela região", "acordos:adesao_regional", "karina", lambda v: v.adesao,
       contem="Envie o ofício assinado"),
    # painel regional
    _p("painel regional", "painel:painel", "karina"),
    *[_p(f"painel: lista {chave}", "painel:lista", "karina", lambda v, chave=chave: chave) for chave in LISTAS],
    _p("painel: relatório", "painel:relatorio", "karina", lambda v: v.relatorio, contem="Vitrine"),
    # requerimentos: a entidade
    _p("requerimentos da entidade", "atendimento:requerimentos", BRUNO, contem="Cidadã 6"),
    _p("requerimentos da entidade, em exigência", "atendimento:requerimentos", BRUNO,
       consulta={"status": "em_exigencia"}, contem="Cidadã 6"),
    _p("requerimento", "atendimento:requerimento", BRUNO, lambda v: v.requerimento, contem="Vitrine em exigência"),
    _p("novo requerimento", "atendimento:novo", BRUNO),
    *[_etapa(etapa) for etapa in ("cidadao", "autodeclaracao", "agendamento", "formularios", "documentos",
                                  "revisar")],
    # requerimentos: o INSS
    _p("fila da análise", "atendimento:fila", "gabriela", contem="Cidadã 6"),
    _p("fila da análise, por CPF", "atendimento:fila", "gabriela", consulta={"status": "", "texto": lambda v: v.cpf},
       contem="Vitrine em exigência"),
    _p("fila da análise, por protocolo", "atendimento:fila", "gabriela",
       consulta={"status": "", "texto": lambda v: v.protocolo}, contem="Vitrine em exigência"),
    _p("análise", "atendimento:analise", "gabriela", lambda v: v.requerimento, contem="Vitrine em exigência"),
    _p("análise: exigência", "atendimento:exigir", "gabriela", lambda v: v.requerimento),
    _p("análise: concluir", "atendimento:concluir", "gabriela", lambda v: v.requerimento),
    # agenda, balcão, ATESP
    _p("agendas da APS", "atendimento:agendas", "heitor"),
    _p("nova agenda", "atendimento:agenda_nova", "heitor"),
    _p("agenda", "atendimento:agenda", "heitor", lambda v: v.agenda),
    _p("ATESP nas agências (supervisor)", "atendimento:atesp", "joao", contem="Campinas - Volume"),
    _p("ATESP nas agências (gestão regional)", "atendimento:atesp", "karina", contem="Campinas - Volume"),
    _p("busca de vagas (Central 135)", "atendimento:agendamento_novo", "iara"),
    _p("busca de vagas (agência)", "atendimento:agendamento_novo", "heitor"),
    _p("agendar numa vaga", "atendimento:agendamento_novo", "iara", consulta={"vaga": lambda v: v.vaga}),
    _p("agendamento", "atendimento:agendamento", "iara", lambda v: v.agendamento, contem="Vitrine da Central"),
    _p("remarcar agendamento", "atendimento:agendamento_remarcar", "iara", lambda v: v.agendamento,
       contem="Vitrine da Central"),
    _p("balcão", "atendimento:balcao", "heitor", contem="Vitrine do balcão"),
    _p("balcão: atender", "atendimento:balcao_atender", "heitor", lambda v: v.agendamento_do_balcao,
       contem="Vitrine do balcão"),
    # supervisão
    _p("supervisão (supervisor)", "atendimento:supervisao", "joao", contem="Servidor responsável"),
    _p("supervisão (responsável)", "atendimento:supervisao", "heitor"),
    _p("supervisão: relatório", "atendimento:supervisao_relatorio", "joao"),
    _p("supervisão: designar", "atendimento:supervisao_designar", "joao", lambda v: v.aps),
    _p("supervisão, pelo supervisor", "atendimento:supervisao_detalhe", "joao", lambda v: v.supervisao,
       contem="visita.png"),
    _p("supervisão, pelo responsável", "atendimento:supervisao_detalhe", "heitor", lambda v: v.supervisao,
       contem="visita.png"),
]

# Os nomes do URLconf que respondem a GET e não estão no registro, cada um com o motivo.
EXCLUIDAS = {
    # Não listam nem mostram objetos do domínio.
    "saude": "a sonda do balanceador: um SELECT 1, sem sessão",
    "organizacao:municipios": "fragmento htmx público com as opções de município de uma UF (dado do IBGE)",
    "certificados:entrar_com_certificado": "a entrada com o certificado do cliente: confere e redireciona",
    "atendimento:preencher": "só redireciona para a primeira etapa pendente do rascunho (as etapas estão medidas)",
    # Downloads de arquivo (PDF, imagem, PowerPoint): o custo é o do arquivo, um objeto por vez.
    "entidades:declaracao_escola_pep": "download",
    "certificados:baixar_verificado": "download",
    "certificados:baixar_meu": "download",
    "suporte:certificado": "download",
    "suporte:anexo": "download",
    "acordos:documento": "download",
    "painel:relatorio_baixar": "download",
    "atendimento:formulario": "download (PDF gerado na hora)",
    "atendimento:comprovante": "download",
    "atendimento:documento": "download",
    "atendimento:supervisao_imagem": "download",
}
# --- o URLconf ------------------------------------------------------------------------------------------------


def _paginas_get() -> set[str]:
    return {rota.nome for rota in rotas() if rota.do_portal and (rota.metodos is None or "GET" in rota.metodos)}


def test_toda_pagina_get_esta_no_registro_ou_nas_exclusoes():
    conferir_registro(
        _paginas_get(), (pagina.url_name for pagina in PAGINAS), EXCLUIDAS,
        faltam="Páginas GET sem medida de consultas; ponha cada uma em PAGINAS (com a persona que a vê e a URL) ou, "
               "com o motivo, em EXCLUIDAS",
        sobram="Nomes que não são (mais) páginas GET do URLconf")


def test_a_deteccao_dos_metodos_acha_as_acoes_so_post():
    metodos = {rota.nome: rota.metodos for rota in rotas()}
    for nome in ("notificacoes:marcar_lidas", "entidades:emitir_declaracao", "acordos:aprovar",
                 "atendimento:protocolar", "atendimento:descartar", "atendimento:remover_documento",
                 "atendimento:balcao_chegada", "certificados:a3_comunicado_enviar", "painel:relatorio_pedir"):
        assert metodos[nome] == ["POST"], nome
    assert metodos["atendimento:fila"] is None and metodos["suporte:novo"] == ["GET", "POST"]


def test_os_nomes_do_registro_sao_unicos():
    nomes = [pagina.nome for pagina in PAGINAS]
    assert len(nomes) == len(set(nomes))


# --- as medidas -----------------------------------------------------------------------------------------------


@dataclass
class Medida:
    status: int | str
    consultas: int
    sqls: list[str]
    mostra: bool = True  # a página mostra o texto `contem` do registro


def _clientes() -> dict[str, Client]:
    clientes = {ANONIMO: Client()}
    pessoas = {apelido: Usuario.objects.get(cpf=cpf) for apelido, cpf in PERSONAS.items()}

    def cliente_de(apelido: str) -> Client:
        cliente = Client()
        cliente.force_login(pessoas[apelido], backend="django.contrib.auth.backends.ModelBackend")
        return cliente

    for apelido in PERSONAS:
        clientes[apelido] = cliente_de(apelido)
    clientes[BRUNO] = cliente_de_bruno_por_campinas(cliente_de, pessoas.__getitem__)
    return clientes


def _medir(cliente: Client, url: str, contem: str = "") -> Medida:
    with CaptureQueriesContext(connection) as consultas:
        try:
            resposta = cliente.get(url)
        except Exception as erro:  # noqa: BLE001 — a tabela mostra o erro de cada página
            return Medida(f"{type(erro).__name__}: {erro}"[:80], len(consultas.captured_queries), [], False)
    return Medida(resposta.status_code, len(consultas.captured_queries),
                  [consulta["sql"] for consulta in consultas.captured_queries],
                  contem in resposta.content.decode() if contem else True)


@pytest.fixture(scope="module")
def medidas(django_db_setup, django_db_blocker):
    """A demonstração + `povoar(1)`; cada página uma vez para aquecer (sessão, TOTP conferido, caches) e outra
    medida; `povoar(9)` por cima e a terceira, medida. Tudo numa transação desfeita no fim."""
    with django_db_blocker.unblock(), transaction.atomic():
        semear_demo()
        vitrine = povoar(1)
        clientes = _clientes()
        urls = {pagina.nome: pagina.url(vitrine) for pagina in PAGINAS}
        for pagina in PAGINAS:
            _medir(clientes[pagina.persona], urls[pagina.nome])
        base = {pagina.nome: _medir(clientes[pagina.persona], urls[pagina.nome], pagina.contem) for pagina in PAGINAS}
        povoar(9)
        dez = {pagina.nome: _medir(clientes[pagina.persona], urls[pagina.nome], pagina.contem) for pagina in PAGINAS}
        transaction.set_rollback(True)
    return {"urls": urls, "base": base, "dez": dez}


def _tabela(medidas) -> str:
    linhas = [f"{'página':48} {'persona':18} {'base':>5} {'10×':>5}  situação"]
    for pagina in PAGINAS:
        base, dez = medidas["base"][pagina.nome], medidas["dez"][pagina.nome]
        problemas = []
        if base.status != 200 or dez.status != 200:
            problemas.append(f"status {base.status}/{dez.status}")
        if max(base.consultas, dez.consultas) > LIMITE:
            problemas.append(f"acima de {LIMITE}")
        if base.consultas != dez.consultas:
            problemas.append("cresce com os dados")
        if not (base.mostra and dez.mostra):
            problemas.append(f"não mostra “{pagina.contem}”")
        linhas.append(f"{pagina.nome[:48]:48} {pagina.persona[:18]:18} {base.consultas:5} {dez.consultas:5}  "
                      f"{'; '.join(problemas) or 'ok'}")
    return "\n".join(linhas)


def _forma(sql: str) -> str:
    """A consulta sem os valores (textos, datas, números), para comparar as duas medidas."""
    return re.sub(r"\b\d+\b", "?", re.sub(r"'[^']*'", "?", sql))


def _diferenca(base: Medida, dez: Medida) -> str:
    """As consultas que aparecem a mais (ou a menos) com dez vezes mais dados, para achar o N+1."""
    mais = Counter(map(_forma, dez.sqls)) - Counter(map(_forma, base.sqls))
    menos = Counter(map(_forma, base.sqls)) - Counter(map(_forma, dez.sqls))
    partes = [f"+ {n}× {sql[:300]}" for sql, n in mais.items()] + [f"- {n}× {sql[:300]}" for sql, n in menos.items()]
    return "\n".join(partes[:10])


# A marca faz o pytest-django criar o banco de teste (ele só o cria se algum teste o pede); os dados são os de
# `medidas`, já desfeitos quando o teste roda.
@pytest.mark.django_db
@pytest.mark.parametrize("pagina", PAGINAS, ids=[pagina.nome for pagina in PAGINAS])
def test_a_pagina_custa_poucas_consultas_e_o_mesmo_numero_com_dez_vezes_mais_dados(pagina, medidas):
    base, dez = medidas["base"][pagina.nome], medidas["dez"][pagina.nome]
    url = medidas["urls"][pagina.nome]
    contexto = f"{pagina.nome} ({pagina.persona}, {url})\n\n{_tabela(medidas)}"
    assert resolve(url.split("?")[0]).view_name == pagina.url_name, contexto
    assert base.status == 200 and dez.status == 200, f"status {base.status}/{dez.status}: {contexto}"
    assert base.mostra and dez.mostra, f"a página não mostra “{pagina.contem}” do volume: {contexto}"
    diferenca = _diferenca(base, dez)
    assert base.consultas <= LIMITE, f"{base.consultas} consultas: {contexto}\n\n{diferenca}"
    assert dez.consultas == base.consultas, (
        f"{base.consultas} → {dez.consultas} consultas com dez vezes mais dados: {contexto}\n\n{diferenca}")
