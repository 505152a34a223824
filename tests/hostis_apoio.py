"""Entradas hostis para os testes de propriedade (hypothesis) dos formulários e dos envios de arquivo: números
brasileiros (CPF, CNPJ, NIT) certos, com o dígito errado, do tamanho errado, com máscara, letras e dígitos de
outras escritas; datas impossíveis e fora do tempo; textos longos, unicode, NUL, HTML e sintaxe de template.

E os ajudantes que leem o que o portal devolve: os formulários de uma página (lxml), o texto de um PDF (pypdf), os
arquivos gravados no armazenamento, e a prova de que uma carga de HTML apareceu escapada."""

import io
import os
from dataclasses import dataclass, field

import lxml.html
import pytest
from django.db import transaction
from django.test import Client
from hypothesis import strategies as st
from pypdf import PdfReader

from portal.demo import semear_demo
from portal.validadores import _dv_mod11, cnpj_com_digitos
from tests.test_consultas_por_pagina import _clientes
from tests.volume_apoio import Vitrine, povoar

# --- números com dígito verificador ---------------------------------------------------------------------------

DIGITOS_ARABES = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DIGITOS_LARGOS = str.maketrans("0123456789", "０１２３４５６７８９")


def cpf_de(base: str) -> str:
    d1 = _dv_mod11(base, list(range(10, 1, -1)))
    return f"{base}{d1}{_dv_mod11(f'{base}{d1}', list(range(11, 1, -1)))}"


def nit_de(base: str) -> str:
    resto = sum(int(d) * p for d, p in zip(base, [3, 2, 9, 8, 7, 6, 5, 4, 3, 2], strict=True)) % 11
    return f"{base}{0 if resto < 2 else 11 - resto}"


def _trocar_ultimo(numero: str) -> str:
    return f"{numero[:-1]}{(int(numero[-1]) + 1) % 10}"


def _base(tamanho: int):
    # Sem os números de um dígito só repetido (000..., 111...), que os validadores recusam de propósito.
    return st.text("0123456789", min_size=tamanho, max_size=tamanho).filter(lambda s: len(set(s)) > 1)


cpfs_validos = _base(9).map(cpf_de).filter(lambda c: len(set(c)) > 1)
cnpjs_validos = _base(12).map(cnpj_com_digitos)
nits_validos = _base(10).map(nit_de).filter(lambda n: len(set(n)) > 1)


def _mascarar_cpf(cpf: str) -> str:
    return f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}"


def _mascarar_cnpj(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def _mascarar_nit(nit: str) -> str:
    return f"{nit[:3]}.{nit[3:8]}.{nit[8:10]}-{nit[10]}"


def _variantes_invalidas(validos, tamanho: int):
    """Tudo o que um número de `tamanho` dígitos não pode ser."""
    return st.one_of(
        validos.map(_trocar_ultimo),  # dígito verificador errado
        st.text("0123456789", min_size=0, max_size=tamanho - 1),  # curto
        st.text("0123456789", min_size=tamanho + 1, max_size=tamanho + 8),  # longo
        st.sampled_from("0123456789").map(lambda d: d * tamanho),  # repetido
        validos.map(lambda n: n[:4] + "a" + n[5:]),  # letra no meio
        st.text(min_size=1, max_size=30),  # qualquer coisa
        TEXTOS_HOSTIS,
    )


def _variantes_validas(validos, mascarar):
    """O mesmo número escrito de jeitos que a pessoa digita: com máscara, com espaços, em dígitos de outras
    escritas (árabes-índicos, de largura total)."""
    return st.one_of(
        validos, validos.map(mascarar), validos.map(lambda n: f"  {n}  "),
        validos.map(lambda n: n.translate(DIGITOS_ARABES)),
        validos.map(lambda n: mascarar(n).translate(DIGITOS_LARGOS)),
    )


# --- textos -----------------------------------------------------------------------------------------------------

CARGAS_HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "{{ request.user.password }}",
    "{% debug %}",
    "</textarea><script>alert(2)</script>",
    "javascript:alert(1)",
]
# O que nunca pode sair cru numa página ou e-mail em HTML: sinal de que a carga foi interpretada.
MARCAS_CRUAS = ("<script>alert", "<img src=x", "<svg onload", "</textarea><script")

TEXTOS_HOSTIS = st.one_of(
    st.sampled_from(CARGAS_HTML),
    st.sampled_from(["\x00", "a\x00b", "Maria\x00", "\u202eabc", "e\u0301\u0301\u0301", "🙂👩‍👩‍👧", "مرحبا",
                     "\ufeff", "\r\n\r\n", " ", "ǅ", "ß", "İ", "\u200b", "ⅫⅣ", "²³", "١٢٣"]),
    st.integers(min_value=10_000, max_value=12_000).map(lambda n: ("Ação 🙂 <b>" * (n // 11 + 1))[:n]),
    st.text(min_size=1, max_size=60),
    st.tuples(st.text(max_size=20), st.sampled_from(CARGAS_HTML), st.text(max_size=20)).map("".join),
)

# Texto que o portal deve guardar e mostrar (sem NUL nem controle, que os formulários recusam): a carga de HTML
# mais unicode. É o que prova que tudo sai escapado.
TEXTOS_GUARDAVEIS = st.tuples(
    st.sampled_from(CARGAS_HTML),
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), max_size=15),
).map(lambda partes: f"Teste {partes[1]} {partes[0]} fim".strip())

DATAS_HOSTIS = st.one_of(
    st.sampled_from(["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "0001-01-01",
                     "1899-12-31", "9999-12-31", "10000-01-01", "31/02/2026", "29/02/2025", "1/1/1", "hoje",
                     "2026-1-1", "20260101", "-2026-01-01", "2026-01-01T10:00", "١٩٥٠-٠١-٠١", "", " "]),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates().map(lambda d: d.isoformat()),
    TEXTOS_HOSTIS,
)

NUMEROS_HOSTIS = st.one_of(
    st.sampled_from(["-1", "0", "1.5", "1,5", "1e3", "99999999999999999999999", "NaN", "inf", "²", "٣", "３",
                     "0x10", "", " 7 "]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    TEXTOS_HOSTIS,
)

def escritas_do_cpf(cpf: str):
    """Um CPF certo escrito dos jeitos que a pessoa digita."""
    return _variantes_validas(st.just(cpf), _mascarar_cpf)


cpfs_validos_escritos = _variantes_validas(cpfs_validos, _mascarar_cpf)
cnpjs_validos_escritos = _variantes_validas(cnpjs_validos, _mascarar_cnpj)
nits_validos_escritos = _variantes_validas(nits_validos, _mascarar_nit)
cpfs_quaisquer = st.one_of(cpfs_validos_escritos, _variantes_invalidas(cpfs_validos, 11))
cnpjs_quaisquer = st.one_of(cnpjs_validos_escritos, _variantes_invalidas(cnpjs_validos, 14))
nits_quaisquer = st.one_of(nits_validos_escritos, _variantes_invalidas(nits_validos, 11))

# --- o que o portal devolve ---------------------------------------------------------------------------------------


def html_sem_carga_crua(html: str) -> list[str]:
    """As marcas de carga interpretada achadas no HTML (vazio quando tudo saiu escapado)."""
    return [marca for marca in MARCAS_CRUAS if marca in html]


def texto_do_pdf(conteudo: bytes) -> str:
    return "\n".join(pagina.extract_text() or "" for pagina in PdfReader(io.BytesIO(conteudo)).pages)


def arquivos_em(pasta) -> set[str]:
    """Todos os arquivos sob a pasta (caminhos relativos), para comparar antes e depois de um envio."""
    achados = set()
    for raiz, _pastas, nomes in os.walk(pasta):
        for nome in nomes:
            achados.add(os.path.relpath(os.path.join(raiz, nome), pasta))
    return achados


@dataclass
class Formulario:
    """Um <form method="post"> de uma página: para onde vai e os valores que ela já traz (o primeiro de cada
    <select>, as caixas marcadas), que são a base sobre a qual cada campo recebe a entrada hostil."""

    acao: str
    valores: dict = field(default_factory=dict)
    textos: list = field(default_factory=list)  # campos de texto livre (text, textarea, search, email, tel)
    datas: list = field(default_factory=list)
    numeros: list = field(default_factory=list)
    arquivos: list = field(default_factory=list)
    botoes: list = field(default_factory=list)  # (nome, valor) de cada botão de envio: o navegador manda um só


def formularios_post(html: str, url: str) -> list[Formulario]:
    if not html.strip():
        return []
    documento = lxml.html.fromstring(html)
    achados = []
    for form in documento.forms:
        if (form.method or "GET").upper() != "POST":
            continue
        formulario = Formulario(acao=form.get("action") or url.split("?")[0])
        for elemento in form.inputs:
            nome = elemento.get("name")
            if not nome or nome == "csrfmiddlewaretoken":
                continue
            marca = elemento.tag
            tipo = (elemento.get("type") or "text").lower() if marca == "input" else marca
            if tipo in ("submit", "button", "image"):
                formulario.botoes.append((nome, elemento.get("value") or ""))
                continue
            if tipo == "file":
                formulario.arquivos.append(nome)
                continue
            if tipo in ("checkbox", "radio"):
                if elemento.checked or (tipo == "radio" and nome not in formulario.valores):
                    formulario.valores.setdefault(nome, elemento.get("value") or "on")
                continue
            if marca == "select":
                opcoes = [o.get("value", o.text_content()) for o in elemento.xpath(".//option")]
                escolhidas = [o.get("value", o.text_content()) for o in elemento.xpath(".//option[@selected]")]
                valor = (escolhidas or [o for o in opcoes if o] or [""])[0]
                formulario.valores[nome] = valor
                continue
            formulario.valores[nome] = elemento.value or ""
            if tipo in ("text", "textarea", "search", "email", "tel", "url"):
                formulario.textos.append(nome)
            elif tipo in ("date", "datetime-local", "time"):
                formulario.datas.append(nome)
            elif tipo == "number":
                formulario.numeros.append(nome)
        achados.append(formulario)
    return achados


def formularios_get(html: str) -> set[str]:
    """Os nomes dos campos dos <form method="get"> de uma página (filtros e buscas)."""
    if not html.strip():
        return set()
    documento = lxml.html.fromstring(html)
    return {elemento.get("name") for form in documento.forms if (form.method or "GET").upper() == "GET"
            for elemento in form.inputs if elemento.get("name")}


# --- arquivos hostis -------------------------------------------------------------------------------------------


def pdf_valido(texto: str = "documento") -> bytes:
    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_blank_page(width=200, height=200)
    escritor.add_metadata({"/Title": texto})
    saida = io.BytesIO()
    escritor.write(saida)
    return saida.getvalue()


def pdf_com_anexo(tamanho: int) -> bytes:
    """Um PDF válido de cerca de `tamanho` bytes: o volume vai num arquivo embutido de bytes aleatórios."""
    from pypdf import PdfReader as Leitor
    from pypdf import PdfWriter

    escritor = PdfWriter(clone_from=Leitor(io.BytesIO(pdf_valido())))
    escritor.add_attachment("volume.bin", os.urandom(tamanho))
    saida = io.BytesIO()
    escritor.write(saida)
    return saida.getvalue()


def pdf_cifrado() -> bytes:
    from pypdf import PdfReader as Leitor
    from pypdf import PdfWriter

    escritor = PdfWriter(clone_from=Leitor(io.BytesIO(pdf_valido())))
    escritor.encrypt("senha-do-teste")
    saida = io.BytesIO()
    escritor.write(saida)
    return saida.getvalue()


def png_valido() -> bytes:
    from PIL import Image

    saida = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(saida, "PNG")
    return saida.getvalue()


def png_ruidoso(lado: int) -> bytes:
    """Um PNG válido que não comprime (ruído): com lado 1400, passa de 5 MB."""
    from PIL import Image

    saida = io.BytesIO()
    Image.frombytes("RGB", (lado, lado), os.urandom(lado * lado * 3)).save(saida, "PNG")
    return saida.getvalue()


def jpeg_valido() -> bytes:
    from PIL import Image

    saida = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 30, 200)).save(saida, "JPEG")
    return saida.getvalue()


def zip_qualquer() -> bytes:
    import zipfile

    saida = io.BytesIO()
    with zipfile.ZipFile(saida, "w") as arquivo:
        arquivo.writestr("leia.txt", "conteúdo")
    return saida.getvalue()


HTML_HOSTIL = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
EXE_QUALQUER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program"
LIMITE_POR_ARQUIVO = 5 * 1024 * 1024


# --- os dados dos módulos ------------------------------------------------------------------------------------------


@dataclass
class Palco:
    vitrine: Vitrine
    clientes: dict[str, Client]


@pytest.fixture(scope="module", name="palco")
def fixture_palco(django_db_setup, django_db_blocker):
    """A demonstração + `povoar(1)` e um Client logado por persona, uma vez para o módulo, numa transação desfeita
    no fim. Cada teste (pytest-django) roda num ponto de salvamento dentro dela; cada exemplo, em outro."""
    with django_db_blocker.unblock():
        transacao = transaction.atomic()
        transacao.__enter__()
        try:
            semear_demo()
            yield Palco(povoar(1), _clientes())
        finally:
            transaction.set_rollback(True)
            transacao.__exit__(None, None, None)
