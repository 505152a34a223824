"""A revisão regional: o painel da gestora regional, as listas com exportação, e o relatório em PDF e a
apresentação em PowerPoint — os números conferidos contra o banco, o escopo da SR ou da GEX, e o custo
fixo de consultas de cada página."""

import csv
import io
import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from pptx import Presentation

from atendimento.models import Requerimento, Servico, StatusRequerimento
from certificados.models import DocumentoEmitido
from portal.acordos.models import Acordo, Adesao, StatusAcordo, StatusAdesao
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.demo import _processo_sei_de_demo
from portal.entidades.models import Entidade, Vinculo
from portal.organizacao.models import GerenciaExecutiva, Municipio
from portal.painel import services
from portal.painel.models import RelatorioRegional, StatusRelatorio
from portal.painel.selectors import resumo_regional
from tests.fabricas import EntidadeFactory

pytestmark = pytest.mark.django_db

_indices = itertools.count(5000)
SOROCABA, VALINHOS, BELO_HORIZONTE = "3552205", "3556206", "3106200"


def _acordo(ibge: str, *, status=StatusAcordo.VIGENTE, fim_em_dias: int = 700, nome: str = "") -> Acordo:
    indice = next(_indices)
    entidade = EntidadeFactory(municipio=Municipio.objects.select_related("uf__sr").get(codigo_ibge=ibge),
                               **({"razao_social": nome} if nome else {}))
    hoje = timezone.localdate()
    adesao = None
    if status == StatusAcordo.EM_ANALISE:
        adesao = Adesao.objects.create(
            entidade=entidade, iniciada_por=Usuario.objects.get(cpf="30000000116"), representante_legal_nome="R",
            representante_legal_cpf="11144477735", representante_legal_cargo="Prefeito", regime="rgps",
            aceite_minuta=True, aceite_plano_de_trabalho=True, estrutura_fisica=True, status=StatusAdesao.APROVADA,
        )
    return Acordo.objects.create(
        numero=f"{indice}/2026-T", entidade=entidade, adesao=adesao, processo_sei=_processo_sei_de_demo(indice),
        vigencia_inicio=hoje - timedelta(days=400), vigencia_fim=hoje + timedelta(days=fim_em_dias), status=status,
    )


@pytest.fixture
def regiao(demo):
    """Sudeste I com acordos em cada situação, vencimentos nas três faixas e um acordo de outra SR."""
    criados = {
        "vence_20": _acordo(SOROCABA, fim_em_dias=20, nome="Prefeitura de Sorocaba"),
        "vence_45": _acordo(VALINHOS, fim_em_dias=45),
        "vence_80": _acordo(SOROCABA, fim_em_dias=80),
        "vencido": _acordo(SOROCABA, status=StatusAcordo.VENCIDO, fim_em_dias=-10),
        "rescindido": _acordo(VALINHOS, status=StatusAcordo.RESCINDIDO),
        "bloqueado": _acordo(VALINHOS, status=StatusAcordo.EM_ANALISE),
        "de_bh": _acordo(BELO_HORIZONTE, fim_em_dias=20),
    }
    return criados


def _esperado(sr_numero: int) -> dict[str, int]:
    """O que o banco diz, contado de outro jeito: linha a linha, em Python."""
    por_status: dict[str, int] = {}
    for acordo in Acordo.objects.filter(entidade__sr__numero=sr_numero):
        por_status[acordo.status] = por_status.get(acordo.status, 0) + 1
    return por_status


def test_os_numeros_do_painel_batem_com_o_banco_e_so_contam_a_sr_da_gestora(regiao, pessoa, cliente_de):
    karina = pessoa("karina")
    resumo = resumo_regional(karina)
    assert resumo.por_status == _esperado(1)
    assert resumo.vencendo == {30: 1, 60: 1, 90: 1}  # o de Belo Horizonte (Sudeste II) não entra
    assert resumo.entidades_sem_requerimento == Acordo.objects.filter(
        entidade__sr__numero=1, status=StatusAcordo.VIGENTE).values("entidade").distinct().count()

    pagina = cliente_de("karina").get("/painel/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert f'data-testid="total-acordos">{sum(_esperado(1).values())}<' in html
    assert 'data-testid="vencendo">3<' in html
    assert 'data-testid="bloqueados">1<' in html
    assert "Belo Horizonte" not in html


def test_entidade_que_protocolou_nos_ultimos_3_meses_sai_da_lista_sem_requerimento(regiao, pessoa):
    karina = pessoa("karina")
    antes = resumo_regional(karina).entidades_sem_requerimento
    servico = Servico.objects.first()
    sorocaba = regiao["vence_20"].entidade
    protocolado = StatusRequerimento.PROTOCOLADO
    Requerimento.objects.create(entidade=sorocaba, servico=servico, protocolo="1", status=protocolado,
                                protocolado_em=timezone.now() - timedelta(days=120))
    assert resumo_regional(karina).entidades_sem_requerimento == antes  # há mais de 3 meses: ainda conta
    Requerimento.objects.create(entidade=sorocaba, servico=servico, protocolo="2", status=protocolado,
                                protocolado_em=timezone.now() - timedelta(days=5))
    assert resumo_regional(karina).entidades_sem_requerimento == antes - 1


def test_filtros_por_uf_e_busca_e_uf_de_outra_regiao_recusada_com_mensagem(regiao, cliente_de):
    cliente = cliente_de("karina")
    por_busca = cliente.get("/painel/listas/vencendo/", {"busca": "Sorocaba"}).content.decode()
    assert "Prefeitura de Sorocaba" in por_busca and regiao["vence_45"].numero not in por_busca
    recusada = cliente.get("/painel/", {"uf": "MG", "busca": "Soro"})
    assert recusada.status_code == 200
    html = recusada.content.decode()
    assert "Escolha uma UF da sua região." in html
    assert 'value="Soro"' in html  # o que foi digitado volta


def test_cada_lista_e_paginada_e_exportavel_em_csv_so_com_a_regiao(regiao, cliente_de):
    cliente = cliente_de("karina")
    for chave in ("acordos", "vencendo", "bloqueados", "adesoes", "sem-requerimento", "representantes"):
        assert cliente.get(f"/painel/listas/{chave}/").status_code == 200, chave
    resposta = cliente.get("/painel/listas/vencendo/", {"exportar": "csv"})
    assert resposta["Content-Type"].startswith("text/csv")
    texto = b"".join(resposta.streaming_content).decode("utf-8-sig")
    linhas = list(csv.reader(io.StringIO(texto), delimiter=";"))
    assert linhas[0] == ["Número", "Entidade", "UF", "Fim da vigência", "Dias restantes"]
    numeros = [linha[0] for linha in linhas[1:]]
    assert numeros == [regiao["vence_20"].numero, regiao["vence_45"].numero, regiao["vence_80"].numero]
    assert cliente.get("/painel/listas/nao-existe/").status_code == 404


def test_representantes_com_acesso_vencendo_em_30_dias(regiao, pessoa, cliente_de):
    bruno_em_campinas = Vinculo.objects.get(usuario=pessoa("bruno"), entidade__cnpj="51885242000140")
    Vinculo.objects.filter(pk=bruno_em_campinas.pk).update(valido_ate=timezone.now() + timedelta(days=10))
    html = cliente_de("karina").get("/painel/listas/representantes/").content.decode()
    assert pessoa("bruno").nome in html
    assert resumo_regional(pessoa("karina")).representantes["vencendo"] == 1


def test_gestor_lotado_numa_gex_ve_so_a_gex(regiao, pessoa):
    campinas, sao_paulo = GerenciaExecutiva.objects.get(codigo="21001"), GerenciaExecutiva.objects.get(codigo="21004")
    Entidade.objects.filter(municipio_id=SOROCABA).update(gex=campinas)
    Entidade.objects.filter(municipio_id=VALINHOS).update(gex=sao_paulo)
    gestor_da_gex = pessoa("joao")
    Lotacao.objects.create(usuario=gestor_da_gex, papel=PapelINSS.GESTOR_REGIONAL, sr=campinas.sr, gex=campinas)
    resumo = resumo_regional(gestor_da_gex)
    assert resumo.regiao == str(campinas)
    assert resumo.vencendo == {30: 1, 60: 0, 90: 1}  # o de Valinhos (GEX São Paulo - Centro) não entra
    assert resumo.por_status == {"vigente": 4, "vencido": 1}  # Prefeitura e Sindicato de Campinas + Sorocaba


@pytest.mark.parametrize("apelido", ["ana", "diego", "fabio", "elisa", "gabriela", "heitor"])
def test_quem_nao_e_da_gestao_regional_recebe_404(regiao, cliente_de, apelido):
    cliente = cliente_de(apelido)
    assert cliente.get("/painel/").status_code == 404
    assert cliente.get("/painel/listas/acordos/").status_code == 404
    assert cliente.post("/painel/relatorios/", {"formato": "pdf"}).status_code == 404


def test_relatorio_em_pdf_e_registrado_e_verificavel(regiao, cliente_de, django_capture_on_commit_callbacks):
    cliente = cliente_de("karina")
    with django_capture_on_commit_callbacks(execute=True):
        resposta = cliente.post("/painel/relatorios/", {"formato": "pdf"})
    relatorio = RelatorioRegional.objects.get()
    assert resposta.url == f"/painel/relatorios/{relatorio.pk}/"
    assert (relatorio.status, relatorio.progresso) == (StatusRelatorio.PRONTO, 100)
    documento = DocumentoEmitido.objects.get(pk=relatorio.documento_id)
    assert (documento.tipo, documento.emitido_para.cpf) == ("relatorio_regional", "30000000116")
    baixado = cliente.get(f"/painel/relatorios/{relatorio.pk}/baixar/")
    assert b"".join(baixado.streaming_content).startswith(b"%PDF")
    conferido = cliente.get("/verificar/", {"codigo": documento.codigo_verificador, "crc": documento.crc})
    assert "Revisão regional dos ACT" in conferido.content.decode()


def _graficos(apresentacao) -> dict[str, object]:
    return {slide.shapes.title.text: forma.chart for slide in apresentacao.slides
            for forma in slide.shapes if forma.has_chart}


def test_apresentacao_tem_um_grafico_nativo_por_numero_chave_com_os_numeros_do_banco(
        regiao, pessoa, cliente_de, django_capture_on_commit_callbacks):
    cliente = cliente_de("karina")
    with django_capture_on_commit_callbacks(execute=True):
        cliente.post("/painel/relatorios/", {"formato": "pptx"})
    relatorio = RelatorioRegional.objects.get()
    assert relatorio.status == StatusRelatorio.PRONTO
    baixado = cliente.get(f"/painel/relatorios/{relatorio.pk}/baixar/")
    apresentacao = Presentation(io.BytesIO(b"".join(baixado.streaming_content)))
    titulos = [slide.shapes.title.text for slide in apresentacao.slides]
    assert titulos[0] == "Revisão regional dos Acordos de Cooperação Técnica"

    graficos = _graficos(apresentacao)
    esperado = _esperado(1)
    por_status = graficos["Acordos por situação"]
    assert list(por_status.plots[0].categories) == [rotulo for _, rotulo in StatusAcordo.choices]
    assert list(por_status.series[0].values) == [esperado.get(s, 0) for s in StatusAcordo.values]

    por_uf = graficos["Acordos por UF e situação"]
    ufs = list(por_uf.plots[0].categories)
    assert ufs == sorted(set(Acordo.objects.filter(entidade__sr__numero=1).values_list("entidade__uf_id", flat=True)))
    vigentes = next(serie for serie in por_uf.series if serie.name == "Vigente")
    assert list(vigentes.values) == [
        Acordo.objects.filter(entidade__sr__numero=1, entidade__uf_id=uf, status=StatusAcordo.VIGENTE).count()
        for uf in ufs]

    assert list(graficos["Acordos vigentes que vencem nos próximos 90 dias"].series[0].values) == [1, 1, 1]
    representantes = graficos["Representantes das entidades"].series[0].values
    assert representantes[0] == Vinculo.objects.filter(entidade__sr__numero=1, ativo=True,
                                                       valido_ate__gt=timezone.now()).count()

    tabelas = [slide for slide in apresentacao.slides if slide.shapes.title.text.startswith("Acordos vigentes que")
               and any(forma.has_table for forma in slide.shapes)]
    tabela = next(forma.table for forma in tabelas[0].shapes if forma.has_table)
    assert [tabela.cell(linha, 0).text for linha in range(1, 4)] == [
        regiao["vence_20"].numero, regiao["vence_45"].numero, regiao["vence_80"].numero]


def test_pedido_repetido_enquanto_gera_devolve_o_mesmo_relatorio(regiao, pessoa,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        primeiro = services.relatorio_solicitar(formato="pptx", por=pessoa("karina"))
    with django_capture_on_commit_callbacks(execute=False):
        segundo = services.relatorio_solicitar(formato="pptx", por=pessoa("karina"))
    assert primeiro.pk == segundo.pk and RelatorioRegional.objects.count() == 1
    assert services.relatorio_gerar(relatorio_id=primeiro.pk) is True
    assert services.relatorio_gerar(relatorio_id=primeiro.pk) is False  # um segundo worker não refaz


def test_falha_na_geracao_fica_registrada_e_a_pagina_diz_o_que_fazer(regiao, pessoa, cliente_de, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    def quebra(*args, **kwargs):
        raise RuntimeError("disco cheio")

    monkeypatch.setattr(services, "renderizar_apresentacao", quebra)
    cliente = cliente_de("karina")
    with django_capture_on_commit_callbacks(execute=True):
        cliente.post("/painel/relatorios/", {"formato": "pptx"})
    relatorio = RelatorioRegional.objects.get()
    assert relatorio.status == StatusRelatorio.FALHOU
    assert "Peça de novo" in cliente.get(f"/painel/relatorios/{relatorio.pk}/").content.decode()
    assert cliente.get(f"/painel/relatorios/{relatorio.pk}/baixar/").status_code == 404


def test_progresso_aparece_enquanto_na_fila_e_o_fragmento_htmx_atualiza(regiao, pessoa, cliente_de,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        relatorio = services.relatorio_solicitar(formato="pdf", por=pessoa("karina"))
    cliente = cliente_de("karina")
    html = cliente.get(f"/painel/relatorios/{relatorio.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="0"' in html
    services.relatorio_gerar(relatorio_id=relatorio.pk)
    fragmento = cliente.get(f"/painel/relatorios/{relatorio.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragmento and 'value="100"' in fragmento and "every 1s" not in fragmento


def test_relatorio_de_outra_pessoa_e_404(regiao, pessoa, cliente_de, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        relatorio = services.relatorio_solicitar(formato="pdf", por=pessoa("karina"))
    cliente = cliente_de("admin")
    assert cliente.get(f"/painel/relatorios/{relatorio.pk}/").status_code == 404
    assert cliente.get(f"/painel/relatorios/{relatorio.pk}/baixar/").status_code == 404


def test_formato_desconhecido_e_recusado_com_mensagem(regiao, cliente_de):
    resposta = cliente_de("karina").post("/painel/relatorios/", {"formato": "xls"}, follow=True)
    assert "Escolha o relatório em PDF ou a apresentação." in resposta.content.decode()
    assert not RelatorioRegional.objects.exists()


def _mais_acordos(quantidade: int) -> None:
    for indice in range(quantidade):
        _acordo(SOROCABA if indice % 2 else VALINHOS, fim_em_dias=10 + indice * 3,
                status=StatusAcordo.EM_ANALISE if indice % 5 == 0 else StatusAcordo.VIGENTE)


@pytest.mark.parametrize("caminho", [
    "/painel/", "/painel/listas/acordos/", "/painel/listas/vencendo/", "/painel/listas/bloqueados/",
    "/painel/listas/adesoes/", "/painel/listas/sem-requerimento/", "/painel/listas/representantes/",
])
def test_cada_pagina_do_painel_custa_o_mesmo_numero_de_consultas_com_mais_dados(
        regiao, cliente_de, django_assert_num_queries, caminho):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cliente = cliente_de("karina")
    cliente.get(caminho)  # aquece sessão e caches de ContentType
    with CaptureQueriesContext(connection) as antes:
        assert cliente.get(caminho).status_code == 200
    _mais_acordos(30)
    with django_assert_num_queries(len(antes.captured_queries)):
        cliente.get(caminho)
    assert len(antes.captured_queries) <= 12


def test_karina_ve_os_requerimentos_da_regiao_so_em_numeros(regiao, cliente_de):
    from tests.requerimentos_apoio import requerimento_protocolado

    requerimento = requerimento_protocolado()
    cliente = cliente_de("karina")
    html = cliente.get("/painel/").content.decode()
    tabela = html.split('data-testid="requerimentos-por-situacao"')[1].split("</table>")[0]
    assert '<th scope="col">Protocolado</th>' in tabela and "<td>1</td>" in tabela
    assert requerimento.cidadao_nome not in html
    assert cliente.get(f"/requerimentos/{requerimento.pk}/").status_code == 404
    assert cliente.get(f"/analise/{requerimento.pk}/").status_code == 404


def test_o_painel_conta_o_que_esta_em_andamento_e_as_decisoes_dos_ultimos_30_dias(regiao, pessoa):
    from tests.requerimentos_apoio import requerimento_protocolado

    karina = pessoa("karina")
    antes = dict(resumo_regional(karina).requerimentos_por_situacao)
    agora = timezone.now()
    em_exigencia, deferido, indeferido, antigo = (requerimento_protocolado() for _ in range(4))
    Requerimento.objects.filter(pk=em_exigencia.pk).update(status=StatusRequerimento.EM_EXIGENCIA)
    for requerimento, decisao, ha_dias in ((deferido, "deferido", 29), (indeferido, "indeferido", 1),
                                           (antigo, "deferido", 31)):
        Requerimento.objects.filter(pk=requerimento.pk).update(
            status=StatusRequerimento.CONCLUIDO, decisao=decisao, concluido_em=agora - timedelta(days=ha_dias))
    depois = dict(resumo_regional(karina).requerimentos_por_situacao)
    mudou = {rotulo: depois[rotulo] - antes[rotulo] for rotulo in depois if depois[rotulo] != antes[rotulo]}
    assert mudou == {"Em exigência": 1, "Deferidos nos últimos 30 dias": 1, "Indeferidos nos últimos 30 dias": 1}
