"""Segurança (DESIGN.md, "Security and data protection"), em todas as páginas de uma vez:

- todo <form method="post"> de toda página do registro `PAGINAS` (tests/test_consultas_por_pagina.py) leva o
  token CSRF, e a página que faz POST por htmx leva o token no `hx-headers` do <body>;
- todo endereço que pode receber POST (as rotas com nome do URLconf cuja view não se restringe a GET) recusa o
  POST sem o token, de uma sessão autenticada, com a página de formulário expirado do portal (403, em
  português), e nada muda no banco; uma rota nova que aceite POST reprova até entrar em `POSTS`;
- os cabeçalhos de segurança e os atributos dos cookies em toda página (HSTS atrás do proxy HTTPS, CSP sem
  'unsafe-inline'/'unsafe-eval', nosniff, Referrer-Policy, X-Frame-Options, COOP), e `Cache-Control: no-store`
  em toda página de quem está autenticado: os dados de um cidadão não ficam no cache de um navegador
  compartilhado nem de um proxy.

Os dados das páginas (demonstração + `povoar(1)`) são montados uma vez para o módulo numa transação desfeita no
fim, e cada página é pedida uma vez; cada teste confere uma regra sobre as respostas guardadas.

- cada acesso a um documento com dados de um cidadão (os PDFs do requerimento e da exigência, os formulários
  preenchidos, os comprovantes, os anexos dos chamados) grava um evento: quem, quando, qual documento e em nome
  de que entidade ou papel; o acesso negado (404) não grava nada. Todo download novo precisa ser classificado.

Os testes de navegador (TOTP, bloqueio, sessão) estão em tests/navegador/test_seguranca_no_navegador.py."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import Client
from django.urls import get_callable, reverse
from django.utils import timezone

from atendimento.models import (
    DocumentoDoRequerimento,
    ImagemDaSupervisao,
    Requerimento,
    StatusRequerimento,
    TipoDocumentoRequerimento,
)
from atendimento.services.protocolo import _comprovante_emitir
from certificados.models import Webinario
from portal.acordos.models import CessaoDeImovel, DocumentoDeAdesao, PedidoDeDocumento
from portal.auditoria.models import Evento
from portal.auditoria.rotulos import ACOES
from portal.contas.models import Usuario
from portal.contas.perfil import CHAVE_VINCULO_NA_SESSAO
from portal.demo import SENHA_DEMO, semear_demo
from portal.entidades.models import CapacitacaoPEP
from portal.operacao.views import falha_csrf
from suporte.models import Anexo, Indisponibilidade
from tests.conftest import PERSONAS
from tests.requerimentos_apoio import (
    CAMPINAS,
    cliente_de_bruno_por_campinas,
    entidade,
    numero,
    requerimento_protocolado,
    servico,
)
from tests.rotas_apoio import conferir_registro, rotas
from tests.suporte_apoio import abrir, anexo, png
from tests.test_consultas_por_pagina import ANONIMO, BRUNO, EXCLUIDAS, PAGINAS, Pagina
from tests.volume_apoio import Vitrine, povoar

# Atrás do nginx: o esquema chega em X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER), e o navegador manda a origem.
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "testserver", "HTTP_ORIGIN": "https://testserver",
         "HTTP_REFERER": "https://testserver/"}
PAGINA_DE_CSRF = "O formulário expirou"
NOME_DO_TOKEN = "csrfmiddlewaretoken"


def _pk(modelo, **filtro) -> int:
    """A chave de um objeto do volume; 1 se não houver (o CSRF é conferido antes da view: basta a rota casar)."""
    return modelo.objects.filter(**filtro).order_by("pk").values_list("pk", flat=True).first() or 1


def _rascunho_de_bruno(v: Vitrine) -> int:
    return v.rascunho


@dataclass(frozen=True)
class Post:
    url_name: str
    persona: str
    url: Callable[[Vitrine], str]


def _post(url_name: str, persona: str, *args: Callable[[Vitrine], object]) -> Post:
    return Post(url_name, persona, lambda v: reverse(url_name, args=[argumento(v) for argumento in args]))


# As rotas que aceitam POST e não estão em PAGINAS (as que estão usam a URL e a persona de lá): ações só POST,
# downloads (cuja view não se restringe a GET), o allauth (entrar, senha, TOTP).
POSTS_FORA_DO_REGISTRO = [
    *[_post(nome, "ana") for nome in (
        "account_login", "account_logout", "account_inactive", "account_signup", "account_reauthenticate",
        "account_email", "account_email_verification_sent", "account_change_password", "account_set_password",
        "account_reset_password", "account_confirm_login_code", "account_reset_password_from_key_done",
        "account_reset_password_done")],
    _post("account_confirm_email", "ana", lambda v: "chave-qualquer"),
    Post("account_reset_password_from_key", "ana", lambda v: reverse(
        "account_reset_password_from_key", kwargs={"uidb36": "1", "key": "chave-qualquer"})),
    *[_post(nome, "elisa") for nome in (
        "mfa_index", "mfa_authenticate", "mfa_reauthenticate", "mfa_activate_totp", "mfa_deactivate_totp",
        "mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_download_recovery_codes")],
    _post("saude", "ana"),
    _post("notificacoes:marcar_lidas", "ana"),
    _post("entidades:declaracao_escola_pep", "ana", lambda v: _pk(CapacitacaoPEP)),
    _post("entidades:emitir_declaracao", "ana"),
    _post("certificados:baixar_verificado", ANONIMO, lambda v: v.documento, lambda v: v.crc),
    _post("certificados:baixar_meu", "ana", lambda v: v.documento),
    _post("certificados:a3_comunicado_enviar", "karina", lambda v: v.comunicado),
    _post("certificados:a3_webinario_anunciar", "karina", lambda v: _pk(Webinario, anunciado_em__isnull=True)),
    _post("suporte:certificado", "elisa", lambda v: v.chamado, lambda v: _pk(Indisponibilidade)),
    _post("suporte:anexo", "elisa", lambda v: _pk(Anexo, chamado__codigo=v.chamado)),
    _post("acordos:renovar_cessao", "karina", lambda v: _pk(CessaoDeImovel)),
    _post("acordos:responder_pedido", "ana", lambda v: _pk(PedidoDeDocumento)),
    *[_post(f"acordos:{nome}", "karina", lambda v: v.adesao) for nome in (
        "pedir_documentos", "marcar_checklist", "aprovar", "recusar")],
    _post("acordos:documento", "karina", lambda v: _pk(DocumentoDeAdesao, adesao_id=v.adesao)),
    _post("painel:relatorio_pedir", "karina"),
    _post("painel:relatorio_baixar", "karina", lambda v: v.relatorio),
    _post("atendimento:preencher", BRUNO, _rascunho_de_bruno),
    _post("atendimento:formulario", BRUNO, _rascunho_de_bruno, lambda v: "termo_requerimento"),
    _post("atendimento:remover_documento", BRUNO, _rascunho_de_bruno,
          lambda v: _pk(DocumentoDoRequerimento, requerimento_id=v.rascunho)),
    _post("atendimento:protocolar", BRUNO, _rascunho_de_bruno),
    _post("atendimento:descartar", BRUNO, _rascunho_de_bruno),
    _post("atendimento:comprovante", BRUNO, lambda v: _pk(Requerimento, entidade__cnpj=CAMPINAS,
                                                          comprovante__isnull=False)),
    _post("atendimento:responder", BRUNO, lambda v: v.requerimento),
    _post("atendimento:prorrogar", BRUNO, lambda v: v.requerimento),
    _post("atendimento:documento", "gabriela", lambda v: _pk(DocumentoDoRequerimento, requerimento_id=v.requerimento)),
    _post("atendimento:assumir", "gabriela", lambda v: _pk(Requerimento, status=StatusRequerimento.PROTOCOLADO,
                                                           entidade__cnpj=CAMPINAS)),
    _post("atendimento:atesp_ativar", "joao"),
    _post("atendimento:agendamento_cancelar", "iara", lambda v: v.agendamento),
    _post("atendimento:balcao_chegada", "heitor", lambda v: v.agendamento_do_balcao),
    _post("atendimento:balcao_falta", "heitor", lambda v: v.agendamento_do_balcao),
    _post("atendimento:supervisao_criar", "joao", lambda v: v.aps),
    _post("atendimento:supervisao_imagem", "joao", lambda v: _pk(ImagemDaSupervisao, supervisao_id=v.supervisao)),
    _post("atendimento:supervisao_remover_imagem", "heitor",
          lambda v: _pk(ImagemDaSupervisao, supervisao_id=v.supervisao)),
]
ESPACOS_DE_NOMES_EXCLUIDOS = ("admin",)  # a administração do Django: o CsrfViewMiddleware vale para ela também


def _posts() -> list[Post]:
    """Cada rota que pode receber POST, uma vez: a URL e a persona de PAGINAS quando está lá."""
    vistas, lista = set(), []
    for item in [*(Post(p.url_name, p.persona, p.url) for p in PAGINAS), *POSTS_FORA_DO_REGISTRO]:
        if item.url_name not in vistas and item.url_name in _rotas_que_aceitam_post():
            vistas.add(item.url_name)
            lista.append(item)
    return lista


def _rotas_que_aceitam_post() -> set[str]:
    """As do portal e as do allauth (entrar, senha, TOTP: os formulários de quem ainda não entrou)."""
    return {rota.nome for rota in rotas() if (rota.metodos is None or "POST" in rota.metodos)
            and rota.nome.split(":")[0] not in ESPACOS_DE_NOMES_EXCLUIDOS}


# Páginas de quem não entrou, além da verificação pública de PAGINAS.
PAGINAS_ANONIMAS = {
    "entrar": "/conta/login/",
    "esqueci a senha": "/conta/password/reset/",
    "verificar documento (formulário)": "/verificar/",
    "saúde": "/saude/",
}


# --- o HTML ---------------------------------------------------------------------------------------------------


@dataclass
class Formulario:
    descricao: str
    com_token: bool = False


@dataclass
class LeituraDoHtml(HTMLParser):
    """Os formulários POST (com ou sem o token) e o que o htmx precisa: os elementos que fazem POST por htmx e o
    cabeçalho X-CSRFToken do <body>."""

    formularios: list[Formulario] = field(default_factory=list)
    htmx_post: list[str] = field(default_factory=list)
    token_do_body: str = ""
    pagina_inteira: bool = False  # tem <body>; um fragmento htmx usa o cabeçalho da página que o recebe
    _abertos: list = field(default_factory=list)

    def __post_init__(self):
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag, attrs):
        atributos = dict(attrs)
        if tag == "body":
            self.pagina_inteira = True
        if tag == "body" and atributos.get("hx-headers"):
            self.token_do_body = json.loads(atributos["hx-headers"]).get("X-CSRFToken", "")
        if any(atributos.get(f"hx-{verbo}") is not None for verbo in ("post", "put", "patch", "delete")):
            self.htmx_post.append(f"<{tag} {' '.join(f'{k}={v}' for k, v in attrs if k.startswith('hx-'))}>")
        if tag == "form":
            post = (atributos.get("method") or "get").lower() == "post"
            formulario = Formulario(f"<form action={atributos.get('action')!r} id={atributos.get('id')!r}>")
            self._abertos.append(formulario if post else None)
            if post:
                self.formularios.append(formulario)
        elif tag == "input" and atributos.get("name") == NOME_DO_TOKEN and atributos.get("type") == "hidden":
            for formulario in self._abertos:
                if formulario is not None and atributos.get("value"):
                    formulario.com_token = True

    def handle_endtag(self, tag):
        if tag == "form" and self._abertos:
            self._abertos.pop()


def ler_html(html: str) -> LeituraDoHtml:
    leitura = LeituraDoHtml()
    leitura.feed(html)
    return leitura


# --- os clientes e as respostas -------------------------------------------------------------------------------


def _clientes() -> dict[str, Client]:
    """Um Client por persona, que confere o CSRF como o navegador e chega pelo proxy HTTPS. O TOTP dos
    servidores dado por conferido (force_login): a entrada de verdade está nos testes do login."""
    clientes = {ANONIMO: Client(enforce_csrf_checks=True, **HTTPS)}
    for apelido, cpf in PERSONAS.items():
        cliente = Client(enforce_csrf_checks=True, **HTTPS)
        cliente.force_login(Usuario.objects.get(cpf=cpf), backend="django.contrib.auth.backends.ModelBackend")
        clientes[apelido] = cliente
    bruno = Client(enforce_csrf_checks=True, **HTTPS)
    bruno.force_login(Usuario.objects.get(cpf=PERSONAS["bruno"]), backend="django.contrib.auth.backends.ModelBackend")
    sessao = bruno.session
    sessao[CHAVE_VINCULO_NA_SESSAO] = Usuario.objects.get(cpf=PERSONAS["bruno"]).vinculos.get(
        entidade__cnpj=CAMPINAS).pk
    sessao.save()
    clientes[BRUNO] = bruno
    return clientes


@dataclass
class Resposta:
    status: int | str
    cabecalhos: dict[str, str]
    cookies: dict[str, dict]  # nome → atributos do Set-Cookie
    html: LeituraDoHtml | None
    corpo: str = ""


def _guardar(resposta) -> Resposta:
    cookies = {nome: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"],
                      "path": m["path"], "domain": m["domain"], "expirado": m["max-age"] == 0}
               for nome, m in resposta.cookies.items()}
    texto = "html" in resposta.get("Content-Type", "")
    corpo = resposta.content.decode() if texto and not resposta.streaming else ""
    return Resposta(resposta.status_code, {k.lower(): v for k, v in resposta.headers.items()}, cookies,
                    ler_html(corpo) if texto else None, corpo)


def _retrato() -> dict[str, int]:
    """Cada tabela (menos a das sessões) reduzida a um número: muda se uma linha entra, sai ou muda."""
    return {modelo._meta.label: hash(repr(list(modelo.objects.order_by("pk").values_list())))
            for modelo in apps.get_models() if modelo is not Session}


@pytest.fixture(scope="module")
def respostas(django_db_setup, django_db_blocker):
    """Cada página de PAGINAS e as anônimas, por GET, pela sua persona; depois o POST sem token em cada rota, e
    um retrato de todas as tabelas antes e depois dos POSTs. Tudo numa transação desfeita no fim."""
    with django_db_blocker.unblock(), transaction.atomic():
        semear_demo()
        vitrine = povoar(1)
        clientes = _clientes()
        paginas = {pagina.nome: _guardar(clientes[pagina.persona].get(pagina.url(vitrine))) for pagina in PAGINAS}
        anonimas = {nome: _guardar(Client(enforce_csrf_checks=True, **HTTPS).get(url))
                    for nome, url in PAGINAS_ANONIMAS.items()}
        antes = _retrato()
        posts = {}
        for item in _posts():
            url = item.url(vitrine)
            try:
                with transaction.atomic():  # um erro na view (sem a conferência) não quebra a transação do módulo
                    resposta = _guardar(clientes[item.persona].post(url, {"x": "1"}))
            except Exception as erro:  # noqa: BLE001 — o teste de cada rota mostra o erro
                resposta = Resposta(f"{type(erro).__name__}: {erro}"[:120], {}, {}, None)
            posts[item.url_name] = (url, item.persona, resposta)
        depois = _retrato()
        # O controle: o mesmo cliente, com o token que a página lhe deu, passa pela conferência.
        ana = clientes["ana"]
        token = ler_html(ana.get(reverse("notificacoes:lista")).content.decode()).token_do_body
        controle = _guardar(ana.post(reverse("notificacoes:marcar_lidas"), {NOME_DO_TOKEN: token}))
        transaction.set_rollback(True)
    return {"paginas": paginas, "anonimas": anonimas, "posts": posts, "antes": antes, "depois": depois,
            "controle": controle}


def _ids(paginas: list[Pagina]) -> list[str]:
    return [pagina.nome for pagina in paginas]


# --- CSRF -----------------------------------------------------------------------------------------------------


def test_toda_rota_que_aceita_post_esta_na_lista_dos_posts_sem_token():
    cobertas = {item.url_name for item in _posts()} | {item.url_name for item in POSTS_FORA_DO_REGISTRO}
    conferir_registro(
        _rotas_que_aceitam_post(), cobertas, (),
        faltam="Rotas que aceitam POST sem a prova do CSRF; ponha cada uma em POSTS_FORA_DO_REGISTRO (com a persona e "
               "a URL) ou em PAGINAS",
        sobram="Nomes em POSTS_FORA_DO_REGISTRO que não são (mais) rotas com POST")


def test_a_falha_de_csrf_usa_a_pagina_do_portal():
    assert get_callable(settings.CSRF_FAILURE_VIEW) is falha_csrf


@pytest.mark.django_db
@pytest.mark.parametrize("pagina", PAGINAS, ids=_ids(PAGINAS))
def test_todo_formulario_post_da_pagina_leva_o_token_csrf(pagina, respostas):
    resposta = respostas["paginas"][pagina.nome]
    assert resposta.status == 200 and resposta.html is not None, f"{pagina.nome}: status {resposta.status}"
    sem_token = [f.descricao for f in resposta.html.formularios if not f.com_token]
    assert not sem_token, f"{pagina.nome}: formulários POST sem {{% csrf_token %}}: {sem_token}"
    if pagina.persona != ANONIMO and resposta.html.pagina_inteira:
        assert len(resposta.html.token_do_body) >= 32, (
            f"{pagina.nome}: o <body> não manda o X-CSRFToken do htmx (hx-headers); hx-post: "
            f"{resposta.html.htmx_post[:3]}")


@pytest.mark.django_db
@pytest.mark.parametrize("nome", list(PAGINAS_ANONIMAS))
def test_todo_formulario_post_das_paginas_anonimas_leva_o_token_csrf(nome, respostas):
    resposta = respostas["anonimas"][nome]
    if resposta.html is None:
        return  # a sonda de saúde responde JSON: nenhum formulário
    assert resposta.status == 200
    assert all(f.com_token for f in resposta.html.formularios), [f.descricao for f in resposta.html.formularios]


@pytest.mark.django_db
def test_as_paginas_tem_formularios_post_e_htmx_para_conferir(respostas):
    """A leitura do HTML acha o que deve: sem isso, os testes acima passariam sem conferir nada."""
    lidas = [r.html for r in respostas["paginas"].values() if r.html is not None]
    formularios = sum(len(html.formularios) for html in lidas)
    assert formularios > 60 and sum(len(html.htmx_post) for html in lidas) > 0
    assert respostas["anonimas"]["entrar"].html.formularios[0].com_token


@pytest.mark.django_db
@pytest.mark.parametrize("item", _posts(), ids=[item.url_name for item in _posts()])
def test_post_sem_token_de_uma_sessao_autenticada_e_recusado_com_a_pagina_do_portal(item, respostas):
    url, persona, resposta = respostas["posts"][item.url_name]
    assert resposta.status == 403, f"POST sem token em {url} ({persona}): status {resposta.status}"
    assert PAGINA_DE_CSRF in resposta.corpo and "CSRF verification failed" not in resposta.corpo, resposta.corpo[:300]


@pytest.mark.django_db
def test_os_posts_sem_token_nao_mudam_nada_no_banco(respostas):
    antes, depois = respostas["antes"], respostas["depois"]
    mudaram = sorted(modelo for modelo in antes if antes[modelo] != depois[modelo])
    assert not mudaram, f"Tabelas que mudaram com POSTs sem token: {mudaram}"
    assert len(respostas["posts"]) > 100


@pytest.mark.django_db
def test_com_o_token_da_pagina_o_mesmo_post_passa(respostas):
    """O controle: os 403 acima vêm da falta do token, não da origem, do proxy ou da sessão do teste."""
    assert respostas["controle"].status == 302


# --- cabeçalhos e cookies -------------------------------------------------------------------------------------


def _problemas_dos_cabecalhos(resposta: Resposta, *, autenticado: bool) -> list[str]:
    c = resposta.cabecalhos
    problemas = []
    hsts = c.get("strict-transport-security", "")
    if "max-age=31536000" not in hsts or "includesubdomains" not in hsts.lower():
        problemas.append(f"Strict-Transport-Security: {hsts!r}")
    csp = c.get("content-security-policy", "")
    if "default-src 'self'" not in csp or "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problemas.append(f"Content-Security-Policy: {csp!r}")
    esperados = {"x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY",
                 "cross-origin-opener-policy": "same-origin"}
    problemas += [f"{nome}: {c.get(nome)!r}" for nome, valor in esperados.items() if c.get(nome) != valor]
    if autenticado and "no-store" not in c.get("cache-control", ""):
        problemas.append(f"Cache-Control: {c.get('cache-control')!r} (página com dados pessoais, sem no-store)")
    for nome, cookie in resposta.cookies.items():
        if cookie["expirado"]:
            continue
        if not (nome.startswith("__Host-") and cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
                and cookie["samesite"] == "Lax"):
            problemas.append(f"cookie {nome}: {cookie}")
        if nome == settings.SESSION_COOKIE_NAME and not cookie["httponly"]:
            problemas.append(f"cookie {nome} sem HttpOnly")
    return problemas


@pytest.mark.django_db
@pytest.mark.parametrize("pagina", PAGINAS, ids=_ids(PAGINAS))
def test_a_pagina_manda_os_cabecalhos_de_seguranca_e_nao_fica_em_cache_se_tem_dados_pessoais(pagina, respostas):
    resposta = respostas["paginas"][pagina.nome]
    problemas = _problemas_dos_cabecalhos(resposta, autenticado=pagina.persona != ANONIMO)
    assert not problemas, f"{pagina.nome} ({pagina.persona}): {problemas}"


@pytest.mark.django_db
@pytest.mark.parametrize("nome", list(PAGINAS_ANONIMAS))
def test_as_paginas_anonimas_mandam_os_cabecalhos_de_seguranca(nome, respostas):
    resposta = respostas["anonimas"][nome]
    assert not _problemas_dos_cabecalhos(resposta, autenticado=False), _problemas_dos_cabecalhos(
        resposta, autenticado=False)


@pytest.mark.django_db
def test_entrar_grava_os_cookies_de_sessao_e_csrf_com_o_prefixo_host_secure_e_samesite(demo):
    cliente = Client(enforce_csrf_checks=True, **HTTPS)
    pagina = cliente.get("/conta/login/")
    csrf = pagina.cookies[settings.CSRF_COOKIE_NAME]
    assert ler_html(pagina.content.decode()).formularios[0].com_token
    entrada = cliente.post("/conta/login/", {"login": PERSONAS["ana"], "password": SENHA_DEMO,
                                             NOME_DO_TOKEN: csrf.value})
    assert entrada.status_code == 302
    sessao = entrada.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid" and settings.CSRF_COOKIE_NAME == "__Host-csrftoken"
    for cookie in (csrf, sessao):
        assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"] and cookie["samesite"] == "Lax"
    assert sessao["httponly"] and not csrf["httponly"]  # o htmx lê o token da página, não do cookie
    # O cookie acaba com o navegador (ACCOUNT_SESSION_REMEMBER = False); no servidor, a sessão vence em 8 horas.
    assert not sessao["max-age"] and not sessao["expires"]
    vence = Session.objects.get(session_key=sessao.value).expire_date - timezone.now()
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60 and timedelta(hours=7, minutes=59) < vence <= timedelta(hours=8)
    assert not _problemas_dos_cabecalhos(_guardar(entrada), autenticado=True)


# --- o registro de cada acesso a um documento do cidadão --------------------------------------------------------


@dataclass(frozen=True)
class Acesso:
    url: str
    objeto: object  # o que o evento registra
    texto: str  # o que a nota diz do documento (o protocolo, o título)


@dataclass(frozen=True)
class DocumentoDoCidadao:
    url_name: str
    persona: str  # quem alcança o documento
    em_nome_de: str  # o que a nota diz da entidade ou do papel de quem abriu
    estranho: str  # de outra entidade ou região (ou, na verificação pública, sem o CRC certo): 404, sem registro
    montar: Callable[[Usuario], Acesso]
    url_do_estranho: Callable[[Acesso], str] = lambda acesso: acesso.url


def _requerimento_com_documento(_bruno: Usuario) -> Acesso:
    requerimento = requerimento_protocolado()
    documento = requerimento.documentos.get()
    return Acesso(reverse("atendimento:documento", args=[documento.pk]), documento, numero(requerimento))


def _rascunho(bruno: Usuario) -> Acesso:
    requerimento = Requerimento.objects.create(
        entidade=entidade(), servico=servico(), representante=bruno, cidadao_nome="Maria Aparecida dos Santos",
        cidadao_cpf="39053344705", cidadao_nascimento=date(1960, 5, 14), cidadao_telefone="19998765432")
    tipo = TipoDocumentoRequerimento.TERMO_REQUERIMENTO
    return Acesso(reverse("atendimento:formulario", args=[requerimento.pk, tipo]), requerimento, tipo.label)


def _comprovante(bruno: Usuario) -> Requerimento:
    requerimento = requerimento_protocolado(representante=bruno)
    requerimento.comprovante = _comprovante_emitir(requerimento, bruno)
    requerimento.save(update_fields=["comprovante"])
    return requerimento


def _comprovante_pela_pagina_do_requerimento(bruno: Usuario) -> Acesso:
    requerimento = _comprovante(bruno)
    return Acesso(reverse("atendimento:comprovante", args=[requerimento.pk]), requerimento, numero(requerimento))


def _comprovante_nos_meus_documentos(bruno: Usuario) -> Acesso:
    documento = _comprovante(bruno).comprovante
    return Acesso(reverse("certificados:baixar_meu", args=[documento.codigo_verificador]), documento,
                  documento.titulo)


def _comprovante_verificado(bruno: Usuario) -> Acesso:
    documento = _comprovante(bruno).comprovante
    return Acesso(reverse("certificados:baixar_verificado", args=[documento.codigo_verificador, documento.crc]),
                  documento, documento.titulo)


def _anexo_de_chamado(_bruno: Usuario) -> Acesso:
    chamado = abrir(Usuario.objects.get(cpf=PERSONAS["ana"]), anexos=[anexo(png())])
    registro = chamado.anexos.get()
    return Acesso(reverse("suporte:anexo", args=[registro.pk]), registro, chamado.codigo)


CAMPINAS_POR_EXTENSO = "pela entidade Prefeitura Municipal de Campinas"
DOCUMENTOS_DO_CIDADAO = [
    DocumentoDoCidadao("atendimento:documento", "gabriela", "pelo INSS (Analista)", "diego",
                       _requerimento_com_documento),
    DocumentoDoCidadao("atendimento:documento", BRUNO, CAMPINAS_POR_EXTENSO, "fabio", _requerimento_com_documento),
    DocumentoDoCidadao("atendimento:formulario", BRUNO, CAMPINAS_POR_EXTENSO, "diego", _rascunho),
    DocumentoDoCidadao("atendimento:comprovante", BRUNO, CAMPINAS_POR_EXTENSO, "diego",
                       _comprovante_pela_pagina_do_requerimento),
    DocumentoDoCidadao("certificados:baixar_meu", BRUNO, CAMPINAS_POR_EXTENSO, "ana", _comprovante_nos_meus_documentos),
    DocumentoDoCidadao("certificados:baixar_verificado", ANONIMO, "verificação pública", ANONIMO,
                       _comprovante_verificado, lambda acesso: acesso.url.replace(acesso.objeto.crc, "ABCDEF12")),
    DocumentoDoCidadao("suporte:anexo", "elisa", "pelo INSS (Técnico(a) de suporte)", "fabio", _anexo_de_chamado),
]
# Os downloads (EXCLUIDAS de test_consultas_por_pagina) que não trazem dados de um cidadão, com o motivo.
DOWNLOADS_SEM_DADOS_DO_CIDADAO = {
    "entidades:declaracao_escola_pep": "dados do representante, não de um cidadão (e o download já é registrado)",
    "acordos:documento": "documentos da entidade na adesão (ofício, CRP); o download já é registrado",
    "painel:relatorio_baixar": "números agregados da região, sem nome nem CPF (assim como o CSV das listas)",
    "suporte:certificado": "certificado de indisponibilidade do portal, sobre o chamado da entidade",
    "atendimento:supervisao_imagem": "fotos das instalações da APS na supervisão",
}


def test_todo_download_de_arquivo_esta_nos_documentos_do_cidadao_ou_nas_exclusoes():
    downloads = {nome for nome, motivo in EXCLUIDAS.items() if motivo.startswith("download")}
    classificados = {d.url_name for d in DOCUMENTOS_DO_CIDADAO} | set(DOWNLOADS_SEM_DADOS_DO_CIDADAO)
    assert downloads == classificados, (
        f"Downloads sem classificação: {sorted(downloads - classificados)}; que não são (mais) downloads: "
        f"{sorted(classificados - downloads)}")


def _cliente(apelido: str, cliente_de, pessoa) -> Client:
    if apelido == ANONIMO:
        return Client()
    if apelido == BRUNO:
        return cliente_de_bruno_por_campinas(cliente_de, pessoa)
    return cliente_de(apelido)


@pytest.mark.parametrize("documento", DOCUMENTOS_DO_CIDADAO,
                         ids=[f"{d.url_name} ({d.persona})" for d in DOCUMENTOS_DO_CIDADAO])
def test_cada_acesso_a_um_documento_do_cidadao_fica_registrado_e_o_negado_nao(documento, cliente_de, pessoa):
    acesso = documento.montar(pessoa("bruno"))
    cliente, estranho = (_cliente(apelido, cliente_de, pessoa) for apelido in (documento.persona, documento.estranho))
    ultimo = Evento.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    antes = timezone.now()

    resposta = cliente.get(acesso.url)
    assert resposta.status_code == 200, resposta.content[:300]
    assert resposta["Content-Type"] in ("application/pdf", "image/png")
    assert "no-store" in resposta.get("Cache-Control", ""), resposta.get("Cache-Control")

    novos = list(Evento.objects.filter(pk__gt=ultimo).select_related("tipo_objeto"))
    assert len(novos) == 1, f"{acesso.url}: {len(novos)} eventos: {[e.acao for e in novos]}"
    evento = novos[0]
    quem = None if documento.persona == ANONIMO else pessoa(documento.persona.split()[0])
    assert evento.ator == quem
    assert (evento.tipo_objeto.model_class(), evento.objeto_id) == (type(acesso.objeto), str(acesso.objeto.pk))
    assert antes <= evento.quando <= timezone.now()
    assert acesso.texto in evento.nota and documento.em_nome_de in evento.nota, evento.nota
    assert evento.acao in ACOES  # o histórico e a administração mostram o rótulo em português

    negado = estranho.get(documento.url_do_estranho(acesso))
    assert negado.status_code == 404
    assert Evento.objects.filter(pk__gt=evento.pk).count() == 0


def test_a_administracao_do_inss_encontra_os_acessos_a_um_documento_do_cidadao(demo, cliente_de, pessoa):
    acesso = _requerimento_com_documento(pessoa("bruno"))
    cliente_de("gabriela").get(acesso.url)
    cliente_de_bruno_por_campinas(cliente_de, pessoa).get(acesso.url)

    lista = cliente_de("admin").get("/admin/auditoria/evento/", {"q": acesso.texto}).content.decode()
    assert lista.count('<td class="field-acao">documento_do_cidadao_visto</td>') == 2, lista
    assert "Gabriela Melo" in lista and "Bruno Lima" in lista
