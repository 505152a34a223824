"""Prazo da exigência (Lei 9.784/99, art. 66) em datas reais do calendário. Cada caso traz, em
comentário, a conta feita à mão: dia da notificação, dia 30 e por que o fim vai para onde vai.

Carnaval de 2027: segunda 08/02, terça 09/02, Quarta-feira de Cinzas 10/02. Páscoa 28/03/2027."""

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest

from atendimento import prazos
from atendimento.prazos import (
    LEMBRETES_ANTES_DO_FIM,
    PRAZO_DA_EXIGENCIA_EM_DIAS,
    PRORROGACAO_EM_DIAS,
    dia_util,
    dias_restantes,
    prazo_da_exigencia,
    prazo_prorrogado,
    proximo_dia_util,
)


def test_constantes_do_prazo():
    assert PRAZO_DA_EXIGENCIA_EM_DIAS == 30
    assert PRORROGACAO_EM_DIAS == 30
    assert LEMBRETES_ANTES_DO_FIM == (5, 1)


# --- contagem: dia da notificação excluído, dias corridos -------------------------------------------


def test_dia_da_notificacao_fica_fora_e_o_fim_e_o_dia_30_quando_util():
    # Notificada na terça 10/08/2027. O dia 1 é 11/08, e o dia 30 é a quinta 09/09/2027, dia útil.
    # Se o dia da notificação contasse, o fim seria 08/09.
    notificada = date(2027, 8, 10)
    assert prazo_da_exigencia(notificada, "SP") == date(2027, 9, 9) == notificada + timedelta(days=30)


def test_dia_30_num_sabado_vai_para_segunda():
    # Notificada na quinta 12/08/2027. O dia 30 é o sábado 11/09/2027 (12/08 + 19 = 31/08, + 11 = 11/09).
    # O fim vai para a segunda 13/09. O feriado de 07/09 fica no meio e não muda nada.
    assert prazo_da_exigencia(date(2027, 8, 12), "SP") == date(2027, 9, 13)


def test_contagem_corre_pelo_carnaval_em_dias_corridos():
    # Notificada na sexta 05/02/2027, antes do Carnaval. O dia 1 é 06/02. Carnaval (08 e 09/02) e Cinzas
    # (10/02) contam como dias comuns. Fevereiro de 2027 tem 28 dias: 05/02 + 23 = 28/02, + 7 = 07/03.
    # O dia 30 é o domingo 07/03/2027, e o fim vai para a segunda 08/03.
    assert prazo_da_exigencia(date(2027, 2, 5), "SP") == date(2027, 3, 8)
    # Notificada na quarta 03/02/2027: o dia 30 é a sexta 05/03/2027, dia útil. O Carnaval não suspende
    # a contagem.
    assert prazo_da_exigencia(date(2027, 2, 3), "SP") == date(2027, 3, 5)


# --- vencimento em ponto facultativo -------------------------------------------------------------------


def test_dia_30_na_terca_de_carnaval_vai_para_a_quarta_feira_de_cinzas():
    # Notificada no domingo 10/01/2027. A notificação eletrônica pode chegar em qualquer dia, e o art. 66
    # não adia o início. O dia 30 é a terça de Carnaval, 09/02/2027 (10/01 + 21 = 31/01, + 9 = 09/02).
    # A Quarta-feira de Cinzas tem expediente a partir das 14h, então é dia útil: o fim é 10/02.
    assert prazo_da_exigencia(date(2027, 1, 10), "SP") == date(2027, 2, 10)


def test_dia_30_na_segunda_de_carnaval_pula_segunda_e_terca():
    # Notificada no sábado 09/01/2027. O dia 30 é a segunda de Carnaval, 08/02/2027. Segunda e terça não
    # têm expediente, então o fim é a quarta 10/02.
    assert prazo_da_exigencia(date(2027, 1, 9), "MG") == date(2027, 2, 10)


def test_quarta_feira_de_cinzas_e_dia_util_e_carnaval_nao():
    assert not dia_util(date(2027, 2, 8), "SP")
    assert not dia_util(date(2027, 2, 9), "SP")
    assert dia_util(date(2027, 2, 10), "SP")


def test_dia_30_em_corpus_christi_vai_para_sexta():
    # Notificada na terça 27/04/2027. O dia 30 é a quinta 27/05/2027, Corpus Christi (Páscoa 28/03 + 60),
    # sem expediente. O fim vai para a sexta 28/05.
    assert prazo_da_exigencia(date(2027, 4, 27), "RJ") == date(2027, 5, 28)


def test_dia_30_no_dia_do_servidor_vai_para_o_dia_seguinte():
    # Notificada na terça 28/09/2027. O dia 30 é a quinta 28/10/2027, Dia do Servidor. O fim é 29/10.
    assert prazo_da_exigencia(date(2027, 9, 28), "SP") == date(2027, 10, 29)


def test_vespera_de_natal_encerra_o_expediente_cedo_e_adia_o_fim():
    # Notificada na terça 24/11/2026. O dia 30 é a quinta 24/12/2026, véspera de Natal, com expediente
    # só até as 13h (art. 66, § 1º). A sexta 25/12 é Natal, depois vêm sábado e domingo. O fim é a
    # segunda 28/12/2026.
    assert prazo_da_exigencia(date(2026, 11, 24), "SP") == date(2026, 12, 28)


def test_emendas_da_portaria_de_2026_nao_sao_dias_uteis():
    # Portaria MGI nº 11.460/2025: 20/04/2026 (segunda, antes de Tiradentes) e 05/06/2026 (sexta, depois
    # de Corpus Christi). A partir do sábado 18/04, o próximo dia útil pula domingo 19, a emenda 20 e
    # Tiradentes 21, e cai na quarta 22/04/2026.
    assert not dia_util(date(2026, 4, 20), "SP")
    assert not dia_util(date(2026, 6, 5), "SP")
    assert proximo_dia_util(date(2026, 4, 18), "SP") == date(2026, 4, 22)


# --- vencimento em feriado nacional ----------------------------------------------------------------


def test_dia_30_em_tiradentes_vai_para_o_dia_seguinte():
    # Notificada na segunda 22/03/2027. O dia 30 é a quarta 21/04/2027 (22/03 + 9 = 31/03, + 21 = 21/04),
    # Tiradentes. O fim é a quinta 22/04.
    assert prazo_da_exigencia(date(2027, 3, 22), "SP") == date(2027, 4, 22)


def test_dia_30_em_feriado_na_sexta_pula_o_fim_de_semana():
    # Notificada na quarta 21/10/2026. O dia 30 é a sexta 20/11/2026 (21/10 + 10 = 31/10, + 20 = 20/11),
    # Consciência Negra, feriado nacional desde a Lei 14.759/2023. O fim é a segunda 23/11/2026.
    assert prazo_da_exigencia(date(2026, 10, 21), "BA") == date(2026, 11, 23)


def test_dia_30_no_natal_numa_sexta_vai_para_segunda():
    # Notificada na quarta 25/11/2026. O dia 30 é a sexta 25/12/2026, Natal. O fim é a segunda 28/12/2026.
    assert prazo_da_exigencia(date(2026, 11, 25), "SP") == date(2026, 12, 28)


def test_dia_30_na_sexta_feira_santa_vai_para_segunda():
    # Notificada na quarta 24/02/2027. O dia 30 é a sexta 26/03/2027 (24/02 + 4 = 28/02, + 26 = 26/03),
    # Paixão de Cristo. O fim é a segunda 29/03.
    assert prazo_da_exigencia(date(2027, 2, 24), "PE") == date(2027, 3, 29)


# --- feriado só da UF da entidade ------------------------------------------------------------------


def test_9_de_julho_adia_o_fim_em_sp_e_nao_em_mg():
    # Notificada na quarta 09/06/2027. O dia 30 é a sexta 09/07/2027 (09/06 + 21 = 30/06, + 9 = 09/07).
    # Em SP é a Revolução Constitucionalista, feriado estadual, e o fim vai para a segunda 12/07.
    # Em MG é dia útil, e o fim é o próprio 09/07.
    notificada = date(2027, 6, 9)
    assert prazo_da_exigencia(notificada, "SP") == date(2027, 7, 12)
    assert prazo_da_exigencia(notificada, "MG") == date(2027, 7, 9)


def test_dia_do_gaucho_adia_o_fim_so_no_rs():
    # Notificada no sábado 21/08/2027. O dia 30 é a segunda 20/09/2027 (21/08 + 10 = 31/08, + 20 = 20/09),
    # Dia do Gaúcho. No RS o fim vai para a terça 21/09. Em SC é o próprio 20/09.
    assert prazo_da_exigencia(date(2027, 8, 21), "RS") == date(2027, 9, 21)
    assert prazo_da_exigencia(date(2027, 8, 21), "SC") == date(2027, 9, 20)


# --- prorrogação ---------------------------------------------------------------------------------


def test_prorrogacao_conta_30_dias_do_fim_vigente_e_adia_ate_o_dia_util():
    # Fim vigente: quinta 14/10/2027. Mais 30 dias dá o sábado 13/11/2027 (14/10 + 17 = 31/10, + 13 = 13/11).
    # A contagem passa por Finados (02/11) sem parar. Depois do sábado vêm o domingo 14/11 e a
    # Proclamação da República na segunda 15/11. O novo fim é a terça 16/11/2027.
    assert prazo_prorrogado(date(2027, 10, 14), "SP") == date(2027, 11, 16)


def test_prorrogacao_que_cai_na_sexta_feira_santa():
    # Fim vigente: quarta 24/02/2027. Mais 30 dias dá a sexta 26/03/2027, Paixão de Cristo. O novo fim é
    # a segunda 29/03/2027.
    assert prazo_prorrogado(date(2027, 2, 24), "MG") == date(2027, 3, 29)


def test_prorrogacao_parte_do_fim_ja_adiado_e_nao_do_dia_30():
    # Notificada na sexta 05/02/2027. O dia 30 é o domingo 07/03, e o fim vigente é a segunda 08/03.
    # A prorrogação conta de 08/03: 08/03 + 23 = 31/03, + 7 = quarta 07/04/2027, dia útil.
    fim = prazo_da_exigencia(date(2027, 2, 5), "SP")
    assert prazo_prorrogado(fim, "SP") == date(2027, 4, 7)


# --- virada do ano -------------------------------------------------------------------------------


def test_virada_do_ano_com_confraternizacao_universal():
    # Notificada na quarta 02/12/2026. O dia 30 é a sexta 01/01/2027 (02/12 + 29 = 31/12, + 1 = 01/01),
    # Confraternização Universal. Depois vêm sábado 02 e domingo 03. O fim é a segunda 04/01/2027.
    assert prazo_da_exigencia(date(2026, 12, 2), "SP") == date(2027, 1, 4)


def test_vespera_de_ano_novo_empurra_o_fim_para_o_ano_seguinte():
    # Notificada na terça 01/12/2026. O dia 30 é a quinta 31/12/2026, com expediente só até as 13h.
    # Em seguida vêm 01/01/2027 (feriado), sábado e domingo. O fim é a segunda 04/01/2027.
    assert prazo_da_exigencia(date(2026, 12, 1), "SP") == date(2027, 1, 4)


# --- datas e horas ---------------------------------------------------------------------------------


def test_datetime_e_convertido_para_a_data_de_brasilia():
    # 09/06/2027 02:30 UTC é 08/06/2027 23:30 em Brasília. A notificação é de 08/06, e o dia 30 é a
    # quinta 08/07/2027, dia útil em SP.
    notificada = datetime(2027, 6, 9, 2, 30, tzinfo=UTC)
    assert prazo_da_exigencia(notificada, "SP") == date(2027, 7, 8)
    assert prazo_da_exigencia(notificada, "SP") == prazo_da_exigencia(date(2027, 6, 8), "SP")


def test_datetime_ingenuo_e_recusado():
    with pytest.raises(ValueError):
        prazo_da_exigencia(datetime(2027, 6, 9, 12, 0), "SP")  # noqa: DTZ001 — o caso testado é o ingênuo


def test_dias_restantes_e_zero_no_ultimo_dia_e_negativo_depois():
    fim = date(2027, 7, 12)
    assert dias_restantes(fim, date(2027, 7, 7)) == 5
    assert dias_restantes(fim, date(2027, 7, 11)) == 1
    assert dias_restantes(fim, fim) == 0
    assert dias_restantes(fim, date(2027, 7, 14)) == -2
    # 12/07/2027 01:00 UTC ainda é 11/07 em Brasília.
    assert dias_restantes(fim, datetime(2027, 7, 12, 1, 0, tzinfo=UTC)) == 1


def test_proximo_dia_util_devolve_o_proprio_dia_quando_util():
    assert proximo_dia_util(date(2027, 7, 8), "SP") == date(2027, 7, 8)
    assert proximo_dia_util(date(2027, 7, 10), "SP") == date(2027, 7, 12)


# --- entradas inválidas ----------------------------------------------------------------------------


@pytest.mark.parametrize("uf", ["XX", "sp", "São Paulo", "São Paulo Capital", "", None])
def test_uf_invalida_levanta_erro_claro(uf):
    with pytest.raises(ValueError, match="UF inválida"):
        prazo_da_exigencia(date(2027, 6, 9), uf)
    with pytest.raises(ValueError, match="UF inválida"):
        dia_util(date(2027, 6, 9), uf)


def test_prazo_sem_dias_e_recusado():
    with pytest.raises(ValueError, match="pelo menos 1 dia"):
        prazo_da_exigencia(date(2027, 6, 9), "SP", dias=0)
    with pytest.raises(ValueError, match="pelo menos 1 dia"):
        prazo_prorrogado(date(2027, 6, 9), "SP", dias=-1)


# --- a biblioteca de feriados ----------------------------------------------------------------------


def test_todas_as_27_ufs_sao_aceitas():
    # Natal no sábado 25/12/2027. Nenhuma UF tem feriado na segunda 27/12.
    assert len(prazos.UFS) == 27
    for uf in prazos.UFS:
        assert proximo_dia_util(date(2027, 12, 25), uf) == date(2027, 12, 27)


def test_feriado_estadual_logo_depois_da_virada_do_ano():
    # 01/01/2027 é sexta, e sábado e domingo vêm depois. Em RO, a segunda 04/01 é a Criação do Estado, e o
    # próximo dia útil é a terça 05/01. Em SP é a segunda 04/01.
    assert proximo_dia_util(date(2027, 1, 1), "RO") == date(2027, 1, 5)
    assert proximo_dia_util(date(2027, 1, 1), "SP") == date(2027, 1, 4)


@pytest.mark.parametrize("ano", range(2026, 2036))
def test_cada_ponto_facultativo_da_biblioteca_tem_decisao(ano):
    # Se uma atualização da biblioteca renomear ou criar um ponto facultativo, este teste falha. Sem ele,
    # o dia passaria a contar como útil sem ninguém decidir.
    facultativos = holidays.Brazil(years=ano, categories=holidays.OPTIONAL, language="pt_BR")
    nomes = {nome for dia in facultativos for nome in facultativos.get_list(dia)}
    assert nomes == prazos.FACULTATIVOS_SEM_EXPEDIENTE | prazos.FACULTATIVOS_COM_EXPEDIENTE


def test_feriados_ficam_em_cache_por_uf_e_ano():
    prazos._dias_sem_expediente.cache_clear()
    for _ in range(3):
        prazo_da_exigencia(date(2027, 6, 9), "SP")
    info = prazos._dias_sem_expediente.cache_info()
    assert info.misses == 1
    assert info.hits >= 2
