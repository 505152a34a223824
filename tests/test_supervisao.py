"""Supervisão das APS – Retorno Gradual e Seguro (seed 001, Portaria 916/2021, tarefa 14615): ciclos
bimestrais de 30 dias a partir de 1º/10/2021; o SERAT/SEAT (João) designa o responsável por APS, com a exceção
do gerente da APS; o responsável (Heitor) cria, preenche todos os campos, anexa imagens e conclui; lembretes
antes do fim do ciclo, cada um uma vez; o relatório por SR/GEX, na página e em PDF verificável."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from atendimento.forms_supervisao import LIMITE_DA_IMAGEM
from atendimento.models import (
    CicloDeSupervisao,
    DesignacaoDeResponsavel,
    ImagemDaSupervisao,
    StatusSupervisao,
    Supervisao,
)
from atendimento.selectors_supervisao import relatorio_de_supervisoes
from atendimento.services.supervisao import (
    ErroDaSupervisao,
    ciclo_abrir,
    inicio_do_ciclo,
    responsavel_designar,
    supervisao_anexar_imagens,
    supervisao_concluir,
    supervisao_criar,
    supervisao_salvar_respostas,
    supervisoes_lembrar,
)
from atendimento.supervisao_catalogo import ITENS
from certificados.models import DocumentoEmitido
from certificados.selectors import documento_pelo_par
from portal.arquivos import JPEG, PNG, verificar_arquivo
from portal.auditoria.models import Evento
from portal.contas.menu import itens_para
from portal.contas.perfil import Perfil
from portal.notificacoes.models import LembreteEnviado, Notificacao
from portal.organizacao.models import AgenciaPrevidencia

pytestmark = pytest.mark.django_db

BRASILIA = ZoneInfo("America/Sao_Paulo")
LISTA = "/supervisao/"
RELATORIO = "/supervisao/relatorio/"
OUTUBRO = date(2026, 10, 1)  # o ciclo de outubro de 2026: de 01/10 a 31/10


def _as(dia: date, hora: int = 12) -> datetime:
    return datetime(dia.year, dia.month, dia.day, hora, tzinfo=BRASILIA)


@pytest.fixture
def em_outubro(demo):
    """Dia 10 do ciclo de outubro de 2026, com o ciclo aberto pela varredura."""
    with time_machine.travel(_as(date(2026, 10, 10)), tick=False) as viagem:
        ciclo_abrir()
        yield viagem


def aps(codigo: str) -> AgenciaPrevidencia:
    return AgenciaPrevidencia.objects.select_related("gex__sr").get(codigo=codigo)


CENTRO, OURO_VERDE, GLICERIO, BELO_HORIZONTE = "21001010", "21001020", "21004010", "11001010"


def png(nome="visita.png", tamanho=(64, 48)) -> SimpleUploadedFile:
    conteudo = io.BytesIO()
    Image.new("RGB", tamanho, (20, 120, 60)).save(conteudo, "PNG")
    return SimpleUploadedFile(nome, conteudo.getvalue())


def imagem_conferida(arquivo):
    return verificar_arquivo(arquivo, tipos=(PNG, JPEG), limite=LIMITE_DA_IMAGEM)


def tudo_respondido() -> dict[str, tuple[str, str]]:
    return {item.codigo: ("sim", f"Conferido na visita: {item.codigo}.") for item in ITENS}


def heitor_responsavel(pessoa, codigo=CENTRO):
    return responsavel_designar(aps=aps(codigo), responsavel=pessoa("heitor"), execucao_na_aps=codigo == CENTRO,
                                por=pessoa("joao"))


def supervisao_pronta(pessoa, *, concluir=True) -> Supervisao:
    heitor_responsavel(pessoa)
    supervisao = supervisao_criar(aps=aps(CENTRO), por=pessoa("heitor"))
    supervisao_salvar_respostas(supervisao=supervisao, respostas=tudo_respondido(), por=pessoa("heitor"))
    supervisao_anexar_imagens(supervisao=supervisao, imagens=[imagem_conferida(png())], por=pessoa("heitor"))
    return supervisao_concluir(supervisao=supervisao, por=pessoa("heitor")) if concluir else supervisao


# --- ciclos -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dia, inicio", [
    (date(2021, 9, 30), None),  # antes da Portaria
    (date(2021, 10, 1), date(2021, 10, 1)),  # o primeiro ciclo
    (date(2021, 11, 30), date(2021, 10, 1)),
    (date(2021, 12, 1), date(2021, 12, 1)),
    (date(2022, 1, 31), date(2021, 12, 1)),
    (date(2022, 2, 1), date(2022, 2, 1)),
    (date(2026, 11, 21), date(2026, 10, 1)),
])
def test_os_ciclos_comecam_a_cada_dois_meses_desde_outubro_de_2021(dia, inicio):
    assert inicio_do_ciclo(dia) == inicio


def test_o_primeiro_ciclo_vai_de_1_a_31_de_outubro_de_2021_30_dias_depois_do_inicio(demo):
    ciclo = ciclo_abrir(hoje=date(2021, 10, 15))
    assert (ciclo.inicio, ciclo.fim) == (date(2021, 10, 1), date(2021, 10, 31))
    assert str(ciclo) == "Ciclo de outubro de 2021"
    assert ciclo_abrir(hoje=date(2021, 9, 1)) is None


def test_abrir_o_ciclo_de_novo_nao_cria_outro_e_avisa_os_responsaveis_uma_vez(demo, pessoa):
    heitor_responsavel(pessoa)
    avisos = Notificacao.objects.filter(destinatario=pessoa("heitor")).count()
    primeiro = ciclo_abrir(hoje=date(2026, 12, 3))
    assert ciclo_abrir(hoje=date(2026, 12, 20)).pk == primeiro.pk
    assert ciclo_abrir(hoje=date(2027, 1, 31)).pk == primeiro.pk
    assert CicloDeSupervisao.objects.count() == 1
    assert (primeiro.inicio, primeiro.fim) == (date(2026, 12, 1), date(2026, 12, 31))
    assert Evento.objects.filter(acao="ciclo_de_supervisao_aberto").count() == 1
    assert Notificacao.objects.filter(destinatario=pessoa("heitor")).count() == avisos + 1


# --- designação ---------------------------------------------------------------------------------------------


def test_joao_designa_um_servidor_da_regiao_e_a_nova_designacao_encerra_a_anterior(demo, pessoa):
    joao = pessoa("joao")
    primeira = responsavel_designar(aps=aps(OURO_VERDE), responsavel=pessoa("gabriela"), execucao_na_aps=False,
                                    por=joao)
    segunda = responsavel_designar(aps=aps(OURO_VERDE), responsavel=joao, execucao_na_aps=False, por=joao)
    assert list(DesignacaoDeResponsavel.objects.filter(aps=aps(OURO_VERDE), ativa=True)) == [segunda]
    primeira.refresh_from_db()
    assert not primeira.ativa and primeira.encerrada_em
    assert Evento.objects.filter(acao="responsavel_designado").count() == 2
    avisos = Notificacao.objects.filter(destinatario=pessoa("gabriela"), titulo__contains="Campinas - Ouro Verde")
    assert avisos.exists()


def test_quem_e_lotado_na_propria_aps_so_supervisiona_com_a_execucao_na_aps_configurada(demo, pessoa):
    """Seed 001: excepcionalmente o gerente da APS ou pessoa por ele designada; então o SERAT/SEAT configura o
    serviço para execução na APS."""
    with pytest.raises(ErroDaSupervisao, match="exceção da Portaria 916/2021") as erro:
        responsavel_designar(aps=aps(CENTRO), responsavel=pessoa("heitor"), execucao_na_aps=False,
                             por=pessoa("joao"))
    assert erro.value.campo == "execucao_na_aps"
    with pytest.raises(ErroDaSupervisao, match="não é lotado"):
        responsavel_designar(aps=aps(CENTRO), responsavel=pessoa("gabriela"), execucao_na_aps=True,
                             por=pessoa("joao"))
    designacao = responsavel_designar(aps=aps(CENTRO), responsavel=pessoa("heitor"), execucao_na_aps=True,
                                      por=pessoa("joao"))
    assert designacao.execucao_na_aps


def test_so_o_serat_seat_da_regiao_designa_e_so_servidores_da_regiao(demo, pessoa):
    for quem in ("heitor", "karina", "fabio"):  # servidor da APS, gestora regional, supervisor? não: outra SR
        with pytest.raises(ErroDaSupervisao, match="Só o SERAT/SEAT"):
            responsavel_designar(aps=aps(OURO_VERDE), responsavel=pessoa("gabriela"), execucao_na_aps=False,
                                 por=pessoa(quem))
    with pytest.raises(ErroDaSupervisao, match="não é servidor"):
        responsavel_designar(aps=aps(OURO_VERDE), responsavel=pessoa("fabio"), execucao_na_aps=False,
                             por=pessoa("joao"))
    with pytest.raises(ErroDaSupervisao, match="Só o SERAT/SEAT"):
        responsavel_designar(aps=aps(BELO_HORIZONTE), responsavel=pessoa("gabriela"), execucao_na_aps=False,
                             por=pessoa("joao"))
    assert not DesignacaoDeResponsavel.objects.exists()


def test_a_designacao_pela_pagina_volta_com_o_erro_da_excecao_sem_perder_a_escolha(demo, pessoa, cliente_de):
    heitor = pessoa("heitor")
    resposta = cliente_de("joao").post(f"/supervisao/aps/{aps(CENTRO).pk}/designar/", {"responsavel": heitor.pk})
    assert resposta.status_code == 200
    assert "configure a execução na APS" in resposta.content.decode()
    assert resposta.context["form"]["responsavel"].value() == str(heitor.pk)
    resposta = cliente_de("joao").post(f"/supervisao/aps/{aps(CENTRO).pk}/designar/",
                                       {"responsavel": heitor.pk, "execucao_na_aps": "on"})
    assert resposta.status_code == 302
    assert DesignacaoDeResponsavel.objects.get(ativa=True).responsavel == heitor


# --- escopo ------------------------------------------------------------------------------------------------


def test_fabio_da_sudeste_ii_e_heitor_em_outra_aps_recebem_404(em_outubro, pessoa, cliente_de):
    supervisao = supervisao_pronta(pessoa, concluir=False)
    responsavel_designar(aps=aps(OURO_VERDE), responsavel=pessoa("gabriela"), execucao_na_aps=False,
                         por=pessoa("joao"))
    de_outro = supervisao_criar(aps=aps(OURO_VERDE), por=pessoa("gabriela"))
    imagem = supervisao.imagens.get()
    fabio, heitor = cliente_de("fabio"), cliente_de("heitor")
    for url in (f"/supervisao/{supervisao.pk}/", f"/supervisao/aps/{aps(CENTRO).pk}/designar/",
                f"/supervisao/imagens/{imagem.pk}/", RELATORIO):
        assert fabio.get(url).status_code == 404, url
    assert aps(CENTRO).nome not in fabio.get(LISTA).content.decode()
    assert heitor.get(f"/supervisao/{de_outro.pk}/").status_code == 404
    assert heitor.post(f"/supervisao/aps/{aps(OURO_VERDE).pk}/criar/").status_code == 404
    assert heitor.get(f"/supervisao/aps/{aps(CENTRO).pk}/designar/").status_code == 404  # não é SERAT/SEAT
    assert heitor.get(RELATORIO).status_code == 404
    assert cliente_de("ana").get(LISTA).status_code == 404  # representante de entidade
    # o supervisor vê, mas não preenche: só o responsável designado
    assert cliente_de("joao").get(f"/supervisao/{supervisao.pk}/").status_code == 200
    assert cliente_de("joao").post(f"/supervisao/{supervisao.pk}/", {"acao": "salvar"}).status_code == 404
    with pytest.raises(ErroDaSupervisao, match="Só o\\(a\\) responsável"):
        supervisao_criar(aps=aps(GLICERIO), por=pessoa("heitor"))


def test_o_menu_mostra_a_supervisao_ao_supervisor_ao_servidor_da_aps_e_ao_administrador(demo, pessoa):
    def ve(apelido):
        usuario = pessoa(apelido)
        perfil = Perfil(usuario=usuario, lotacoes=list(usuario.lotacoes.filter(ativa=True)))
        return "Supervisão das APS" in [item.rotulo for item in itens_para(perfil)]

    assert [ve(a) for a in ("joao", "heitor", "admin", "karina", "fabio")] == [True, True, True, False, False]


# --- preencher e concluir -------------------------------------------------------------------------------------


def test_concluir_com_campo_vazio_e_sem_imagem_e_recusado_listando_o_que_falta(em_outubro, pessoa):
    heitor_responsavel(pessoa)
    supervisao = supervisao_criar(aps=aps(CENTRO), por=pessoa("heitor"))
    respostas = tudo_respondido()
    respostas[ITENS[2].codigo] = ("", "")
    respostas[ITENS[5].codigo] = ("nao", "")
    supervisao_salvar_respostas(supervisao=supervisao, respostas=respostas, por=pessoa("heitor"))
    with pytest.raises(ErroDaSupervisao) as erro:
        supervisao_concluir(supervisao=supervisao, por=pessoa("heitor"))
    assert erro.value.faltando == (
        f"{ITENS[2].pergunta} — falta a resposta",
        f"{ITENS[5].pergunta} — faltam as observações",
        "As imagens da supervisão realizada — anexe ao menos uma",
    )
    assert Supervisao.objects.get(pk=supervisao.pk).status == StatusSupervisao.RASCUNHO
    assert supervisao.respostas.count() == len(ITENS) - 1  # o rascunho guardou o que havia


def test_com_tudo_preenchido_e_uma_imagem_a_supervisao_conclui_e_nao_muda_mais(em_outubro, pessoa):
    supervisao = supervisao_pronta(pessoa)
    assert supervisao.status == StatusSupervisao.CONCLUIDA and not supervisao.concluida_com_atraso
    assert Evento.objects.filter(acao="supervisao_concluida", status_para="concluida").count() == 1
    with pytest.raises(ErroDaSupervisao, match="já foi concluída"):
        supervisao_concluir(supervisao=supervisao, por=pessoa("heitor"))
    with pytest.raises(ErroDaSupervisao, match="já foi concluída"):
        supervisao_salvar_respostas(supervisao=supervisao, respostas=tudo_respondido(), por=pessoa("heitor"))
    assert supervisao_criar(aps=aps(CENTRO), por=pessoa("heitor")).pk == supervisao.pk  # uma por APS no ciclo


def test_pela_pagina_concluir_com_campo_vazio_mostra_o_que_falta_e_guarda_o_que_foi_digitado(
        em_outubro, pessoa, cliente_de):
    heitor_responsavel(pessoa)
    supervisao = supervisao_criar(aps=aps(CENTRO), por=pessoa("heitor"))
    dados = {"acao": "concluir", "imagens": png()}
    for item in ITENS[1:]:
        dados[f"resposta_{item.codigo}"] = "sim"
        dados[f"observacoes_{item.codigo}"] = f"Visto: {item.codigo}"
    dados[f"observacoes_{ITENS[0].codigo}"] = "Observação sem resposta"
    resposta = cliente_de("heitor").post(f"/supervisao/{supervisao.pk}/", dados)
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "A supervisão não pode ser concluída" in html and ITENS[0].pergunta in html
    assert "Responda a este item." in html
    assert "Observação sem resposta" in html and f"Visto: {ITENS[1].codigo}" in html
    assert Supervisao.objects.get(pk=supervisao.pk).status == StatusSupervisao.RASCUNHO
    assert supervisao.imagens.count() == 1 and supervisao.respostas.count() == len(ITENS)
    dados = {"acao": "concluir", f"resposta_{ITENS[0].codigo}": "nao_se_aplica",
             f"observacoes_{ITENS[0].codigo}": "Observação sem resposta"}
    for item in ITENS[1:]:
        dados[f"resposta_{item.codigo}"] = "sim"
        dados[f"observacoes_{item.codigo}"] = f"Visto: {item.codigo}"
    assert cliente_de("heitor").post(f"/supervisao/{supervisao.pk}/", dados).status_code == 302
    assert Supervisao.objects.get(pk=supervisao.pk).status == StatusSupervisao.CONCLUIDA


# --- imagens -------------------------------------------------------------------------------------------------


def test_um_png_com_nome_de_jpg_e_aceito_e_guardado_como_png(em_outubro, pessoa, cliente_de):
    heitor_responsavel(pessoa)
    supervisao = supervisao_criar(aps=aps(CENTRO), por=pessoa("heitor"))
    resposta = cliente_de("heitor").post(f"/supervisao/{supervisao.pk}/",
                                         {"acao": "salvar", "imagens": png("foto da porta.jpg")})
    assert resposta.status_code == 302
    imagem = ImagemDaSupervisao.objects.get(supervisao=supervisao)
    assert (imagem.nome, imagem.tipo) == ("foto da porta.jpg", PNG) and imagem.arquivo.name.endswith(".png")
    baixada = cliente_de("joao").get(f"/supervisao/imagens/{imagem.pk}/")
    assert baixada["Content-Type"] == PNG and b"".join(baixada.streaming_content).startswith(b"\x89PNG")


def test_um_pdf_com_nome_de_png_e_recusado_e_o_texto_digitado_volta(em_outubro, pessoa, cliente_de):
    heitor_responsavel(pessoa)
    supervisao = supervisao_criar(aps=aps(CENTRO), por=pessoa("heitor"))
    pdf = SimpleUploadedFile("foto.png", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    campo = f"observacoes_{ITENS[0].codigo}"
    resposta = cliente_de("heitor").post(f"/supervisao/{supervisao.pk}/",
                                         {"acao": "salvar", "imagens": pdf, campo: "Fila organizada"})
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "O arquivo “foto.png” não é PNG ou JPEG" in html and "Fila organizada" in html
    assert not supervisao.imagens.exists()
    assert supervisao.respostas.get().observacoes == "Fila organizada"


def test_uma_imagem_acima_do_limite_e_recusada():
    grande = SimpleUploadedFile("grande.png", b"\x89PNG\r\n\x1a\n" + b"0" * LIMITE_DA_IMAGEM)
    with pytest.raises(ValidationError, match="o limite é 5,0 MB"):
        imagem_conferida(grande)


# --- lembretes -----------------------------------------------------------------------------------------------


def test_lembretes_a_7_e_a_2_dias_do_fim_cada_um_uma_vez_so_para_quem_tem_pendencia(demo, pessoa):
    ciclo = ciclo_abrir(hoje=OUTUBRO)
    heitor_responsavel(pessoa)
    responsavel_designar(aps=aps(GLICERIO), responsavel=pessoa("gabriela"), execucao_na_aps=False,
                         por=pessoa("joao"))
    fim = datetime(2026, 11, 1, tzinfo=BRASILIA)  # o ciclo vale até o fim de 31/10
    with time_machine.travel(fim - timedelta(days=7, minutes=1), tick=False):
        assert supervisoes_lembrar() == 0
    with time_machine.travel(_as(date(2026, 10, 20)), tick=False):  # Gabriela conclui antes dos lembretes
        supervisao = supervisao_criar(aps=aps(GLICERIO), por=pessoa("gabriela"))
        supervisao_salvar_respostas(supervisao=supervisao, respostas=tudo_respondido(), por=pessoa("gabriela"))
        supervisao_anexar_imagens(supervisao=supervisao, imagens=[imagem_conferida(png())], por=pessoa("gabriela"))
        supervisao_concluir(supervisao=supervisao, por=pessoa("gabriela"))
    for dias in (7, 2):
        with time_machine.travel(fim - timedelta(days=dias) + timedelta(hours=1), tick=False):
            assert supervisoes_lembrar() == 1  # só Heitor
            assert supervisoes_lembrar() == 0
    marcos = sorted(LembreteEnviado.objects.values_list("marco", "destinatario__nome"))
    assert marcos == [("2026-10-31:2_dias", "Heitor Ramos"), ("2026-10-31:7_dias", "Heitor Ramos")]
    ultimo = Notificacao.objects.filter(destinatario=pessoa("heitor")).order_by("-pk").first()
    assert ultimo.titulo == f"{ciclo}: as supervisões terminam em 31/10/2026"
    assert "Campinas - Centro" in ultimo.corpo
    with time_machine.travel(fim + timedelta(hours=1), tick=False):
        assert supervisoes_lembrar() == 0  # o ciclo acabou: agora é atraso, não lembrete


def test_depois_de_uma_parada_so_o_lembrete_mais_recente(demo, pessoa):
    ciclo_abrir(hoje=OUTUBRO)
    heitor_responsavel(pessoa)
    with time_machine.travel(_as(date(2026, 10, 30)), tick=False):
        assert supervisoes_lembrar() == 1
        assert supervisoes_lembrar() == 0
    assert list(LembreteEnviado.objects.values_list("marco", flat=True)) == ["2026-10-31:2_dias"]


def test_quem_concluiu_nao_recebe_lembrete(demo, pessoa):
    with time_machine.travel(_as(date(2026, 10, 5)), tick=False):
        ciclo_abrir()
        supervisao_pronta(pessoa)
    with time_machine.travel(_as(date(2026, 10, 30)), tick=False):
        assert supervisoes_lembrar() == 0


# --- relatório -----------------------------------------------------------------------------------------------


def _numeros(relatorio):
    return {linha.gex: (linha.total, linha.concluidas, linha.pendentes, linha.atrasadas) for linha in relatorio.linhas}


def test_o_relatorio_por_sr_e_gex_conta_concluidas_pendentes_e_atrasadas(em_outubro, pessoa):
    supervisao_pronta(pessoa)
    ciclo = CicloDeSupervisao.objects.get()
    relatorio = relatorio_de_supervisoes(usuario=pessoa("joao"), ciclo=ciclo)
    assert _numeros(relatorio) == {"Campinas": (2, 1, 1, 0), "São Paulo - Centro": (1, 0, 1, 0)}
    assert (relatorio.total.total, relatorio.total.concluidas, relatorio.total.pendentes) == (3, 1, 2)
    assert relatorio.total.sem_responsavel == 2
    depois = relatorio_de_supervisoes(usuario=pessoa("joao"), ciclo=ciclo, hoje=date(2026, 11, 5))
    assert _numeros(depois) == {"Campinas": (2, 1, 0, 1), "São Paulo - Centro": (1, 0, 0, 1)}
    assert relatorio_de_supervisoes(usuario=pessoa("admin"), ciclo=ciclo).total.total == 5  # o país todo
    assert not relatorio_de_supervisoes(usuario=pessoa("fabio"), ciclo=ciclo).linhas  # não é supervisor


def test_concluida_depois_do_fim_conta_como_com_atraso(demo, pessoa):
    ciclo = ciclo_abrir(hoje=OUTUBRO)
    with time_machine.travel(_as(date(2026, 11, 3)), tick=False):
        supervisao = supervisao_pronta(pessoa)
        assert supervisao.concluida_com_atraso
        relatorio = relatorio_de_supervisoes(usuario=pessoa("joao"), ciclo=ciclo)
    assert _numeros(relatorio)["Campinas"] == (2, 1, 0, 1) and relatorio.total.com_atraso == 1


def test_o_relatorio_em_pdf_e_emitido_registrado_e_verificavel(em_outubro, pessoa, cliente_de):
    supervisao_pronta(pessoa)
    ciclo = CicloDeSupervisao.objects.get()
    pagina = cliente_de("joao").get(RELATORIO)
    assert pagina.status_code == 200 and "Campinas" in pagina.content.decode()
    resposta = cliente_de("joao").post(RELATORIO, {"ciclo": ciclo.pk})
    documento = DocumentoEmitido.objects.get(tipo="relatorio_de_supervisoes")
    assert resposta.status_code == 302 and resposta["Location"].endswith(f"{documento.codigo_verificador}.pdf")
    assert documento.emitido_para == pessoa("joao") and documento.objeto_id == str(ciclo.pk)
    assert documento_pelo_par(codigo=documento.codigo_verificador, crc=documento.crc) == documento
    baixado = cliente_de("joao").get(resposta["Location"])
    assert b"".join(baixado.streaming_content).startswith(b"%PDF")


# --- consultas por página ------------------------------------------------------------------------------------


def _mais_agencias(pessoa, quantas: int) -> None:
    campinas = aps(CENTRO)
    for indice in range(quantas):
        nova = AgenciaPrevidencia.objects.create(
            codigo=f"2100190{indice}", nome=f"Campinas - Extra {indice}", gex=campinas.gex,
            municipio_id=campinas.municipio_id, fuso_horario="America/Sao_Paulo")
        responsavel_designar(aps=nova, responsavel=pessoa("joao"), execucao_na_aps=False, por=pessoa("joao"))
        if indice % 2:
            supervisao_criar(aps=nova, por=pessoa("joao"))


@pytest.mark.parametrize("url", [LISTA, RELATORIO])
def test_as_paginas_custam_o_mesmo_numero_de_consultas_com_3_ou_10_agencias(em_outubro, pessoa, cliente_de,
                                                                             django_assert_num_queries, url):
    supervisao_pronta(pessoa)
    cliente = cliente_de("joao")
    cliente.get(url)  # aquece sessão e caches
    with CaptureQueriesContext(connection) as poucos:
        assert cliente.get(url).status_code == 200
    _mais_agencias(pessoa, 7)
    with django_assert_num_queries(len(poucos.captured_queries)):
        resposta = cliente.get(url)
    assert "Campinas - Extra 6" in resposta.content.decode() or url == RELATORIO
    assert len(poucos.captured_queries) <= 12


def test_a_pagina_da_supervisao_custa_o_mesmo_numero_de_consultas_com_mais_imagens(em_outubro, pessoa, cliente_de,
                                                                                   django_assert_num_queries):
    supervisao = supervisao_pronta(pessoa, concluir=False)
    cliente = cliente_de("heitor")
    url = f"/supervisao/{supervisao.pk}/"
    cliente.get(url)
    with CaptureQueriesContext(connection) as poucos:
        cliente.get(url)
    supervisao_anexar_imagens(supervisao=supervisao, imagens=[imagem_conferida(png(f"{i}.png")) for i in range(4)],
                              por=pessoa("heitor"))
    with django_assert_num_queries(len(poucos.captured_queries)):
        cliente.get(url)
    assert len(poucos.captured_queries) <= 12


def test_a_tarefa_abre_o_ciclo_e_lembra(demo, pessoa):
    from atendimento.tasks import abrir_ciclo_e_lembrar_supervisoes

    heitor_responsavel(pessoa)
    with time_machine.travel(_as(date(2026, 12, 28)), tick=False):
        assert abrir_ciclo_e_lembrar_supervisoes() == 1
        assert abrir_ciclo_e_lembrar_supervisoes() == 0
    assert CicloDeSupervisao.objects.get().inicio == date(2026, 12, 1)


def test_a_imagem_sai_do_rascunho_mas_nao_da_supervisao_concluida(em_outubro, pessoa, cliente_de):
    supervisao = supervisao_pronta(pessoa, concluir=False)
    supervisao_anexar_imagens(supervisao=supervisao, imagens=[imagem_conferida(png("extra.png"))],
                              por=pessoa("heitor"))
    extra = supervisao.imagens.get(nome="extra.png")
    assert cliente_de("heitor").post(f"/supervisao/imagens/{extra.pk}/remover/").status_code == 302
    assert list(supervisao.imagens.values_list("nome", flat=True)) == ["visita.png"]
    supervisao_concluir(supervisao=supervisao, por=pessoa("heitor"))
    cliente_de("heitor").post(f"/supervisao/imagens/{supervisao.imagens.get().pk}/remover/")
    assert supervisao.imagens.count() == 1


def test_a_nova_designacao_passa_o_rascunho_ao_novo_responsavel(em_outubro, pessoa):
    supervisao = supervisao_pronta(pessoa, concluir=False)
    responsavel_designar(aps=aps(CENTRO), responsavel=pessoa("joao"), execucao_na_aps=False, por=pessoa("joao"))
    assert Supervisao.objects.get(pk=supervisao.pk).responsavel == pessoa("joao")
    with pytest.raises(ErroDaSupervisao, match="Só o\\(a\\) responsável"):
        supervisao_concluir(supervisao=supervisao, por=pessoa("heitor"))
    assert supervisao_concluir(supervisao=supervisao, por=pessoa("joao")).status == StatusSupervisao.CONCLUIDA
