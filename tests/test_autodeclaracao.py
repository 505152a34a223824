"""A autodeclaração do segurado especial: os formulários da etapa do assistente, o serviço que a grava no
rascunho e o trecho que a leva aos PDFs do requerimento."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from atendimento.forms_autodeclaracao import formularios_da_autodeclaracao
from atendimento.models import (
    AutodeclaracaoRural,
    MembroDoGrupoFamiliar,
    PeriodoRural,
    Requerimento,
    Servico,
    StatusRequerimento,
)
from atendimento.services import ErroDoRequerimento
from atendimento.services.autodeclaracao import autodeclaracao_dados_iniciais, autodeclaracao_salvar
from portal.auditoria.models import Evento
from portal.entidades.models import Entidade
from portal.organizacao.models import Municipio

pytestmark = pytest.mark.django_db

PERIODO_1 = {
    "inicio": "01/01/2000", "fim": "31/12/2009", "atividade": "agricultura", "imovel": "Sítio Boa Vista",
    "uf": "SP", "municipio": "Campinas", "area_hectares": "12,5", "condicao": "proprietario", "proprietario": "",
}
PERIODO_2 = {
    "inicio": "2010-01-01", "fim": "2019-06-30", "atividade": "agropecuaria", "imovel": "Fazenda Santa Rita",
    "uf": "SP", "municipio": "sao jose dos campos", "area_hectares": "3.75", "condicao": "arrendatario",
    "proprietario": "José Ribeiro",
}
MEMBRO = {"nome": "Maria da Silva", "cpf": "111.444.777-35", "nascimento": "10/05/1975", "parentesco": "conjuge",
          "participa": "on"}
PRODUCAO = "Milho, feijão e leite; parte para o consumo da família, o excedente vendido na feira."


def _post(periodos=(PERIODO_1,), membros=(), producao=PRODUCAO, **extra) -> dict:
    dados = {"autodeclaracao-producao": producao}
    for prefixo, linhas in (("periodos", periodos), ("membros", membros)):
        dados.update({f"{prefixo}-TOTAL_FORMS": str(len(linhas)), f"{prefixo}-INITIAL_FORMS": "0",
                      f"{prefixo}-MIN_NUM_FORMS": "0", f"{prefixo}-MAX_NUM_FORMS": "1000"})
        for i, linha in enumerate(linhas):
            dados.update({f"{prefixo}-{i}-{campo}": valor for campo, valor in linha.items()})
    dados.update(extra)
    return dados


def _erros(formularios) -> str:
    """Todas as mensagens, dos campos e dos conjuntos, numa só string."""
    mensagens = [str(formularios.form_autodeclaracao.errors)]
    for formset in (formularios.periodos, formularios.membros):
        mensagens += [str(erro) for erro in formset.non_form_errors()]
        mensagens += [str(form.errors) for form in formset.forms]
    return " ".join(mensagens)


def _recusa(**kwargs) -> str:
    formularios = formularios_da_autodeclaracao(_post(**kwargs))
    assert not formularios.is_valid()
    return _erros(formularios)


@pytest.fixture
def requerimento(demo):
    return Requerimento.objects.create(
        entidade=Entidade.objects.get(cnpj="51885242000140"),
        servico=Servico.objects.get(codigo="aposentadoria-idade-rural"),
        cidadao_cpf="52998224725", cidadao_nome="João da Silva",
    )


@pytest.fixture
def ana(pessoa):
    return pessoa("ana")  # gestora da Prefeitura de Campinas


def _salvar(requerimento, por, **kwargs):
    formularios = formularios_da_autodeclaracao(_post(**kwargs))
    assert formularios.is_valid(), _erros(formularios)
    return autodeclaracao_salvar(requerimento=requerimento, por=por, **formularios.dados)


def test_autodeclaracao_valida_grava_periodos_membros_producao_e_evento(requerimento, ana):
    autodeclaracao = _salvar(requerimento, ana, periodos=[PERIODO_1, PERIODO_2], membros=[MEMBRO])

    assert autodeclaracao.producao == PRODUCAO
    primeiro, segundo = autodeclaracao.periodos.all()
    assert (primeiro.inicio, primeiro.fim, primeiro.municipio_id) == (date(2000, 1, 1), date(2009, 12, 31), "3509502")
    assert primeiro.area_hectares == Decimal("12.50") and primeiro.proprietario == ""
    # Sem acentos e em minúsculas, o município é achado; o ponto decimal também é aceito.
    assert str(segundo.municipio) == "São José dos Campos/SP"
    assert segundo.area_hectares == Decimal("3.75") and segundo.proprietario == "José Ribeiro"
    membro = autodeclaracao.grupo_familiar.get()
    assert (membro.cpf, membro.nascimento, membro.participa) == ("11144477735", date(1975, 5, 10), True)
    evento = Evento.objects.get(acao="autodeclaracao_salva", objeto_id=str(requerimento.pk))
    assert evento.ator == ana and evento.alteracoes == {"periodos": 2, "membros": 1}


def test_municipio_pelo_codigo_ibge_e_recusas_de_municipio_com_mensagem_clara(requerimento):
    assert formularios_da_autodeclaracao(_post(periodos=[{**PERIODO_1, "municipio": "3509502"}])).is_valid()
    assert "Município “Xiquexique” não encontrado em São Paulo" in _recusa(
        periodos=[{**PERIODO_1, "municipio": "Xiquexique"}])
    assert "O código IBGE 3106200 é de Belo Horizonte/MG, não de SP" in _recusa(
        periodos=[{**PERIODO_1, "municipio": "3106200"}])
    assert "Não há município com o código IBGE 3599999" in _recusa(periodos=[{**PERIODO_1, "municipio": "3599999"}])


def test_periodos_sobrepostos_sao_recusados_dizendo_quais(requerimento):
    sobreposto = {**PERIODO_2, "inicio": "01/06/2009"}
    assert ("Os períodos 1 (01/01/2000 a 31/12/2009) e 2 (01/06/2009 a 30/06/2019) se sobrepõem"
            in _recusa(periodos=[PERIODO_1, sobreposto]))


def test_periodos_fora_de_ordem_sao_recusados(requerimento):
    erros = _recusa(periodos=[PERIODO_2, PERIODO_1])
    assert "Os períodos estão fora de ordem: o período 2 (início em 01/01/2000) começa antes do período 1" in erros
    assert "se sobrepõem" not in erros


def test_periodo_no_futuro_e_recusado(requerimento):
    amanha = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    erros = _recusa(periodos=[{**PERIODO_1, "fim": amanha}])
    assert f"O fim ({amanha}) não pode ser uma data futura; se a atividade continua, informe a data de hoje." in erros


def test_fim_antes_do_inicio_e_recusado(requerimento):
    erros = _recusa(periodos=[{**PERIODO_1, "fim": "31/12/1999"}])
    assert "O fim do período (31/12/1999) é anterior ao início (01/01/2000)." in erros


def test_quem_nao_e_proprietario_informa_o_proprietario(requerimento):
    erros = _recusa(periodos=[{**PERIODO_1, "condicao": "meeiro"}])
    assert "Informe o nome do proprietário do imóvel: a condição declarada é meeiro(a), não proprietário(a)." in erros


def test_area_zero_e_recusada_e_so_a_pesca_artesanal_dispensa_a_area(requerimento):
    assert "A área deve ser maior que zero" in _recusa(periodos=[{**PERIODO_1, "area_hectares": "0"}])
    assert "Informe a área do imóvel em hectares" in _recusa(periodos=[{**PERIODO_1, "area_hectares": ""}])
    pesca = {**PERIODO_1, "atividade": "pesca_artesanal", "imovel": "Barco Estrela do Mar", "area_hectares": ""}
    assert formularios_da_autodeclaracao(_post(periodos=[pesca])).is_valid()


def test_cpf_invalido_e_nascimento_futuro_no_grupo_familiar_sao_recusados(requerimento):
    amanha = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    erros = _recusa(membros=[{**MEMBRO, "cpf": "111.444.777-00", "nascimento": amanha}])
    assert "CPF inválido: os dígitos verificadores não conferem." in erros
    assert "não pode ser futura" in erros
    # Sem CPF, o membro é aceito: o CPF é opcional.
    assert formularios_da_autodeclaracao(_post(membros=[{**MEMBRO, "cpf": ""}])).is_valid()
    assert "O CPF 111.444.777-35 aparece nos membros 1 e 2." in _recusa(membros=[MEMBRO, {**MEMBRO, "nome": "Ana"}])


def test_sem_nenhum_periodo_e_recusado(requerimento):
    vazio = {campo: "" for campo in PERIODO_1}
    assert "Informe ao menos um período de atividade rural." in _recusa(periodos=[vazio])
    assert "Informe ao menos um período de atividade rural." in _recusa(periodos=[])


def test_linha_vazia_a_mais_e_ignorada(requerimento, ana):
    vazio = {campo: "" for campo in PERIODO_1}
    membro_vazio = {"nome": "", "cpf": "", "nascimento": "", "parentesco": "", "participa": "on"}
    autodeclaracao = _salvar(requerimento, ana, periodos=[PERIODO_1, vazio], membros=[membro_vazio])
    assert autodeclaracao.periodos.count() == 1 and autodeclaracao.grupo_familiar.count() == 0


def test_recusa_mantem_tudo_o_que_foi_digitado(requerimento):
    formularios = formularios_da_autodeclaracao(_post(periodos=[PERIODO_1, {**PERIODO_2, "inicio": "01/06/2009"}],
                                                   membros=[{**MEMBRO, "cpf": "111.444.777-00"}]))
    assert not formularios.is_valid()
    html = render_to_string("atendimento/_autodeclaracao_form.html", formularios.contexto)
    for valor in ("Sítio Boa Vista", "Fazenda Santa Rita", "sao jose dos campos", "01/06/2009", "12,5",
                  "José Ribeiro", "Maria da Silva", "111.444.777-00", PRODUCAO):
        assert valor in html, valor
    assert "se sobrepõem" in html and "CPF inválido" in html


def test_mais_periodos_acrescenta_uma_linha_sem_validar_e_mantem_os_dados(requerimento):
    incompleto = {**PERIODO_1, "fim": ""}
    formularios = formularios_da_autodeclaracao(_post(periodos=[incompleto], membros=[MEMBRO], mais_periodos="1"))
    assert formularios.mais_linhas and not formularios.is_valid()
    assert formularios.periodos.total_form_count() == 2 and formularios.membros.total_form_count() == 1
    html = render_to_string("atendimento/_autodeclaracao_form.html", formularios.contexto)
    assert 'name="periodos-1-inicio"' in html and 'name="periodos-TOTAL_FORMS" value="2"' in html
    assert "Sítio Boa Vista" in html and "Maria da Silva" in html and "Período 2" in html
    # Ainda preenchendo: nenhum erro aparece.
    assert "obrigatório" not in html and 'role="alert"' not in html

    mais_membros = formularios_da_autodeclaracao(_post(periodos=[incompleto], membros=[MEMBRO], mais_membros="1"))
    assert mais_membros.membros.total_form_count() == 2 and mais_membros.periodos.total_form_count() == 1


def test_a_etapa_rotula_todo_campo_sem_placeholder_nem_estilo_e_funciona_sem_javascript(requerimento):
    html = render_to_string("atendimento/_autodeclaracao_form.html", formularios_da_autodeclaracao().contexto)
    rotulados = set(re.findall(r'<label for="([^"]+)"', html))
    campos = set(re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html))
    assert campos and campos <= rotulados
    for proibido in ("placeholder=", "style=", "<script", "br-select", "Contexto:"):
        assert proibido not in html
    assert 'name="mais_periodos"' in html and 'name="mais_membros"' in html


def test_reenvio_substitui_periodos_e_membros_anteriores(requerimento, ana):
    _salvar(requerimento, ana, periodos=[PERIODO_1, PERIODO_2], membros=[MEMBRO])
    autodeclaracao = _salvar(requerimento, ana, periodos=[PERIODO_2], producao="Só hortaliças.")

    assert AutodeclaracaoRural.objects.filter(requerimento=requerimento).count() == 1
    assert autodeclaracao.producao == "Só hortaliças."
    assert list(PeriodoRural.objects.values_list("imovel", flat=True)) == ["Fazenda Santa Rita"]
    assert not MembroDoGrupoFamiliar.objects.exists()
    assert Evento.objects.filter(acao="autodeclaracao_salva").count() == 2


def test_rascunho_retomado_volta_aos_formularios_e_pode_ser_removido_um_periodo(requerimento, ana):
    _salvar(requerimento, ana, periodos=[PERIODO_1, PERIODO_2], membros=[MEMBRO])
    producao, periodos, membros = autodeclaracao_dados_iniciais(requerimento)
    assert producao == PRODUCAO and periodos[1]["municipio"] == "São José dos Campos" and periodos[1]["uf"] == "SP"
    assert membros[0]["cpf"] == "111.444.777-35"

    formularios = formularios_da_autodeclaracao(producao=producao, periodos=periodos, membros=membros)
    html = render_to_string("atendimento/_autodeclaracao_form.html", formularios.contexto)
    assert "Fazenda Santa Rita" in html and "12,50" in html and "Remover este período" in html

    # Enviado de volta como veio, com o segundo período marcado "Remover".
    dados = _post(periodos=[{**PERIODO_1, "area_hectares": "12,50"}, {**PERIODO_2, "DELETE": "on", "fim": ""}],
                  membros=[MEMBRO], **{"periodos-INITIAL_FORMS": "2", "membros-INITIAL_FORMS": "1"})
    enviados = formularios_da_autodeclaracao(dados)
    assert enviados.is_valid(), _erros(enviados)
    autodeclaracao = autodeclaracao_salvar(requerimento=requerimento, por=ana, **enviados.dados)
    assert list(autodeclaracao.periodos.values_list("imovel", flat=True)) == ["Sítio Boa Vista"]


def test_sem_autodeclaracao_os_dados_iniciais_sao_vazios(requerimento):
    assert autodeclaracao_dados_iniciais(requerimento) == ("", [], [])


def test_requerimento_que_nao_e_rascunho_e_recusado(requerimento, ana):
    Requerimento.objects.filter(pk=requerimento.pk).update(status=StatusRequerimento.PROTOCOLADO,
                                                           protocolo="2026000000001")
    with pytest.raises(ErroDoRequerimento, match="só pode ser alterada enquanto o requerimento é rascunho"):
        _salvar(requerimento, ana)
    assert not AutodeclaracaoRural.objects.exists()
    assert not Evento.objects.filter(acao="autodeclaracao_salva").exists()


def test_o_servico_confere_as_regras_mesmo_sem_o_formulario(requerimento, ana):
    periodo = {"inicio": date(2000, 1, 1), "fim": date(2009, 12, 31), "atividade": "agricultura", "imovel": "Sítio",
               "municipio": Municipio.objects.get(pk="3509502"), "area_hectares": Decimal(1),
               "condicao": "proprietario", "proprietario": ""}
    sobreposto = {**periodo, "inicio": date(2005, 1, 1), "fim": date(2010, 1, 1)}
    with pytest.raises(ErroDoRequerimento, match="Os períodos 1 .* e 2 .* se sobrepõem"):
        autodeclaracao_salvar(requerimento=requerimento, producao="x", periodos=[periodo, sobreposto], membros=[],
                              por=ana)
    with pytest.raises(ErroDoRequerimento, match="Informe ao menos um período"):
        autodeclaracao_salvar(requerimento=requerimento, producao="x", periodos=[], membros=[], por=ana)
    assert not AutodeclaracaoRural.objects.exists()


def test_servico_sem_autodeclaracao_e_quem_nao_age_pela_entidade_sao_recusados(requerimento, ana, pessoa):
    with pytest.raises(ErroDoRequerimento, match="papel protocola"):
        _salvar(requerimento, pessoa("diego"))  # gestor de Belo Horizonte
    Requerimento.objects.filter(pk=requerimento.pk).update(
        servico=Servico.objects.get(codigo="aposentadoria-idade-urbana"))
    requerimento.refresh_from_db()
    with pytest.raises(ErroDoRequerimento, match="não pede a autodeclaração"):
        _salvar(requerimento, ana)


def test_o_pdf_mostra_periodos_grupo_familiar_e_producao(requerimento, ana):
    _salvar(requerimento, ana, periodos=[PERIODO_1, PERIODO_2], membros=[MEMBRO, {**MEMBRO, "nome": "Pedro",
                                                                                      "cpf": "", "participa": ""}])
    autodeclaracao = AutodeclaracaoRural.objects.prefetch_related("periodos__municipio", "grupo_familiar").get()
    html = render_to_string("pdf/_autodeclaracao.html", {"autodeclaracao": autodeclaracao})
    for esperado in ("Períodos de atividade rural", "01/01/2000 a 31/12/2009", "Agricultura",
                     "Sítio Boa Vista", "Campinas/SP", "12,50", "Proprietário(a)", "Arrendatário(a)", "José Ribeiro",
                     "São José dos Campos/SP", "Maria da Silva", "111.444.777-35", "10/05/1975",
                     "Cônjuge ou companheiro(a)", "Milho, feijão e leite", "sob as penas da lei"):
        assert esperado in html, esperado
    assert re.search(r"<td>Pedro</td>\s*<td>—</td>", html) and "<td>Não</td>" in html

    # Dentro de um documento do portal, o WeasyPrint o transforma em PDF.
    documento = Template('{% extends "pdf/base.html" %}{% block corpo %}{% include "pdf/_autodeclaracao.html" %}'
                         "{% endblock %}").render(Context({"autodeclaracao": autodeclaracao, "documento": {}}))
    assert HTML(string=documento).write_pdf().startswith(b"%PDF")
