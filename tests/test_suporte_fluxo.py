"""O ciclo de um chamado: abertura com código L_, fila do grupo, solução, 7 dias para aprovar ou recusar,
fechamento automático e lembretes, cada coisa uma vez."""

import re
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from portal.auditoria.models import Evento
from portal.demo import semear_demo
from portal.notificacoes.models import LembreteEnviado, Notificacao
from suporte.models import Acompanhamento, CategoriaAnexo, Chamado, Fechamento, StatusChamado, TipoAcompanhamento
from suporte.services import (
    ErroDoChamado,
    chamado_acompanhar,
    chamado_aprovar,
    chamado_atribuir,
    chamado_recusar,
    chamado_solucionar,
    chamados_fechar_sem_resposta,
    chamados_lembrar_prazo,
)
from tests.suporte_apoio import abrir, anexo, pdf, png

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


@pytest.mark.django_db
def test_codigo_do_chamado_segue_a_seed_e_a_sequencia_do_dia(pessoa):
    with time_machine.travel(datetime(2022, 5, 30, 17, 14, tzinfo=SAO_PAULO)):
        primeiro = abrir(pessoa("ana"))
        segundo = abrir(pessoa("carla"))
    with time_machine.travel(datetime(2026, 11, 21, 23, 59, tzinfo=SAO_PAULO)):
        outro_dia = abrir(pessoa("ana"))
    assert primeiro.codigo == "L_20530001"
    assert segundo.codigo == "L_20530002"
    assert outro_dia.codigo == "L_61121001"


@pytest.mark.django_db
def test_chamado_vai_para_o_grupo_da_sr_da_entidade_com_o_caminho_do_glpi(pessoa):
    chamado = abrir(pessoa("ana"))
    assert chamado.sr.grupo_suporte == "21150.SR-1"
    assert chamado.status == StatusChamado.NOVO
    assert chamado.caminho_da_entidade == (
        "Suporte INSS > ENT EXTERNAS > 21150.SR-1 > 51885242000140 - PREFEITURA MUNICIPAL DE CAMPINAS"
    )
    assert Notificacao.objects.filter(destinatario=pessoa("elisa"), titulo__contains=chamado.codigo).exists()
    assert not Notificacao.objects.filter(destinatario=pessoa("fabio")).exists()


@pytest.mark.django_db
def test_atendente_nao_abre_chamado(pessoa):
    from suporte.models import ItemCatalogo
    from suporte.services import chamado_abrir

    bruno = pessoa("bruno")
    with pytest.raises(ErroDoChamado, match="Só os representantes gestores"):
        chamado_abrir(vinculo=bruno.vinculos.first(), item=ItemCatalogo.objects.get(numero=11), titulo="x",
                      descricao="y", anexos=[], por=bruno)


@pytest.mark.django_db
def test_itens_12_13_e_14_exigem_tela_do_erro(pessoa):
    for item in (12, 13, 14):
        with pytest.raises(ErroDoChamado, match="Anexe ao menos uma tela do erro"):
            abrir(pessoa("ana"), item=item)
    chamado = abrir(pessoa("ana"), item=12, anexos=[anexo(png())])
    assert chamado.anexos.get().categoria == CategoriaAnexo.TELA_DE_ERRO


@pytest.mark.django_db
def test_item_16_para_representante_de_outra_entidade_exige_tcms_identidade_e_declaracao(pessoa):
    # Bruno já representa o Sindicato: cadastrá-lo na Prefeitura pede os três documentos.
    with pytest.raises(ErroDoChamado) as erro:
        abrir(pessoa("ana"), item=16, cpf_representante="52998224725",
              anexos=[anexo(pdf("tcms.pdf"), CategoriaAnexo.TCMS)])
    assert "Documento de identificação" in str(erro.value)
    assert "Declaração de participação da Escola PEP" in str(erro.value)
    assert "TCMS" not in str(erro.value)
    chamado = abrir(pessoa("ana"), item=16, cpf_representante="52998224725", anexos=[
        anexo(pdf("tcms.pdf"), CategoriaAnexo.TCMS), anexo(pdf("rg.pdf"), CategoriaAnexo.IDENTIDADE),
        anexo(pdf("pep.pdf"), CategoriaAnexo.DECLARACAO_PEP),
    ])
    assert chamado.anexos.count() == 3
    # Quem não representa outra entidade não precisa deles.
    assert abrir(pessoa("ana"), item=16, cpf_representante="98765432100").status == StatusChamado.NOVO


def _solucionado(pessoa, texto="Resolvido."):
    chamado = abrir(pessoa("ana"))
    chamado = chamado_atribuir(chamado=chamado, tecnico=pessoa("elisa"), por=pessoa("elisa"))
    return chamado_solucionar(chamado=chamado, solucao=texto, por=pessoa("elisa"))


@pytest.mark.django_db
def test_recusa_volta_para_o_tecnico_que_solucionou(pessoa):
    chamado = abrir(pessoa("ana"))
    chamado = chamado_atribuir(chamado=chamado, tecnico=pessoa("elisa"), por=pessoa("elisa"))
    chamado_acompanhar(chamado=chamado, texto="Verificar GERID", interno=True, por=pessoa("elisa"), pelo_inss=True)
    chamado = chamado_solucionar(chamado=chamado, solucao="Feito.", por=pessoa("elisa"))
    assert chamado.prazo_aprovacao == chamado.solucionado_em + timedelta(days=7)
    # outro técnico assume, mas a recusa volta para quem solucionou
    Chamado.objects.filter(pk=chamado.pk).update(tecnico=None)
    chamado = chamado_recusar(chamado=chamado, motivo="Continua com erro.", por=pessoa("ana"),
                              anexos=[anexo(png())])
    assert chamado.status == StatusChamado.PROCESSANDO
    assert chamado.tecnico == pessoa("elisa")
    assert chamado.prazo_aprovacao is None
    assert Notificacao.objects.filter(destinatario=pessoa("elisa"), titulo__contains="recusada").exists()
    recusa = chamado.acompanhamentos.get(tipo=TipoAcompanhamento.RECUSA)
    assert recusa.anexos.count() == 1


@pytest.mark.django_db
def test_recusa_sem_motivo_e_recusada(pessoa):
    chamado = _solucionado(pessoa)
    with pytest.raises(ErroDoChamado, match="motivo é obrigatório"):
        chamado_recusar(chamado=chamado, motivo="  ", por=pessoa("ana"))


@pytest.mark.django_db
def test_aprovado_fica_fechado_e_nada_o_reabre(pessoa):
    chamado = chamado_aprovar(chamado=_solucionado(pessoa), por=pessoa("ana"))
    assert (chamado.status, chamado.fechamento) == (StatusChamado.FECHADO, Fechamento.APROVADO)
    tentativas = [
        lambda: chamado_recusar(chamado=chamado, motivo="x", por=pessoa("ana")),
        lambda: chamado_aprovar(chamado=chamado, por=pessoa("ana")),
        lambda: chamado_solucionar(chamado=chamado, solucao="de novo", por=pessoa("elisa")),
        lambda: chamado_atribuir(chamado=chamado, tecnico=pessoa("elisa"), por=pessoa("elisa")),
        lambda: chamado_acompanhar(chamado=chamado, texto="oi", por=pessoa("elisa"), pelo_inss=True),
        lambda: chamado_acompanhar(chamado=chamado, texto="oi", por=pessoa("ana"), pelo_inss=False),
    ]
    for tentativa in tentativas:
        with pytest.raises(ErroDoChamado, match="já foi fechado"):
            tentativa()
    assert Chamado.objects.get(pk=chamado.pk).status == StatusChamado.FECHADO


@pytest.mark.django_db
def test_so_gestor_da_entidade_aprova(pessoa):
    chamado = _solucionado(pessoa)
    for intruso in ("bruno", "carla", "elisa"):
        with pytest.raises(ErroDoChamado, match="Só os gestores"):
            chamado_aprovar(chamado=chamado, por=pessoa(intruso))


@pytest.mark.django_db
def test_sete_dias_sem_resposta_fecham_automaticamente_uma_vez(pessoa):
    chamado = _solucionado(pessoa)
    with time_machine.travel(chamado.prazo_aprovacao - timedelta(minutes=1)):
        assert chamados_fechar_sem_resposta() == 0
    with time_machine.travel(chamado.prazo_aprovacao + timedelta(minutes=1)):
        assert chamados_fechar_sem_resposta() == 1
        assert chamados_fechar_sem_resposta() == 0
        with pytest.raises(ErroDoChamado, match="fechado \\(automaticamente"):
            chamado_aprovar(chamado=chamado, por=pessoa("ana"))
    chamado.refresh_from_db()
    assert (chamado.status, chamado.fechamento) == (StatusChamado.FECHADO, Fechamento.AUTOMATICO)
    assert Evento.objects.filter(acao="fechado_automaticamente", objeto_id=str(chamado.pk)).count() == 1


@pytest.mark.django_db
def test_depois_do_prazo_nao_se_aprova_mesmo_antes_da_varredura(pessoa):
    chamado = _solucionado(pessoa)
    with time_machine.travel(chamado.prazo_aprovacao + timedelta(seconds=1)):
        with pytest.raises(ErroDoChamado):
            chamado_aprovar(chamado=chamado, por=pessoa("ana"))


@pytest.mark.django_db
def test_lembretes_dois_dias_antes_e_no_ultimo_dia_uma_vez_cada(pessoa, mailoutbox, django_capture_on_commit_callbacks):
    chamado = _solucionado(pessoa)
    prazo = chamado.prazo_aprovacao
    with time_machine.travel(prazo - timedelta(days=3)):
        assert chamados_lembrar_prazo() == 0
    with time_machine.travel(prazo - timedelta(days=2) + timedelta(minutes=1)):
        assert chamados_lembrar_prazo() == 1
        assert chamados_lembrar_prazo() == 0
    with time_machine.travel(prazo - timedelta(hours=5)):
        assert chamados_lembrar_prazo() == 1
        assert chamados_lembrar_prazo() == 0
    marcos = list(LembreteEnviado.objects.order_by("pk").values_list("marco", flat=True))
    assert marcos == ["r1:2_dias", "r1:ultimo_dia"]
    assert set(LembreteEnviado.objects.values_list("destinatario__cpf", flat=True)) == {"11144477735"}


@pytest.mark.django_db
def test_nova_rodada_de_solucao_tem_novos_lembretes(pessoa):
    chamado = _solucionado(pessoa)
    with time_machine.travel(chamado.prazo_aprovacao - timedelta(hours=1)):
        assert chamados_lembrar_prazo() == 1
        chamado = chamado_recusar(chamado=chamado, motivo="Não resolveu.", por=pessoa("ana"))
        chamado = chamado_solucionar(chamado=chamado, solucao="Agora sim.", por=pessoa("elisa"))
    assert chamado.rodada == 2
    with time_machine.travel(chamado.prazo_aprovacao - timedelta(hours=1)):
        assert chamados_lembrar_prazo() == 1


@pytest.mark.django_db
def test_entidade_respondendo_pendencia_volta_a_processando(pessoa):
    from suporte.services import chamado_pendenciar

    chamado = abrir(pessoa("ana"))
    chamado = chamado_pendenciar(chamado=chamado, texto="Envie o print.", por=pessoa("elisa"))
    assert chamado.status == StatusChamado.PENDENTE and chamado.tecnico == pessoa("elisa")
    assert chamado.primeira_resposta_em is not None
    chamado_acompanhar(chamado=chamado, texto="Segue.", por=pessoa("ana"), pelo_inss=False, anexos=[anexo(png())])
    assert Chamado.objects.get(pk=chamado.pk).status == StatusChamado.PROCESSANDO


def _em_paralelo(funcoes):
    barreira = threading.Barrier(len(funcoes))
    resultados, erros = [None] * len(funcoes), []

    def rodar(i, funcao):
        try:
            barreira.wait(timeout=10)
            resultados[i] = funcao()
        except Exception as erro:
            erros.append(erro)
        finally:
            connection.close()

    threads = [threading.Thread(target=rodar, args=(i, f)) for i, f in enumerate(funcoes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return resultados, erros


def _so_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("a disputa real entre conexões paralelas precisa do PostgreSQL (o CI usa)")


@pytest.mark.django_db(transaction=True)
def test_aberturas_simultaneas_recebem_codigos_distintos():
    _so_postgres()
    semear_demo()
    from portal.contas.models import Usuario

    pessoas = [Usuario.objects.get(cpf=cpf) for cpf in ("11144477735", "24681357928", "13579246828")] * 4
    resultados, erros = _em_paralelo([lambda p=p: abrir(p).codigo for p in pessoas])
    assert erros == []
    assert len(set(resultados)) == 12
    hoje = timezone.localtime()
    prefixo = f"L_{hoje.year % 10}{hoje.month:02d}{hoje.day:02d}"
    assert sorted(int(c[len(prefixo):]) for c in resultados) == list(range(1, 13))
    assert all(re.fullmatch(rf"{prefixo}\d{{3}}", c) for c in resultados)


@pytest.mark.django_db(transaction=True)
def test_aprovar_e_varrer_ao_mesmo_tempo_dao_um_so_resultado():
    _so_postgres()
    semear_demo()
    from portal.contas.models import Usuario

    ana, elisa = Usuario.objects.get(cpf="11144477735"), Usuario.objects.get(cpf="31415926590")
    for _ in range(5):
        chamado = abrir(ana)
        chamado = chamado_solucionar(chamado=chamado, solucao="ok", por=elisa)
        # o prazo vence "agora": a varredura vê o chamado vencido, e a aprovação chega no mesmo instante
        limite = timezone.now() + timedelta(seconds=2)
        Chamado.objects.filter(pk=chamado.pk).update(prazo_aprovacao=limite)
        instante = limite - timedelta(milliseconds=1)
        with time_machine.travel(instante, tick=False):
            resultados, erros = _em_paralelo([
                lambda c=chamado: chamado_aprovar(chamado=c, por=ana),
                lambda limite=limite: chamados_fechar_sem_resposta(agora=limite),
            ])
        final = Chamado.objects.get(pk=chamado.pk)
        assert final.status == StatusChamado.FECHADO
        aprovou = resultados[0] is not None
        fechou = resultados[1] == 1
        assert aprovou != fechou, (resultados, erros)
        assert final.fechamento == (Fechamento.APROVADO if aprovou else Fechamento.AUTOMATICO)
        assert Acompanhamento.objects.filter(chamado=final, tipo=TipoAcompanhamento.APROVACAO).count() == int(aprovou)
        if not aprovou:
            assert len(erros) == 1 and isinstance(erros[0], ErroDoChamado)
