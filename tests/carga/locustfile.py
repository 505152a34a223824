"""As jornadas do teste de carga (issue 9, item 4), cada uma com a persona certa e a sessão dela.

    locust -f tests/carga/locustfile.py --headless -u 50 -r 10 -t 2m --host http://127.0.0.1:PORTA

O arquivo de alvos (CARGA_ALVOS, escrito por tests/carga/preparar.py) traz as sessões, os nomes dos cookies das
configurações de produção, os chamados solucionados que vencem durante a carga, os horários disputados e os CPFs
dos cidadãos. Cada pedido vai como o nginx o entrega ao gunicorn (X-Forwarded-Proto: https...), com o cookie de
sessão e o do CSRF escritos à mão: os dois são `Secure` e o cliente HTTP não os mandaria por http://.

Uma falha é o que uma pessoa não deveria ver: um 500 (ou qualquer status inesperado), uma página que não é a
pedida, um envio que não deu nem o resultado nem uma das mensagens previstas para quem perdeu a disputa."""

import http.cookiejar
import itertools
import json
import os
import random
import re
import secrets
import string
import time
import uuid
from pathlib import Path

import gevent
from locust import HttpUser, between, task

ALVOS = json.loads(Path(os.environ["CARGA_ALVOS"]).read_text())
PDF = Path(ALVOS["pdf"]).read_bytes()
CPFS = iter(ALVOS["cpfs"])
CODIGO = re.compile(r"L_\d{8,}")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# As mensagens de erro da página: as do formulário (_erros_do_formulario.html) e as dos campos (_campo.html).
MENSAGEM = re.compile(r'class="message-body">([^<]*)<|class="feedback[^"]*"[^>]*>(?:<i[^>]*></i>)?([^<]*)<')
CHAVE = re.compile(r'name="chave" value="([0-9a-f-]{36})"')
# Para quem perdeu a disputa, o portal responde 200 com uma destas frases (e nada muda).
PERDEU_A_APROVACAO = ("já foi fechado", "mudou enquanto você o via", "prazo de 7 dias")
# Com o prazo vencido, a resposta diz isso (e não que o chamado "mudou enquanto você o via"), vencido antes da
# carga ou durante ela, antes ou depois da varredura; uma aprovação aceita depois do prazo é uma falha.
PERDEU_O_PRAZO = ("já foi fechado", "prazo de 7 dias")
PRAZOS = ALVOS["prazos"]
PERDEU_A_VAGA = ("Sem vagas neste horário", "já tem um agendamento deste serviço")
PERDEU_A_SOLUCAO = ("mudou enquanto você o via",)
_ordem = itertools.count(1)


class _NenhumCookie(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie, request):
        return False


class Persona(HttpUser):
    abstract = True
    apelido = ""
    wait_time = between(1.5, 4)

    def on_start(self):
        self.client.cookies.set_policy(_NenhumCookie())
        porta = self.host.rsplit(":", 1)[-1].rstrip("/")
        self.origem = f"https://127.0.0.1:{porta}"
        segredo = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        cookies = {ALVOS["cookie_sessao"]: ALVOS["sessoes"][self.apelido], ALVOS["cookie_csrf"]: segredo}
        self.cabecalhos = {
            "X-Real-IP": "127.0.0.1", "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https",
            "Accept": "text/html", "Cookie": "; ".join(f"{nome}={valor}" for nome, valor in cookies.items()),
        }

    # --- pedidos -------------------------------------------------------------------------------------------

    def pagina(self, caminho: str, nome: str, marca: str) -> str:
        """GET de uma página que tem de responder 200 e ser a certa (a de login também é 200)."""
        with self.client.get(caminho, name=nome, headers=self.cabecalhos, allow_redirects=False,
                             catch_response=True) as resposta:
            texto = resposta.text
            if resposta.status_code != 200:
                resposta.failure(f"{caminho}: HTTP {resposta.status_code} {resposta.headers.get('Location', '')}")
            elif marca not in texto:
                resposta.failure(f"{caminho}: a página não mostra “{marca}”")
            else:
                resposta.success()
            return texto

    def enviar(self, caminho: str, dados: dict, nome: str, *, pagina: str, sucesso: str | None,
               perdeu: tuple[str, ...] = (), arquivos: dict | None = None) -> str:
        """POST do formulário com o token do CSRF tirado da página; o sucesso é um 302 para `sucesso` (um
        prefixo; None quando não pode haver sucesso); quem perdeu uma disputa recebe 200 com uma das frases de
        `perdeu`. Devolve 'ok <destino>', 'perdeu' ou 'falha'."""
        token = TOKEN.search(pagina)
        if token is None:
            self.environment.events.request.fire(
                request_type="POST", name=nome, response_time=0, response_length=0, response=None, context={},
                exception=AssertionError(f"{caminho}: a página do formulário não tem o token do CSRF"))
            return "falha"
        cabecalhos = {**self.cabecalhos, "Origin": self.origem, "Referer": self.origem + caminho}
        with self.client.post(caminho, data={**dados, "csrfmiddlewaretoken": token.group(1)}, files=arquivos,
                              name=nome, headers=cabecalhos, allow_redirects=False,
                              catch_response=True) as resposta:
            destino = resposta.headers.get("Location", "")
            if resposta.status_code == 302 and sucesso is not None and destino.startswith(sucesso):
                resposta.success()
                return f"ok {destino}"
            if resposta.status_code == 200 and any(frase in resposta.text for frase in perdeu):
                resposta.success()
                return "perdeu"
            mensagens = MENSAGEM.findall(resposta.text)
            explicacao = "; ".join(" ".join(partes).strip() for partes in mensagens) or resposta.text[:300]
            resposta.failure(f"{caminho}: HTTP {resposta.status_code} {destino} {explicacao}")
            return "falha"

    def duas_vezes(self, envio, nome: str) -> list[str]:
        """O mesmo envio duas vezes ao mesmo tempo (o duplo clique): se os dois deram certo, os dois levam ao mesmo
        objeto (o banco confere de novo depois da carga)."""
        pedidos = [gevent.spawn(envio) for _ in range(2)]
        gevent.joinall(pedidos)
        resultados = [pedido.value for pedido in pedidos]
        destinos = {resultado for resultado in resultados if resultado and resultado.startswith("ok")}
        if len(destinos) > 1:  # só a falha entra nas estatísticas: um tempo zero mudaria as medianas
            self.environment.events.request.fire(
                request_type="DUPLO", name=nome, response_time=0, response_length=0, response=None, context={},
                exception=AssertionError(f"o duplo clique levou a dois objetos: {sorted(destinos)}"))
        return resultados


class Gestora(Persona):
    """Ana (Prefeitura de Campinas) e Carla (OAB SP): os chamados e os requerimentos da entidade; abrem
    chamados (às vezes com duplo clique), aprovam ou recusam soluções enquanto o prazo corre."""

    abstract = True

    def on_start(self):
        super().on_start()
        self.solucionados = list(ALVOS["chamados_solucionados"][self.apelido])
        random.shuffle(self.solucionados)

    @task(3)
    def meus_chamados(self):
        aba = random.choice(["atendimento", "solucionados", "fechados"])
        self.pagina(f"/suporte/?aba={aba}", "suporte: meus chamados", "Chamados")

    @task(2)
    def requerimentos(self):
        self.pagina("/requerimentos/", "requerimentos da entidade", "Requerimentos de")

    @task(2)
    def abrir_chamado(self):
        caminho = "/suporte/novo/?item=11"
        formulario = self.pagina(caminho, "suporte: formulário de chamado", 'name="titulo"')
        duplo = random.random() < 0.3
        titulo = f"Carga {self.apelido} {next(_ordem)}{' [duplo]' if duplo else ''} {uuid.uuid4().hex[:8]}"
        dados = {"item": "11", "titulo": titulo, "descricao": "Dúvida aberta durante o teste de carga."}
        if chave := CHAVE.search(formulario):  # a chave do envio, se o formulário tem uma
            dados["chave"] = chave.group(1)

        def envio():
            return self.enviar(caminho, dados, "suporte: abrir chamado (POST)", pagina=formulario,
                               sucesso="/suporte/chamados/L_")

        if duplo:
            self.duas_vezes(envio, "suporte: abrir chamado (duplo clique)")
        else:
            envio()

    @task(3)
    def responder_a_solucao(self):
        """Aprova (ou recusa) um chamado solucionado: um dos semeados, cujo prazo pode estar vencendo agora,
        ou um que a Elisa solucionou durante a carga."""
        codigo = self.solucionados.pop() if self.solucionados else None
        if codigo is None or random.random() < 0.3:
            lista = self.pagina("/suporte/?aba=solucionados", "suporte: meus chamados", "Chamados")
            achados = CODIGO.findall(lista)
            codigo = random.choice(achados) if achados else codigo
        if codigo is None:
            return
        aprovar = random.random() < 0.75
        acao = "aprovar" if aprovar else "recusar"
        caminho = f"/suporte/chamados/{codigo}/{acao}/"
        with self.client.get(caminho, name=f"suporte: {acao} (formulário)", headers=self.cabecalhos,
                             allow_redirects=False, catch_response=True) as resposta:
            if resposta.status_code != 200:
                resposta.failure(f"{caminho}: HTTP {resposta.status_code}")
                return
            formulario = resposta.text
        dados = {"comentario": "Resolvido, obrigado."} if aprovar else {"motivo": "A solução não resolveu."}
        vencido = time.time() > PRAZOS.get(codigo, float("inf")) + 1  # 1 s de folga: o relógio é o mesmo
        resultado = self.enviar(caminho, dados, f"suporte: {acao} (POST)", pagina=formulario,
                                sucesso=None if vencido else f"/suporte/chamados/{codigo}/",
                                perdeu=PERDEU_O_PRAZO if vencido else PERDEU_A_APROVACAO)
        if not aprovar and resultado.startswith("ok"):
            PRAZOS.pop(codigo, None)  # recusado, volta à Elisa: solucionado de novo, terá outro prazo


class Ana(Gestora):
    apelido = "ana"
    fixed_count = 7


class Carla(Gestora):
    apelido = "carla"
    fixed_count = 5


class Bruno(Persona):
    """Atendente de Campinas: a lista de requerimentos e o detalhe; protocola alguns pelo assistente (com PDFs),
    repetindo o início e o último passo."""

    apelido = "bruno"
    fixed_count = 4
    PROTOCOLOS_POR_USUARIO = 2

    def on_start(self):
        super().on_start()
        self.protocolados = 0

    @task(4)
    def requerimentos(self):
        lista = self.pagina("/requerimentos/", "requerimentos da entidade", "Requerimentos de")
        ids = re.findall(r'href="/requerimentos/(\d+)/"', lista)
        if ids:
            self.pagina(f"/requerimentos/{random.choice(ids)}/", "requerimento (entidade)", "Protocolo")

    @task(2)
    def protocolar(self):
        if self.protocolados >= self.PROTOCOLOS_POR_USUARIO:
            return
        self.protocolados += 1
        formulario = self.pagina("/requerimentos/novo/", "assistente: novo", 'name="chave"')
        dados = {"servico": str(ALVOS["servico"]), "chave": CHAVE.search(formulario).group(1)}
        inicios = self.duas_vezes(lambda: self._iniciar(formulario, dados), "assistente: novo (duplo clique)")
        if "falha" in inicios:
            return
        pk = self.rascunho
        cidadao = {
            "cidadao_cpf": next(CPFS), "cidadao_nome": "Maria Aparecida dos Santos",
            "cidadao_nascimento": "1950-05-14", "cidadao_nit": "", "cidadao_telefone": "(19) 99876-5432",
            "cidadao_email": "", "endereco_cep": "13010-000", "endereco_logradouro": "Rua Barão de Jaguara",
            "endereco_numero": "100", "endereco_complemento": "", "endereco_bairro": "Centro", "uf": "SP",
            "municipio": "3509502", "acao": "continuar",
        }
        etapas = [
            ("cidadao", cidadao, None),
            ("formularios", {"acao": "continuar"}, {tipo: (f"{tipo}.pdf", PDF, "application/pdf")
                                                    for tipo in ALVOS["formularios"]}),
            ("documentos", {"acao": "continuar"}, {f"exigido_{pk_}": (f"exigido-{pk_}.pdf", PDF, "application/pdf")
                                                   for pk_ in ALVOS["exigidos"]}),
        ]
        for etapa, dados_da_etapa, arquivos in etapas:
            caminho = f"/requerimentos/{pk}/preencher/{etapa}/"
            pagina = self.pagina(caminho, f"assistente: {etapa}", "csrfmiddlewaretoken")
            if self.enviar(caminho, dados_da_etapa, f"assistente: {etapa} (POST)", pagina=pagina,
                           sucesso=f"/requerimentos/{pk}/preencher/", arquivos=arquivos) == "falha":
                return
        revisar = self.pagina(f"/requerimentos/{pk}/preencher/revisar/", "assistente: revisar", "Protocolar")
        self.duas_vezes(lambda: self.enviar(f"/requerimentos/{pk}/protocolar/", {}, "assistente: protocolar (POST)",
                                            pagina=revisar, sucesso=f"/requerimentos/{pk}/"),
                        "assistente: protocolar (duplo clique)")

    def _iniciar(self, formulario: str, dados: dict) -> str:
        cabecalhos = {**self.cabecalhos, "Origin": self.origem, "Referer": self.origem + "/requerimentos/novo/"}
        token = TOKEN.search(formulario).group(1)
        with self.client.post("/requerimentos/novo/", data={**dados, "csrfmiddlewaretoken": token},
                              name="assistente: novo (POST)", headers=cabecalhos, allow_redirects=False,
                              catch_response=True) as resposta:
            achado = re.match(r"/requerimentos/(\d+)/preencher/", resposta.headers.get("Location", ""))
            if resposta.status_code != 302 or achado is None:
                resposta.failure(f"novo: HTTP {resposta.status_code} {resposta.text[:300]!r}")
                return "falha"
            self.rascunho = int(achado.group(1))
            return f"ok {achado.group(0)}"


class Elisa(Persona):
    """Técnica de suporte da Sudeste I: a fila, o chamado, e soluciona os novos (a entidade aprova depois)."""

    apelido = "elisa"
    fixed_count = 6

    @task(3)
    def fila(self):
        texto = self.pagina("/suporte/fila/", "suporte: fila", "Fila do suporte")
        codigos = CODIGO.findall(texto)
        if codigos:
            self.pagina(f"/suporte/chamados/{random.choice(codigos)}/", "suporte: chamado", "L_")

    @task(2)
    def solucionar(self):
        texto = self.pagina("/suporte/fila/?status=abertos&pagina=1", "suporte: fila", "Fila do suporte")
        codigos = CODIGO.findall(texto)
        if not codigos:
            return
        codigo = random.choice(codigos[:10])
        caminho = f"/suporte/chamados/{codigo}/solucionar/"
        formulario = self.pagina(caminho, "suporte: solucionar (formulário)", 'name="solucao"')
        self.enviar(caminho, {"solucao": "Orientação enviada por e-mail."}, "suporte: solucionar (POST)",
                    pagina=formulario, sucesso=f"/suporte/chamados/{codigo}/", perdeu=PERDEU_A_SOLUCAO)


class Gabriela(Persona):
    apelido = "gabriela"
    fixed_count = 6

    @task(2)
    def fila(self):
        self.pagina("/analise/", "análise: fila", "Análise de requerimentos")

    @task(3)
    def requerimento(self):
        self.pagina(f"/analise/{random.choice(ALVOS['requerimentos'])}/", "análise: requerimento",
                    'data-testid="protocolo"')


class Karina(Persona):
    apelido = "karina"
    fixed_count = 4

    @task
    def painel(self):
        self.pagina("/painel/", "painel regional", "Painel regional")


class Agendador(Persona):
    """Iara (Central 135) e Heitor (balcão): agendam nos mesmos poucos horários, mais procura que lugares, às
    vezes com duplo clique (a mesma chave do formulário)."""

    abstract = True
    campos_extras: dict = {}

    @task(2)
    def agendar(self):
        vaga = random.choice(ALVOS["vagas"])
        caminho = f"/agendamentos/novo/?vaga={vaga}"
        formulario = self.pagina(caminho, "agenda: formulário", 'name="chave"')
        chave = CHAVE.search(formulario)
        if chave is None:
            return
        # Poucos com prioridade: a reserva só se enche com eles, e quem não tem prioridade não pode tomá-la antes
        # da véspera.
        prioridade = "deficiencia" if random.random() < 0.1 else ""
        dados = {"vaga": str(vaga), "chave": chave.group(1), "cidadao_cpf": next(CPFS),
                 "cidadao_nome": "José da Silva", "cidadao_nascimento": "1970-01-02", "cidadao_email": "",
                 "cidadao_telefone": "", "prioridade": prioridade, "motivo": "ntep", "caso": "",
                 **self.campos_extras}

        def envio():
            return self.enviar("/agendamentos/novo/", dados, "agenda: agendar (POST)", pagina=formulario,
                               sucesso="/agendamentos/", perdeu=PERDEU_A_VAGA)

        if random.random() < 0.3:
            self.duas_vezes(envio, "agenda: agendar (duplo clique)")
        else:
            envio()


class Iara(Agendador):
    apelido = "iara"
    fixed_count = 9

    @task(2)
    def vagas(self):
        self.pagina("/agendamentos/novo/?servico=atesp&uf=SP", "agenda: busca de vagas", "Agendar atendimento")


class Heitor(Agendador):
    apelido = "heitor"
    fixed_count = 9
    campos_extras = {"justificativa": "O cidadão não consegue ligar para a Central 135."}

    @task(2)
    def balcao(self):
        self.pagina(f"/agencia/balcao/?aps={ALVOS['aps']}&dia={ALVOS['dia']}", "balcão: lista do dia", "Balcão")
