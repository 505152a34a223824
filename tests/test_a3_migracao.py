"""As etapas do art. 5º da Portaria 96/2024 (seed 004) no portal: sensibilização (comunicados e webinars da
gestão regional, enviados uma vez a quem representa entidades da SR), orientações gerais (/a3/: o Anexo I como
publicado, o prazo da entidade, webinars, materiais e perguntas) e monitoramento (a adoção por SR, UF, tipo e
lote, e as entidades não migradas) — com os números conferidos contra um conjunto montado à mão, o escopo da
SR e o custo fixo de consultas."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificados import services_migracao as services
from certificados.models import (
    ComunicadoA3,
    LoteDaMigracaoA3,
    OrientacaoA3,
    Webinario,
)
from certificados.orientacoes import ORIENTACOES, carregar_orientacoes
from certificados.selectors import lote_da_entidade, prazo_do_a3
from certificados.selectors_migracao import (
    GRUPO_DESDE_O_INICIO,
    GRUPO_SEM_LOTE,
    FiltroDoA3,
    adocao_do_a3,
    entidades_nao_migradas,
)
from portal.acordos.models import Acordo, StatusAcordo
from portal.auditoria.models import Evento
from portal.contas.models import Lotacao, PapelINSS
from portal.entidades.models import Entidade, Vinculo
from portal.notificacoes.models import Notificacao
from portal.organizacao.models import GerenciaExecutiva, SuperintendenciaRegional
from tests.a3_apoio import (
    BELO_HORIZONTE,
    certificado,
    entidade_com_acordo,
    mais_entidades,
    montar_sudeste_i,
    pessoa_nova,
    vinculo,
)

pytestmark = pytest.mark.django_db

CAMPINAS, OAB_SP = "51885242000140", "43419613000170"


@pytest.fixture
def adocao(demo, pessoa):
    return montar_sudeste_i(pessoa)


def _lote(nome: str) -> LoteDaMigracaoA3:
    return LoteDaMigracaoA3.objects.get(nome__startswith=nome)


# --- Monitoramento: os números ---------------------------------------------------------------------------------


def test_adocao_da_sr_bate_com_o_conjunto_montado_a_mao(adocao, pessoa):
    numeros = adocao_do_a3(pessoa("karina"))
    total = numeros.total
    assert (total.entidades, total.migradas, total.representantes, total.com_a3) == (6, 2, 7, 3)
    assert [(linha.rotulo, linha.entidades, linha.migradas) for linha in numeros.por_sr] == [("Sudeste I", 6, 2)]
    assert [(linha.rotulo, linha.entidades, linha.migradas) for linha in numeros.por_uf] == [("SP", 6, 2)]
    por_tipo = {linha.chave: (linha.entidades, linha.migradas, linha.representantes, linha.com_a3)
                for linha in numeros.por_tipo}
    assert por_tipo == {"prefeitura": (3, 1, 5, 2), "sindicato": (1, 0, 1, 0), "oab_seccional": (1, 1, 1, 1),
                        "associacao": (1, 0, 0, 0)}
    por_lote = [(linha.rotulo, linha.entidades, linha.migradas, linha.representantes, linha.com_a3)
                for linha in numeros.por_lote]
    assert por_lote == [
        ("Anexo I — Sudeste I", 1, 1, 1, 1),
        ("Lote 8 — prefeituras e sindicatos da Sudeste I", 3, 1, 4, 2),
        ("Acordo depois da Portaria (A3 desde o início)", 1, 0, 2, 0),
        ("Fora do cronograma (sem lote)", 1, 0, 0, 0),
    ]
    assert numeros.por_lote[0].detalhe == "16/05/2024 (prazo encerrado)"


def test_adocao_contada_de_outro_jeito_linha_a_linha_em_python(adocao, pessoa):
    agora = timezone.now()
    entidades = [e for e in Entidade.objects.filter(sr__numero=1)
                 if Acordo.objects.filter(entidade=e, status=StatusAcordo.VIGENTE).exists()]
    migradas = 0
    for entidade in entidades:
        ativos = [v for v in Vinculo.objects.filter(entidade=entidade) if v.ativo and v.valido_ate > agora]
        if ativos and all(any(c.valido for c in v.usuario.certificados_a3.all()) for v in ativos):
            migradas += 1
    numeros = adocao_do_a3(pessoa("karina"))
    assert (numeros.total.entidades, numeros.total.migradas) == (len(entidades), migradas)


def test_admin_ve_o_pais_e_gestor_da_gex_so_a_gex(adocao, pessoa):
    assert {linha.rotulo: linha.entidades for linha in adocao_do_a3(pessoa("admin")).por_sr} == {
        "Sudeste I": 6, "Sudeste II": 1, "Sudeste III": 1}
    campinas = GerenciaExecutiva.objects.get(codigo="21001")
    gestor_da_gex = pessoa("joao")
    Lotacao.objects.create(usuario=gestor_da_gex, papel=PapelINSS.GESTOR_REGIONAL, sr=campinas.sr, gex=campinas)
    total = adocao_do_a3(gestor_da_gex).total
    assert (total.entidades, total.migradas) == (2, 0)  # Prefeitura e Sindicato de Campinas


def test_lista_das_nao_migradas_do_prazo_mais_antigo_ao_mais_novo_com_o_prazo_de_cada_uma(adocao, pessoa):
    lotes = list(LoteDaMigracaoA3.objects.select_related("sr"))
    pendentes = list(entidades_nao_migradas(pessoa("karina"), FiltroDoA3(), lotes))
    assert [e.razao_social for e in pendentes] == [
        "Prefeitura de Valinhos", "Prefeitura Municipal de Campinas", "Sindicato dos Trabalhadores Rurais de Campinas",
        "Associação dos Aposentados de Sorocaba"]
    for entidade in pendentes:  # o lote calculado no banco é o de lote_da_entidade, o prazo o de prazo_do_a3
        lote = lote_da_entidade(entidade, lotes)
        esperado = GRUPO_DESDE_O_INICIO if entidade.inicio_do_acordo > date(2024, 5, 15) else (
            str(lote.pk) if lote else GRUPO_SEM_LOTE)
        assert entidade.grupo_do_lote == esperado
        prazo = prazo_do_a3(entidade)
        assert entidade.exige_a3_desde == (prazo.ultimo_dia + timedelta(days=1) if prazo.ultimo_dia else None)
    campinas = pendentes[1]
    assert (campinas.representantes, campinas.com_a3) == (2, 1)
    lote8 = _lote("Lote 8")
    assert [e.razao_social for e in entidades_nao_migradas(pessoa("karina"), FiltroDoA3(lote=str(lote8.pk)), lotes)
            ] == ["Prefeitura Municipal de Campinas", "Sindicato dos Trabalhadores Rurais de Campinas"]


def test_pagina_das_nao_migradas_mostra_o_prazo_e_exporta_csv(adocao, cliente_de):
    cliente = cliente_de("karina")
    html = cliente.get("/a3/monitoramento/pendentes/").content.decode()
    assert 'data-testid="total">4 entidade(s).' in html
    assert "vencido há" in html and "Prefeitura de Valinhos" in html and "OAB Seção São Paulo" not in html
    resposta = cliente.get("/a3/monitoramento/pendentes/", {"tipo": "prefeitura", "exportar": "csv"})
    assert resposta["Content-Type"].startswith("text/csv")
    linhas = list(csv.reader(io.StringIO(b"".join(resposta.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert linhas[0][0] == "Entidade" and [linha[0] for linha in linhas[1:]] == [
        "Prefeitura de Valinhos", "Prefeitura Municipal de Campinas"]
    valinhos, campinas = linhas[1], linhas[2]
    dias = (timezone.localdate() - date(2025, 3, 9)).days
    assert valinhos[4:8] == ["0 de 2", "09/03/2025", f"vencido há {dias} dias",
                             "Acordo depois da Portaria (A3 desde o início)"]
    fim_do_lote8 = _lote("Lote 8").fim
    assert campinas[4:6] == ["1 de 2", f"{fim_do_lote8:%d/%m/%Y}"]
    assert campinas[6] == f"faltam {(fim_do_lote8 - timezone.localdate()).days} dias"
    recusada = cliente.get("/a3/monitoramento/pendentes/", {"uf": "MG"}).content.decode()
    assert "Escolha uma UF da sua região." in recusada


def test_pagina_do_monitoramento_mostra_as_tabelas(adocao, cliente_de):
    html = cliente_de("karina").get("/a3/monitoramento/").content.decode()
    assert 'data-testid="a3-entidades">6<' in html and 'data-testid="a3-migradas">2<' in html
    assert 'data-testid="a3-com-a3">3<' in html and 'data-testid="a3-representantes">7<' in html
    for chave in ("sr", "uf", "tipo", "lote"):
        assert f'data-testid="a3-por-{chave}"' in html
    assert "Belo Horizonte" not in html and "Sudeste II" not in html


@pytest.mark.parametrize("caminho", ["/a3/monitoramento/", "/a3/monitoramento/pendentes/",
                                     "/a3/monitoramento/pendentes/?uf=SP&lote=desde-o-inicio", "/a3/", "/painel/"])
def test_cada_pagina_custa_o_mesmo_numero_de_consultas_com_10_vezesmais_entidades(
        adocao, cliente_de, django_assert_num_queries, caminho):
    cliente = cliente_de("karina")
    cliente.get(caminho)  # aquece a sessão e o cache de ContentType
    with CaptureQueriesContext(connection) as antes:
        assert cliente.get(caminho).status_code == 200
    mais_entidades(60)
    with django_assert_num_queries(len(antes.captured_queries)):
        cliente.get(caminho)
    assert len(antes.captured_queries) <= 12, [q["sql"][:120] for q in antes.captured_queries]


def _mais_comunicados_e_webinarios(quantidade: int, por) -> None:
    sr = SuperintendenciaRegional.objects.get(numero=1)
    for indice in range(quantidade):
        services.comunicado_a3_criar(titulo=f"Comunicado {indice}", corpo="Texto", sr=sr, por=por)
        services.webinario_agendar(titulo=f"Webinar {indice}", quando=timezone.now() + timedelta(days=indice + 1),
                                   link="https://exemplo.org/w", sr=sr, por=por)


@pytest.mark.parametrize(("apelido", "caminho"), [
    ("karina", "/a3/comunicados/"), ("karina", "/a3/webinarios/"), ("ana", "/a3/"), ("karina", "/a3/"),
])
def test_listas_de_comunicados_e_webinars_e_a_pagina_do_a3_custam_o_mesmo_com_mais_registros(
        demo, pessoa, cliente_de, django_assert_num_queries, apelido, caminho):
    _mais_comunicados_e_webinarios(2, pessoa("karina"))
    cliente = cliente_de(apelido)
    cliente.get(caminho)
    with CaptureQueriesContext(connection) as antes:
        assert cliente.get(caminho).status_code == 200
    _mais_comunicados_e_webinarios(20, pessoa("karina"))
    with django_assert_num_queries(len(antes.captured_queries)):
        cliente.get(caminho)
    assert len(antes.captured_queries) <= 12


def test_csv_das_nao_migradas_custa_o_mesmo_numero_de_consultas(adocao, cliente_de, django_assert_num_queries):
    cliente = cliente_de("karina")

    def baixar() -> int:
        return len(b"".join(cliente.get("/a3/monitoramento/pendentes/", {"exportar": "csv"}).streaming_content))

    baixar()
    with CaptureQueriesContext(connection) as antes:
        baixar()
    mais_entidades(60)
    with django_assert_num_queries(len(antes.captured_queries)):
        baixar()


# --- Quem alcança o quê -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("apelido", ["ana", "bruno", "carla", "diego", "elisa", "gabriela", "heitor", "joao"])
def test_quem_nao_e_da_gestao_regional_recebe_404_nas_paginas_da_gestao(demo, cliente_de, apelido):
    comunicado = ComunicadoA3.objects.create(titulo="T", corpo="C", sr=SuperintendenciaRegional.objects.get(numero=1))
    webinario = Webinario.objects.create(titulo="W", quando=timezone.now() + timedelta(days=3),
                                         link="https://exemplo.org/w", sr=comunicado.sr)
    cliente = cliente_de(apelido)
    if apelido == "bruno":
        cliente.post("/entidade/escolher/", {"vinculo": Vinculo.objects.filter(usuario__cpf="52998224725")[0].pk})
    for caminho in ("/a3/comunicados/", "/a3/comunicados/novo/", f"/a3/comunicados/{comunicado.pk}/",
                    "/a3/webinarios/", "/a3/webinarios/nova/", "/a3/monitoramento/", "/a3/monitoramento/pendentes/"):
        assert cliente.get(caminho).status_code == 404, caminho
    assert cliente.post(f"/a3/comunicados/{comunicado.pk}/enviar/").status_code == 404
    assert cliente.post(f"/a3/webinarios/{webinario.pk}/anunciar/").status_code == 404
    assert cliente.get("/a3/").status_code == 200
    assert not Notificacao.objects.exists()


def test_comunicado_e_webinar_de_outra_sr_sao_404_para_a_gestora(demo, cliente_de):
    sudeste2 = SuperintendenciaRegional.objects.get(numero=2)
    comunicado = ComunicadoA3.objects.create(titulo="De MG", corpo="C", sr=sudeste2)
    webinario = Webinario.objects.create(titulo="De MG", quando=timezone.now() + timedelta(days=3),
                                         link="https://exemplo.org/mg", sr=sudeste2)
    cliente = cliente_de("karina")
    assert cliente.get(f"/a3/comunicados/{comunicado.pk}/").status_code == 404
    assert cliente.post(f"/a3/comunicados/{comunicado.pk}/enviar/").status_code == 404
    assert cliente.post(f"/a3/webinarios/{webinario.pk}/anunciar/").status_code == 404
    assert "De MG" not in cliente.get("/a3/comunicados/").content.decode()
    assert "De MG" not in cliente.get("/a3/webinarios/").content.decode()
    assert ComunicadoA3.objects.get().enviado_em is None and Webinario.objects.get().anunciado_em is None
    recusado = cliente.post("/a3/comunicados/novo/", {"sr": sudeste2.pk, "titulo": "T", "corpo": "C"})
    assert "Escolha uma Superintendência Regional da lista." in recusado.content.decode()
    assert ComunicadoA3.objects.count() == 1


def test_gestor_lotado_na_gex_ve_os_da_sua_sr_mas_nao_envia(demo, pessoa, cliente_de):
    campinas = GerenciaExecutiva.objects.get(codigo="21001")
    Lotacao.objects.create(usuario=pessoa("joao"), papel=PapelINSS.GESTOR_REGIONAL, sr=campinas.sr, gex=campinas)
    comunicado = services.comunicado_a3_criar(titulo="Para SP", corpo="Texto", sr=campinas.sr, por=pessoa("karina"))
    cliente = cliente_de("joao")
    assert cliente.get(f"/a3/comunicados/{comunicado.pk}/").status_code == 200
    assert cliente.get("/a3/comunicados/novo/").status_code == 404
    with pytest.raises(services.ErroDaMigracao):
        services.comunicado_a3_enviar(comunicado=comunicado, por=pessoa("joao"))


# --- Sensibilização: comunicados ---------------------------------------------------------------------------------


def test_comunicado_vai_uma_vez_a_quem_representa_entidade_da_sr_com_o_cronograma_e_os_webinars(
        demo, pessoa, cliente_de, django_capture_on_commit_callbacks):
    sudeste1, sudeste2 = (SuperintendenciaRegional.objects.get(numero=n) for n in (1, 2))
    vencido = pessoa_nova("Representante com acesso vencido")
    vinculo(vencido, Entidade.objects.get(cnpj=CAMPINAS), dias=-1)
    Webinario.objects.create(titulo="A3 na Sudeste I", quando=timezone.now() + timedelta(days=5),
                             link="https://exemplo.org/sp", sr=sudeste1)
    Webinario.objects.create(titulo="A3 na Sudeste II", quando=timezone.now() + timedelta(days=5),
                             link="https://exemplo.org/mg", sr=sudeste2)
    Webinario.objects.create(titulo="Webinar que já passou", quando=timezone.now() - timedelta(days=5),
                             link="https://exemplo.org/velho", sr=sudeste1)
    cliente = cliente_de("karina")
    criado = cliente.post("/a3/comunicados/novo/", {"sr": sudeste1.pk, "titulo": "Prazo do A3",
                                                     "corpo": "Prezadas entidades, o A3 será exigido."})
    comunicado = ComunicadoA3.objects.get()
    assert criado.url == f"/a3/comunicados/{comunicado.pk}/"
    previa = cliente.get(criado.url).content.decode()
    assert "Anexo I — Sudeste I: 16/05/2024" in previa and "Vai para 3 representante(s)" in previa

    with django_capture_on_commit_callbacks(execute=True):
        resposta = cliente.post(f"/a3/comunicados/{comunicado.pk}/enviar/", follow=True)
    assert "Comunicado enviado a 3 representante(s)" in resposta.content.decode()
    comunicado.refresh_from_db()
    assert comunicado.enviado_em is not None and comunicado.destinatarios == 3
    notificacoes = Notificacao.objects.select_related("destinatario")
    assert sorted(n.destinatario.cpf for n in notificacoes) == sorted(
        pessoa(apelido).cpf for apelido in ("ana", "bruno", "carla"))  # Bruno uma vez, com duas entidades
    corpo = notificacoes[0].corpo
    assert corpo.startswith("Prezadas entidades, o A3 será exigido.")
    assert "Anexo I — Sudeste I: 16/05/2024" in corpo and "Lote 8 — prefeituras e sindicatos" in corpo
    assert "Sudeste II" not in corpo and "A3 na Sudeste I" in corpo and "https://exemplo.org/sp" in corpo
    assert "Webinar que já passou" not in corpo
    assert comunicado.corpo == corpo  # o texto enviado fica gravado
    assert len(mail.outbox) == 3 and "Prazo do A3" in mail.outbox[0].subject
    assert Evento.objects.filter(acao="comunicado_a3_enviado", objeto_id=str(comunicado.pk)).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        de_novo = cliente.post(f"/a3/comunicados/{comunicado.pk}/enviar/", follow=True)
    assert "Este comunicado já foi enviado." in de_novo.content.decode()
    assert Notificacao.objects.count() == 3 and len(mail.outbox) == 3


def test_envio_le_os_destinatarios_numa_consulta(demo, pessoa, django_assert_max_num_queries):
    from certificados.selectors_migracao import representantes_da_sr

    for indice in range(20):
        vinculo(pessoa_nova(f"Representante {indice}"), Entidade.objects.get(cnpj=CAMPINAS if indice % 2 else OAB_SP))
    sr = SuperintendenciaRegional.objects.get(numero=1)
    with django_assert_max_num_queries(1):
        assert len(list(representantes_da_sr(sr))) == 23


def test_o_administrador_envia_a_todas_as_srs(demo, pessoa, django_capture_on_commit_callbacks):
    comunicado = services.comunicado_a3_criar(titulo="A todos", corpo="Texto", sr=None, por=pessoa("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        quantos = services.comunicado_a3_enviar(comunicado=comunicado, por=pessoa("admin"))
    assert quantos == 4  # Ana, Bruno, Carla e Diego
    assert "Anexo I — Sudeste II" in ComunicadoA3.objects.get().corpo
    with pytest.raises(services.ErroDaMigracao):  # a gestora regional não envia a todas as SRs
        services.comunicado_a3_criar(titulo="A todos", corpo="Texto", sr=None, por=pessoa("karina"))


# --- Sensibilização: webinars -------------------------------------------------------------------------------------


def test_webinar_agendado_pela_gestora_e_anunciado_uma_vez_a_sr(demo, pessoa, cliente_de,
                                                                 django_capture_on_commit_callbacks):
    cliente = cliente_de("karina")
    quando = timezone.localtime() + timedelta(days=10)
    sudeste1 = SuperintendenciaRegional.objects.get(numero=1)
    resposta = cliente.post("/a3/webinarios/nova/", {
        "sr": sudeste1.pk, "titulo": "Como migrar para o A3", "quando": quando.strftime("%Y-%m-%dT%H:%M"),
        "link": "https://webinar.exemplo.gov.br/a3", "descricao": "Perguntas ao vivo."})
    assert resposta.status_code == 302
    webinario = Webinario.objects.get()
    assert (webinario.sr, webinario.criado_por, webinario.anunciado_em) == (sudeste1, pessoa("karina"), None)
    assert "Como migrar para o A3" in cliente_de("ana").get("/a3/").content.decode()  # já aparece na página
    assert "Como migrar para o A3" not in cliente_de("diego").get("/a3/").content.decode()  # outra SR

    with django_capture_on_commit_callbacks(execute=True):
        cliente.post(f"/a3/webinarios/{webinario.pk}/anunciar/")
    webinario.refresh_from_db()
    assert webinario.anunciado_em is not None
    avisados = sorted(Notificacao.objects.values_list("destinatario__cpf", flat=True))
    assert avisados == sorted(pessoa(apelido).cpf for apelido in ("ana", "bruno", "carla"))
    notificacao = Notificacao.objects.first()
    assert notificacao.titulo == "Webinar sobre o certificado A3: Como migrar para o A3"
    assert "https://webinar.exemplo.gov.br/a3" in notificacao.corpo and notificacao.url == "/a3/"

    with pytest.raises(services.ErroDaMigracao, match="já foi anunciado"):
        services.webinario_anunciar(webinario=webinario, por=pessoa("karina"))
    assert Notificacao.objects.count() == 3
    assert "Anunciado em" in cliente.get("/a3/webinarios/").content.decode()


def test_webinar_no_passado_e_recusado_com_mensagem(demo, cliente_de):
    resposta = cliente_de("karina").post("/a3/webinarios/nova/", {
        "sr": SuperintendenciaRegional.objects.get(numero=1).pk, "titulo": "Atrasado",
        "quando": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "link": "https://exemplo.org"})
    assert "Agende o webinar para uma data e hora futuras." in resposta.content.decode()
    assert not Webinario.objects.exists()


# --- Orientações gerais: /a3/ -------------------------------------------------------------------------------------


ANEXO_I = [
    ("16/05/2024", "SUDESTE I", "SP"),
    ("27/05/2024 a 07/06/2024", "NORTE/CENTRO-OESTE", "DF, GO, MS, MT, TO, PA, AM, RO, AC, AP e RR"),
    ("10/06/2024 a 21/06/2024", "SUDESTE III", "RJ"),
    ("24/06/2024 a 05/07/2024", "SUDESTE II", "MG e ES"),
    ("08/07/2024 a 19/07/2024", "NORDESTE", "BA, SE, AL, PE, PB, RN, CE, PI e MA"),
    ("22/07/2024 a 02/08/2024", "SUL", "PR, SC e (RS)*"),
]


def _linhas_da_tabela(html: str, testid: str) -> list[tuple[str, ...]]:
    import re

    tabela = html.split(f'data-testid="{testid}"')[1].split("</table>")[0]
    corpo = tabela.split("<tbody>")[1]
    return [tuple(re.sub(r"<[^>]+>", "", celula).strip() for celula in re.findall(r"<td>(.*?)</td>", linha, re.S))
            for linha in re.findall(r"<tr>(.*?)</tr>", corpo, re.S)]


def test_pagina_do_a3_traz_o_anexo_i_como_publicado_e_os_novos_lotes(demo, cliente_de):
    html = cliente_de("iara").get("/a3/").content.decode()
    assert _linhas_da_tabela(html, "anexo-i") == ANEXO_I
    assert ("* Devido aos eventos climáticos de chuvas intensas no território do Estado do Rio Grande do Sul, o "
            "cronograma deste estado será definido posteriormente.") in html
    novos = _linhas_da_tabela(html, "novos-lotes")
    assert [linha[0] for linha in novos] == ["Lote 8 — prefeituras e sindicatos da Sudeste I"]
    assert novos[0][1:] == (_lote("Lote 8").periodo, "Sudeste I", "SP", "Prefeitura, Sindicato")
    assert "prazo-da-entidade" not in html  # quem não representa entidade não tem prazo


def test_prazo_do_rs_definido_depois_aparece_na_nota(demo, cliente_de):
    LoteDaMigracaoA3.objects.filter(nome="Anexo I — Sul (Rio Grande do Sul)").update(
        inicio=date(2024, 9, 2), fim=date(2024, 9, 13))
    html = cliente_de("ana").get("/a3/").content.decode()
    assert "Prazo definido depois pela administração: 02/09/2024 a 13/09/2024." in html
    assert _linhas_da_tabela(html, "anexo-i")[-1] == ANEXO_I[-1]  # o texto da Portaria não muda


def test_carla_ve_o_prazo_da_oab_sp_vencido(demo, cliente_de):
    html = cliente_de("carla").get("/a3/").content.decode()
    assert 'data-testid="ultimo-dia">16/05/2024<' in html
    dias = (timezone.localdate() - date(2024, 5, 16)).days
    assert f'data-testid="situacao-do-prazo">vencido há {dias} dias<' in html
    assert "Anexo I — Sudeste I (16/05/2024)" in html  # a explicação


def test_ana_ve_o_prazo_do_lote_8_e_o_certificado_cadastrado(demo, pessoa, cliente_de):
    fim = _lote("Lote 8").fim
    html = cliente_de("ana").get("/a3/").content.decode()
    assert f'data-testid="ultimo-dia">{fim:%d/%m/%Y}<' in html
    assert f"faltam {(fim - timezone.localdate()).days} dias" in html
    assert "certificado-cadastrado" not in html
    certificado(pessoa("ana"))
    assert "certificado-cadastrado" in cliente_de("ana").get("/a3/").content.decode()


def test_materiais_e_perguntas_frequentes_da_portaria(demo, cliente_de):
    html = cliente_de("bruno").get("/a3/").content.decode()
    assert html.count('data-testid="pergunta"') == sum(1 for o in ORIENTACOES if o[0] == "pergunta")
    for trecho in ("Quem paga pelo certificado digital?", "sem qualquer ônus para o INSS (art. 2º, § 1º)",
                   "perdem o acesso ao Portal de Atendimento (art. 2º, § 2º)", "mesmo login e senha atuais",
                   "Suporte INSS", "/certificado/", "16095226"):
        assert trecho in html, trecho
    assert "Escolha a entidade pela qual você age" in html  # Bruno representa duas e ainda não escolheu


def test_carga_das_orientacoes_e_idempotente_e_preserva_a_edicao(demo):
    total = OrientacaoA3.objects.count()
    assert total == len(ORIENTACOES)
    OrientacaoA3.objects.filter(ordem=1, tipo="pergunta").update(texto="Editado pela administração.")
    assert carregar_orientacoes(OrientacaoA3) == 0
    assert OrientacaoA3.objects.count() == total
    assert OrientacaoA3.objects.get(ordem=1, tipo="pergunta").texto == "Editado pela administração."


def test_menu_leva_ao_a3_para_todos_e_ao_monitoramento_so_a_gestao_regional(demo, cliente_de):
    assert 'href="/a3/"' in cliente_de("carla").get("/").content.decode()
    assert 'href="/a3/monitoramento/"' not in cliente_de("carla").get("/").content.decode()
    assert 'href="/a3/monitoramento/"' in cliente_de("karina").get("/").content.decode()


def test_entidade_com_acordo_depois_da_portaria_usa_o_a3_desde_o_inicio(demo, pessoa, cliente_de):
    nova = entidade_com_acordo(BELO_HORIZONTE, nome="Prefeitura Nova", inicio=date(2025, 2, 1))
    representante = pessoa_nova("Representante da Nova")
    vinculo(representante, nova)
    from django.test import Client

    cliente = Client()
    cliente.force_login(representante, backend="django.contrib.auth.backends.ModelBackend")
    html = cliente.get("/a3/").content.decode()
    assert "Acesso só com o certificado A3 desde o início do acordo." in html
    assert "art. 1º, § 2º" in html
    assert Entidade.objects.filter(pk=nova.pk, sr__numero=2).exists()
