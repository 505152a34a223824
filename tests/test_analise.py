"""A análise pelo INSS: a fila da região (do protocolo mais antigo ao mais novo, filtros, busca, custo fixo de
consultas), assumir, emitir exigência, concluir, com as recusas; fora do escopo, 404; cada abertura de documento
do cidadão fica registrada."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from atendimento.models import Decisao, Exigencia, Requerimento, StatusExigencia, StatusRequerimento
from atendimento.services._comum import ErroDoRequerimento
from atendimento.services.analise import requerimento_assumir, requerimento_concluir
from atendimento.services.exigencia import exigencia_emitir, exigencias_varrer
from portal.auditoria.models import Evento
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.demo import SEGREDO_TOTP_DEMO
from portal.notificacoes.models import Notificacao
from portal.organizacao.models import SuperintendenciaRegional
from tests.requerimentos_apoio import (
    BH,
    cliente_de_bruno_por_campinas,
    cliente_logado,
    cpf_de,
    entidade,
    numero,
    protocolos,
    requerimento_protocolado,
    servico,
)

pytestmark = pytest.mark.django_db

FILA = "/analise/"


def analise(requerimento) -> str:
    return f"/analise/{requerimento.pk}/"


def outro_analista(sr: int = 1, cpf: str = cpf_de(527131680), nome: str = "Otávio Analista") -> Usuario:
    pessoa = Usuario.objects.create_user(cpf, nome, f"{cpf}@inss.gov.br", "Senha@Teste2026")
    TOTP.activate(pessoa, SEGREDO_TOTP_DEMO)
    Lotacao.objects.create(usuario=pessoa, papel=PapelINSS.ANALISTA, sr=SuperintendenciaRegional.objects.get(numero=sr))
    return pessoa


# --- a fila -------------------------------------------------------------------------------------------------


def test_fila_vai_do_protocolo_mais_antigo_ao_mais_novo_e_so_mostra_o_que_espera_o_inss(demo, cliente_de, pessoa):
    novo = requerimento_protocolado(protocolado_ha_dias=1)
    antigo = requerimento_protocolado(protocolado_ha_dias=40)
    meio = requerimento_protocolado(protocolado_ha_dias=10)
    concluido = requerimento_protocolado(protocolado_ha_dias=60)
    Requerimento.objects.filter(pk=concluido.pk).update(status=StatusRequerimento.CONCLUIDO,
                                                        decisao=Decisao.DEFERIDO)
    resposta = cliente_de("gabriela").get(FILA)
    assert resposta.status_code == 200
    assert protocolos(resposta) == [antigo.protocolo, meio.protocolo, novo.protocolo]
    html = resposta.content.decode()
    assert "Maria da Silva" in html and antigo.cidadao_cpf not in html  # CPF mascarado na lista
    assert protocolos(cliente_de("gabriela").get(FILA, {"status": ""}))[0] == concluido.protocolo


def test_fila_filtra_por_servico_situacao_entidade_idade_e_analista(demo, cliente_de, pessoa):
    gabriela = pessoa("gabriela")
    aposentadoria = servico("aposentadoria-idade-urbana")
    bpc = requerimento_protocolado(protocolado_ha_dias=2)
    idade = requerimento_protocolado(servico_do_requerimento=aposentadoria, protocolado_ha_dias=35)
    sindicato = requerimento_protocolado(entidade("46068225000180"), protocolado_ha_dias=3)
    requerimento_assumir(requerimento=bpc, por=gabriela)
    cliente = cliente_de("gabriela")

    assert protocolos(cliente.get(FILA, {"status": "na_fila", "servico": aposentadoria.pk})) == [idade.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "em_analise"})) == [bpc.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "na_fila", "entidade": "Sindicato"})) == [sindicato.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "na_fila", "entidade": "4606822"})) == [sindicato.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "na_fila", "idade": 30})) == [idade.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "na_fila", "atribuicao": "meus"})) == [bpc.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "na_fila", "atribuicao": "sem_analista"})) == [
        idade.protocolo, sindicato.protocolo,
    ]


def test_busca_da_fila_por_protocolo_cpf_com_ou_sem_mascara_e_nome(demo, cliente_de):
    joana = requerimento_protocolado(cidadao_nome="Joana Pereira Lima", cidadao_cpf="39053344705")
    outro = requerimento_protocolado(cidadao_nome="Pedro Alves")
    cliente = cliente_de("gabriela")
    for termo in (joana.protocolo, numero(joana), "39053344705", "390.533.447-05", "pereira"):
        assert protocolos(cliente.get(FILA, {"status": "", "texto": termo})) == [joana.protocolo], termo
    assert protocolos(cliente.get(FILA, {"status": "", "texto": outro.protocolo})) == [outro.protocolo]
    assert protocolos(cliente.get(FILA, {"status": "", "texto": "ninguém"})) == []


def test_fila_com_htmx_devolve_so_os_resultados_e_sem_javascript_a_pagina_inteira(demo, cliente_de):
    requerimento = requerimento_protocolado()
    cliente = cliente_de("gabriela")
    parcial = cliente.get(FILA, {"texto": requerimento.protocolo}, headers={"HX-Request": "true"}).content.decode()
    assert parcial.lstrip().startswith('<div id="resultados">') and numero(requerimento) in parcial
    pagina = cliente.get(FILA, {"texto": requerimento.protocolo}).content.decode()
    assert "<html" in pagina and 'id="busca"' in pagina and numero(requerimento) in pagina


def test_fila_custa_o_mesmo_numero_de_consultas_com_3_ou_40_requerimentos(demo, cliente_de, pessoa,
                                                                           django_assert_num_queries):
    for _ in range(3):
        requerimento_protocolado(documentos=0)
    cliente = cliente_de("gabriela")
    cliente.get(FILA)  # aquece sessão e caches de ContentType
    with CaptureQueriesContext(connection) as poucos:
        assert len(protocolos(cliente.get(FILA))) == 3
    for indice in range(37):
        requerimento = requerimento_protocolado(entidade("46068225000180") if indice % 2 else None, documentos=0)
        if indice % 3 == 0:
            requerimento_assumir(requerimento=requerimento, por=pessoa("gabriela"))
    with django_assert_num_queries(len(poucos.captured_queries)):
        resposta = cliente.get(FILA)
    assert resposta.context["pagina"].paginator.count == 40
    assert len(poucos.captured_queries) <= 12


def test_pagina_de_analise_custa_o_mesmo_numero_de_consultas_com_mais_documentos_e_exigencias(
        demo, cliente_de, pessoa, django_assert_num_queries):
    gabriela = pessoa("gabriela")
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(documentos=1), por=gabriela)
    exigencia_emitir(requerimento=requerimento, texto="Falta a CTPS.", itens="CTPS", por=gabriela)
    cliente = cliente_de("gabriela")
    cliente.get(analise(requerimento))
    with CaptureQueriesContext(connection) as poucos:
        cliente.get(analise(requerimento))
    mais = requerimento_assumir(requerimento=requerimento_protocolado(documentos=3), por=gabriela)
    exigencia = exigencia_emitir(requerimento=mais, texto="Falta a CTPS.", itens="CTPS", por=gabriela)
    Exigencia.objects.filter(pk=exigencia.pk).update(status=StatusExigencia.RESPONDIDA, resposta="Segue.",
                                                      respondida_em=timezone.now(), respondida_por=pessoa("bruno"))
    Requerimento.objects.filter(pk=mais.pk).update(status=StatusRequerimento.EM_ANALISE)
    exigencia_emitir(requerimento=Requerimento.objects.get(pk=mais.pk), texto="Falta o laudo.", itens="Laudo",
                     por=gabriela)
    with django_assert_num_queries(len(poucos.captured_queries)):
        cliente.get(analise(mais))
    assert len(poucos.captured_queries) <= 12


# --- assumir, exigir, concluir ----------------------------------------------------------------------------------


def test_gabriela_assume_o_requerimento_pela_pagina_e_o_historico_registra(demo, cliente_de, pessoa):
    requerimento = requerimento_protocolado()
    cliente = cliente_de("gabriela")
    html = cliente.get(analise(requerimento)).content.decode()
    assert "Assumir" in html and requerimento.cidadao_cpf[:3] + "." in html  # o CPF inteiro, formatado
    resposta = cliente.post(f"{analise(requerimento)}assumir/", follow=True)
    assert f"Você assumiu o requerimento {numero(requerimento)}." in resposta.content.decode()
    requerimento.refresh_from_db()
    assert requerimento.status == StatusRequerimento.EM_ANALISE and requerimento.analista == pessoa("gabriela")
    evento = Evento.objects.get(acao="requerimento_assumido")
    assert (evento.status_de, evento.status_para, evento.ator) == ("protocolado", "em_analise", pessoa("gabriela"))


def test_dois_analistas_no_mesmo_requerimento_um_assume_e_o_outro_sabe_com_quem_ficou(demo, pessoa):
    requerimento = requerimento_protocolado()
    otavio = outro_analista()
    requerimento_assumir(requerimento=requerimento, por=pessoa("gabriela"))
    with pytest.raises(ErroDoRequerimento, match="com Gabriela Melo"):
        requerimento_assumir(requerimento=requerimento, por=otavio)
    assert Requerimento.objects.get(pk=requerimento.pk).analista == pessoa("gabriela")
    assert Evento.objects.filter(acao="requerimento_assumido").count() == 1


def test_exigencia_pela_pagina_avisa_o_representante_e_os_gestores_com_o_prazo(
        demo, cliente_de, pessoa, mailoutbox, django_capture_on_commit_callbacks):
    requerimento = requerimento_protocolado()
    requerimento_assumir(requerimento=requerimento, por=pessoa("gabriela"))
    cliente = cliente_de("gabriela")
    assert 'data-testid="dialogo"' in cliente.get(f"{analise(requerimento)}exigencia/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resposta = cliente.post(f"{analise(requerimento)}exigencia/", {
            "texto": "Falta comprovar a renda do grupo familiar.", "itens": "CadÚnico atualizado\n\n  Extrato  \n",
        }, follow=True)
    assert "Exigência emitida. A entidade foi avisada do prazo." in resposta.content.decode()
    exigencia = Exigencia.objects.get()
    assert exigencia.status == StatusExigencia.ABERTA and exigencia.lista_de_itens == ["CadÚnico atualizado", "Extrato"]
    assert Requerimento.objects.get(pk=requerimento.pk).status == StatusRequerimento.EM_EXIGENCIA
    titulo = f"Exigência no requerimento {numero(requerimento)} — prazo até {exigencia.prazo_fim:%d/%m/%Y}"
    avisados = set(Notificacao.objects.filter(titulo=titulo).values_list("destinatario__cpf", flat=True))
    assert avisados == {pessoa("bruno").cpf, pessoa("ana").cpf}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([pessoa("bruno").email, pessoa("ana").email])
    assert "Maria da Silva" not in "".join(m.body for m in mailoutbox)  # o nome do cidadão não vai por e-mail


def test_exigencia_sem_texto_e_recusada_no_campo_e_nada_muda(demo, cliente_de, pessoa):
    requerimento = requerimento_protocolado()
    requerimento_assumir(requerimento=requerimento, por=pessoa("gabriela"))
    resposta = cliente_de("gabriela").post(f"{analise(requerimento)}exigencia/", {"texto": " ", "itens": "CTPS"})
    html = resposta.content.decode()
    assert "Diga à entidade o que falta e por quê." in html and "CTPS" in html
    assert not Exigencia.objects.exists()
    assert Requerimento.objects.get(pk=requerimento.pk).status == StatusRequerimento.EM_ANALISE


def test_so_quem_assumiu_emite_exigencia_e_decide(demo, cliente_de, pessoa):
    requerimento = requerimento_protocolado()
    with pytest.raises(ErroDoRequerimento, match="Assuma o requerimento"):
        exigencia_emitir(requerimento=requerimento, texto="x", itens="", por=pessoa("gabriela"))
    requerimento = requerimento_assumir(requerimento=requerimento, por=pessoa("gabriela"))
    otavio = outro_analista()
    with pytest.raises(ErroDoRequerimento, match="está com Gabriela Melo"):
        exigencia_emitir(requerimento=requerimento, texto="x", itens="", por=otavio)
    with pytest.raises(ErroDoRequerimento, match="está com Gabriela Melo"):
        requerimento_concluir(requerimento=requerimento, decisao=Decisao.DEFERIDO, motivo="ok", por=otavio)
    assert "Concluir" not in cliente_logado(otavio).get(analise(requerimento)).content.decode()


def test_concluir_exige_a_fundamentacao_sobretudo_no_indeferimento(demo, cliente_de, pessoa):
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=pessoa("gabriela"))
    cliente = cliente_de("gabriela")
    html = cliente.post(f"{analise(requerimento)}concluir/", {"decisao": "indeferido", "motivo": ""}).content.decode()
    assert "O indeferimento exige a fundamentação" in html
    html = cliente.post(f"{analise(requerimento)}concluir/", {"decisao": "", "motivo": "Renda acima"}).content.decode()
    assert "Escolha a decisão: deferido ou indeferido." in html and "Renda acima" in html
    with pytest.raises(ErroDoRequerimento, match="Fundamente a decisão"):
        requerimento_concluir(requerimento=requerimento, decisao=Decisao.DEFERIDO, motivo="  ", por=pessoa("gabriela"))
    assert Requerimento.objects.get(pk=requerimento.pk).status == StatusRequerimento.EM_ANALISE


def test_nao_se_decide_com_exigencia_aberta(demo, pessoa):
    gabriela = pessoa("gabriela")
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    exigencia_emitir(requerimento=requerimento, texto="Falta a CTPS.", itens="", por=gabriela)
    with pytest.raises(ErroDoRequerimento, match="tem uma exigência aberta"):
        requerimento_concluir(requerimento=Requerimento.objects.get(pk=requerimento.pk), decisao=Decisao.DEFERIDO,
                              motivo="ok", por=gabriela)


def test_concluir_deferido_avisa_a_entidade_e_encerra_as_acoes(demo, cliente_de, pessoa):
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=pessoa("gabriela"))
    cliente = cliente_de("gabriela")
    resposta = cliente.post(f"{analise(requerimento)}concluir/", {
        "decisao": "deferido", "motivo": "Requisitos do art. 20 da Lei 8.742/93 comprovados.",
    }, follow=True)
    html = resposta.content.decode()
    assert "Requerimento concluído. A entidade foi avisada da decisão." in html
    assert 'data-testid="decisao"' in html and "Emitir exigência" not in html
    requerimento.refresh_from_db()
    assert requerimento.status == StatusRequerimento.CONCLUIDO and requerimento.decisao == "deferido"
    assert requerimento.concluido_em is not None
    avisados = set(Notificacao.objects.filter(titulo=f"Requerimento {numero(requerimento)}: deferido")
                   .values_list("destinatario__cpf", flat=True))
    assert avisados == {pessoa("bruno").cpf, pessoa("ana").cpf}
    with pytest.raises(ErroDoRequerimento, match="mudou enquanto você o via"):
        requerimento_concluir(requerimento=requerimento, decisao=Decisao.INDEFERIDO, motivo="x",
                              por=pessoa("gabriela"))


def test_com_htmx_a_acao_abre_no_dialogo_e_o_sucesso_redireciona_pelo_cabecalho(demo, cliente_de, pessoa):
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=pessoa("gabriela"))
    cliente = cliente_de("gabriela")
    htmx = {"HX-Request": "true"}
    dialogo = cliente.get(f"{analise(requerimento)}concluir/", headers=htmx).content.decode()
    assert dialogo.lstrip().startswith('<div class="br-card dialogo-acao"') and "<html" not in dialogo
    resposta = cliente.post(f"{analise(requerimento)}concluir/", {"decisao": "deferido", "motivo": "ok"},
                            headers=htmx)
    assert resposta.status_code == 200 and resposta["HX-Redirect"] == analise(requerimento)


def test_a_pagina_de_analise_mostra_a_exigencia_nao_cumprida_devolvida_pela_varredura(demo, cliente_de, pessoa):
    gabriela = pessoa("gabriela")
    requerimento = requerimento_assumir(requerimento=requerimento_protocolado(), por=gabriela)
    exigencia = exigencia_emitir(requerimento=requerimento, texto="Falta a CTPS.", itens="", por=gabriela)
    assert exigencias_varrer(agora=timezone.now() + timezone.timedelta(days=60)) == 1
    assert exigencia.prazo_fim < timezone.localdate() + timezone.timedelta(days=60)
    html = cliente_de("gabriela").get(analise(requerimento)).content.decode()
    assert 'data-testid="exigencia-nao-cumprida"' in html and "Concluir" in html
    assert "Não cumprida no prazo" in html and "O prazo terminou sem resposta da entidade." in html
    fila = cliente_de("gabriela").get(FILA).content.decode()
    assert "exigência não cumprida" in fila


# --- 404 para quem está fora ------------------------------------------------------------------------------


@pytest.mark.parametrize("apelido", ["diego", "fabio", "karina", "elisa", "bruno", "ana"])
def test_quem_nao_e_analista_da_regiao_recebe_404_na_analise(demo, cliente_de, pessoa, apelido):
    requerimento = requerimento_protocolado()
    cliente = cliente_de(apelido)
    assert cliente.get(FILA).status_code == 404
    assert cliente.get(analise(requerimento)).status_code == 404
    assert cliente.post(f"{analise(requerimento)}assumir/").status_code == 404
    assert cliente.get(f"{analise(requerimento)}exigencia/").status_code == 404
    assert cliente.post(f"{analise(requerimento)}exigencia/", {"texto": "x"}).status_code == 404
    assert cliente.post(f"{analise(requerimento)}concluir/", {"decisao": "deferido", "motivo": "x"}).status_code == 404
    assert Requerimento.objects.get(pk=requerimento.pk).status == StatusRequerimento.PROTOCOLADO


@pytest.mark.parametrize("apelido", ["diego", "fabio", "karina", "elisa"])
def test_requerimento_e_documento_de_campinas_sao_404_para_outra_entidade_ou_regiao(demo, cliente_de, apelido):
    requerimento = requerimento_protocolado()
    documento = requerimento.documentos.get()
    cliente = cliente_de(apelido)
    assert cliente.get(f"/requerimentos/{requerimento.pk}/").status_code == 404
    assert cliente.post(f"/requerimentos/{requerimento.pk}/responder/", {"resposta": "x"}).status_code == 404
    assert cliente.post(f"/requerimentos/{requerimento.pk}/prorrogar/").status_code == 404
    assert cliente.get(f"/requerimentos/documentos/{documento.pk}.pdf").status_code == 404
    assert not Evento.objects.filter(acao="documento_do_cidadao_visto").exists()


def test_analista_de_outra_regiao_nao_ve_o_requerimento_de_campinas(demo):
    requerimento = requerimento_protocolado()
    de_bh = requerimento_protocolado(entidade(BH))
    cliente = cliente_logado(outro_analista(sr=2))
    assert protocolos(cliente.get(FILA)) == [de_bh.protocolo]
    assert cliente.get(analise(requerimento)).status_code == 404
    assert cliente.get(f"/requerimentos/documentos/{requerimento.documentos.get().pk}.pdf").status_code == 404
    assert cliente.get(analise(de_bh)).status_code == 200


# --- documentos do cidadão ----------------------------------------------------------------------------------


def test_cada_abertura_de_documento_do_cidadao_fica_registrada(demo, cliente_de, pessoa):
    requerimento = requerimento_protocolado()
    documento = requerimento.documentos.get()
    endereco = f"/requerimentos/documentos/{documento.pk}.pdf"

    resposta = cliente_de("gabriela").get(endereco)
    assert resposta.status_code == 200 and resposta["Content-Type"] == "application/pdf"
    assert b"".join(resposta.streaming_content).startswith(b"%PDF-")
    assert cliente_de_bruno_por_campinas(cliente_de, pessoa).get(endereco).status_code == 200
    assert cliente_de("ana").get(endereco).status_code == 200

    vistos = Evento.objects.filter(acao="documento_do_cidadao_visto", objeto_id=str(documento.pk))
    assert sorted(vistos.values_list("ator__cpf", flat=True)) == sorted(
        [pessoa("gabriela").cpf, pessoa("bruno").cpf, pessoa("ana").cpf]
    )
    assert all(numero(requerimento) in evento.nota for evento in vistos)
    assert f'href="{endereco}"' in cliente_de("gabriela").get(analise(requerimento)).content.decode()
