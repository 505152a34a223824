"""Entradas hostis em todo formulário do portal (issue 9, ponto 2), com hypothesis.

Os formulários não são listados à mão: cada página do registro de `test_consultas_por_pagina.py` (todas as
páginas GET do portal, cada uma pela persona que a vê, com os objetos da vitrine de `povoar`) é aberta, e cada
<form> dela vira alvo — os GET (filtros e buscas) e os POST (tudo o que a pessoa envia). Página nova, formulário
novo: entra sozinho. Para cada formulário, o hypothesis troca os campos por CPFs/CNPJs/NITs certos e errados,
datas impossíveis, números absurdos, textos longos, unicode, NUL e cargas de HTML, e confere:

- nunca um 500 (o Client do Django levanta a exceção da view, e o teste falha com ela);
- nenhuma carga sai crua na resposta, na página para onde ela leva, nem na parte HTML dos e-mails;
- nenhuma mensagem do Django em inglês (as do formulário são em português);
- recusado o envio (o formulário volta com erro), o que a pessoa digitou volta nos campos, e nada foi gravado
  pela metade: nenhum evento de auditoria (todo serviço que muda estado grava um), nenhuma notificação.

Os dados (demonstração + `povoar(1)`) são montados uma vez para o módulo numa transação desfeita no fim; cada
exemplo roda num ponto de salvamento desfeito, e os `on_commit` (e-mails) rodam dentro dele.

No fim, os fluxos em que o texto guardado aparece em outro lugar (página de outra pessoa, aviso, e-mail, PDF
emitido) e os números certos escritos de qualquer jeito (máscara, espaços, dígitos árabes ou de largura total),
que têm de ser aceitos e guardados em ASCII."""

import inspect
import re
from datetime import timedelta
from html import escape
from urllib.parse import urlencode

import lxml.html
import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, TestCase
from django.urls import resolve
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atendimento.models import Requerimento
from portal.auditoria.models import Evento
from portal.notificacoes.models import Notificacao
from suporte.models import Chamado, Indisponibilidade
from tests.conftest import PERSONAS
from tests.hostis_apoio import (
    CARGAS_HTML,
    DATAS_HOSTIS,
    NUMEROS_HOSTIS,
    TEXTOS_GUARDAVEIS,
    TEXTOS_HOSTIS,
    Formulario,
    cnpjs_quaisquer,
    cpfs_quaisquer,
    cpfs_validos_escritos,
    escritas_do_cpf,
    fixture_palco,  # noqa: F401 — a fixture `palco`
    formularios_get,
    formularios_post,
    html_sem_carga_crua,
    nits_quaisquer,
    nits_validos_escritos,
    texto_do_pdf,
)
from tests.test_consultas_por_pagina import ANONIMO, PAGINAS, Pagina, _p

EXEMPLOS_GET = 6  # por página, além de SEMPRE: cada exemplo põe valores hostis em alguns parâmetros dela
EXEMPLOS_POST = 12  # por formulário POST
CONFIGURACAO = dict(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

# As mensagens padrão do Django em inglês: se uma delas aparece, faltou a tradução ou a mensagem do campo.
INGLES = ("This field is required", "Enter a valid", "Null characters are not allowed", "Select a valid choice",
          "Ensure this value", "is not one of the available choices", "Enter a whole number", "Enter a number")

# Páginas que o registro não mede (não mostram objetos), mas têm formulário: a entrada, o catálogo do Suporte
# já com um item escolhido, o cadastro de representante pelo Suporte (item 16).
EXTRAS = [
    _p("entrar", "account_login", ANONIMO),
    _p("municípios da UF (htmx, público)", "organizacao:municipios", ANONIMO, consulta={"uf": "SP"}),
    _p("novo chamado: item 11", "suporte:novo", "ana", consulta={"item": "11"}),
    _p("novo chamado: item 16 (CPF)", "suporte:novo", "ana", consulta={"item": "16"}),
    _p("novo chamado: item 12 (tela do erro)", "suporte:novo", "ana", consulta={"item": "12"}),
]
ALVOS = PAGINAS + EXTRAS
# Ações sem campo que a pessoa preencha, ou que encerram a sessão do cliente compartilhado.
ACOES_IGNORADAS = re.compile(r"^/conta/logout/$")
# Rascunhos que, por desenho, guardam o que estiver certo mesmo com outro campo recusado (a supervisão): neles a
# recusa pode gravar um evento; o que não pode é apagar o campo recusado (teste próprio abaixo).
RASCUNHOS = re.compile(r"^/supervisao/\d+/$")
# Parâmetros que as páginas leem da URL sem que um <form> GET os mostre.
PARAMETROS_DA_URL = ("pagina", "item", "vaga", "ciclo", "registrado", "aps", "uf", "status", "aba", "q",
                     "proximo", "exportar", "codigo", "crc")


@pytest.fixture(autouse=True)
def _midia_temporaria(settings, tmp_path):
    """Os PDFs que um envio aceito emite (certificado, declaração) vão para uma pasta do teste, não para var/."""
    settings.MEDIA_ROOT = tmp_path


def _estrategia_do_campo(nome: str, tipo: str):
    if "cpf" in nome:
        return cpfs_quaisquer
    if "cnpj" in nome:
        return cnpjs_quaisquer
    if "nit" in nome:
        return nits_quaisquer
    return {"texto": TEXTOS_HOSTIS, "data": DATAS_HOSTIS}.get(tipo, st.one_of(NUMEROS_HOSTIS, TEXTOS_HOSTIS))


def _campos(formulario: Formulario) -> dict[str, str]:
    """Cada campo que a pessoa preenche ou escolhe, com o seu tipo."""
    tipos = {nome: "texto" for nome in formulario.textos} | {nome: "data" for nome in formulario.datas}
    return {nome: tipos.get(nome, "escolha") for nome in formulario.valores} | tipos


def _sem_ingles(html: str) -> list[str]:
    return [frase for frase in INGLES if frase in html]


DIGITAVEIS = ("text", "email", "tel", "search", "url", "date", "time", "datetime-local", "number")


def _valores_na_pagina(html: str, acao: str) -> dict[str, str]:
    """Os valores que os campos do formulário da mesma ação mostram na resposta."""
    if not html.strip():
        return {}
    valores = {}
    for form in lxml.html.fromstring(html).forms:
        if (form.get("action") or acao) != acao:
            continue
        for elemento in form.inputs:
            tipo = (elemento.get("type") or "text").lower()
            if elemento.get("name") and (elemento.tag == "textarea" or elemento.tag == "input" and tipo in DIGITAVEIS):
                valores[elemento.get("name")] = elemento.value or ""
    return valores


def _comparavel(texto: str) -> str:
    # O parser de HTML troca NUL por U+FFFD e \r por \n; o navegador descarta o primeiro \n do <textarea>.
    texto = texto.replace("\r\n", "\n").replace("\r", "\n")
    return texto.replace("\x00", "").replace("\ufffd", "").replace("\ufeff", "").strip()


def _mensagens_cruas() -> list[str]:
    """As cargas cruas nas partes em HTML dos e-mails enviados (no texto puro, a carga literal é o certo)."""
    return [f"e-mail “{mensagem.subject}”: {marca}" for mensagem in mail.outbox
            for conteudo, tipo in getattr(mensagem, "alternatives", []) if "html" in tipo
            for marca in html_sem_carga_crua(conteudo)]


# --- os formulários GET: filtros e buscas ---------------------------------------------------------------------


def _parametros_lidos_pela_view(caminho: str) -> set[str]:
    """Os parâmetros de PARAMETROS_DA_URL que o código da view lê (aparecem entre aspas na função)."""
    fonte = inspect.getsource(inspect.unwrap(resolve(caminho).func))
    return {nome for nome in PARAMETROS_DA_URL if f'"{nome}"' in fonte}


# Os valores que, cada um sozinho em cada parâmetro, já derrubaram uma página: NUL (o PostgreSQL recusa), um
# dígito que isdigit() aceita e int() não ("²"), dígitos de outra escrita, um texto enorme; e duas cargas de HTML.
SEMPRE = ("\x00", "²", "٣", "x" * 10_001, *CARGAS_HTML[:2])


@pytest.mark.django_db
@pytest.mark.parametrize("pagina", ALVOS, ids=[pagina.nome for pagina in ALVOS])
def test_busca_e_filtro_com_valores_hostis_nunca_dao_500_nem_mostram_a_carga_crua(pagina: Pagina, palco):
    cliente = palco.clientes[pagina.persona]
    url = pagina.url(palco.vitrine)
    caminho, _, consulta = url.partition("?")
    html = cliente.get(url).content.decode()
    nomes = sorted(formularios_get(html) | _parametros_lidos_pela_view(caminho)
                   | {p.split("=")[0] for p in consulta.split("&") if p})

    def conferir(valores: dict):
        with transaction.atomic():
            resposta = cliente.get(f"{caminho}?{urlencode(valores)}")
            transaction.set_rollback(True)
        assert resposta.status_code in (200, 302, 404), (resposta.status_code, valores)
        corpo = resposta.content.decode(errors="replace")
        assert not html_sem_carga_crua(corpo), (html_sem_carga_crua(corpo), valores)
        assert not _sem_ingles(corpo), (_sem_ingles(corpo), valores)

    for nome in nomes:
        for valor in SEMPRE:
            conferir({nome: valor})

    @settings(max_examples=EXEMPLOS_GET, **CONFIGURACAO)
    @given(st.dictionaries(st.sampled_from(nomes or ["q"]), st.one_of(NUMEROS_HOSTIS, DATAS_HOSTIS), min_size=1))
    def enviar(valores):
        conferir(valores)

    enviar()


# --- os formulários POST --------------------------------------------------------------------------------------


def _formularios_da_pagina(cliente: Client, url: str) -> list[Formulario]:
    html = cliente.get(url).content.decode()
    vistos, achados = set(), []
    for formulario in formularios_post(html, url):
        # Uma lista com o mesmo formulário por linha (chegada, falta...): basta o primeiro de cada ação.
        forma = re.sub(r"\d+", "N", formulario.acao)
        if ACOES_IGNORADAS.match(formulario.acao) or forma in vistos or not _campos(formulario):
            continue
        vistos.add(forma)
        achados.append(formulario)
    return achados


def _contagens() -> tuple[int, int]:
    return Evento.objects.count(), Notificacao.objects.count()


def _postar_e_conferir(cliente: Client, formulario: Formulario, dados: dict, trocados: dict) -> str:
    """Envia, confere e devolve o desfecho ("recusado", "aceito" ou o status)."""
    mail.outbox.clear()
    cache.clear()  # o limite de tentativas (entrada, adesão) conta por exemplo, não pela rodada inteira
    with transaction.atomic():
        antes = _contagens()
        with TestCase.captureOnCommitCallbacks(execute=True):
            resposta = cliente.post(formulario.acao, dados)
        corpo = resposta.content.decode(errors="replace")
        contexto = (formulario.acao, trocados)
        assert resposta.status_code in (200, 302, 404), (resposta.status_code, *contexto)
        assert not html_sem_carga_crua(corpo), (html_sem_carga_crua(corpo), *contexto)
        assert not _sem_ingles(corpo), (_sem_ingles(corpo), *contexto)
        desfecho = str(resposta.status_code)
        if resposta.status_code == 200:
            mostrados = _valores_na_pagina(corpo, formulario.acao)
            de_volta = {nome: valor for nome, valor in trocados.items() if nome in mostrados}
            if de_volta:
                desfecho = "recusado"
                perdidos = {nome: (valor[:60], mostrados[nome][:60]) for nome, valor in de_volta.items()
                            if _comparavel(mostrados[nome]) != _comparavel(valor)}
                assert not perdidos, ("o formulário voltou sem o que foi digitado", *contexto, perdidos)
                if " danger" in corpo and not RASCUNHOS.match(formulario.acao):
                    assert _contagens() == antes, ("recusado, mas gravou eventos ou notificações", *contexto)
        elif resposta.status_code == 302:
            desfecho = "aceito"
            destino = cliente.get(resposta["Location"])
            seguinte = destino.content.decode(errors="replace")
            assert destino.status_code in (200, 302, 404), (destino.status_code, *contexto)
            assert not html_sem_carga_crua(seguinte), (html_sem_carga_crua(seguinte), resposta["Location"], *contexto)
        assert not _mensagens_cruas(), (_mensagens_cruas(), *contexto)
        transaction.set_rollback(True)
    return desfecho


@pytest.mark.django_db
@pytest.mark.parametrize("pagina", ALVOS, ids=[pagina.nome for pagina in ALVOS])
def test_formularios_post_da_pagina_recusam_com_mensagem_guardam_o_digitado_e_escapam_a_carga(pagina: Pagina, palco):
    if connection.vendor != "postgresql":
        pytest.skip("NUL e os limites de texto só se provam no PostgreSQL.")
    cliente = palco.clientes[pagina.persona]
    formularios = _formularios_da_pagina(cliente, pagina.url(palco.vitrine))
    if not formularios:
        pytest.skip("A página não tem formulário POST com campos.")
    for formulario in formularios:
        _fuzz_do_formulario(cliente, formulario)


def _fuzz_do_formulario(cliente: Client, formulario: Formulario) -> None:
    campos = _campos(formulario)
    # Antes do sorteio, a recusa certa de cada campo de texto: NUL, que todo CharField recusa. Assim todo
    # formulário passa ao menos uma vez pelo caminho "volta com a mensagem e com o que foi digitado".
    for nome in formulario.textos:
        _postar_e_conferir(cliente, formulario, formulario.valores | dict(formulario.botoes[:1]) | {nome: "a\x00b"},
                           {nome: "a\x00b"})

    @settings(max_examples=EXEMPLOS_POST, **CONFIGURACAO)
    @given(st.data())
    def enviar(data):
        escolhidos = data.draw(st.lists(st.sampled_from(sorted(campos)), min_size=1, max_size=len(campos),
                                        unique=True), label="campos")
        trocados = {nome: data.draw(_estrategia_do_campo(nome, campos[nome]), label=nome) for nome in escolhidos}
        botao = dict([data.draw(st.sampled_from(formulario.botoes), label="botão")] if formulario.botoes else [])
        _postar_e_conferir(cliente, formulario, formulario.valores | botao | trocados, trocados)

    enviar()


@pytest.mark.django_db
def test_supervisao_com_uma_observacao_recusada_nao_apaga_a_que_estava_gravada(palco):
    from atendimento.forms_supervisao import nome_das_observacoes
    from atendimento.models import RespostaDaSupervisao, Supervisao

    cliente = palco.clientes["heitor"]
    url = f"/supervisao/{palco.vitrine.supervisao}/"
    formulario = next(f for f in _formularios_da_pagina(cliente, url) if f.acao == url)
    gravada = Supervisao.objects.get(pk=palco.vitrine.supervisao).respostas.order_by("item").first()
    campo = nome_das_observacoes(gravada.item)
    with transaction.atomic():
        resposta = cliente.post(url, formulario.valores | {campo: "Nova\x00observação"})
        assert resposta.status_code == 200 and "Caracteres nulos não são permitidos" in resposta.content.decode()
        assert RespostaDaSupervisao.objects.get(pk=gravada.pk).observacoes == gravada.observacoes
        transaction.set_rollback(True)


# --- a carga guardada sai escapada em todo lugar que a mostra: páginas, e-mails e PDFs ----------------------------

EXEMPLOS_DE_CARGA = 4  # por fluxo: cada exemplo grava, abre páginas, e-mails e gera um PDF


def _erros(resposta) -> str:
    """As mensagens de erro da página (para o relatório de uma falha)."""
    html = resposta.content.decode(errors="replace")
    if not html.strip():
        return ""
    return " | ".join(" ".join(e.text_content().split()) for e in lxml.html.fromstring(html).xpath(
        "//*[contains(@class, 'feedback') or contains(@class, 'br-message')]"))[:2000]


def _compacto(texto: str) -> str:
    return "".join(texto.split())


def _mostra_escapado(html: str, texto: str) -> bool:
    return escape(texto) in html


def _emails_escapados(texto: str) -> list[str]:
    """Em cada e-mail que cita o texto: no HTML, escapado e nunca cru; no texto puro, literal (sem &lt;)."""
    problemas = []
    for mensagem in mail.outbox:
        if escape(texto) != texto and escape(texto) in mensagem.body:
            problemas.append(f"“{mensagem.subject}”: o texto puro mostra entidades HTML")
        for conteudo, tipo in getattr(mensagem, "alternatives", []):
            if "html" in tipo and (html_sem_carga_crua(conteudo) or escape(texto) != texto and texto in conteudo):
                problemas.append(f"“{mensagem.subject}”: HTML com a carga crua")
    return problemas


@pytest.mark.django_db
def test_nome_do_cidadao_com_html_sai_escapado_na_pagina_e_literal_no_pdf_do_termo(palco):
    cliente = palco.clientes["bruno (Campinas)"]
    rascunho = palco.vitrine.rascunho
    url = f"/requerimentos/{rascunho}/preencher/cidadao/"
    formulario = next(f for f in _formularios_da_pagina(cliente, url) if f.acao == url)

    @settings(max_examples=EXEMPLOS_DE_CARGA, **CONFIGURACAO)
    @given(st.sampled_from(CARGAS_HTML))
    def enviar(carga):
        nome = f"Maria {carga} Silva"
        with transaction.atomic():
            resposta = cliente.post(url, formulario.valores | {"acao": "rascunho", "cidadao_nome": nome})
            assert resposta.status_code == 302, _erros(resposta)
            assert Requerimento.objects.get(pk=rascunho).cidadao_nome == nome
            pagina = cliente.get(url).content.decode()
            assert _mostra_escapado(pagina, nome) and not html_sem_carga_crua(pagina)
            termo = cliente.get(f"/requerimentos/{rascunho}/formularios/termo_representacao.pdf")
            assert termo.status_code == 200
            assert _compacto(nome) in _compacto(texto_do_pdf(termo.content)), texto_do_pdf(termo.content)[:1500]
            transaction.set_rollback(True)

    enviar()


@pytest.mark.django_db
def test_chamado_com_html_no_titulo_e_na_descricao_sai_escapado_nas_paginas_e_nos_emails(palco):
    cliente = palco.clientes["ana"]

    @settings(max_examples=EXEMPLOS_DE_CARGA, **CONFIGURACAO)
    @given(TEXTOS_GUARDAVEIS, st.sampled_from(CARGAS_HTML))
    def enviar(titulo, carga):
        descricao = f"Descrição com {carga}\nsegunda linha"
        mail.outbox.clear()
        with transaction.atomic():
            antes = set(Chamado.objects.values_list("pk", flat=True))
            with TestCase.captureOnCommitCallbacks(execute=True):
                resposta = cliente.post("/suporte/novo/", {"item": "11", "titulo": titulo[:200],
                                                           "descricao": descricao})
            assert resposta.status_code == 302, _erros(resposta)
            chamado = Chamado.objects.exclude(pk__in=antes).get()
            assert (chamado.titulo, chamado.descricao) == (titulo[:200].strip(), descricao.strip())
            for persona in ("ana", "elisa"):
                pagina = palco.clientes[persona].get(f"/suporte/chamados/{chamado.codigo}/").content.decode()
                assert not html_sem_carga_crua(pagina), persona
                assert _mostra_escapado(pagina, chamado.titulo), persona
                assert all(_mostra_escapado(pagina, linha) for linha in chamado.descricao.splitlines()), persona
            # O aviso aos técnicos cita o título: literal no texto puro, escapado no HTML e na lista de avisos.
            citam = [mensagem for mensagem in mail.outbox if chamado.titulo in mensagem.body]
            assert citam, "o e-mail do chamado novo não cita o título"
            assert all(any(escape(chamado.titulo) in conteudo for conteudo, tipo in mensagem.alternatives
                           if "html" in tipo) for mensagem in citam)
            assert not _emails_escapados(chamado.titulo), _emails_escapados(chamado.titulo)
            avisos = palco.clientes["elisa"].get("/notificacoes/").content.decode()
            assert _mostra_escapado(avisos, chamado.titulo) and not html_sem_carga_crua(avisos)
            transaction.set_rollback(True)

    enviar()


@pytest.mark.django_db
def test_certificado_de_indisponibilidade_mostra_a_descricao_com_html_como_texto(palco):
    cliente = palco.clientes["elisa"]
    codigo = palco.vitrine.chamado
    agora = timezone.localtime()

    @settings(max_examples=EXEMPLOS_DE_CARGA, **CONFIGURACAO)
    @given(st.sampled_from(CARGAS_HTML))
    def enviar(carga):
        descricao = f"Queda do sistema {carga} confirmada"
        mail.outbox.clear()
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                resposta = cliente.post(f"/suporte/chamados/{codigo}/indisponibilidade/", {
                    "sistemas": f"Portal {carga}", "descricao": descricao,
                    "inicio": (agora - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
                    "fim": (agora - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")})
            assert resposta.status_code == 302, _erros(resposta)
            registro = Indisponibilidade.objects.filter(chamado__codigo=codigo).latest("pk")
            pdf = cliente.get(f"/suporte/chamados/{codigo}/indisponibilidades/{registro.pk}.pdf")
            texto = _compacto(texto_do_pdf(b"".join(pdf.streaming_content)))
            assert _compacto(descricao) in texto and _compacto(f"Portal {carga}") in texto, texto[:1500]
            pagina = palco.clientes["ana"].get(f"/suporte/chamados/{codigo}/").content.decode()
            assert not html_sem_carga_crua(pagina)
            assert not _emails_escapados(descricao), _emails_escapados(descricao)
            transaction.set_rollback(True)

    enviar()


@pytest.mark.django_db
def test_resposta_a_exigencia_com_html_sai_escapada_para_a_analista(palco):
    cliente = palco.clientes["bruno (Campinas)"]
    requerimento = palco.vitrine.requerimento

    @settings(max_examples=EXEMPLOS_DE_CARGA, **CONFIGURACAO)
    @given(TEXTOS_GUARDAVEIS)
    def enviar(texto):
        mail.outbox.clear()
        with transaction.atomic():
            with TestCase.captureOnCommitCallbacks(execute=True):
                resposta = cliente.post(f"/requerimentos/{requerimento}/responder/", {"resposta": texto})
            assert resposta.status_code == 302, _erros(resposta)
            for persona, url in (("gabriela", f"/analise/{requerimento}/"),
                                 ("bruno (Campinas)", f"/requerimentos/{requerimento}/")):
                pagina = palco.clientes[persona].get(url).content.decode()
                assert not html_sem_carga_crua(pagina), persona
                assert _mostra_escapado(pagina, texto.strip()), persona
            assert not _emails_escapados(texto.strip()), _emails_escapados(texto.strip())
            transaction.set_rollback(True)

    enviar()


# --- números certos, escritos de qualquer jeito: aceitos, e guardados só com dígitos ASCII ------------------------

EXEMPLOS_DE_NUMERO = 8


def _so_ascii(numero: str, tamanho: int) -> bool:
    return len(numero) == tamanho and numero.isascii() and numero.isdigit()


@pytest.mark.django_db
def test_cpf_e_nit_certos_com_mascara_espacos_ou_digitos_de_outra_escrita_sao_guardados_em_ascii(palco):
    cliente = palco.clientes["bruno (Campinas)"]
    rascunho = palco.vitrine.rascunho
    url = f"/requerimentos/{rascunho}/preencher/cidadao/"
    formulario = next(f for f in _formularios_da_pagina(cliente, url) if f.acao == url)

    @settings(max_examples=EXEMPLOS_DE_NUMERO, **CONFIGURACAO)
    @given(cpfs_validos_escritos, nits_validos_escritos)
    def enviar(cpf, nit):
        with transaction.atomic():
            resposta = cliente.post(url, formulario.valores | {"acao": "rascunho", "cidadao_cpf": cpf,
                                                               "cidadao_nit": nit})
            assert resposta.status_code == 302, (cpf, nit, _erros(resposta))
            requerimento = Requerimento.objects.get(pk=rascunho)
            assert _so_ascii(requerimento.cidadao_cpf, 11) and _so_ascii(requerimento.cidadao_nit, 11)
            transaction.set_rollback(True)

    enviar()


@pytest.mark.django_db
def test_central_135_agenda_com_o_cpf_mascarado_ou_em_outra_escrita(palco):
    from atendimento.atesp import MOTIVO_QUE_EXIGE_CASO
    from atendimento.models import Agendamento
    from atendimento.models_agenda import MotivoAtesp

    cliente = palco.clientes["iara"]
    url = f"/agendamentos/novo/?vaga={palco.vitrine.vaga}"
    formulario = next(f for f in _formularios_da_pagina(cliente, url) if f.acao == "/agendamentos/novo/")
    motivo = next(valor for valor in MotivoAtesp.values if valor != MOTIVO_QUE_EXIGE_CASO)

    @settings(max_examples=EXEMPLOS_DE_NUMERO, **CONFIGURACAO)
    @given(cpfs_validos_escritos, st.uuids())
    def enviar(cpf, chave):
        with transaction.atomic():
            antes = Agendamento.objects.order_by("-pk").values_list("pk", flat=True).first()
            resposta = cliente.post(formulario.acao, formulario.valores | {
                "cidadao_cpf": cpf, "cidadao_nome": "Cidadã da Central", "motivo": motivo, "chave": str(chave)})
            assert resposta.status_code == 302, (cpf, _erros(resposta))
            agendamento = Agendamento.objects.filter(pk__gt=antes).get()
            assert _so_ascii(agendamento.cidadao_cpf, 11)
            transaction.set_rollback(True)

    enviar()


@pytest.mark.django_db
def test_entrada_com_o_cpf_mascarado_ou_em_outra_escrita(palco, senha_demo):
    @settings(max_examples=EXEMPLOS_DE_NUMERO, **CONFIGURACAO)
    @given(escritas_do_cpf(PERSONAS["ana"]))
    def entrar(cpf):
        cache.clear()
        with transaction.atomic():
            resposta = Client().post("/conta/login/", {"login": cpf, "password": senha_demo})
            assert resposta.status_code == 302, (cpf, _erros(resposta))
            transaction.set_rollback(True)

    entrar()
