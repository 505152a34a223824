"""O Chromium de verdade contra o servidor de teste (`live_server`), com três vigias em toda página:

- nenhum erro de JavaScript e nenhuma violação da Content-Security-Policy;
- nenhuma requisição a outra origem (bloqueada e registrada);
- o axe-core em cada documento carregado, sem violação "serious" ou "critical";
- os cabeçalhos de segurança em cada resposta de documento.

O que um vigia encontra reprova o teste na desmontagem do fixture.
"""

import os
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from django.core.cache import cache

from portal.demo import SEGREDO_TOTP_DEMO, SENHA_DEMO, semear_demo

# O sync API do Playwright mantém um laço de eventos no thread principal; o ORM do Django recusaria
# consultas feitas ali sem isto. O teste não é assíncrono: só convive com o laço.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGUMENTOS_DO_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IMPACTOS_QUE_REPROVAM = {"serious", "critical"}

# apelido: (CPF com máscara, nome, servidor do INSS?)
PERSONAS = {
    "ana": ("111.444.777-35", "Ana Souza", False),
    "bruno": ("529.982.247-25", "Bruno Lima", False),
    "carla": ("246.813.579-28", "Carla Dias", False),
    "diego": ("135.792.468-28", "Diego Alves", False),
    "elisa": ("314.159.265-90", "Elisa Rocha", True),
    "fabio": ("271.828.182-05", "Fábio Nunes", True),
    "gabriela": ("161.803.398-05", "Gabriela Melo", True),
    "heitor": ("141.421.356-51", "Heitor Ramos", True),
    "iara": ("173.205.080-52", "Iara Costa", True),
    "joao": ("223.606.797-67", "João Pires", True),
    "karina": ("300.000.001-16", "Karina Prado", True),
    "admin": ("400.000.002-05", "Admin", True),
}


def _fonte_do_axe() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Roda no documento atual; marca-o como verificado no próprio `window`, que morre com o documento.
_AXE_RODAR = """async () => {
  const resultado = await axe.run(document);
  window.__axeVerificado = true;
  return resultado.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)})),
  }));
}"""

_ESTADO_DO_DOCUMENTO = """() => ({
  verificado: window.__axeVerificado === true,
  tipo: document.contentType,
  axeCarregado: typeof window.axe !== 'undefined',
})"""

# O cabeçalho: valor esperado (None = basta existir), comparado sem diferenciar maiúsculas.
CABECALHOS_DE_SEGURANCA = {
    "content-security-policy": "default-src 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": None,
    "x-frame-options": "DENY",
}


def problemas_nos_cabecalhos(cabecalhos: dict[str, str]) -> list[str]:
    problemas = []
    for nome, esperado in CABECALHOS_DE_SEGURANCA.items():
        valor = cabecalhos.get(nome)
        if valor is None:
            problemas.append(f"falta {nome}")
        elif esperado is not None and esperado.lower() not in valor.lower():
            problemas.append(f"{nome}: {valor!r} (esperado {esperado!r})")
    return problemas


class Vigia:
    """Observa um contexto do navegador (todas as suas páginas) e junta o que deve reprovar o teste."""

    def __init__(self, contexto, origem: str, fonte_do_axe: str):
        self.contexto = contexto
        self.origem = origem
        self.fonte_do_axe = fonte_do_axe
        self.erros_de_js: list[str] = []
        self.violacoes_de_csp: list[str] = []
        self.requisicoes_externas: list[str] = []
        self.cabecalhos_faltando: list[str] = []
        self.violacoes_de_acessibilidade: list[str] = []
        self.falhas_do_axe: list[str] = []
        self.documentos_carregados: list[str] = []
        self.documentos_verificados: list[str] = []
        self.respostas_de_documento: list[str] = []
        self._paginas: list = []
        contexto.route("**/*", self._rotear)
        contexto.on("request", self._ao_requisitar)
        contexto.on("response", self._ao_responder)
        contexto.on("page", self.vigiar)

    def da_origem(self, url: str) -> bool:
        partes = urlsplit(url)
        if partes.scheme in ("data", "blob", "about"):
            return True
        return f"{partes.scheme}://{partes.netloc}" == self.origem

    def vigiar(self, pagina) -> None:
        if pagina in self._paginas:
            return
        self._paginas.append(pagina)
        pagina.on("console", self._ao_registrar_no_console)
        pagina.on("pageerror", lambda erro: self.erros_de_js.append(f"{pagina.url}: {erro}"))
        pagina.on("load", lambda: self._ao_carregar(pagina))

    # --- eventos ---

    def _ao_registrar_no_console(self, mensagem) -> None:
        texto = mensagem.text
        if "Content Security Policy" in texto or "Content-Security-Policy" in texto:
            self.violacoes_de_csp.append(f"{mensagem.location.get('url')}: {texto}")
        elif mensagem.type == "error":
            self.erros_de_js.append(f"console.error em {mensagem.location.get('url')}: {texto}")

    def _ao_carregar(self, pagina) -> None:
        if self.da_origem(pagina.url) and urlsplit(pagina.url).scheme.startswith("http"):
            self.documentos_carregados.append(pagina.url)

    def _ao_requisitar(self, requisicao) -> None:
        if not self.da_origem(requisicao.url):
            self.requisicoes_externas.append(requisicao.url)

    def _ao_responder(self, resposta) -> None:
        requisicao = resposta.request
        if requisicao.resource_type != "document" or not self.da_origem(resposta.url):
            return
        self.respostas_de_documento.append(resposta.url)
        for problema in problemas_nos_cabecalhos(resposta.all_headers()):
            self.cabecalhos_faltando.append(f"{resposta.status} {resposta.url}: {problema}")

    def _rotear(self, rota) -> None:
        requisicao = rota.request
        if not self.da_origem(requisicao.url):
            rota.abort("blockedbyclient")  # registrada em _ao_requisitar
            return
        if requisicao.is_navigation_request():
            quadro = requisicao.frame
            if quadro.parent_frame is None:
                # O documento que está para ser deixado ainda está vivo: é a hora de verificá-lo.
                self.verificar_acessibilidade(quadro.page)
        rota.continue_()

    # --- axe ---

    def verificar_acessibilidade(self, pagina) -> None:
        """Roda o axe no documento atual da página, se for nosso, HTML e ainda não verificado."""
        url = pagina.url
        if pagina.is_closed() or not url.startswith(self.origem):
            return
        try:
            estado = pagina.evaluate(_ESTADO_DO_DOCUMENTO)
            if estado["verificado"] or estado["tipo"] != "text/html":
                return
            if not estado["axeCarregado"]:
                # Avaliação pelo protocolo do DevTools: a CSP da página não a alcança (um <script> seria barrado).
                pagina.evaluate(self.fonte_do_axe)
            violacoes = pagina.evaluate(_AXE_RODAR)
        except Exception as erro:  # noqa: BLE001 — qualquer falha aqui é um documento não verificado
            self.falhas_do_axe.append(f"{url}: {erro}")
            return
        self.documentos_verificados.append(url)
        for violacao in violacoes:
            if violacao["impact"] in IMPACTOS_QUE_REPROVAM:
                nos = "; ".join(f"{n['target']} → {n['html']}" for n in violacao["nodes"])
                self.violacoes_de_acessibilidade.append(
                    f"{url}: [{violacao['impact']}] {violacao['id']} — {violacao['help']} ({nos})"
                )

    def concluir(self) -> list[str]:
        """Verifica o documento que ficou aberto e devolve tudo o que deve reprovar o teste."""
        for pagina in self._paginas:
            self.verificar_acessibilidade(pagina)
        problemas = []
        nao_verificados = Counter(self.documentos_carregados) - Counter(self.documentos_verificados)
        if nao_verificados:
            problemas.append(f"documentos carregados e não verificados pelo axe: {dict(nao_verificados)}")
        if self.documentos_carregados and not self.documentos_verificados:
            problemas.append("nenhum documento foi verificado pelo axe")
        for titulo, itens in [
            ("erros de JavaScript", self.erros_de_js),
            ("violações da Content-Security-Policy", self.violacoes_de_csp),
            ("requisições a outra origem (nenhuma página carrega nada de fora)", self.requisicoes_externas),
            ("cabeçalhos de segurança ausentes ou errados", self.cabecalhos_faltando),
            ("violações de acessibilidade (axe, serious/critical)", self.violacoes_de_acessibilidade),
            ("falhas ao rodar o axe", self.falhas_do_axe),
        ]:
            if itens:
                problemas.append(titulo + ":\n  " + "\n  ".join(dict.fromkeys(itens)))
        return problemas


@pytest.fixture(scope="session")
def navegador():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"O Chromium do Debian não está em {CHROMIUM}: os testes de navegador precisam dele.")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=ARGUMENTOS_DO_CHROMIUM, headless=True
        )
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def fonte_do_axe():
    return _fonte_do_axe()


@pytest.fixture(autouse=True)
def _ambiente_do_navegador(request, settings):
    """Só para os testes desta pasta: cache limpo (o limite de tentativas de login mora nele)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def portal(live_server):
    """O servidor de teste com os dados de demonstração (o flush transacional apaga até os municípios)."""
    semear_demo()
    return live_server


@pytest.fixture
def vigias():
    return []


@pytest.fixture
def abrir_pagina(navegador, portal, fonte_do_axe, vigias):
    """Abre um contexto novo (sessão nova, anônima) com uma página vigiada."""
    contextos = []

    def abrir(**opcoes):
        opcoes.setdefault("locale", "pt-BR")
        opcoes.setdefault("base_url", portal.url)
        contexto = navegador.new_context(**opcoes)
        contexto.set_default_timeout(10_000)
        contextos.append(contexto)
        vigia = Vigia(contexto, portal.url, fonte_do_axe)
        vigias.append(vigia)
        pagina = contexto.new_page()
        vigia.vigiar(pagina)
        pagina.vigia = vigia
        return pagina

    yield abrir

    problemas = []
    for vigia in vigias:
        problemas.extend(vigia.concluir())
    for contexto in contextos:
        contexto.close()
    if problemas:
        pytest.fail("\n".join(problemas), pytrace=False)


@pytest.fixture
def pagina(abrir_pagina):
    return abrir_pagina()


def codigo_totp() -> str:
    """O código do aplicativo autenticador, longe da virada da janela de 30 s (o allauth não tolera a anterior)."""
    totp = pyotp.TOTP(SEGREDO_TOTP_DEMO)
    restante = totp.interval - time.time() % totp.interval
    if restante < 3:
        time.sleep(restante + 0.2)
    return totp.now()


def preencher_credenciais(pagina, cpf: str, senha: str) -> None:
    pagina.goto("/conta/login/")
    pagina.get_by_label("CPF").fill(cpf)
    pagina.get_by_label("Senha").fill(senha)
    pagina.get_by_role("button", name="Entrar", exact=True).click()


@pytest.fixture
def entrar():
    """Entra como a persona: CPF e senha e, para servidores, o código TOTP. Termina na página seguinte."""

    def _entrar(pagina, apelido: str) -> None:
        cpf, _nome, servidor = PERSONAS[apelido]
        preencher_credenciais(pagina, cpf, SENHA_DEMO)
        if servidor:
            pagina.wait_for_url("**/conta/2fa/authenticate/")
            pagina.get_by_label("Código").fill(codigo_totp())
            pagina.get_by_role("button", name="Entrar").click()
        pagina.wait_for_url(lambda url: "/conta/" not in url)

    return _entrar
