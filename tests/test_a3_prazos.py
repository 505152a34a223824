"""O prazo do certificado A3 de cada entidade pelo cronograma da Portaria 96/2024 (Anexo I e os lotes que a
administração cria) e os lembretes: do prazo do lote a 30, 7 e 1 dia para quem ainda não tem A3 válido, e do
certificado registrado que vence em 30 e 7 dias — cada marco uma vez, e depois de uma parada só o mais recente."""

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from certificados.models import CertificadoDoRepresentante, LoteDaMigracaoA3
from certificados.selectors import OrigemDoPrazo, prazo_do_a3, prazos_do_a3
from certificados.services_a3 import (
    a3_lembrar_prazo_do_lote,
    certificado_registrar,
    certificado_remover,
    certificados_lembrar_vencimento,
)
from portal.acordos.models import Acordo, StatusAcordo
from portal.demo import _processo_sei_de_demo
from portal.entidades.models import Entidade, TipoEntidade
from portal.entidades.services import vinculo_criar
from portal.notificacoes.models import LembreteEnviado, Notificacao
from portal.organizacao.models import Municipio, SuperintendenciaRegional
from tests.certificados_apoio import certificado_icp, pem
from tests.conftest import PERSONAS
from tests.fabricas import EntidadeFactory

pytestmark = pytest.mark.django_db

_indices = itertools.count(7000)
PORTO_ALEGRE, BELO_HORIZONTE, VALINHOS = "4314902", "3106200", "3556206"
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
CAMPINAS, SINDICATO_DE_CAMPINAS, OAB_SP, PBH = "51885242000140", "46068225000180", "43419613000170", "18715383000140"


def _entidade(ibge: str, tipo=TipoEntidade.PREFEITURA, *, inicio_do_acordo: date | None = date(2024, 3, 1)):
    entidade = EntidadeFactory(municipio=Municipio.objects.select_related("uf__sr").get(codigo_ibge=ibge), tipo=tipo)
    if inicio_do_acordo is not None:
        indice = next(_indices)
        Acordo.objects.create(
            numero=f"{indice}/2024-T", entidade=entidade, processo_sei=_processo_sei_de_demo(indice),
            vigencia_inicio=inicio_do_acordo, vigencia_fim=inicio_do_acordo + timedelta(days=5 * 365),
            status=StatusAcordo.VIGENTE,
        )
    return entidade


# --- o prazo de cada entidade ----------------------------------------------------------------------------------


def test_oab_sp_da_carla_segue_o_primeiro_lote_do_anexo_i(demo):
    prazo = prazo_do_a3(Entidade.objects.get(cnpj=OAB_SP))
    assert prazo.ultimo_dia == date(2024, 5, 16) and prazo.origem == OrigemDoPrazo.LOTE
    assert prazo.explicacao == "Cronograma de migração, Anexo I — Sudeste I (16/05/2024)."
    assert prazo.exige_a3(date(2024, 5, 17)) and not prazo.exige_a3(date(2024, 5, 16))


def test_oab_do_rio_grande_do_sul_fica_a_definir_pela_nota_do_clima(demo):
    prazo = prazo_do_a3(_entidade(PORTO_ALEGRE, TipoEntidade.OAB_SECCIONAL))
    assert prazo.ultimo_dia is None and prazo.origem == OrigemDoPrazo.A_DEFINIR
    assert "a definir" in prazo.lote.periodo
    assert "eventos climáticos de chuvas intensas" in prazo.explicacao and "Rio Grande do Sul" in prazo.explicacao
    assert not prazo.exige_a3(date(2030, 1, 1)) and prazo.dias_restantes(date(2030, 1, 1)) is None


def test_oab_de_minas_gerais_ate_o_fim_do_lote_da_sudeste_ii(demo):
    prazo = prazo_do_a3(_entidade(BELO_HORIZONTE, TipoEntidade.OAB_SECCIONAL))
    assert prazo.ultimo_dia == date(2024, 7, 5)
    assert prazo.explicacao == "Cronograma de migração, Anexo I — Sudeste II (24/06/2024 a 05/07/2024)."


def test_acordo_celebrado_depois_da_portaria_exige_o_a3_desde_o_inicio(demo):
    prazo = prazo_do_a3(_entidade(VALINHOS, inicio_do_acordo=date(2024, 6, 1)))
    assert prazo.ultimo_dia == date(2024, 5, 31) and prazo.origem == OrigemDoPrazo.DESDE_O_INICIO
    assert "art. 1º, § 2º" in prazo.explicacao


def test_prefeitura_sem_lote_nao_tem_data_ate_a_administracao_criar_um(demo, cliente_de):
    pbh = Entidade.objects.get(cnpj=PBH)  # Sudeste II: o Anexo I só alcança as OABs
    assert prazo_do_a3(pbh).ultimo_dia is None and prazo_do_a3(pbh).origem == OrigemDoPrazo.SEM_LOTE

    sudeste_ii = SuperintendenciaRegional.objects.get(numero=2)
    admin = cliente_de("admin")
    lote = {"ordem": "9", "nome": "Lote 9 — prefeituras da Sudeste II", "inicio": "01/09/2025", "fim": "12/09/2025",
            "sr": sudeste_ii.pk, "ufs": "mg, ES", "tipos_de_entidade": ["prefeitura"], "nota": ""}
    recusado = admin.post("/admin/certificados/lotedamigracaoa3/add/", {**lote, "ufs": "MG, RJ, XX"})
    assert recusado.status_code == 200 and "UF desconhecida: XX." in recusado.content.decode()
    recusado = admin.post("/admin/certificados/lotedamigracaoa3/add/", {**lote, "ufs": "MG, RJ"})
    assert "RJ não pertence(m) à" in recusado.content.decode()
    assert admin.post("/admin/certificados/lotedamigracaoa3/add/", lote).status_code == 302
    criado = LoteDaMigracaoA3.objects.get(ordem=9)
    assert criado.ufs == ["ES", "MG"] and criado.tipos_de_entidade == ["prefeitura"]
    assert prazo_do_a3(pbh).ultimo_dia == date(2025, 9, 12) and prazo_do_a3(pbh).lote == criado

    # Um lote mais novo para as mesmas entidades prevalece sobre o anterior.
    admin.post("/admin/certificados/lotedamigracaoa3/add/", {**lote, "ordem": "10", "nome": "Lote 10 — remarcado",
                                                              "inicio": "", "fim": "30/10/2025"})
    assert prazo_do_a3(pbh).ultimo_dia == date(2025, 10, 30)
    assert prazo_do_a3(Entidade.objects.get(cnpj=OAB_SP)).ultimo_dia == date(2024, 5, 16)  # outra SR: nada muda

    lista = admin.get("/admin/certificados/lotedamigracaoa3/").content.decode()
    assert "Lote 10 — remarcado" in lista and "30/10/2025" in lista and "a definir" in lista


def test_o_prazo_de_muitas_entidades_custa_duas_consultas(demo, django_assert_num_queries):
    entidades = [_entidade(VALINHOS), _entidade(PORTO_ALEGRE, TipoEntidade.OAB_SECCIONAL, inicio_do_acordo=None),
                 _entidade(VALINHOS, inicio_do_acordo=date(2024, 6, 1)), *Entidade.objects.all()]
    with django_assert_num_queries(2):
        prazos = prazos_do_a3(entidades)
    assert prazos == prazos_do_a3(Entidade.objects.all())  # também de uma consulta, sem lista de ids
    assert all(prazos[entidade.pk] == prazo_do_a3(entidade) for entidade in entidades)


# --- lembretes do prazo do lote --------------------------------------------------------------------------------


def _inicio_do_dia(dia: date) -> datetime:
    return datetime.combine(dia, time.min, tzinfo=SAO_PAULO)


@pytest.fixture
def lote_de_campinas(demo):
    """O lote 8 da demonstração: prefeituras e sindicatos da Sudeste I, 45 dias adiante. Em Campinas, Ana e
    Bruno representam a prefeitura, e Bruno também o sindicato: três avisos por marco."""
    return LoteDaMigracaoA3.objects.get(ordem=8)


def _marcos():
    return sorted({marco.split(":")[1] for marco in LembreteEnviado.objects.filter(tipo="prazo_do_a3")
                  .values_list("marco", flat=True)})


def test_lembretes_do_prazo_a_30_7_e_1_dia_uma_vez_cada_no_portal_e_por_email(
        lote_de_campinas, mailoutbox, django_capture_on_commit_callbacks):
    prazo = _inicio_do_dia(lote_de_campinas.fim)
    with time_machine.travel(prazo - timedelta(days=30, hours=1)):
        assert a3_lembrar_prazo_do_lote() == 0
    for dias in (30, 7, 1):
        with time_machine.travel(prazo - timedelta(days=dias) + timedelta(hours=1)):
            with django_capture_on_commit_callbacks(execute=True):
                assert a3_lembrar_prazo_do_lote() == 3
            assert a3_lembrar_prazo_do_lote() == 0  # a segunda varredura não repete
    with time_machine.travel(prazo + timedelta(days=1, hours=1)):
        assert a3_lembrar_prazo_do_lote() == 0  # o prazo passou: sem mais lembretes do prazo

    assert _marcos() == ["1_dia", "30_dias", "7_dias"]
    assert all(m.split(":")[0] == lote_de_campinas.fim.isoformat()
               for m in LembreteEnviado.objects.values_list("marco", flat=True))
    assert sorted({email.to[0] for email in mailoutbox}) == ["ana.souza@campinas.sp.gov.br",
                                                             "bruno.lima@campinas.sp.gov.br"]
    aviso = Notificacao.objects.filter(destinatario__cpf=PERSONAS["ana"]).order_by("criada_em").last()
    assert f"até {lote_de_campinas.fim:%d/%m/%Y} (falta 1 dia)" in aviso.titulo
    assert "Prefeitura Municipal de Campinas" in aviso.titulo
    assert "perde o acesso ao PAT" in aviso.corpo and "art. 2º, § 2º" in aviso.corpo
    assert "Lote 8" in aviso.corpo and aviso.url == "/certificado/"


def test_depois_de_uma_parada_so_o_lembrete_mais_recente(lote_de_campinas):
    prazo = _inicio_do_dia(lote_de_campinas.fim)
    # a varredura parou antes do marco de 30 dias e voltou quando já faltavam 5
    with time_machine.travel(prazo - timedelta(days=5)):
        assert a3_lembrar_prazo_do_lote() == 3
        assert a3_lembrar_prazo_do_lote() == 0
    assert _marcos() == ["7_dias"]


def test_quem_ja_tem_a3_valido_nao_recebe_o_lembrete_do_prazo(lote_de_campinas, pessoa):
    ana = pessoa("ana")
    certificado_registrar(usuario=ana, conteudo=pem(certificado_icp(cpf=ana.cpf)[0]), por=ana)
    with time_machine.travel(_inicio_do_dia(lote_de_campinas.fim) - timedelta(days=7)):
        assert a3_lembrar_prazo_do_lote() == 2  # Bruno, pela prefeitura e pelo sindicato
    assert not LembreteEnviado.objects.filter(destinatario=ana).exists()


def test_quem_removeu_o_a3_volta_a_receber_o_lembrete(lote_de_campinas, pessoa):
    ana = pessoa("ana")
    certificado = certificado_registrar(usuario=ana, conteudo=pem(certificado_icp(cpf=ana.cpf)[0]), por=ana)
    certificado_remover(certificado=certificado, por=ana)
    with time_machine.travel(_inicio_do_dia(lote_de_campinas.fim) - timedelta(days=7)):
        assert a3_lembrar_prazo_do_lote() == 3
    assert LembreteEnviado.objects.filter(destinatario=ana).count() == 1


def test_entidades_sem_data_nao_recebem_lembrete_e_a_varredura_nao_cresce_com_elas(
        lote_de_campinas, pessoa, django_assert_num_queries):
    rs = _entidade(PORTO_ALEGRE, TipoEntidade.OAB_SECCIONAL)
    vinculo_criar(usuario=pessoa("carla"), entidade=rs, papel="OAB", gestor=True,
                  valido_ate=timezone.now() + timedelta(days=400))
    for _ in range(5):
        _entidade(VALINHOS)
    prazo = _inicio_do_dia(lote_de_campinas.fim)
    with time_machine.travel(prazo - timedelta(days=40)):  # nenhum marco devido: três consultas ao todo
        with django_assert_num_queries(3):
            assert a3_lembrar_prazo_do_lote() == 0
    with time_machine.travel(prazo - timedelta(days=7)):
        assert a3_lembrar_prazo_do_lote() == 3
    avisadas = set(LembreteEnviado.objects.values_list("objeto_id", flat=True))
    assert avisadas == {str(Entidade.objects.get(cnpj=cnpj).pk) for cnpj in (CAMPINAS, SINDICATO_DE_CAMPINAS)}


def test_um_lote_novo_com_outra_data_recomeca_os_lembretes(lote_de_campinas):
    prazo = _inicio_do_dia(lote_de_campinas.fim)
    with time_machine.travel(prazo - timedelta(days=6)):
        assert a3_lembrar_prazo_do_lote() == 3
        LoteDaMigracaoA3.objects.create(ordem=20, nome="Lote 8, prorrogado", fim=lote_de_campinas.fim + timedelta(20),
                                        sr=lote_de_campinas.sr, ufs=["SP"], tipos_de_entidade=["prefeitura"])
        assert a3_lembrar_prazo_do_lote() == 2  # a prefeitura tem novo prazo (marco de 30 dias); o sindicato, não
        assert a3_lembrar_prazo_do_lote() == 0


# --- lembretes do certificado que vence ------------------------------------------------------------------------


def _registrar(pessoa, *, vence_em: datetime, desde: datetime | None = None):
    ana = pessoa("ana")
    desde = desde or datetime.now(UTC) - timedelta(days=1)
    cert, _ = certificado_icp(cpf=ana.cpf, validade=(desde, vence_em))
    return certificado_registrar(usuario=ana, conteudo=pem(cert), por=ana)


def _marcos_do_certificado(certificado):
    return sorted(LembreteEnviado.objects.filter(tipo="vencimento_do_certificado_a3", objeto_id=str(certificado.pk))
                  .values_list("marco", flat=True))


def test_certificado_que_vence_avisa_a_30_e_a_7_dias_uma_vez_cada(pessoa):
    vence = (datetime.now(UTC) + timedelta(days=60)).replace(microsecond=0)
    certificado = _registrar(pessoa, vence_em=vence)
    with time_machine.travel(vence - timedelta(days=30, hours=1)):
        assert certificados_lembrar_vencimento() == 0
    for dias in (30, 7):
        with time_machine.travel(vence - timedelta(days=dias) + timedelta(hours=1)):
            assert certificados_lembrar_vencimento() == 1
            assert certificados_lembrar_vencimento() == 0
    with time_machine.travel(vence + timedelta(hours=1)):
        assert certificados_lembrar_vencimento() == 0  # vencido: a página e a entrada dizem o resto

    data = timezone.localtime(vence).date()
    assert _marcos_do_certificado(certificado) == [f"{data.isoformat()}:30_dias", f"{data.isoformat()}:7_dias"]
    aviso = Notificacao.objects.filter(destinatario=pessoa("ana")).order_by("criada_em").last()
    assert aviso.titulo == f"O seu certificado digital A3 vence em {data:%d/%m/%Y}"
    assert certificado.serial in aviso.corpo and aviso.url == "/certificado/"


def test_certificado_depois_de_uma_parada_so_o_aviso_de_7_dias(pessoa):
    vence = datetime.now(UTC) + timedelta(days=60)
    certificado = _registrar(pessoa, vence_em=vence)
    with time_machine.travel(vence - timedelta(days=3)):
        assert certificados_lembrar_vencimento() == 1
    assert [m.split(":")[1] for m in _marcos_do_certificado(certificado)] == ["7_dias"]


def test_certificado_removido_nao_e_lembrado(pessoa):
    vence = datetime.now(UTC) + timedelta(days=60)
    certificado = _registrar(pessoa, vence_em=vence)
    certificado_remover(certificado=certificado, por=pessoa("ana"))
    with time_machine.travel(vence - timedelta(days=7)):
        assert certificados_lembrar_vencimento() == 0


def test_certificado_renovado_tem_os_seus_proprios_avisos_e_o_antigo_para(pessoa):
    agora = datetime.now(UTC)
    antigo = _registrar(pessoa, vence_em=agora + timedelta(days=60))
    with time_machine.travel(antigo.valido_ate - timedelta(days=29)):
        assert certificados_lembrar_vencimento() == 1  # o antigo, a 30 dias
    with time_machine.travel(antigo.valido_ate - timedelta(days=20)):
        renovado = _registrar(pessoa, desde=antigo.valido_ate - timedelta(days=21),
                              vence_em=antigo.valido_ate + timedelta(days=100))
    with time_machine.travel(antigo.valido_ate - timedelta(days=6)):
        assert certificados_lembrar_vencimento() == 0  # o antigo já foi substituído
    with time_machine.travel(renovado.valido_ate - timedelta(days=29)):
        assert certificados_lembrar_vencimento() == 1
    assert [m.split(":")[1] for m in _marcos_do_certificado(antigo)] == ["30_dias"]
    assert [m.split(":")[1] for m in _marcos_do_certificado(renovado)] == ["30_dias"]
    assert CertificadoDoRepresentante.objects.count() == 2


def test_as_varreduras_estao_no_beat_a_cada_hora(settings):
    entradas = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entradas["certificados.tasks.lembrar_vencimento_dos_certificados"] == 3600.0
    assert entradas["certificados.tasks.lembrar_prazo_do_a3"] == 3600.0
