"""A matriz de isolamento (DESIGN.md, "Security and data protection": o objeto de outra entidade ou de outra SR é
um 404, nunca um 403 que confirme que ele existe). Cada URL do portal que nomeia um objeto por um argumento
(requerimento, documento, chamado, anexo, adesão, acordo, representante, certificado, documento emitido,
relatório, comunicado, agenda, vaga, agendamento, supervisão e as suas imagens, APS, entidade...) é pedida por
cada persona da demonstração para um objeto que ela não alcança — GET, e POST nas que agem (as só-POST e as
que têm dados de ação no registro) —, e toda resposta tem de ser 404: nem 200, nem 302, nem 403, nem 500. Depois
dos POSTs, nada mudou no banco (o retrato de todas as tabelas do portal é o mesmo).

O que fica fora do alcance de cada persona (`FORA_DO_ALCANCE`) sai dos seletores: a entidade age pelo vínculo
(Ana, Bruno, Carla, Diego: objetos de Belo Horizonte, da Sudeste II, e de outra entidade da própria SR — o
Sindicato dos Trabalhadores Rurais de Campinas, mesma cidade e mesma GEX); os servidores regionais alcançam a
sua SR (Elisa, Gabriela, João e Karina, da Sudeste I: objetos da Sudeste II; Diego e Fábio, da Sudeste II: os de
Campinas); Heitor, a sua APS (objetos de outra APS da mesma GEX e de Belo Horizonte); Iara, da Central 135,
agenda no país inteiro (DESIGN.md: "books ATESP appointments for citizens") — os agendamentos e as vagas são
dela, e ficam isentos; tudo o mais (requerimentos, chamados, agendas, balcão, supervisão, acordos) não.
O administrador é nacional (vê tudo por definição) e fica fora da matriz. Além das personas, um representante
de Campinas com o papel Consulta (`CONSULTA`): quem não protocola recebe uma explicação nas páginas do protocolo,
e ela não pode vir no lugar do 404 do rascunho de outra entidade.

Para a matriz não passar com argumentos quebrados, cada URL é pedida uma vez pelo dono do objeto de Campinas,
que tem de recebê-la (200 ou 302, não 404): os objetos de cada dono saem do mesmo `montar_conjunto`.

Os dados são montados uma vez para o módulo, numa transação desfeita no fim (`matriz`); os testes leem o
resultado e falham com a tabela de todas as células que falharam. Uma URL nova com argumento precisa entrar em
`ROTAS` ou, com o motivo, em `EXCLUIDAS`: `test_toda_url_com_argumento_esta_na_matriz_ou_nas_exclusoes` falha
até isso acontecer."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from portal.contas.models import Usuario
from portal.demo import semear_demo
from portal.entidades.models import PapelRepresentante, Vinculo
from tests.conftest import PERSONAS
from tests.isolamento_apoio import Conjunto, gravar_arquivos, montar_conjunto
from tests.requerimentos_apoio import representante_de_consulta
from tests.rotas_apoio import conferir_registro, rota, rotas
from tests.volume_apoio import _pessoas_novas

CAMPINAS, SINDICATO, BH = "51885242000140", "46068225000180", "18715383000140"
APS_DE_HEITOR, OURO_VERDE, APS_BH = "21001010", "21001020", "11001010"
BRUNO_C, BRUNO_S = "bruno (Campinas)", "bruno (Sindicato)"
# Além das personas: um representante de Campinas com o papel Consulta (lê, não protocola), para passar pelas
# explicações de quem não protocola (`_do_atendente`), que vêm antes de achar o rascunho.
CONSULTA = "carlos (Consulta, Campinas)"
IARA_AGENDA_NO_PAIS = "a Central 135 agenda no país inteiro: agendamentos e vagas de qualquer APS são dela"

# Persona → os donos cujos objetos ela não alcança. O administrador (nacional) fica de fora.
FORA_DO_ALCANCE = {
    "ana": ("bh", "sindicato"),
    BRUNO_C: ("bh", "sindicato"),
    BRUNO_S: ("bh", "campinas"),
    "carla": ("bh", "campinas"),
    "diego": ("campinas",),
    "elisa": ("bh",),
    "fabio": ("campinas",),
    "gabriela": ("bh",),
    "heitor": ("bh", "sindicato"),
    "iara": ("campinas",),
    "joao": ("bh",),
    "karina": ("bh",),
    CONSULTA: ("bh", "sindicato"),
}


@dataclass(frozen=True)
class Rota:
    url_name: str
    dono: str  # quem alcança o objeto do conjunto de Campinas: o controle positivo
    args: Callable[[Conjunto], list]
    dados: Callable[[Conjunto], dict] | None = None  # com dados, a URL também é pedida por POST
    consulta: Callable[[Conjunto], dict] | None = None  # o objeto nomeado na consulta (?vaga=)
    isentos: dict[str, str] = field(default_factory=dict)  # persona → por que o objeto é dela

    @property
    def nome(self) -> str:
        return self.url_name + (f"?{'&'.join(self.consulta(_NOMES))}" if self.consulta else "")

    def url(self, conjunto: Conjunto) -> str:
        caminho = reverse(self.url_name, args=self.args(conjunto))
        return f"{caminho}?{urlencode(self.consulta(conjunto))}" if self.consulta else caminho

    def metodos(self) -> list[str]:
        aceitos = rota(self.url_name).metodos
        if aceitos == ["POST"]:
            return ["POST"]
        return ["GET", "POST"] if self.dados is not None and (aceitos is None or "POST" in aceitos) else ["GET"]


class _Nomes:
    """Um conjunto de mentira: cada atributo é o próprio nome (para dar nome às rotas com consulta)."""

    def __getattr__(self, nome: str) -> str:
        return nome


_NOMES = _Nomes()


def _r(url_name: str, dono: str, *campos: str, dados: Callable[[Conjunto], dict] | None = None,
       isentos: dict[str, str] | None = None) -> Rota:
    """Uma rota do registro: `campos` são atributos do conjunto (ou, entre aspas simples, um texto fixo)."""

    def args(conjunto: Conjunto) -> list:
        return [campo.strip("'") if campo.startswith("'") else getattr(conjunto, campo) for campo in campos]

    return Rota(url_name, dono, args, dados, isentos=isentos or {})


def _daqui_a(dias: int) -> str:
    return (timezone.localdate() + timedelta(days=dias)).isoformat()


ROTAS = [
    # entidades e representantes (o cadastrador externo; a gestão regional)
    _r("entidades:representante_editar", "ana", "vinculo",
       dados=lambda c: {"nome": "Invasor", "email": "invasor@exemplo.org", "papel": "CONSULTA"}),
    _r("entidades:representante_prorrogar", "ana", "vinculo", dados=lambda c: {"valido_ate": _daqui_a(300)}),
    _r("entidades:representante_excluir", "ana", "vinculo", dados=lambda c: {"motivo": "Invasão."}),
    _r("entidades:representante_senha", "ana", "vinculo", dados=lambda c: {}),
    _r("entidades:representante_escola_pep", "ana", "vinculo", dados=lambda c: {"concluida_em": _daqui_a(-1)}),
    _r("entidades:declaracao_escola_pep", "ana", "vinculo"),
    _r("entidades:detalhe", "karina", "cnpj"),
    # certificados e documentos emitidos
    _r("certificados:baixar_meu", "ana", "documento_emitido"),
    _r("certificados:remover_certificado", "ana", "certificado", dados=lambda c: {}),
    _r("certificados:a3_comunicado", "karina", "comunicado"),
    _r("certificados:a3_comunicado_enviar", "karina", "comunicado"),
    _r("certificados:a3_webinario_anunciar", "karina", "webinario"),
    # suporte
    _r("suporte:chamado", "ana", "chamado"),
    _r("suporte:acompanhar", "elisa", "chamado", dados=lambda c: {"texto": "Invasão."}),
    _r("suporte:atribuir", "elisa", "chamado", dados=lambda c: {}),
    _r("suporte:pendenciar", "elisa", "chamado", dados=lambda c: {"texto": "Mande tudo."}),
    _r("suporte:solucionar", "elisa", "chamado", dados=lambda c: {"solucao": "Resolvido por engano."}),
    _r("suporte:indisponibilidade", "elisa", "chamado", dados=lambda c: {}),
    _r("suporte:aprovar", "ana", "chamado_solucionado", dados=lambda c: {"comentario": "Ok."}),
    _r("suporte:recusar", "ana", "chamado_solucionado", dados=lambda c: {"motivo": "Não resolveu."}),
    _r("suporte:certificado", "elisa", "chamado", "indisponibilidade"),
    _r("suporte:anexo", "ana", "anexo"),
    # acordos e adesões
    _r("acordos:responder_pedido", "ana", "pedido", dados=lambda c: {"resposta": "Segue."}),
    _r("acordos:adesao_regional", "karina", "adesao"),
    _r("acordos:pedir_documentos", "karina", "adesao", dados=lambda c: {"texto": "Mande tudo de novo."}),
    _r("acordos:marcar_checklist", "karina", "adesao", dados=lambda c: {"item": "estrutura_fisica", "feito": "0"}),
    _r("acordos:aprovar", "karina", "adesao", dados=lambda c: {
        "processo_sei": "23037.001462/2021-65", "vigencia_inicio": _daqui_a(10), "vigencia_fim": _daqui_a(1000)}),
    _r("acordos:recusar", "karina", "adesao", dados=lambda c: {"motivo": "Recusada por engano."}),
    _r("acordos:documento", "karina", "documento_da_adesao"),
    _r("acordos:solicitacao", "karina", "solicitacao", dados=lambda c: {"decisao": "Deferido.", "deferir": "1"}),
    _r("acordos:renovar_cessao", "karina", "cessao", dados=lambda c: {"meses": "12"}),
    # painel regional: o relatório é de quem o pediu
    _r("painel:relatorio", "karina", "relatorio"),
    _r("painel:relatorio_baixar", "karina", "relatorio"),
    # requerimentos: o protocolo (o rascunho da entidade)
    _r("atendimento:preencher", BRUNO_C, "rascunho"),
    _r("atendimento:etapa", BRUNO_C, "rascunho", "'cidadao'"),
    _r("atendimento:formulario", BRUNO_C, "rascunho", "'termo_requerimento'"),
    _r("atendimento:remover_documento", BRUNO_C, "rascunho", "documento_do_rascunho"),
    _r("atendimento:protocolar", BRUNO_C, "rascunho"),
    _r("atendimento:descartar", BRUNO_C, "rascunho"),
    _r("atendimento:comprovante", BRUNO_C, "com_comprovante"),
    # requerimentos: o acompanhamento (a entidade) e a análise (o INSS)
    _r("atendimento:requerimento", BRUNO_C, "requerimento"),
    _r("atendimento:responder", BRUNO_C, "requerimento", dados=lambda c: {"resposta": "Segue."}),
    _r("atendimento:prorrogar", BRUNO_C, "requerimento"),
    _r("atendimento:documento", BRUNO_C, "documento_do_requerimento"),
    _r("atendimento:analise", "gabriela", "requerimento"),
    _r("atendimento:assumir", "gabriela", "requerimento"),
    _r("atendimento:exigir", "gabriela", "requerimento",
       dados=lambda c: {"texto": "Junte o laudo.", "itens": "Laudo"}),
    _r("atendimento:concluir", "gabriela", "requerimento",
       dados=lambda c: {"decisao": "indeferido", "motivo": "Invasão."}),
    # agenda, agendamento, balcão
    _r("atendimento:agenda", "heitor", "agenda"),
    _r("atendimento:agendamento", "iara", "agendamento", isentos={"iara": IARA_AGENDA_NO_PAIS}),
    _r("atendimento:agendamento_cancelar", "iara", "agendamento", dados=lambda c: {"motivo": "Invasão."},
       isentos={"iara": IARA_AGENDA_NO_PAIS}),
    _r("atendimento:agendamento_remarcar", "iara", "agendamento", dados=lambda c: {},
       isentos={"iara": IARA_AGENDA_NO_PAIS}),
    _r("atendimento:balcao_chegada", "heitor", "agendamento_do_balcao"),
    _r("atendimento:balcao_falta", "heitor", "agendamento_do_balcao"),
    _r("atendimento:balcao_atender", "heitor", "agendamento_do_balcao", dados=lambda c: {}),
    # supervisão das APS
    _r("atendimento:supervisao_designar", "joao", "aps", dados=lambda c: {}),
    _r("atendimento:supervisao_criar", "heitor", "aps"),
    _r("atendimento:supervisao_detalhe", "heitor", "supervisao", dados=lambda c: {"acao": "salvar"}),
    _r("atendimento:supervisao_imagem", "joao", "imagem"),
    _r("atendimento:supervisao_remover_imagem", "heitor", "imagem"),
    # objetos nomeados na consulta, não no caminho
    Rota("atendimento:agendamento_novo", "iara", lambda c: [], consulta=lambda c: {"vaga": c.vaga},
         dados=lambda c: {}, isentos={"iara": IARA_AGENDA_NO_PAIS}),
    Rota("atendimento:balcao", "heitor", lambda c: [], consulta=lambda c: {"aps": c.aps}),
]

# Os nomes do URLconf com argumento que não estão na matriz, cada um com o motivo.
EXCLUIDAS = {
    "certificados:baixar_verificado": "verificação pública: o par código verificador + CRC é a própria chave de "
                                      "acesso (qualquer pessoa confere o documento); não há dono a isolar",
    "painel:lista": "o argumento é a chave de uma lista do painel (LISTAS), não um objeto; as linhas já saem do "
                    "escopo da gestão regional (test_painel)",
}
# --- o URLconf ------------------------------------------------------------------------------------------------


def test_toda_url_com_argumento_esta_na_matriz_ou_nas_exclusoes():
    conferir_registro(
        {rota.nome for rota in rotas() if rota.do_portal and rota.com_argumento},
        (rota.url_name for rota in ROTAS if rota.consulta is None), EXCLUIDAS,
        faltam="URLs que nomeiam um objeto e não estão na matriz de isolamento; ponha cada uma em ROTAS (o dono do "
               "objeto de Campinas e os argumentos tirados do Conjunto) ou, com o motivo, em EXCLUIDAS",
        sobram="Nomes que não são (mais) URLs com argumento do URLconf")


def test_os_nomes_da_matriz_sao_unicos_e_as_personas_sao_todas():
    nomes = [rota.nome for rota in ROTAS]
    assert len(nomes) == len(set(nomes))
    assert set(FORA_DO_ALCANCE) == set(PERSONAS) - {"admin", "bruno"} | {BRUNO_C, BRUNO_S, CONSULTA}, (
        "toda persona (menos o administrador) está na matriz; Bruno, por cada uma das suas entidades")


# --- a matriz -------------------------------------------------------------------------------------------------


@dataclass
class Celula:
    rota: str
    persona: str
    dono: str
    metodo: str
    status: int | str
    destino: str = ""


def _clientes() -> dict[str, Client]:
    pessoas = {apelido: Usuario.objects.get(cpf=cpf) for apelido, cpf in PERSONAS.items()}

    def entrar(usuario) -> Client:
        cliente = Client()
        cliente.force_login(usuario, backend="django.contrib.auth.backends.ModelBackend")
        return cliente

    clientes = {apelido: entrar(pessoa) for apelido, pessoa in pessoas.items() if apelido not in ("admin", "bruno")}
    for apelido, cnpj in ((BRUNO_C, CAMPINAS), (BRUNO_S, SINDICATO)):
        cliente = entrar(pessoas["bruno"])
        vinculo = pessoas["bruno"].vinculos.get(entidade__cnpj=cnpj)
        assert cliente.post("/entidade/escolher/", {"vinculo": vinculo.pk}).status_code == 302
        clientes[apelido] = cliente
    clientes[CONSULTA] = entrar(representante_de_consulta())
    return clientes


def _montar() -> dict[str, Conjunto]:
    p = {apelido: Usuario.objects.get(cpf=cpf) for apelido, cpf in PERSONAS.items()}
    # Diego também cadastrador de Belo Horizonte: passa pela checagem de papel das páginas de representantes e
    # chega à do escopo (como em test_isolamento_acordos).
    Vinculo.objects.filter(usuario=p["diego"], entidade__cnpj=BH).update(cadastrador=True)
    gestora_ii, responsavel_ii, supervisor_ii, gestor_s, regional_s, responsavel_s = _pessoas_novas(
        6, "Pessoa da matriz")
    Vinculo.objects.create(usuario=gestor_s, entidade=Vinculo.objects.get(usuario=p["bruno"],
                                                                          entidade__cnpj=SINDICATO).entidade,
                           papel=PapelRepresentante.AUTENTICA, gestor=True,
                           valido_ate=timezone.now() + timedelta(days=300))
    return {
        "campinas": montar_conjunto("campinas", cnpj=CAMPINAS, aps=APS_DE_HEITOR, gestor=p["ana"],
                                    atendente=p["bruno"], tecnico=p["elisa"], analista=p["gabriela"],
                                    gestor_regional=p["karina"], responsavel=p["heitor"], supervisor=p["joao"]),
        "bh": montar_conjunto("bh", cnpj=BH, aps=APS_BH, gestor=p["diego"], atendente=p["diego"],
                              tecnico=p["fabio"], analista=supervisor_ii, gestor_regional=gestora_ii,
                              responsavel=responsavel_ii, supervisor=supervisor_ii),
        "sindicato": montar_conjunto("sindicato", cnpj=SINDICATO, aps=OURO_VERDE, gestor=gestor_s,
                                     atendente=p["bruno"], tecnico=p["elisa"], analista=p["gabriela"],
                                     gestor_regional=regional_s, responsavel=responsavel_s, supervisor=p["joao"]),
    }


def _modelos_do_portal() -> list:
    return [modelo for modelo in apps.get_models()
            if modelo.__module__.startswith(("portal.", "atendimento.", "suporte.", "certificados."))]


def _retrato() -> dict[str, list]:
    """Todas as linhas de todas as tabelas do portal (alguns milhares): o que um POST de fora mudaria."""
    return {modelo._meta.label: list(modelo.objects.order_by("pk").values()) for modelo in _modelos_do_portal()}


def _diferencas(antes: dict, depois: dict) -> list[str]:
    diferencas = []
    for tabela, linhas in antes.items():
        if linhas == depois[tabela]:
            continue
        velhas = {linha["id"]: linha for linha in linhas} if linhas and "id" in linhas[0] else {}
        novas = {linha["id"]: linha for linha in depois[tabela]} if depois[tabela] and "id" in depois[tabela][0] \
            else {}
        mudadas = sorted(pk for pk in velhas.keys() & novas.keys() if velhas[pk] != novas[pk])
        diferencas.append(f"{tabela}: {len(linhas)} → {len(depois[tabela])} linhas; mudadas {mudadas[:10]}; "
                          f"novas {sorted(novas.keys() - velhas.keys())[:10]}")
    return diferencas


def _pedir(cliente: Client, metodo: str, url: str, dados: dict) -> tuple[int | str, str]:
    try:
        resposta = cliente.get(url) if metodo == "GET" else cliente.post(url, dados)
    except Exception as erro:  # noqa: BLE001 — a tabela mostra o erro de cada célula
        return f"{type(erro).__name__}: {erro}"[:60], ""
    if hasattr(resposta, "streaming_content"):
        b"".join(resposta.streaming_content)
    return resposta.status_code, resposta.get("Location", "")


@pytest.fixture(scope="module")
def matriz(django_db_setup, django_db_blocker, tmp_path_factory):
    """A demonstração e os três conjuntos; cada persona pede cada URL com o objeto de cada dono que não alcança;
    o retrato do banco antes e depois; e o controle positivo (o dono de Campinas, cada POST num savepoint
    desfeito). Tudo numa transação desfeita no fim."""
    raiz = tmp_path_factory.mktemp("media_da_matriz")
    gravar_arquivos(raiz)
    inicio = time.monotonic()
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(raiz)), transaction.atomic():
        semear_demo()
        conjuntos = _montar()
        clientes = _clientes()
        antes = _retrato()
        montagem = time.monotonic() - inicio
        celulas = []
        for persona, donos in FORA_DO_ALCANCE.items():
            for dono in donos:
                conjunto = conjuntos[dono]
                for rota in ROTAS:
                    if persona in rota.isentos:
                        continue
                    url = rota.url(conjunto)
                    dados = rota.dados(conjunto) if rota.dados else {}
                    for metodo in rota.metodos():
                        status, destino = _pedir(clientes[persona], metodo, url, dados)
                        celulas.append(Celula(rota.nome, persona, dono, metodo, status, destino))
        pedidos = time.monotonic() - inicio - montagem
        diferencas = _diferencas(antes, _retrato())
        positivos = {}
        for rota in ROTAS:
            metodo = rota.metodos()[0]
            with transaction.atomic():
                positivos[rota.nome] = _pedir(clientes[rota.dono], metodo, rota.url(conjuntos["campinas"]),
                                              rota.dados(conjuntos["campinas"]) if rota.dados else {})
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    return {"celulas": celulas, "diferencas": diferencas, "positivos": positivos,
            "montagem": montagem, "pedidos": pedidos}


def _tabela(celulas: list[Celula]) -> str:
    linhas = [f"{'URL':44} {'persona':18} {'dono':10} {'método':6}  status"]
    linhas += [f"{c.rota[:44]:44} {c.persona:18} {c.dono:10} {c.metodo:6}  {c.status} {c.destino}"[:160]
               for c in celulas]
    return "\n".join(linhas)


def _resumo(matriz) -> str:
    celulas = matriz["celulas"]
    return (f"{len({c.rota for c in celulas})} URLs × {len({c.persona for c in celulas})} personas → "
            f"{len(celulas)} pedidos ({sum(c.metodo == 'GET' for c in celulas)} GET, "
            f"{sum(c.metodo == 'POST' for c in celulas)} POST) em {matriz['pedidos']:.0f} s (montagem: "
            f"{matriz['montagem']:.0f} s)")


@pytest.mark.django_db
def test_de_fora_do_alcance_toda_url_que_nomeia_um_objeto_responde_404(matriz):
    falhas = [celula for celula in matriz["celulas"] if celula.status != 404]
    assert not falhas, f"{len(falhas)} células não responderam 404 ({_resumo(matriz)}):\n{_tabela(falhas)}"


@pytest.mark.django_db
def test_os_pedidos_de_fora_nao_mudam_nada_no_banco(matriz):
    assert not matriz["diferencas"], "Pedidos de fora do alcance mudaram o banco:\n" + "\n".join(matriz["diferencas"])


@pytest.mark.django_db
def test_a_matriz_cobre_todas_as_rotas_e_personas(matriz):
    celulas = matriz["celulas"]
    assert {c.rota for c in celulas} == {rota.nome for rota in ROTAS}, _resumo(matriz)
    assert {c.persona for c in celulas} == set(FORA_DO_ALCANCE), _resumo(matriz)
    print(_resumo(matriz))  # noqa: T201 — os números da matriz, com -s


@pytest.mark.django_db
def test_o_dono_alcanca_cada_objeto_da_matriz(matriz):
    """O controle: com os mesmos argumentos, o dono do objeto de Campinas recebe a página (ou o redirecionamento
    da ação), não o 404 — a matriz não passa com argumentos quebrados."""
    falhas = {nome: resultado for nome, resultado in matriz["positivos"].items()
              if resultado[0] not in (200, 302) or "/entrar/" in resultado[1]}
    assert not falhas, "\n".join(f"{nome:48} {status} {destino}" for nome, (status, destino) in falhas.items())
