"""Arquivos hostis em todo envio de arquivo do portal (issue 9, ponto 2).

Como em `test_entradas_hostis.py`, os envios não são listados à mão: cada página do registro de
`test_consultas_por_pagina.py` é aberta e cada <form> POST com <input type="file"> é alvo. `ENVIOS` diz, para cada
um, o que ele aceita e como preencher o resto — e o teste `test_todo_envio_de_arquivo_esta_em_envios` falha
quando aparece um envio novo que não está lá.

Casos: conteúdo errado com o nome certo (PNG, ZIP, HTML, EXE chamados .pdf), PDF truncado, PDF corrompido
(cabeçalho certo, corpo de lixo), PDF cifrado, zero bytes, acima de 5 MB; conteúdo certo com nome errado (.exe,
.html, sem extensão, `doc.pdf.exe`) e nomes com truques (`../../etc/passwd.pdf`, `..\\..\\x.pdf`, caminho absoluto,
NUL, 300 caracteres, unicode, aspas, quebra de linha). Para cada um:

- nunca 500;
- recusado: uma mensagem em português que nomeia o problema, nenhum arquivo novo no armazenamento (a pasta é
  listada antes e depois), nenhuma linha nova;
- aceito (conteúdo certo): o nome no disco é do portal (prefixo + hash + extensão do conteúdo), o nome guardado
  para mostrar não tem pastas nem controle, e o download responde com um Content-Disposition limpo;
- no mesmo envio, os arquivos bons de um requerimento ficam (DESIGN, issue 5: "os arquivos que servem ficam").
E o limite de 30 MB por requerimento."""

import functools
import re
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from atendimento.models import DocumentoDoRequerimento, ImagemDaSupervisao
from certificados.models import CertificadoDoRepresentante
from portal.acordos.models import DocumentoDeAdesao
from portal.entidades.models import CapacitacaoPEP, DocumentoDoVinculo
from suporte.models import Anexo
from tests.hostis_apoio import (
    EXE_QUALQUER,
    HTML_HOSTIL,
    LIMITE_POR_ARQUIVO,
    Formulario,
    arquivos_em,
    fixture_palco,  # noqa: F401 — a fixture `palco`
    formularios_post,
    html_sem_carga_crua,
    jpeg_valido,
    pdf_cifrado,
    pdf_com_anexo,
    pdf_valido,
    png_ruidoso,
    png_valido,
    zip_qualquer,
)
from tests.test_consultas_por_pagina import PAGINAS

PDF, PNG, JPEG, CERTIFICADO = "pdf", "png", "jpeg", "certificado"
MODELOS = (DocumentoDoRequerimento, DocumentoDoVinculo, CapacitacaoPEP, DocumentoDeAdesao, Anexo, ImagemDaSupervisao,
           CertificadoDoRepresentante)
# Como o download de cada registro se chama (todos por views que conferem a permissão).
DOWNLOADS = {
    DocumentoDoRequerimento: lambda r: reverse("atendimento:documento", args=[r.pk]),
    Anexo: lambda r: reverse("suporte:anexo", args=[r.pk]),
    ImagemDaSupervisao: lambda r: reverse("atendimento:supervisao_imagem", args=[r.pk]),
    DocumentoDeAdesao: lambda r: reverse("acordos:documento", args=[r.pk]),
}
NOME_NO_DISCO = re.compile(r"^[A-Za-z0-9_-]+-[0-9a-f]{16}(_[A-Za-z0-9]{7})?\.(pdf|png|jpg)$")
# As frases das recusas (portal/arquivos.py, certificados/icp.py, a do Django para o arquivo vazio): uma delas tem
# de aparecer na página que volta.
RECUSAS = ("não é PDF", "não é PNG", "está vazio", "o limite é", "corrompido, incompleto ou protegido por senha",
           "Não foi possível ler o arquivo como certificado")


@dataclass(frozen=True)
class Envio:
    """Um formulário com arquivo: o que ele aceita e o que mais precisa para ser aceito."""

    aceita: tuple[str, ...]
    dados: dict = field(default_factory=dict)
    # False: só se provam as recusas (o resto do formulário depende de dados que a página não dá, como a conta
    # nova da adesão ou o CPF de um representante de outra entidade).
    prova_aceite: bool = True
    parcial: bool = False  # os bons ficam quando outro do mesmo envio é recusado


TEXTO = "Texto do teste."
# Chave: (nome da página no registro, a ação com os números trocados por N).
ENVIOS = {
    ("novo representante", "/entidade/representantes/novo/"): Envio((PDF,), prova_aceite=False),
    ("Escola PEP do representante", "/entidade/representantes/N/escola-pep/"):
        Envio((PDF,), {"concluida_em": "2025-03-10", "carga_horaria": "20"}),
    ("meu certificado", "/certificado/"): Envio((CERTIFICADO,), prova_aceite=False),
    ("chamado, pela entidade", "/suporte/chamados/L_N/responder/"): Envio((PNG, JPEG, PDF), {"texto": TEXTO}),
    ("chamado, pela técnica", "/suporte/chamados/L_N/responder/"): Envio((PNG, JPEG, PDF), {"texto": TEXTO}),
    ("chamado: responder", "/suporte/chamados/L_N/responder/"): Envio((PNG, JPEG, PDF), {"texto": TEXTO}),
    ("chamado: solucionar", "/suporte/chamados/L_N/solucionar/"): Envio((PNG, JPEG, PDF), {"solucao": TEXTO}),
    ("chamado: recusar", "/suporte/chamados/L_N/recusar/"): Envio((PNG, JPEG, PDF), {"motivo": TEXTO}),
    ("aderir (quem já representa)", "/aderir/"): Envio((PDF,), prova_aceite=False),
    # A adesão de Campinas volta a aguardar a entidade neste módulo (`adesao_aguardando`): a aprovada não mostra mais
    # o formulário da resposta.
    ("adesão da entidade", "/adesao/pedidos/N/responder/"): Envio((PDF,), {"resposta": TEXTO}),
    ("requerimento", "/requerimentos/N/responder/"): Envio((PDF,), {"resposta": TEXTO}),
    ("etapa do rascunho: formularios", "/requerimentos/N/preencher/formularios/"): Envio((PDF,), parcial=True),
    ("etapa do rascunho: documentos", "/requerimentos/N/preencher/documentos/"): Envio((PDF,), parcial=True),
    ("supervisão, pelo responsável", "/supervisao/N/"): Envio((PNG, JPEG)),
}
PAGINAS_POR_NOME = {pagina.nome: pagina for pagina in PAGINAS}


def _forma(acao: str) -> str:
    return re.sub(r"\d+", "N", acao)


def _conteudo_bom(envio: Envio) -> tuple[bytes, str]:
    if PDF in envio.aceita or CERTIFICADO in envio.aceita:
        return pdf_valido(), "pdf"
    return png_valido(), "png"


@functools.cache
def _grande(tipo: str) -> bytes:
    if tipo == PDF:
        return pdf_com_anexo(LIMITE_POR_ARQUIVO + 64 * 1024)
    return png_ruidoso(1400)


def _casos_de_conteudo(envio: Envio) -> list[tuple[str, str, bytes]]:
    """(caso, nome, conteúdo) que têm de ser recusados, com o nome da extensão que o envio aceita."""
    bom, extensao = _conteudo_bom(envio)
    casos = [
        ("ZIP com nome certo", zip_qualquer()),
        ("HTML com nome certo", HTML_HOSTIL),
        ("EXE com nome certo", EXE_QUALQUER),
        ("zero bytes", b""),
        ("truncado", bom[: len(bom) // 2]),
        ("cabeçalho certo, corpo de lixo", bom[:8] + b"\x00lixo" * 200),
        # Bem formado, só grande: sem a conferência do tamanho, passaria.
        ("acima de 5 MB", _grande(PDF if PDF in envio.aceita or CERTIFICADO in envio.aceita else PNG)),
    ]
    if PNG not in envio.aceita:
        casos.append(("PNG com nome certo", png_valido()))
    if JPEG not in envio.aceita:
        casos.append(("JPEG com nome certo", jpeg_valido()))
    if PDF in envio.aceita:
        casos.append(("PDF cifrado", pdf_cifrado()))
    else:
        casos.append(("PDF com nome certo", pdf_valido()))
    return [(caso, f"arquivo.{'cer' if CERTIFICADO in envio.aceita else extensao}", conteudo)
            for caso, conteudo in casos]


NOMES_COM_TRUQUE = [
    "documento.exe", "documento.html", "documento", "documento.pdf.exe", "../../etc/passwd.pdf",
    "..\\..\\windows\\x.pdf", "/etc/absoluto.pdf", "C:\\Users\\x\\y.pdf", "nul\x00byte.pdf", "n" * 300 + ".pdf",
    "relatório 🙂 ção \u202eexe.pdf", "aspas\"e'apostrofo.pdf", "quebra\r\nX-Injetado: 1.pdf", ".oculto.pdf",
]


def _arquivo(nome: str, conteudo: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(nome, conteudo, content_type="application/pdf")


def _linhas() -> dict:
    """Quantas linhas e o maior id de cada tabela de arquivos: uma troca (apaga uma, cria outra) também aparece."""
    return {modelo: (modelo.objects.count(), modelo.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
            for modelo in MODELOS}


def _novos(antes: dict) -> list:
    return [registro for modelo, (_quantos, maior) in antes.items() for registro in modelo.objects.filter(pk__gt=maior)]


def _formulario(cliente: Client, url: str, acao: str) -> Formulario:
    html = cliente.get(url).content.decode()
    return next(f for f in formularios_post(html, url) if _forma(f.acao) == acao and f.arquivos)


def _enviar(cliente: Client, formulario: Formulario, envio: Envio, arquivos: dict) -> tuple[int, str]:
    dados = formulario.valores | dict(formulario.botoes[:1]) | envio.dados | arquivos
    resposta = cliente.post(formulario.acao, dados, follow=True)
    return resposta.status_code, resposta.content.decode(errors="replace")


def _alvos():
    return [(pagina, acao) for pagina, acao in ENVIOS]


@pytest.fixture
def armazenamento(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(scope="module", autouse=True)
def adesao_aguardando(palco, django_db_blocker):
    """A adesão de Campinas aguardando a resposta a um pedido do INSS (desfeito com o palco no fim do módulo)."""
    from portal.acordos.models import Adesao, StatusAdesao

    with django_db_blocker.unblock():
        Adesao.objects.filter(entidade__cnpj="51885242000140").exclude(status=StatusAdesao.RECUSADA).update(
            status=StatusAdesao.AGUARDANDO_ENTIDADE)


@pytest.mark.django_db
def test_todo_envio_de_arquivo_esta_em_envios(palco):
    """Um formulário novo com <input type="file"> numa página do registro precisa entrar em ENVIOS."""
    achados = set()
    for pagina in PAGINAS:
        cliente = palco.clientes[pagina.persona]
        url = pagina.url(palco.vitrine)
        for formulario in formularios_post(cliente.get(url).content.decode(), url):
            if formulario.arquivos:
                achados.add((pagina.nome, _forma(formulario.acao)))
    assert achados == set(ENVIOS), (f"faltam em ENVIOS: {sorted(achados - set(ENVIOS))}; "
                                    f"sobram: {sorted(set(ENVIOS) - achados)}")


@pytest.mark.django_db
@pytest.mark.parametrize(("nome_da_pagina", "acao"), _alvos(), ids=[f"{p} {a}" for p, a in _alvos()])
def test_arquivo_hostil_e_recusado_com_mensagem_sem_sobra_no_disco_nem_no_banco(nome_da_pagina, acao, palco,
                                                                                  armazenamento):
    if connection.vendor != "postgresql":
        pytest.skip("Os envios são provados no PostgreSQL (NUL nos nomes, limites de texto).")
    envio = ENVIOS[(nome_da_pagina, acao)]
    pagina = PAGINAS_POR_NOME[nome_da_pagina]
    cliente = palco.clientes[pagina.persona]
    formulario = _formulario(cliente, pagina.url(palco.vitrine), acao)
    campo = formulario.arquivos[0]
    problemas = []
    for caso, nome, conteudo in _casos_de_conteudo(envio):
        with transaction.atomic():
            antes, disco = _linhas(), arquivos_em(armazenamento)
            status, corpo = _enviar(cliente, formulario, envio, {campo: _arquivo(nome, conteudo)})
            if status != 200:
                problemas.append(f"{caso}: status {status}")
            if not any(frase in corpo for frase in RECUSAS):
                problemas.append(f"{caso}: nenhuma mensagem de recusa na página")
            if _linhas() != antes:
                problemas.append(f"{caso}: gravou linhas {[type(r).__name__ for r in _novos(antes)]}")
            if arquivos_em(armazenamento) != disco:
                problemas.append(f"{caso}: deixou arquivos {sorted(arquivos_em(armazenamento) - disco)}")
            if html_sem_carga_crua(corpo):
                problemas.append(f"{caso}: carga crua na página")
            transaction.set_rollback(True)
    assert not problemas, "\n".join(problemas)


@pytest.mark.django_db
@pytest.mark.parametrize(("nome_da_pagina", "acao"), _alvos(), ids=[f"{p} {a}" for p, a in _alvos()])
def test_nome_com_truque_e_conteudo_certo_fica_com_nome_do_portal_e_download_limpo(nome_da_pagina, acao, palco,
                                                                                    armazenamento):
    if connection.vendor != "postgresql":
        pytest.skip("Os envios são provados no PostgreSQL (NUL nos nomes, limites de texto).")
    envio = ENVIOS[(nome_da_pagina, acao)]
    if not envio.prova_aceite:
        pytest.skip("O resto deste formulário depende de dados que a página não dá: só as recusas se provam.")
    pagina = PAGINAS_POR_NOME[nome_da_pagina]
    cliente = palco.clientes[pagina.persona]
    formulario = _formulario(cliente, pagina.url(palco.vitrine), acao)
    campo = formulario.arquivos[0]
    bom, _extensao = _conteudo_bom(envio)
    problemas = []
    for nome in NOMES_COM_TRUQUE:
        with transaction.atomic():
            antes = _linhas()
            status, corpo = _enviar(cliente, formulario, envio, {campo: _arquivo(nome, bom)})
            novos = _novos(antes)
            caso = repr(nome[:40])
            if status != 200:
                problemas.append(f"{caso}: status {status}")
            elif len(novos) != 1:
                problemas.append(f"{caso}: {len(novos)} registros novos (esperado 1); página: "
                                 f"{re.findall(r'feedback danger[^<]*<[^>]*>([^<]*)', corpo)[:3]}")
            else:
                registro = novos[0]
                arquivo = getattr(registro, "arquivo", None) or getattr(registro, "declaracao", None)
                disco = arquivo.name.rsplit("/", 1)[-1]
                if not NOME_NO_DISCO.match(disco):
                    problemas.append(f"{caso}: nome no disco {disco!r}")
                if not str(armazenamento.joinpath(arquivo.name).resolve()).startswith(str(armazenamento)):
                    problemas.append(f"{caso}: fora do armazenamento: {arquivo.name!r}")
                mostrado = getattr(registro, "nome", "")
                if re.search(r"[/\\\x00-\x1f\x7f]", mostrado) or len(mostrado) > 150:
                    problemas.append(f"{caso}: nome guardado {mostrado!r}")
                if type(registro) in DOWNLOADS:
                    baixado = cliente.get(DOWNLOADS[type(registro)](registro))
                    disposicao = baixado.get("Content-Disposition", "")
                    nome_baixado = re.search(r'filename="([^"]*)"$', disposicao)
                    if baixado.status_code != 200 or not nome_baixado or not re.fullmatch(
                            r"[\w .-]+", nome_baixado.group(1)) or ".." in disposicao:
                        problemas.append(f"{caso}: download {baixado.status_code} {disposicao!r}")
            if html_sem_carga_crua(corpo):
                problemas.append(f"{caso}: carga crua na página")
            transaction.set_rollback(True)
    assert not problemas, "\n".join(problemas)


@pytest.mark.django_db
@pytest.mark.parametrize(("nome_da_pagina", "acao"), [(p, a) for p, a in ENVIOS if ENVIOS[(p, a)].parcial])
def test_no_requerimento_os_arquivos_bons_do_mesmo_envio_ficam(nome_da_pagina, acao, palco, armazenamento):
    pagina = PAGINAS_POR_NOME[nome_da_pagina]
    cliente = palco.clientes[pagina.persona]
    formulario = _formulario(cliente, pagina.url(palco.vitrine), acao)
    assert len(formulario.arquivos) >= 2, formulario.arquivos
    bom, ruim = formulario.arquivos[:2]
    with transaction.atomic():
        antes = _linhas()
        status, corpo = _enviar(cliente, formulario, ENVIOS[(nome_da_pagina, acao)], {
            bom: _arquivo("bom.pdf", pdf_valido()), ruim: _arquivo("ruim.pdf", png_valido())})
        novos = _novos(antes)
        assert status == 200 and "“ruim.pdf” não é PDF" in corpo, corpo[:3000]
        assert [r.nome for r in novos] == ["bom.pdf"]
        assert len(arquivos_em(armazenamento)) == 1
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_o_requerimento_recusa_o_lote_que_passa_de_30_mb_sem_gravar_nada(palco, armazenamento):
    pagina = PAGINAS_POR_NOME["etapa do rascunho: documentos"]
    cliente = palco.clientes[pagina.persona]
    formulario = _formulario(cliente, pagina.url(palco.vitrine), "/requerimentos/N/preencher/documentos/")
    assert len(formulario.arquivos) >= 7, formulario.arquivos
    grande = pdf_com_anexo(int(4.6 * 1024 * 1024))  # 7 × 4,6 MB > 30 MB, cada um abaixo de 5 MB
    arquivos = {campo: _arquivo(f"parte-{i}.pdf", grande) for i, campo in enumerate(formulario.arquivos[:7])}
    with transaction.atomic():
        antes, disco = _linhas(), arquivos_em(armazenamento)
        status, corpo = _enviar(cliente, formulario, ENVIOS[(pagina.nome, "/requerimentos/N/preencher/documentos/")],
                                arquivos)
        novos = _novos(antes)
        # Os que cabem ficam; os que passariam dos 30 MB são recusados, cada um com a sua frase, e não deixam nada.
        assert status == 200 and "não foi anexado" in corpo and "o limite é 30,0 MB por requerimento" in corpo
        assert 0 < len(novos) < 7
        requerimento = novos[0].requerimento
        assert sum(d.tamanho for d in requerimento.documentos.all()) <= 30 * 1024 * 1024
        assert len(arquivos_em(armazenamento) - disco) == len(novos)
        transaction.set_rollback(True)
