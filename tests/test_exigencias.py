"""A exigência: prazo de 30 dias pela Lei 9.784/99, art. 66 (atendimento.prazos), uma prorrogação a pedido da
entidade, resposta com texto e PDFs que devolve o requerimento à análise, lembretes 5 dias e 1 dia antes do fim
(cada um uma vez por prazo), e a varredura que registra a não cumprida — disputando com a resposta, uma só vence."""

import threading
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from atendimento import tasks
from atendimento.models import (
    Exigencia,
    Requerimento,
    StatusExigencia,
    StatusRequerimento,
    TipoDocumentoRequerimento,
)
from atendimento.prazos import prazo_da_exigencia, prazo_prorrogado
from atendimento.services import documentos as servico_de_documentos
from atendimento.services._comum import ErroDoRequerimento
from atendimento.services.analise import requerimento_assumir
from atendimento.services.documentos import pdf_conferir
from atendimento.services.exigencia import (
    exigencia_emitir,
    exigencia_prorrogar,
    exigencia_responder,
    exigencias_lembrar,
    exigencias_varrer,
)
from portal.auditoria.models import Evento
from portal.contas.models import Usuario
from portal.demo import semear_demo
from portal.notificacoes.models import LembreteEnviado, Notificacao
from tests.conftest import PERSONAS
from tests.requerimentos_apoio import (
    cliente_de_bruno_por_campinas,
    cliente_logado,
    numero,
    representante_de_consulta,
    requerimento_protocolado,
)
from tests.suporte_apoio import pdf, png

pytestmark = pytest.mark.django_db

ZONA = timezone.get_default_timezone()


def as_(dia: date, hora: int = 10, minuto: int = 0) -> datetime:
    return datetime.combine(dia, time(hora, minuto), tzinfo=ZONA)


def pessoa(apelido: str) -> Usuario:
    return Usuario.objects.get(cpf=PERSONAS[apelido])


def em_exigencia(**extra) -> Exigencia:
    """Um requerimento de Campinas assumido por Gabriela, com uma exigência recém-emitida."""
    gabriela = pessoa("gabriela")
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(**extra), por=gabriela)
    return exigencia_emitir(requerimento=requerimento, texto="Falta comprovar a renda.",
                            itens="CadÚnico atualizado\nExtrato bancário", por=gabriela)


def relida(exigencia: Exigencia) -> Exigencia:
    return Exigencia.objects.select_related("requerimento__entidade", "requerimento__analista").get(pk=exigencia.pk)


def marcos_enviados() -> list[str]:
    return sorted(LembreteEnviado.objects.values_list("marco", flat=True))


# --- o prazo ------------------------------------------------------------------------------------------------


def test_prazo_guardado_e_o_de_prazos_com_o_fim_no_feriado_levado_ao_dia_util(demo):
    # Notificada na sexta 20/03/2026: o 30º dia é domingo 19/04; 20/04 é ponto facultativo (portaria do MGI) e
    # 21/04 é Tiradentes — o último dia é a quarta 22/04.
    with time_machine.travel(as_(date(2026, 3, 20), 15), tick=False):
        exigencia = em_exigencia()
    assert exigencia.prazo_fim == prazo_da_exigencia(exigencia.notificada_em, "SP") == date(2026, 4, 22)
    assert Exigencia.objects.get(pk=exigencia.pk).prazo_fim == date(2026, 4, 22)
    evento = Evento.objects.get(acao="exigencia_emitida")
    assert evento.nota == "Prazo até 22/04/2026." and (evento.status_de, evento.status_para) == (
        "em_analise", "em_exigencia")


def test_so_uma_exigencia_aberta_por_vez(demo):
    exigencia = em_exigencia()
    with pytest.raises(ErroDoRequerimento, match="mudou enquanto você o via"):
        exigencia_emitir(requerimento=exigencia.requerimento, texto="Outra.", itens="", por=pessoa("gabriela"))
    assert Exigencia.objects.count() == 1


# --- prorrogação --------------------------------------------------------------------------------------------


def test_a_entidade_prorroga_uma_vez_e_a_segunda_e_recusada_com_a_data(demo, cliente_de):
    exigencia = em_exigencia()
    bruno = cliente_de_bruno_por_campinas(cliente_de, pessoa)
    endereco = f"/requerimentos/{exigencia.requerimento_id}/"
    assert 'data-testid="prorrogar"' in bruno.get(endereco).content.decode()
    esperado = prazo_prorrogado(exigencia.prazo_fim, "SP")

    resposta = bruno.post(f"{endereco}prorrogar/", follow=True)
    assert f"Prazo prorrogado até {esperado:%d/%m/%Y}." in resposta.content.decode()
    exigencia = relida(exigencia)
    assert exigencia.prazo_fim == esperado and exigencia.prorrogada_em is not None
    assert 'data-testid="prorrogar"' not in resposta.content.decode()  # o botão some depois da única

    resposta = bruno.post(f"{endereco}prorrogar/", follow=True)
    assert f"O prazo já foi prorrogado uma vez, até {esperado:%d/%m/%Y}" in resposta.content.decode()
    with pytest.raises(ErroDoRequerimento, match="já foi prorrogado uma vez"):
        exigencia_prorrogar(exigencia=exigencia, por=pessoa("ana"))
    assert relida(exigencia).prazo_fim == esperado
    assert Evento.objects.filter(acao="exigencia_prorrogada").count() == 1
    assert Notificacao.objects.filter(destinatario=pessoa("gabriela"), titulo__contains="prorrogou").count() == 1


def test_a_gestora_tambem_prorroga_e_o_papel_consulta_nao(demo, cliente_de):
    exigencia = em_exigencia()
    consulta = representante_de_consulta()
    with pytest.raises(ErroDoRequerimento, match="o papel Consulta só acompanha"):
        exigencia_prorrogar(exigencia=exigencia, por=consulta)
    assert cliente_logado(consulta).post(f"/requerimentos/{exigencia.requerimento_id}/prorrogar/").status_code == 404
    assert relida(exigencia).prorrogada_em is None
    exigencia_prorrogar(exigencia=exigencia, por=pessoa("ana"))
    assert relida(exigencia).prorrogada_em is not None


def test_nao_se_prorroga_depois_do_prazo(demo):
    exigencia = em_exigencia()
    with time_machine.travel(as_(exigencia.prazo_fim + timedelta(days=1), 9)):
        with pytest.raises(ErroDoRequerimento, match=f"O prazo terminou em {exigencia.prazo_fim:%d/%m/%Y}"):
            exigencia_prorrogar(exigencia=exigencia, por=pessoa("bruno"))


# --- resposta -----------------------------------------------------------------------------------------------


def test_resposta_com_texto_e_pdf_volta_para_a_analise_e_avisa_a_analista(demo, cliente_de,
                                                                         django_capture_on_commit_callbacks,
                                                                         mailoutbox):
    exigencia = em_exigencia()
    bruno = cliente_de_bruno_por_campinas(cliente_de, pessoa)
    endereco = f"/requerimentos/{exigencia.requerimento_id}/"
    with django_capture_on_commit_callbacks(execute=True):
        resposta = bruno.post(f"{endereco}responder/", {
            "resposta": "Seguem o CadÚnico e o extrato.", "documentos": [pdf("cadunico.pdf"), pdf("extrato.pdf")],
        }, follow=True)
    html = resposta.content.decode()
    assert "Resposta registrada. O requerimento voltou para a análise do INSS." in html
    exigencia = relida(exigencia)
    assert exigencia.status == StatusExigencia.RESPONDIDA and exigencia.respondida_por == pessoa("bruno")
    assert exigencia.resposta == "Seguem o CadÚnico e o extrato."
    assert exigencia.requerimento.status == StatusRequerimento.EM_ANALISE
    documentos = list(exigencia.documentos.order_by("pk"))
    assert [(d.nome, d.tipo) for d in documentos] == [
        ("cadunico.pdf", TipoDocumentoRequerimento.RESPOSTA_EXIGENCIA),
        ("extrato.pdf", TipoDocumentoRequerimento.RESPOSTA_EXIGENCIA),
    ]
    assert "cadunico.pdf" in html and 'data-testid="formulario-de-resposta"' not in html
    assert [m.to for m in mailoutbox] == [[pessoa("gabriela").email]]
    assert mailoutbox[0].subject.endswith(
        f"A entidade respondeu à exigência do requerimento {numero(exigencia.requerimento)}")
    assert Evento.objects.get(acao="exigencia_respondida").status_para == "em_analise"


def test_so_texto_ou_so_pdf_servem_e_nenhum_dos_dois_e_recusado(demo):
    exigencia = em_exigencia()
    with pytest.raises(ErroDoRequerimento, match="Escreva a resposta ou anexe ao menos um documento em PDF."):
        exigencia_responder(exigencia=exigencia, resposta="  ", documentos=[], por=pessoa("bruno"))
    exigencia_responder(exigencia=exigencia, resposta="", documentos=[pdf_conferir(pdf())], por=pessoa("bruno"))
    assert relida(exigencia).status == StatusExigencia.RESPONDIDA


def test_arquivo_que_nao_e_pdf_e_recusado_com_o_nome_e_o_texto_fica(demo, cliente_de):
    exigencia = em_exigencia()
    bruno = cliente_de_bruno_por_campinas(cliente_de, pessoa)
    resposta = bruno.post(f"/requerimentos/{exigencia.requerimento_id}/responder/", {
        "resposta": "Segue a foto do CadÚnico.", "documentos": [png("cadunico.png")],
    })
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "A resposta ainda não foi registrada." in html
    assert "O arquivo “cadunico.png” não é PDF" in html
    assert "Segue a foto do CadÚnico.</textarea>" in html
    assert relida(exigencia).status == StatusExigencia.ABERTA
    assert not exigencia.documentos.exists()


def test_lote_que_passaria_de_30_mb_no_requerimento_e_recusado(demo, monkeypatch):
    exigencia = em_exigencia()
    atual = sum(exigencia.requerimento.documentos.values_list("tamanho", flat=True))
    monkeypatch.setattr(servico_de_documentos, "LIMITE_POR_REQUERIMENTO", atual + 10)
    with pytest.raises(ErroDoRequerimento, match="o limite é"):
        exigencia_responder(exigencia=exigencia, resposta="Segue.", documentos=[pdf_conferir(pdf())],
                            por=pessoa("bruno"))
    assert relida(exigencia).status == StatusExigencia.ABERTA


def test_consulta_nao_responde(demo):
    exigencia = em_exigencia()
    consulta = representante_de_consulta()
    with pytest.raises(ErroDoRequerimento, match="o papel Consulta só acompanha"):
        exigencia_responder(exigencia=exigencia, resposta="Segue.", documentos=[], por=consulta)
    resposta = cliente_logado(consulta).post(f"/requerimentos/{exigencia.requerimento_id}/responder/",
                                             {"resposta": "Segue."})
    assert resposta.status_code == 404
    assert relida(exigencia).status == StatusExigencia.ABERTA


def test_resposta_no_ultimo_dia_vale_e_no_dia_seguinte_e_recusada_mesmo_antes_da_varredura(demo):
    exigencia = em_exigencia()
    with time_machine.travel(as_(exigencia.prazo_fim + timedelta(days=1), 0, 5)):
        with pytest.raises(ErroDoRequerimento, match=f"O prazo terminou em {exigencia.prazo_fim:%d/%m/%Y}"):
            exigencia_responder(exigencia=exigencia, resposta="Atrasada.", documentos=[], por=pessoa("bruno"))
    with time_machine.travel(as_(exigencia.prazo_fim, 23, 50)):
        exigencia_responder(exigencia=exigencia, resposta="No último dia.", documentos=[], por=pessoa("bruno"))
    assert relida(exigencia).status == StatusExigencia.RESPONDIDA


def test_a_pagina_conta_os_dias_e_depois_do_ultimo_dia_nao_oferece_mais_a_resposta(demo, cliente_de):
    exigencia = em_exigencia()
    endereco = f"/requerimentos/{exigencia.requerimento_id}/"

    def pagina_em(quando: datetime) -> str:
        with time_machine.travel(quando):  # a sessão de hoje já teria expirado: entra-se no dia
            return cliente_de_bruno_por_campinas(cliente_de, pessoa).get(endereco).content.decode()

    html = pagina_em(as_(exigencia.prazo_fim - timedelta(days=3)))
    assert 'data-testid="dias-restantes">3 dias<' in html and 'data-testid="formulario-de-resposta"' in html
    assert "hoje é o último dia" in pagina_em(as_(exigencia.prazo_fim, 18))
    html = pagina_em(as_(exigencia.prazo_fim + timedelta(days=1), 0, 5))
    assert "prazo encerrado" in html
    assert 'data-testid="formulario-de-resposta"' not in html and 'data-testid="prorrogar"' not in html


# --- lembretes ----------------------------------------------------------------------------------------------


def test_lembretes_5_dias_e_1_dia_antes_do_fim_cada_um_uma_vez(demo, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    with time_machine.travel(as_(date(2026, 3, 20), 15)):
        exigencia = em_exigencia()
    fim = exigencia.prazo_fim
    enviados_por_dia = {}
    dia = date(2026, 3, 21)
    while dia <= fim + timedelta(days=1):
        with time_machine.travel(as_(dia, 8)):
            with django_capture_on_commit_callbacks(execute=True):
                enviados_por_dia[dia] = exigencias_lembrar()
            assert exigencias_lembrar() == 0  # a mesma varredura de novo: nada
        dia += timedelta(days=1)
    assert {d: n for d, n in enviados_por_dia.items() if n} == {fim - timedelta(days=5): 2, fim - timedelta(days=1): 2}
    assert marcos_enviados() == [f"{fim.isoformat()}:1_dia"] * 2 + [f"{fim.isoformat()}:5_dias"] * 2
    titulos = sorted(Notificacao.objects.filter(destinatario=pessoa("bruno")).values_list("titulo", flat=True))
    protocolo = numero(exigencia.requerimento)
    assert f"O prazo da exigência do requerimento {protocolo} termina em 5 dias ({fim:%d/%m/%Y})" in titulos
    assert f"O prazo da exigência do requerimento {protocolo} termina amanhã ({fim:%d/%m/%Y})" in titulos
    assert sorted({m.to[0] for m in mailoutbox}) == sorted([pessoa("ana").email, pessoa("bruno").email])


def test_depois_de_uma_semana_sem_varreduras_so_o_lembrete_mais_recente(demo):
    with time_machine.travel(as_(date(2026, 3, 20), 15)):
        exigencia = em_exigencia()
    fim = exigencia.prazo_fim
    # a varredura parou antes do marco de 5 dias e voltou no último dia
    with time_machine.travel(as_(fim, 7)):
        assert exigencias_lembrar() == 2
    assert marcos_enviados() == [f"{fim.isoformat()}:1_dia"] * 2
    assert Notificacao.objects.filter(titulo__contains="termina hoje").count() == 2


def test_a_passada_seguinte_nao_custa_uma_consulta_por_exigencia_e_quem_chegou_depois_recebe(demo):
    """O livro de lembretes e os destinatários são lidos por lote: a passada que não tem nada novo faz o mesmo
    número de consultas com uma ou com quatro exigências; um gestor que entrou na entidade depois do aviso recebe
    o seu na passada seguinte (a chave é por destinatário)."""
    from django.test.utils import CaptureQueriesContext

    from portal.entidades.models import Vinculo

    with time_machine.travel(as_(date(2026, 3, 20), 15)):
        primeira = em_exigencia()
    fim = primeira.prazo_fim

    def passada_seguinte() -> int:
        with time_machine.travel(as_(fim - timedelta(days=5), 8)):
            exigencias_lembrar()
            with CaptureQueriesContext(connection) as consultas:
                assert exigencias_lembrar() == 0
        return len(consultas)

    com_uma = passada_seguinte()
    with time_machine.travel(as_(date(2026, 3, 20), 15)):
        for _ in range(3):
            em_exigencia()
    assert passada_seguinte() == com_uma
    assert LembreteEnviado.objects.count() == 8  # Ana e Bruno, nas quatro

    novo = representante_de_consulta()
    Vinculo.objects.filter(usuario=novo, entidade=primeira.requerimento.entidade).update(gestor=True)
    with time_machine.travel(as_(fim - timedelta(days=5), 9)):
        assert exigencias_lembrar() == 4
        assert exigencias_lembrar() == 0


def test_o_prazo_prorrogado_recebe_os_seus_lembretes(demo):
    with time_machine.travel(as_(date(2026, 3, 20), 15)):
        exigencia = em_exigencia()
    fim = exigencia.prazo_fim
    with time_machine.travel(as_(fim - timedelta(days=5), 8)):
        assert exigencias_lembrar() == 2
        exigencia = exigencia_prorrogar(exigencia=relida(exigencia), por=pessoa("bruno"))
        assert exigencias_lembrar() == 0  # o novo fim está longe
    novo_fim = exigencia.prazo_fim
    with time_machine.travel(as_(novo_fim - timedelta(days=5), 8)):
        assert exigencias_lembrar() == 2
    assert marcos_enviados() == [f"{fim.isoformat()}:5_dias"] * 2 + [f"{novo_fim.isoformat()}:5_dias"] * 2


def test_exigencia_respondida_nao_recebe_lembrete(demo):
    exigencia = em_exigencia()
    exigencia_responder(exigencia=exigencia, resposta="Segue.", documentos=[], por=pessoa("bruno"))
    with time_machine.travel(as_(exigencia.prazo_fim - timedelta(days=1), 8)):
        assert exigencias_lembrar() == 0


# --- a varredura do prazo ------------------------------------------------------------------------------------


def test_varredura_registra_a_nao_cumprida_uma_vez_depois_do_fim_do_ultimo_dia(demo, mailoutbox,
                                                                               django_capture_on_commit_callbacks):
    exigencia = em_exigencia()
    fim = exigencia.prazo_fim
    assert exigencias_varrer(agora=as_(fim, 23, 59)) == 0  # o último dia vale inteiro
    with django_capture_on_commit_callbacks(execute=True):
        assert exigencias_varrer(agora=as_(fim + timedelta(days=1), 0, 1)) == 1
    assert exigencias_varrer(agora=as_(fim + timedelta(days=1), 0, 2)) == 0
    assert exigencias_varrer(agora=as_(fim + timedelta(days=9))) == 0  # atrasada ou repetida: nada duas vezes

    exigencia = relida(exigencia)
    assert exigencia.status == StatusExigencia.NAO_CUMPRIDA
    requerimento = exigencia.requerimento
    assert requerimento.status == StatusRequerimento.EM_ANALISE and requerimento.exigencia_nao_cumprida
    evento = Evento.objects.get(acao="exigencia_nao_cumprida")
    assert (evento.status_de, evento.status_para, evento.ator) == ("em_exigencia", "em_analise", None)
    assert [m.to for m in mailoutbox] == [[pessoa("gabriela").email]]
    assert mailoutbox[0].subject.endswith(f"Exigência não cumprida no requerimento {numero(requerimento)}")
    with pytest.raises(ErroDoRequerimento, match="registrada como não cumprida"):
        exigencia_responder(exigencia=exigencia, resposta="Tarde.", documentos=[], por=pessoa("bruno"))


def test_nova_exigencia_depois_da_nao_cumprida_limpa_a_marca_do_requerimento(demo):
    exigencia = em_exigencia()
    exigencias_varrer(agora=as_(exigencia.prazo_fim + timedelta(days=1)))
    requerimento = Requerimento.objects.get(pk=exigencia.requerimento_id)
    assert requerimento.exigencia_nao_cumprida
    exigencia_emitir(requerimento=requerimento, texto="Última chance: o extrato.", itens="", por=pessoa("gabriela"))
    assert not Requerimento.objects.get(pk=requerimento.pk).exigencia_nao_cumprida


def test_as_tarefas_chamam_as_varreduras(demo):
    exigencia = em_exigencia()
    assert tasks.varrer_exigencias_vencidas() == 0
    with time_machine.travel(as_(exigencia.prazo_fim - timedelta(days=1), 8)):
        assert tasks.lembrar_prazo_das_exigencias() == 2
    with time_machine.travel(as_(exigencia.prazo_fim + timedelta(days=1), 8)):
        assert tasks.varrer_exigencias_vencidas() == 1


# --- a disputa de verdade: resposta × varredura -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_resposta_e_varredura_simultaneas_so_uma_vence(mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("a disputa real entre conexões paralelas precisa do PostgreSQL (o CI usa)")
    semear_demo()
    for _rodada in range(6):
        exigencia = relida(em_exigencia())
        # A resposta chega no último dia; a varredura roda como se já fosse o dia seguinte: as duas se acham no
        # direito, e a linha da exigência decide.
        Exigencia.objects.filter(pk=exigencia.pk).update(prazo_fim=timezone.localdate())
        exigencia = relida(exigencia)
        documentos = [pdf_conferir(pdf("resposta.pdf"))]
        barreira = threading.Barrier(2)
        resultado, erros = {}, []

        def responder(exigencia=exigencia, documentos=documentos, barreira=barreira, resultado=resultado,
                      erros=erros):
            try:
                barreira.wait(timeout=10)
                exigencia_responder(exigencia=exigencia, resposta="Segue.", documentos=documentos,
                                    por=pessoa("bruno"))
                resultado["resposta"] = True
            except ErroDoRequerimento as erro:
                resultado["resposta"] = False
                resultado["mensagem"] = str(erro)
            except Exception as erro:  # pragma: no cover — falha o teste abaixo
                erros.append(erro)
            finally:
                connection.close()

        def varrer(barreira=barreira, resultado=resultado, erros=erros):
            try:
                barreira.wait(timeout=10)
                resultado["varredura"] = exigencias_varrer(agora=timezone.now() + timedelta(days=1))
            except Exception as erro:  # pragma: no cover
                erros.append(erro)
            finally:
                connection.close()

        threads = [threading.Thread(target=responder), threading.Thread(target=varrer)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert erros == []
        assert [resultado["resposta"], resultado["varredura"]] in ([True, 0], [False, 1]), resultado

        exigencia = relida(exigencia)
        requerimento = exigencia.requerimento
        assert requerimento.status == StatusRequerimento.EM_ANALISE
        if resultado["resposta"]:
            assert exigencia.status == StatusExigencia.RESPONDIDA and not requerimento.exigencia_nao_cumprida
            assert exigencia.documentos.count() == 1
        else:
            assert "não cumprida" in resultado["mensagem"]
            assert exigencia.status == StatusExigencia.NAO_CUMPRIDA and requerimento.exigencia_nao_cumprida
            assert not exigencia.documentos.exists()
        eventos = Evento.objects.filter(objeto_id=str(requerimento.pk),
                                        acao__in=["exigencia_respondida", "exigencia_nao_cumprida"])
        assert eventos.count() == 1
