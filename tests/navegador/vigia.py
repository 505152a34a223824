"""O vigia de um contexto do navegador: o que, em qualquer página, reprova um teste.

- erro de JavaScript ou violação da Content-Security-Policy;
- requisição a outra origem (bloqueada e registrada);
- violação "serious" ou "critical" do axe-core, examinado em todo documento carregado;
- resposta de documento sem os cabeçalhos de segurança.
"""

import json
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

IMPACTOS_QUE_REPROVAM = {"serious", "critical"}


def fonte_do_axe() -> str:
    """O axe-core que vem no pacote axe-playwright-python (nada se baixa da internet)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Roda em todo documento novo, antes dos scripts da página (Page.addScriptToEvaluateOnNewDocument: a CSP da
# página não o alcança). Num documento HTML do portal, no quadro principal, roda o axe quando o documento
# carrega e de novo depois de cada troca do htmx, e relata pelo binding `__vigia` o documento, o início e o
# fim de cada exame.
_GANCHO_DO_AXE = """
if (window === window.top && location.origin === %(origem)s && document.contentType === 'text/html') {
  %(fonte)s
  (() => {
    const relatar = window.__vigia;
    const id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    relatar({evento: 'documento', id, url: location.href});
    document.addEventListener('securitypolicyviolation', (e) => relatar({
      evento: 'csp', id, url: location.href,
      texto: `${e.violatedDirective} bloqueou ${e.blockedURI || '(inline)'} `
        + `em ${e.sourceFile || location.href}:${e.lineNumber}`,
    }));
    // O exame começa no DOMContentLoaded e espera o `load` (o CSS decide o contraste). Se o teste sai antes,
    // a navegação fica retida na rota até o exame terminar; mas a saída aborta o carregamento e o `load` não
    // vem mais: aí basta esperar o CSS. Tudo com limite de tempo, para nunca travar.
    const esperar = (alvo, evento) => new Promise(r => alvo.addEventListener(evento, r, {once: true}));
    const dormir = (ms) => new Promise(r => setTimeout(r, ms));
    const saida = new Promise(r => {
      window.addEventListener('beforeunload', r, {once: true});
      window.navigation?.addEventListener('navigate', (e) => { if (!e.destination.sameDocument) r(); });
    });
    const pronto = async () => {
      if (document.readyState !== 'complete') await Promise.race([esperar(window, 'load'), saida, dormir(3000)]);
      const folhas = [...document.querySelectorAll('link[rel=stylesheet]')].filter(link => !link.sheet);
      await Promise.race([
        Promise.all(folhas.map(link => Promise.race([esperar(link, 'load'), esperar(link, 'error')]))),
        dormir(2000),
      ]);
    };
    let fila = Promise.resolve();
    let exame = 0;
    const examinar = (motivo) => {
      const numero = ++exame;
      relatar({evento: 'inicio', id, numero, motivo});
      fila = fila.then(async () => {
        let violacoes = [], erro = null;
        try {
          await pronto();
          const resultado = await axe.run(document);
          violacoes = resultado.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)})),
          }));
        } catch (e) { erro = String(e); }
        relatar({evento: 'fim', id, numero, motivo, url: location.href, violacoes, erro});
      });
    };
    let primeiro = true;
    const examinarUmaVez = (motivo) => { if (primeiro) { primeiro = false; examinar(motivo); } };
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => examinarUmaVez('carga'));
      window.addEventListener('beforeunload', () => examinarUmaVez('saída durante a carga'));
    } else {
      examinarUmaVez('carga');
    }
    document.addEventListener('htmx:afterSettle', () => examinar('htmx'));
  })();
}
"""

# Para o exame de HTML capturado (contexto sem JavaScript): roda o axe no documento da página de exame.
_AXE_RODAR = """async () => {
  const resultado = await axe.run(document);
  return resultado.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)})),
  }));
}"""

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


def _sem_fragmento(url: str) -> str:
    return url.split("#", 1)[0]


class _Documento:
    def __init__(self, url: str):
        self.url = url
        self.exames_iniciados: set[int] = set()
        self.exames_concluidos: set[int] = set()

    @property
    def examinado(self) -> bool:
        """O exame da carga terminou e nenhum outro está em curso."""
        return bool(self.exames_concluidos) and self.exames_iniciados <= self.exames_concluidos


class Vigia:
    """Observa um contexto do navegador (todas as suas páginas) e junta o que deve reprovar o teste.

    O axe roda dentro de cada documento (gancho de inicialização) e relata pelo binding `__vigia`. Toda
    navegação do quadro principal espera, retida na rota, que o documento que está sendo deixado termine
    o seu exame: nenhum documento sai sem ser examinado, por mais rápido que o teste clique. Sem JavaScript
    no contexto o gancho não roda: o HTML de cada documento é capturado da resposta e examinado, na
    desmontagem, numa página à parte que carrega só o HTML e o CSS (o que esse usuário vê).
    """

    ESPERA_MAXIMA = 15  # segundos que uma navegação espera o exame do documento anterior

    def __init__(self, contexto, origem: str, fonte_do_axe: str, *, javascript: bool = True):
        self.contexto = contexto
        self.origem = origem
        self.fonte_do_axe = fonte_do_axe
        self.javascript = javascript
        self.erros_de_js: list[str] = []
        self.violacoes_de_csp: list[str] = []
        self.requisicoes_externas: list[str] = []
        self.cabecalhos_faltando: list[str] = []
        self.violacoes_de_acessibilidade: list[str] = []
        self.falhas_do_exame: list[str] = []
        self.respostas_de_documento: list[str] = []  # HTML no quadro principal, sem os redirecionamentos
        self.respostas_por_pagina: dict = {}
        self.documentos_com_erro: set[str] = set()  # 4xx/5xx pedidos pelo teste: o console os registra
        self.falhas_de_carga: list[tuple[str, str]] = []  # "Failed to load resource", julgadas na conclusão
        self.documentos: dict = {}  # página -> {id: _Documento}
        self.capturas: dict = {}  # página -> [(url, html ou None enquanto o corpo não chegou)]
        self.exames_feitos = 0
        self._paginas: list = []
        if javascript:
            contexto.expose_binding("__vigia", self._ao_relatar)
            contexto.add_init_script(script=_GANCHO_DO_AXE % {"origem": json.dumps(origem), "fonte": fonte_do_axe})
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
        self.documentos.setdefault(pagina, {})
        self.capturas.setdefault(pagina, [])
        pagina.on("console", self._ao_registrar_no_console)
        pagina.on("pageerror", lambda erro: self.erros_de_js.append(f"{pagina.url}: {erro}\n{erro.stack}"))

    # --- eventos ---

    def _ao_registrar_no_console(self, mensagem) -> None:
        texto = mensagem.text
        url = mensagem.location.get("url")
        if "Content Security Policy" in texto or "Content-Security-Policy" in texto:
            self.violacoes_de_csp.append(f"{url}: {texto}")
        elif mensagem.type == "error":
            if texto.startswith("Failed to load resource"):
                # O console pode falar antes do evento da resposta: decide-se na conclusão se era a página de
                # erro que o teste pediu (ou uma requisição externa já registrada).
                self.falhas_de_carga.append((url, f"console.error em {url}: {texto}"))
                return
            self.erros_de_js.append(f"console.error em {url}: {texto}")

    def _ao_relatar(self, origem_da_chamada, dados) -> None:
        pagina = origem_da_chamada["page"]
        documentos = self.documentos.setdefault(pagina, {})
        evento = dados["evento"]
        if evento == "documento":
            documentos[dados["id"]] = _Documento(dados["url"])
            return
        documento = documentos.get(dados["id"])
        if documento is None:
            return
        if evento == "csp":
            self.violacoes_de_csp.append(f"{dados['url']}: {dados['texto']}")
        elif evento == "inicio":
            documento.exames_iniciados.add(dados["numero"])
        elif evento == "fim":
            documento.exames_concluidos.add(dados["numero"])
            self._registrar_exame(dados["url"], dados["violacoes"], dados["erro"], dados["motivo"])

    def _registrar_exame(self, url, violacoes, erro, motivo) -> None:
        if erro:
            self.falhas_do_exame.append(f"{url} ({motivo}): {erro}")
            return
        self.exames_feitos += 1
        for violacao in violacoes:
            if violacao["impact"] in IMPACTOS_QUE_REPROVAM:
                nos = "; ".join(f"{n['target']} → {n['html']}" for n in violacao["nodes"])
                self.violacoes_de_acessibilidade.append(
                    f"{url} ({motivo}): [{violacao['impact']}] {violacao['id']} — {violacao['help']} ({nos})"
                )

    def _ao_requisitar(self, requisicao) -> None:
        if not self.da_origem(requisicao.url):
            self.requisicoes_externas.append(requisicao.url)

    def _ao_responder(self, resposta) -> None:
        requisicao = resposta.request
        if requisicao.resource_type != "document" or not self.da_origem(resposta.url):
            return
        cabecalhos = resposta.all_headers()
        for problema in problemas_nos_cabecalhos(cabecalhos):
            self.cabecalhos_faltando.append(f"{resposta.status} {resposta.url}: {problema}")
        principal = requisicao.frame.parent_frame is None
        if principal and resposta.status >= 400:
            self.documentos_com_erro.add(resposta.url)
        html = cabecalhos.get("content-type", "").startswith("text/html")
        if not principal or not html or 300 <= resposta.status < 400:
            return
        self.respostas_de_documento.append(_sem_fragmento(resposta.url))
        pagina = requisicao.frame.page
        self.respostas_por_pagina[pagina] = self.respostas_por_pagina.get(pagina, 0) + 1
        if not self.javascript:
            capturas = self.capturas.setdefault(requisicao.frame.page, [])
            indice = len(capturas)
            capturas.append((resposta.url, None))
            try:
                capturas[indice] = (resposta.url, resposta.text())
            except Exception as erro:  # noqa: BLE001
                capturas[indice] = (resposta.url, "")
                self.falhas_do_exame.append(f"{resposta.url}: corpo da resposta indisponível ({erro})")

    def _pendente(self, pagina) -> bool:
        """Há documento desta página ainda sem exame (ou cujo relato ainda não chegou)?"""
        respostas = self.respostas_por_pagina.get(pagina, 0)
        if self.javascript:
            documentos = self.documentos.get(pagina, {}).values()
            return len(documentos) < respostas or any(not documento.examinado for documento in documentos)
        capturas = self.capturas.get(pagina, [])
        return len(capturas) < respostas or any(html is None for _url, html in capturas)

    def _esperar_exames(self, pagina) -> None:
        limite = time.monotonic() + self.ESPERA_MAXIMA
        while self._pendente(pagina) and time.monotonic() < limite and not pagina.is_closed():
            pagina.wait_for_timeout(20)

    def _rotear(self, rota) -> None:
        requisicao = rota.request
        if not self.da_origem(requisicao.url):
            rota.abort("blockedbyclient")  # registrada em _ao_requisitar
            return
        if requisicao.is_navigation_request() and requisicao.frame.parent_frame is None:
            # O documento que está sendo deixado ainda vive enquanto a navegação está retida aqui.
            self._esperar_exames(requisicao.frame.page)
        rota.continue_()

    # --- desmontagem ---

    def _examinar_capturas(self, navegador) -> None:
        capturas = [captura for lista in self.capturas.values() for captura in lista if captura[1]]
        if not capturas:
            return
        contexto = navegador.new_context(locale="pt-BR")
        atual = {}

        def servir(rota):
            url = rota.request.url
            if url == atual.get("url"):
                rota.fulfill(status=200, content_type="text/html; charset=utf-8", body=atual["html"])
            elif not self.da_origem(url) or rota.request.resource_type == "script":
                rota.abort("blockedbyclient")  # sem JavaScript, como no contexto examinado
            else:
                rota.continue_()

        contexto.route("**/*", servir)
        pagina = contexto.new_page()
        try:
            for url, html in capturas:
                atual.update(url=url, html=html)
                try:
                    pagina.goto(url)
                    pagina.evaluate(self.fonte_do_axe)
                    self._registrar_exame(url, pagina.evaluate(_AXE_RODAR), None, "sem JavaScript")
                except Exception as erro:  # noqa: BLE001
                    self.falhas_do_exame.append(f"{url} (sem JavaScript): {erro}")
        finally:
            contexto.close()

    def concluir(self, navegador) -> list[str]:
        """Espera os exames em curso, examina o HTML capturado e devolve tudo o que deve reprovar o teste."""
        for pagina in self._paginas:
            if not pagina.is_closed():
                self._esperar_exames(pagina)
        if not self.javascript:
            self._examinar_capturas(navegador)
        problemas = []
        if self.javascript:
            examinados = [
                _sem_fragmento(documento.url)
                for documentos in self.documentos.values()
                for documento in documentos.values()
                if documento.exames_concluidos
            ]
        else:
            examinados = [_sem_fragmento(url) for lista in self.capturas.values() for url, html in lista if html]
        sem_exame = Counter(self.respostas_de_documento) - Counter(examinados)
        if sem_exame:
            problemas.append(f"documentos carregados e não examinados pelo axe: {dict(sem_exame)}")
        if self.respostas_de_documento and not self.exames_feitos:
            problemas.append("nenhum documento foi examinado pelo axe")
        self.erros_de_js.extend(
            texto for url, texto in self.falhas_de_carga
            if url not in self.documentos_com_erro and url not in self.requisicoes_externas
        )
        self.falhas_de_carga.clear()
        for titulo, itens in [
            ("erros de JavaScript", self.erros_de_js),
            ("violações da Content-Security-Policy", self.violacoes_de_csp),
            ("requisições a outra origem (nenhuma página carrega nada de fora)", self.requisicoes_externas),
            ("cabeçalhos de segurança ausentes ou errados", self.cabecalhos_faltando),
            ("violações de acessibilidade (axe, serious/critical)", self.violacoes_de_acessibilidade),
            ("falhas ao rodar o axe", self.falhas_do_exame),
        ]:
            if itens:
                problemas.append(titulo + ":\n  " + "\n  ".join(dict.fromkeys(itens)))
        return problemas
