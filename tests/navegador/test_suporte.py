"""O Suporte INSS no navegador, com as personas de demonstração.

Ana (gestora da Prefeitura de Campinas) acha o item 12 pela busca do catálogo e registra o chamado com a tela
do erro; Elisa (técnica da Sudeste I) o atende; Ana recusa a solução e depois a aprova; o chamado fechado não
muda mais. Quem não é gestor recebe uma explicação; outra entidade e outra região, o 404. As ações sobre o
chamado abrem num diálogo dentro da página (htmx, `#dialogo`) e, sem JavaScript, numa página com um formulário
comum.
"""

import re
from contextlib import contextmanager

import pytest
from PIL import Image
from playwright.sync_api import expect

from portal.contas.models import Usuario
from suporte.models import Chamado, StatusChamado
from suporte.services import chamado_solucionar
from tests.navegador.apoio import PERSONAS, entrar
from tests.suporte_apoio import abrir

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

CAMINHO_DE_CAMPINAS = "Suporte INSS > ENT EXTERNAS > 21150.SR-1 > 51885242000140 - PREFEITURA MUNICIPAL DE CAMPINAS"
CODIGO_DE_CHAMADO = re.compile(r"^L_\d{8}$")
ITEM_12 = "12. PORTAL DE REQUERIMENTOS > SISTEMA > INDISPONIBILIDADE"
TITULO = "Portal de Atendimento fora do ar"
DESCRICAO = "Desde as 9h o novorequerimento.inss.gov.br responde “ocorreu um erro no processamento”."
NOTA_INTERNA = "Só a equipe: o balanceador da Dataprev caiu às 9h12, ticket DTP-4471."
SOLUCAO = "O balanceador foi reiniciado pela Dataprev; o portal voltou às 11h."
MOTIVO_DA_RECUSA = "O portal voltou a cair às 14h, com a mesma mensagem de erro."
ROTULO_DO_MOTIVO = "Por que a solução não atende?"
SEGUNDA_SOLUCAO = "A Dataprev trocou o balanceador; o portal está estável desde as 15h."

# Ação: (título do formulário, fim do endereço da página da ação).
ACOES = {
    "Atribuir": ("Atribuir", "atribuir"),
    "Solucionar": ("Solucionar", "solucionar"),
    "Recusar": ("Recusar a solução", "recusar"),
    "Aprovar": ("Aprovar a solução", "aprovar"),
}


# --- ajudantes ---------------------------------------------------------------------------------------------


def pessoa(apelido: str) -> Usuario:
    return Usuario.objects.get(cpf=re.sub(r"\D", "", PERSONAS[apelido].cpf))


def menu(pagina):
    return pagina.locator("#menu-principal")


def mensagem(pagina):
    return pagina.locator(".mensagens")


def status(pagina):
    return pagina.locator("dl.dados").get_by_test_id("status")


def acoes(pagina):
    return pagina.get_by_test_id("acoes")


def url_do_chamado(codigo: str, acao: str = "") -> re.Pattern:
    return re.compile(rf"/suporte/chamados/{codigo}/{acao + '/' if acao else ''}$")


def tela_do_erro(tmp_path):
    """Um PNG de verdade: o portal confere o conteúdo do arquivo, não o nome."""
    caminho = tmp_path / "tela-do-erro.png"
    Image.new("RGB", (320, 200), (200, 30, 30)).save(caminho, "PNG")
    return caminho


def marcar_a_pagina(pagina) -> None:
    """Uma marca no `window`: se ela sobrevive, a página não foi recarregada."""
    pagina.evaluate("() => { window.mesmaPagina = true; }")


def continua_na_mesma_pagina(pagina) -> bool:
    return pagina.evaluate("() => window.mesmaPagina === true")


def troca_do_htmx(resposta) -> bool:
    return resposta.request.headers.get("hx-request") == "true"


def htmx_pronto(pagina) -> None:
    """O htmx liga os atributos `hx-*` no DOMContentLoaded (o script é `defer`): antes disso, o que se digita
    ou clica não passa por ele. O clique num link só espera a navegação começar; aqui se espera a carga."""
    pagina.wait_for_load_state()


@contextmanager
def vigia_julgado_no_corpo_do_teste(vigias, navegador):
    """O veredito do vigia dentro do corpo do teste, e não na desmontagem da fixture: num cenário longo, a
    falha aparece no próprio teste (uma página enxertada no diálogo, por exemplo, repetiria accesskeys)."""
    try:
        yield
    finally:
        problemas = [problema for vigia in vigias for problema in vigia.concluir(navegador)]
        vigias.clear()
        if problemas:
            pytest.fail("\n".join(problemas), pytrace=False)


def abrir_a_acao(pagina, codigo: str, acao: str, *, com_javascript: bool):
    """Clica no botão da ação na página do chamado e devolve o formulário. Com JavaScript ele vem para
    `#dialogo`, sem sair da página; sem JavaScript, o link leva à página da ação."""
    titulo, fim = ACOES[acao]
    if com_javascript:
        htmx_pronto(pagina)
        marcar_a_pagina(pagina)
        acoes(pagina).get_by_role("link", name=acao, exact=True).click()
        dialogo = pagina.locator("#dialogo").get_by_test_id("dialogo")
        expect(dialogo.get_by_role("heading")).to_have_text(titulo)
        expect(pagina).to_have_url(url_do_chamado(codigo))
        assert continua_na_mesma_pagina(pagina)
        return dialogo
    acoes(pagina).get_by_role("link", name=acao, exact=True).click()
    expect(pagina).to_have_url(url_do_chamado(codigo, fim))
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"{titulo} — {codigo}")
    return pagina.get_by_test_id("dialogo")


def confirmar(pagina, formulario, codigo: str, sucesso: str) -> None:
    """Confirmar com sucesso volta à página do chamado, carregada de novo, com a mensagem do que mudou."""
    with pagina.expect_navigation(url=url_do_chamado(codigo), timeout=5_000):
        formulario.get_by_role("button", name="Confirmar").click()
    expect(pagina.get_by_test_id("dialogo")).to_have_count(0)
    expect(pagina.get_by_role("heading", level=1)).to_have_count(1)
    expect(mensagem(pagina)).to_contain_text(sucesso)


# --- 1. Ana acha o item no catálogo e registra o chamado -------------------------------------------------


def test_ana_acha_o_item_12_pela_busca_e_so_registra_o_chamado_com_a_tela_do_erro(pagina, tmp_path):
    entrar(pagina, "ana")
    menu(pagina).get_by_role("link", name="Suporte INSS", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Chamados de Prefeitura Municipal de Campinas")
    pagina.get_by_role("link", name="Abrir chamado").click()
    expect(pagina).to_have_url(re.compile(r"/suporte/novo/$"))
    itens = pagina.locator("#lista-de-itens li")
    expect(itens).to_have_count(19)

    # A busca filtra a lista pelo htmx enquanto se digita, sem recarregar a página.
    htmx_pronto(pagina)
    marcar_a_pagina(pagina)
    with pagina.expect_response(troca_do_htmx) as troca:
        pagina.get_by_label("Digite parte do nome").press_sequentially("indispon", delay=40)
    assert troca.value.status == 200
    expect(itens).to_have_count(1)
    assert continua_na_mesma_pagina(pagina)
    pagina.get_by_role("link", name=ITEM_12).click()

    # Antes do formulário: o objetivo, as ocorrências, as notas de ATENÇÃO e o aviso do que não se trata aqui.
    orientacoes = pagina.get_by_test_id("orientacoes")
    expect(orientacoes.get_by_role("heading")).to_have_text(ITEM_12)
    expect(orientacoes).to_contain_text("Objetivo: permitir acesso ao Portal de Atendimento")
    expect(orientacoes.locator("ol.ocorrencias li")).to_have_count(4)
    expect(orientacoes.locator("ol.ocorrencias")).to_contain_text("indisponibilidade na consulta dos requerimentos;")
    atencao = orientacoes.locator(".atencao")
    expect(atencao).to_contain_text("ATENÇÃO")
    expect(atencao).to_contain_text("CERTIFICADO DE INDISPONIBILIDADE")
    expect(atencao.locator("li")).to_have_count(3)
    expect(pagina.get_by_role("note").filter(has_text="reconhecimento de direito")).to_contain_text(
        "Este canal não trata de reconhecimento de direito dos requerimentos"
    )

    # Sem a tela do erro: recusado, e o que foi escrito fica.
    pagina.get_by_label("Título").fill(TITULO)
    pagina.get_by_label("Descrição").fill(DESCRICAO)
    pagina.get_by_role("button", name="Enviar").click()
    expect(pagina.get_by_test_id("erros-do-chamado")).to_contain_text("Anexe ao menos uma tela do erro")
    expect(pagina.locator(".campo.danger", has=pagina.get_by_label("Telas do erro"))).to_contain_text(
        "Anexe ao menos uma tela do erro"
    )
    expect(pagina.get_by_label("Título")).to_have_value(TITULO)
    expect(pagina.get_by_label("Descrição")).to_have_value(DESCRICAO)
    assert not Chamado.objects.exists()

    # Com a tela: registrado, com o código e o caminho da entidade no Suporte.
    pagina.get_by_label("Telas do erro").set_input_files(tela_do_erro(tmp_path))
    pagina.get_by_role("button", name="Enviar").click()
    expect(pagina.get_by_test_id("codigo-do-chamado")).to_have_text(CODIGO_DE_CHAMADO)
    codigo = pagina.get_by_test_id("codigo-do-chamado").inner_text()
    expect(pagina).to_have_url(url_do_chamado(codigo))
    expect(mensagem(pagina)).to_contain_text(f"Chamado {codigo} registrado. O formulário foi salvo")
    expect(pagina.get_by_test_id("caminho-da-entidade")).to_have_text(CAMINHO_DE_CAMPINAS)
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"{codigo} — {TITULO}")
    expect(status(pagina)).to_have_text("Novo")
    expect(pagina.locator("ul.anexos")).to_contain_text("tela-do-erro.png")
    chamado = Chamado.objects.get()
    assert chamado.codigo == codigo and chamado.item.numero == 12 and chamado.descricao == DESCRICAO
    assert chamado.anexos.get().categoria == "tela_de_erro"


# --- 2 a 4. Elisa atende, Ana recusa e depois aprova, o fechado não muda mais ------------------------------


def ana_registra_um_chamado_do_item_12(pagina, tmp_path) -> str:
    menu(pagina).get_by_role("link", name="Suporte INSS", exact=True).click()
    pagina.get_by_role("link", name="Abrir chamado").click()
    pagina.get_by_role("link", name=ITEM_12).click()
    pagina.get_by_label("Título").fill(TITULO)
    pagina.get_by_label("Descrição").fill(DESCRICAO)
    pagina.get_by_label("Telas do erro").set_input_files(tela_do_erro(tmp_path))
    pagina.get_by_role("button", name="Enviar").click()
    expect(pagina.get_by_test_id("codigo-do-chamado")).to_have_text(CODIGO_DE_CHAMADO)
    return pagina.get_by_test_id("codigo-do-chamado").inner_text()


def elisa_acha_o_chamado_na_fila(pagina, codigo: str, *, com_javascript: bool) -> None:
    menu(pagina).get_by_role("link", name="Fila do suporte").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Fila do suporte")
    campo = pagina.get_by_label("Código ou texto")
    if com_javascript:
        htmx_pronto(pagina)
        with pagina.expect_response(troca_do_htmx):
            campo.fill(codigo)
    else:
        campo.fill(codigo)
        pagina.get_by_role("button", name="Filtrar").click()
    expect(pagina).to_have_url(re.compile(rf"/suporte/fila/\?.*texto={codigo}"))
    linhas = pagina.locator("#resultados tbody tr")
    expect(linhas).to_have_count(1)
    expect(linhas).to_contain_text("Prefeitura Municipal de Campinas")
    linhas.get_by_role("link", name=codigo).click()
    expect(pagina).to_have_url(url_do_chamado(codigo))
    expect(pagina.get_by_test_id("tecnico")).to_have_text("ainda não atribuído")


def elisa_atribui_a_si_mesma(pagina, codigo: str, *, com_javascript: bool) -> None:
    formulario = abrir_a_acao(pagina, codigo, "Atribuir", com_javascript=com_javascript)
    expect(formulario.get_by_label("Técnico").locator("option:checked")).to_have_text("Elisa Rocha")
    confirmar(pagina, formulario, codigo, "Chamado atribuído.")
    expect(pagina.get_by_test_id("tecnico")).to_have_text("Elisa Rocha")
    expect(status(pagina)).to_have_text("Processando (atribuído)")


def elisa_escreve_uma_nota_interna(pagina) -> None:
    pagina.get_by_label("Mensagem").fill(NOTA_INTERNA)
    pagina.locator("label", has_text="Nota interna").click()  # o do gov.br: o rótulo fica por cima do <input>
    expect(pagina.get_by_label("Nota interna (a entidade não vê)")).to_be_checked()
    pagina.get_by_role("button", name="Enviar").click()
    expect(mensagem(pagina)).to_contain_text("Mensagem registrada.")
    nota = pagina.get_by_test_id("acompanhamento-nota_interna")
    expect(nota).to_contain_text(NOTA_INTERNA)
    expect(nota).to_contain_text("só o INSS vê")


def elisa_soluciona(pagina, codigo: str, solucao: str, *, com_javascript: bool) -> None:
    formulario = abrir_a_acao(pagina, codigo, "Solucionar", com_javascript=com_javascript)
    formulario.get_by_label("Solução").fill(solucao)
    confirmar(pagina, formulario, codigo, "Chamado solucionado. A entidade tem 7 dias para aprovar ou recusar.")
    expect(status(pagina)).to_have_text("Solucionado")
    expect(acoes(pagina).get_by_role("link")).to_have_count(1)  # só o certificado de indisponibilidade (item 12)
    expect(pagina.get_by_test_id("acompanhamento-solucao").last).to_contain_text(solucao)


def ana_ve_o_solucionado_com_o_prazo_e_sem_a_nota_interna(pagina, codigo: str) -> None:
    menu(pagina).get_by_role("link", name="Suporte INSS", exact=True).click()
    aba = pagina.get_by_test_id("aba-solucionados")
    expect(aba).to_have_text("Solucionados (1)")
    aba.click()
    linha = pagina.locator("tbody tr", has=pagina.get_by_role("link", name=codigo))
    expect(linha.get_by_test_id("dias-restantes")).to_contain_text("(7 dias)")
    linha.get_by_role("link", name=codigo).click()

    expect(status(pagina)).to_have_text("Solucionado")
    expect(pagina.get_by_test_id("prazo")).to_contain_text("(7 dias)")
    expect(pagina.get_by_test_id("acompanhamento-solucao")).to_contain_text(SOLUCAO)
    expect(pagina.get_by_test_id("acompanhamento-nota_interna")).to_have_count(0)
    expect(pagina.get_by_text("só o INSS vê")).to_have_count(0)
    assert "DTP-4471" not in pagina.content()  # nem no histórico, nem escondido no HTML
    pagina.goto("/notificacoes/")
    expect(pagina.get_by_text(f"O chamado {codigo} foi solucionado")).to_have_count(1)
    assert "DTP-4471" not in pagina.content()
    pagina.go_back()


def ana_recusa_primeiro_sem_motivo(pagina, codigo: str, *, com_javascript: bool) -> None:
    formulario = abrir_a_acao(pagina, codigo, "Recusar", com_javascript=com_javascript)
    formulario.get_by_role("button", name="Confirmar").click()
    formulario = pagina.get_by_test_id("dialogo")
    campo = formulario.get_by_label(ROTULO_DO_MOTIVO)
    expect(formulario.locator(".campo.danger", has=pagina.get_by_label(ROTULO_DO_MOTIVO))).to_contain_text(
        "O motivo é obrigatório para recusar a solução."
    )
    if com_javascript:  # o formulário com o erro voltou para o diálogo, na mesma página
        expect(pagina).to_have_url(url_do_chamado(codigo))
        assert continua_na_mesma_pagina(pagina)
    else:
        expect(pagina).to_have_url(url_do_chamado(codigo, "recusar"))
    assert Chamado.objects.get(codigo=codigo).status == StatusChamado.SOLUCIONADO

    campo.fill(MOTIVO_DA_RECUSA)
    confirmar(pagina, formulario, codigo, "Solução recusada. O chamado voltou para o técnico que o solucionou.")
    expect(status(pagina)).to_have_text("Processando (atribuído)")
    expect(pagina.get_by_test_id("tecnico")).to_have_text("Elisa Rocha")
    expect(pagina.get_by_test_id("acompanhamento-recusa")).to_contain_text(MOTIVO_DA_RECUSA)


def ana_aprova(pagina, codigo: str, *, com_javascript: bool) -> None:
    pagina.reload()
    expect(status(pagina)).to_have_text("Solucionado")
    formulario = abrir_a_acao(pagina, codigo, "Aprovar", com_javascript=com_javascript)
    formulario.get_by_label("Comentário (opcional)").fill("Resolvido, obrigada.")
    confirmar(pagina, formulario, codigo, "Solução aprovada. O chamado está fechado.")
    expect(status(pagina)).to_have_text("Fechado")
    expect(pagina.locator("dl.dados")).to_contain_text("Solução aprovada pela entidade")
    expect(acoes(pagina).get_by_role("link")).to_have_count(0)


def elisa_nao_muda_mais_o_fechado(pagina, codigo: str) -> None:
    pagina.reload()
    expect(status(pagina)).to_have_text("Fechado")
    for acao in ("Atribuir", "Pendente", "Solucionar"):
        expect(acoes(pagina).get_by_role("link", name=acao)).to_have_count(0)

    # Quem insiste pelo endereço da ação recebe a explicação, no formulário, com o texto mantido.
    pagina.goto(f"/suporte/chamados/{codigo}/solucionar/")
    pagina.get_by_label("Solução").fill("Reabrindo para testar de novo.")
    pagina.get_by_role("button", name="Confirmar").click()
    formulario = pagina.get_by_test_id("dialogo")
    expect(formulario.get_by_role("alert")).to_have_text(
        f"O chamado {codigo} já foi fechado (com a aprovação) e não pode mais mudar."
    )
    expect(formulario.get_by_label("Solução")).to_have_value("Reabrindo para testar de novo.")

    pagina.goto(f"/suporte/chamados/{codigo}/")
    expect(status(pagina)).to_have_text("Fechado")


@pytest.mark.parametrize(
    "com_javascript",
    [
        pytest.param(True, id="com_javascript"),
        pytest.param(False, id="sem_javascript"),
    ],
)
def test_elisa_soluciona_ana_recusa_e_depois_aprova_e_o_chamado_fechado_nao_muda_mais(
    abrir_pagina, navegador, vigias, tmp_path, com_javascript
):
    with vigia_julgado_no_corpo_do_teste(vigias, navegador):
        ana = abrir_pagina(java_script_enabled=com_javascript)
        entrar(ana, "ana")
        codigo = ana_registra_um_chamado_do_item_12(ana, tmp_path)

        elisa = abrir_pagina(java_script_enabled=com_javascript)
        entrar(elisa, "elisa")
        elisa_acha_o_chamado_na_fila(elisa, codigo, com_javascript=com_javascript)
        elisa_atribui_a_si_mesma(elisa, codigo, com_javascript=com_javascript)
        elisa_escreve_uma_nota_interna(elisa)
        elisa_soluciona(elisa, codigo, SOLUCAO, com_javascript=com_javascript)

        ana_ve_o_solucionado_com_o_prazo_e_sem_a_nota_interna(ana, codigo)
        ana_recusa_primeiro_sem_motivo(ana, codigo, com_javascript=com_javascript)

        elisa.reload()
        expect(status(elisa)).to_have_text("Processando (atribuído)")
        elisa_soluciona(elisa, codigo, SEGUNDA_SOLUCAO, com_javascript=com_javascript)

        ana_aprova(ana, codigo, com_javascript=com_javascript)
        elisa_nao_muda_mais_o_fechado(elisa, codigo)

    chamado = Chamado.objects.get(codigo=codigo)
    assert chamado.status == StatusChamado.FECHADO and chamado.fechamento == "aprovado"
    assert chamado.rodada == 2 and chamado.tecnico == pessoa("elisa")


# --- 7. Com JavaScript, o formulário da ação abre dentro da página do chamado -------------------------------


def test_com_javascript_recusar_e_aprovar_trazem_o_formulario_para_o_dialogo_da_pagina_do_chamado(pagina):
    chamado = chamado_solucionar(chamado=abrir(pessoa("ana"), titulo=TITULO), solucao=SOLUCAO, por=pessoa("elisa"))
    entrar(pagina, "ana")
    pagina.goto(f"/suporte/chamados/{chamado.codigo}/")

    ana_recusa = abrir_a_acao(pagina, chamado.codigo, "Recusar", com_javascript=True)
    with pagina.expect_response(troca_do_htmx) as envio:
        ana_recusa.get_by_role("button", name="Confirmar").click()  # sem motivo
    assert envio.value.request.method == "POST"
    dialogo = pagina.locator("#dialogo").get_by_test_id("dialogo")
    expect(dialogo.get_by_role("alert")).to_have_text(re.compile("O motivo é obrigatório para recusar a solução."))
    expect(pagina.get_by_role("heading", level=1)).to_have_text(f"{chamado.codigo} — {TITULO}")
    assert continua_na_mesma_pagina(pagina)

    dialogo.get_by_role("link", name="Cancelar").click()  # um link comum: recarrega a página do chamado
    expect(pagina.get_by_test_id("dialogo")).to_have_count(0)
    aprovar = abrir_a_acao(pagina, chamado.codigo, "Aprovar", com_javascript=True)
    expect(aprovar.get_by_label("Comentário (opcional)")).to_be_editable()
    expect(status(pagina)).to_have_text("Solucionado")
    assert Chamado.objects.get(pk=chamado.pk).status == StatusChamado.SOLUCIONADO


# --- 5 e 6. Quem não é gestor, e quem é de fora -----------------------------------------------------------


def test_atendente_nao_tem_suporte_no_menu_e_em_suporte_novo_recebe_a_explicacao(pagina):
    entrar(pagina, "bruno")
    pagina.locator("label", has_text="Prefeitura Municipal de Campinas").click()
    pagina.get_by_role("button", name="Agir por esta entidade").click()
    expect(pagina.get_by_test_id("entidade-ativa")).to_have_text("Prefeitura Municipal de Campinas")
    expect(menu(pagina).get_by_role("link", name="Minha entidade")).to_have_count(1)
    expect(menu(pagina).get_by_role("link", name="Suporte INSS")).to_have_count(0)

    resposta = pagina.goto("/suporte/novo/")

    assert resposta.status == 200
    explicacao = pagina.get_by_test_id("suporte-sem-acesso")
    expect(explicacao).to_contain_text("Só os representantes gestores abrem e acompanham chamados.")
    expect(explicacao).to_contain_text("Você representa Prefeitura Municipal de Campinas sem o perfil de gestor")
    expect(pagina.get_by_label("Digite parte do nome")).to_have_count(0)


def test_gestor_de_outra_entidade_e_tecnico_de_outra_regiao_recebem_404_no_chamado_de_campinas(abrir_pagina):
    chamado = abrir(pessoa("ana"), titulo=TITULO)
    for apelido in ("diego", "fabio"):
        pagina = abrir_pagina()
        entrar(pagina, apelido)

        resposta = pagina.goto(f"/suporte/chamados/{chamado.codigo}/")

        assert resposta.status == 404, apelido
        expect(pagina.get_by_role("heading", level=1)).to_have_text("Página não encontrada")
        expect(pagina.get_by_text(TITULO)).to_have_count(0)
        expect(pagina.get_by_text(chamado.codigo)).to_have_count(0)
