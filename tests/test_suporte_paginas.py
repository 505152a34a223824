"""As páginas do Suporte: quem vê o quê (404 fora do escopo), formulários que explicam e guardam o que
foi digitado, e o custo fixo em consultas da fila e da lista da entidade."""

import pytest

from suporte.models import Chamado, StatusChamado
from suporte.services import chamado_atribuir, chamado_solucionar
from tests.suporte_apoio import abrir, png

pytestmark = pytest.mark.django_db


def test_atendente_recebe_explicacao_e_nao_erro(cliente_de):
    cliente = cliente_de("bruno")
    vinculo = cliente.get("/entidade/escolher/").context["perfil"].vinculos[0]
    cliente.post("/entidade/escolher/", {"vinculo": vinculo.pk})
    for pagina in ("/suporte/", "/suporte/novo/"):
        resposta = cliente.get(pagina)
        assert resposta.status_code == 200
        assert "Só os representantes gestores" in resposta.content.decode()
    assert cliente.post("/suporte/novo/", {"item": 11, "titulo": "x", "descricao": "y"}).status_code == 200
    assert not Chamado.objects.exists()


def test_busca_do_catalogo_por_qualquer_parte_do_caminho(cliente_de):
    cliente = cliente_de("ana")
    html = cliente.get("/suporte/novo/", {"q": "senha"}).content.decode()
    assert "ENVIO/REINICIALIZAÇÃO DE SENHA DE ACESSO" in html and "INDISPONIBILIDADE" not in html
    html = cliente.get("/suporte/novo/", {"q": "acordo vigência"}).content.decode()
    assert "PRORROGAÇÃO" in html and "CONSULTA" in html and "TERMO ADITIVO" not in html
    parcial = cliente.get("/suporte/novo/", {"q": "lentid"}, HTTP_HX_REQUEST="true").content.decode()
    assert parcial.lstrip().startswith('<div id="lista-de-itens">') and "LENTIDÃO" in parcial


def test_item_escolhido_mostra_objetivo_ocorrencias_e_atencao_antes_do_formulario(cliente_de):
    html = cliente_de("ana").get("/suporte/novo/", {"item": 12}).content.decode()
    assert "permitir acesso ao Portal de Atendimento" in html
    assert "indisponibilidade na consulta dos requerimentos;" in html
    assert "ATENÇÃO" in html and "CERTIFICADO DE INDISPONIBILIDADE" in html
    assert "não</strong> trata de reconhecimento de direito" in html
    assert html.index("Objetivo") < html.index('name="titulo"')


def test_item_12_sem_tela_e_recusado_e_o_texto_fica(cliente_de):
    cliente = cliente_de("ana")
    resposta = cliente.post("/suporte/novo/", {"item": 12, "titulo": "Portal fora do ar", "descricao": "Erro 500"})
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "Anexe ao menos uma tela do erro" in html
    assert 'value="Portal fora do ar"' in html and "Erro 500</textarea>" in html
    assert not Chamado.objects.exists()


def test_arquivo_que_nao_e_imagem_nem_pdf_e_recusado_pelo_conteudo(cliente_de):
    from django.core.files.uploadedfile import SimpleUploadedFile

    falso = SimpleUploadedFile("tela.png", b"MZ\x90\x00 isto e um executavel", content_type="image/png")
    html = cliente_de("ana").post("/suporte/novo/", {
        "item": 12, "titulo": "T", "descricao": "D", "telas_de_erro": [falso],
    }).content.decode()
    assert "não é PNG ou JPEG ou PDF" in html
    assert not Chamado.objects.exists()


def test_abertura_com_tela_mostra_a_confirmacao_com_o_codigo(cliente_de):
    cliente = cliente_de("ana")
    resposta = cliente.post("/suporte/novo/", {
        "item": 12, "titulo": "Portal fora do ar", "descricao": "Erro 500", "telas_de_erro": [png()],
    }, follow=True)
    chamado = Chamado.objects.get()
    html = resposta.content.decode()
    assert f"Chamado {chamado.codigo} registrado" in html
    caminho = "Suporte INSS &gt; ENT EXTERNAS &gt; 21150.SR-1 &gt; 51885242000140 - PREFEITURA MUNICIPAL DE CAMPINAS"
    assert caminho in html


def test_chamado_de_campinas_e_404_para_outra_entidade_e_outra_regiao(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"), anexos=[])
    for intruso in ("diego", "fabio", "carla", "karina", "gabriela"):
        assert cliente_de(intruso).get(f"/suporte/chamados/{chamado.codigo}/").status_code == 404, intruso
        assert cliente_de(intruso).post(f"/suporte/chamados/{chamado.codigo}/aprovar/").status_code == 404
    assert cliente_de("elisa").get(f"/suporte/chamados/{chamado.codigo}/").status_code == 200
    assert cliente_de("ana").get(f"/suporte/chamados/{chamado.codigo}/").status_code == 200


def test_nota_interna_e_seus_anexos_nunca_aparecem_para_a_entidade(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"))
    elisa = cliente_de("elisa")
    elisa.post(f"/suporte/chamados/{chamado.codigo}/responder/",
               {"texto": "Segredo da equipe", "interno": "on", "anexos": [png("interna.png")]})
    elisa.post(f"/suporte/chamados/{chamado.codigo}/responder/", {"texto": "Resposta pública"})
    anexo_interno = chamado.anexos.get()
    html_entidade = cliente_de("ana").get(f"/suporte/chamados/{chamado.codigo}/").content.decode()
    assert "Resposta pública" in html_entidade
    assert "Segredo da equipe" not in html_entidade and "interna.png" not in html_entidade
    assert "nota_interna" not in html_entidade
    assert cliente_de("ana").get(f"/suporte/anexos/{anexo_interno.pk}/").status_code == 404
    assert cliente_de("elisa").get(f"/suporte/anexos/{anexo_interno.pk}/").status_code == 200
    assert "Segredo da equipe" in elisa.get(f"/suporte/chamados/{chamado.codigo}/").content.decode()


def test_entidade_nao_escreve_nota_interna(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"))
    cliente_de("ana").post(f"/suporte/chamados/{chamado.codigo}/responder/", {"texto": "oi", "interno": "on"})
    assert chamado.acompanhamentos.get().tipo == "publico"


def test_ciclo_pelas_paginas_recusa_e_aprovacao(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"))
    elisa, ana = cliente_de("elisa"), cliente_de("ana")
    elisa.post(f"/suporte/chamados/{chamado.codigo}/atribuir/", {"tecnico": pessoa("elisa").pk})
    elisa.post(f"/suporte/chamados/{chamado.codigo}/solucionar/", {"solucao": "Feito."})
    pagina = ana.get(f"/suporte/chamados/{chamado.codigo}/").content.decode()
    assert "Aprovar" in pagina and "Recusar" in pagina
    sem_motivo = ana.post(f"/suporte/chamados/{chamado.codigo}/recusar/", {"motivo": ""})
    assert "O motivo é obrigatório" in sem_motivo.content.decode()
    ana.post(f"/suporte/chamados/{chamado.codigo}/recusar/", {"motivo": "Não resolveu."})
    chamado.refresh_from_db()
    assert chamado.status == StatusChamado.PROCESSANDO and chamado.tecnico == pessoa("elisa")
    elisa.post(f"/suporte/chamados/{chamado.codigo}/solucionar/", {"solucao": "Agora sim."})
    ana.post(f"/suporte/chamados/{chamado.codigo}/aprovar/", {"comentario": ""})
    chamado.refresh_from_db()
    assert chamado.status == StatusChamado.FECHADO
    de_novo = elisa.post(f"/suporte/chamados/{chamado.codigo}/solucionar/", {"solucao": "reabrir"})
    assert "já foi fechado" in de_novo.content.decode()
    assert Chamado.objects.get(pk=chamado.pk).status == StatusChamado.FECHADO


def test_tecnico_de_outra_sr_nao_atribui(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"))
    assert cliente_de("fabio").post(f"/suporte/chamados/{chamado.codigo}/atribuir/",
                                    {"tecnico": pessoa("fabio").pk}).status_code == 404


def test_entidade_ve_tres_abas_com_os_dias_que_restam(cliente_de, pessoa):
    abrir(pessoa("ana"), titulo="Em atendimento")
    solucionado = chamado_solucionar(chamado=abrir(pessoa("ana"), titulo="Resolvido"), solucao="ok",
                                     por=pessoa("elisa"))
    cliente = cliente_de("ana")
    html = cliente.get("/suporte/").content.decode()
    assert "Em atendimento (1)" in html and "Solucionados (1)" in html and "Fechados (0)" in html
    html = cliente.get("/suporte/", {"aba": "solucionados"}).content.decode()
    assert solucionado.codigo in html and "7 dias" in html


def test_fila_custa_o_mesmo_numero_de_consultas_com_mais_chamados(cliente_de, pessoa, django_assert_max_num_queries):
    elisa = cliente_de("elisa")
    abrir(pessoa("ana"))
    elisa.get("/suporte/fila/")
    with django_assert_max_num_queries(12) as poucos:
        elisa.get("/suporte/fila/")
    for _ in range(30):
        chamado = abrir(pessoa("carla"))
        chamado_atribuir(chamado=chamado, tecnico=pessoa("elisa"), por=pessoa("elisa"))
    with django_assert_max_num_queries(12) as muitos:
        resposta = elisa.get("/suporte/fila/", {"status": "abertos", "texto": ""})
    assert resposta.context["pagina"].paginator.count == 31
    assert len(muitos.captured_queries) == len(poucos.captured_queries)


def test_fila_poe_os_nao_atribuidos_primeiro_e_filtra(cliente_de, pessoa):
    atribuido = chamado_atribuir(chamado=abrir(pessoa("ana"), titulo="Primeiro"), tecnico=pessoa("elisa"),
                                 por=pessoa("elisa"))
    livre = abrir(pessoa("carla"), titulo="Segundo", item=18)
    pagina = cliente_de("elisa").get("/suporte/fila/").context["pagina"]
    assert [c.codigo for c in pagina] == [livre.codigo, atribuido.codigo]
    assert [c.codigo for c in cliente_de("elisa").get("/suporte/fila/", {"item": 18}).context["pagina"]] == [
        livre.codigo]
    assert [c.codigo for c in cliente_de("elisa").get("/suporte/fila/", {"entidade": "OAB"}).context["pagina"]] == [
        livre.codigo]
    assert cliente_de("fabio").get("/suporte/fila/").context["pagina"].paginator.count == 0
    htmx = cliente_de("elisa").get("/suporte/fila/", {"texto": "Segundo"}, HTTP_HX_REQUEST="true").content.decode()
    assert htmx.lstrip().startswith('<div id="resultados">') and livre.codigo in htmx


def test_lista_da_entidade_custa_o_mesmo_numero_de_consultas(cliente_de, pessoa, django_assert_max_num_queries):
    ana = cliente_de("ana")
    abrir(pessoa("ana"))
    ana.get("/suporte/")
    with django_assert_max_num_queries(12) as poucos:
        ana.get("/suporte/")
    for _ in range(25):
        abrir(pessoa("ana"))
    with django_assert_max_num_queries(12) as muitos:
        ana.get("/suporte/")
    assert len(muitos.captured_queries) == len(poucos.captured_queries)


def test_pagina_do_chamado_tem_consultas_limitadas(cliente_de, pessoa, django_assert_max_num_queries):
    chamado = abrir(pessoa("ana"))
    elisa = cliente_de("elisa")
    elisa.post(f"/suporte/chamados/{chamado.codigo}/responder/", {"texto": "primeira", "anexos": [png()]})
    elisa.get(f"/suporte/chamados/{chamado.codigo}/")
    with django_assert_max_num_queries(12) as poucas:
        elisa.get(f"/suporte/chamados/{chamado.codigo}/")
    for i in range(19):
        elisa.post(f"/suporte/chamados/{chamado.codigo}/responder/", {"texto": f"resposta {i}", "anexos": [png()]})
    with django_assert_max_num_queries(12) as muitas:
        resposta = elisa.get(f"/suporte/chamados/{chamado.codigo}/")
    assert len(resposta.context["conversa"]) == 20
    assert len(muitas.captured_queries) == len(poucas.captured_queries)


def test_medidas_do_grupo(cliente_de, pessoa):
    from suporte.services import chamado_aprovar

    chamado = chamado_solucionar(chamado=abrir(pessoa("ana")), solucao="ok", por=pessoa("elisa"))
    chamado_aprovar(chamado=chamado, por=pessoa("ana"))
    abrir(pessoa("carla"), item=12, anexos=[__import__("tests.suporte_apoio").suporte_apoio.anexo(png())])
    resposta = cliente_de("karina").get("/suporte/medidas/")
    assert resposta.status_code == 200
    m = resposta.context["m"]
    assert m["abertos_no_periodo"] == 2 and m["aprovacoes"] == 1 and m["total_abertos"] == 1
    assert m["solucao"]["n"] == 1
    assert cliente_de("fabio").get("/suporte/medidas/").context["m"]["abertos_no_periodo"] == 0
    assert cliente_de("ana").get("/suporte/medidas/").status_code == 404


def test_acao_pelo_dialogo_htmx_manda_o_navegador_para_a_pagina_do_chamado(cliente_de, pessoa):
    chamado = abrir(pessoa("ana"))
    resposta = cliente_de("elisa").post(f"/suporte/chamados/{chamado.codigo}/solucionar/", {"solucao": "Feito."},
                                        HTTP_HX_REQUEST="true")
    assert resposta.status_code == 200
    assert resposta["HX-Redirect"] == f"/suporte/chamados/{chamado.codigo}/"
    erro = cliente_de("ana").post(f"/suporte/chamados/{chamado.codigo}/recusar/", {"motivo": ""},
                                  HTTP_HX_REQUEST="true").content.decode()
    assert erro.lstrip().startswith('<div class="br-card dialogo-acao"') and "O motivo é obrigatório" in erro
