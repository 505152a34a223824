"""A administração: cada modelo do domínio que se administra abre a lista, a busca e um registro, sem 500."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

DO_DOMINIO = ("portal.", "atendimento", "suporte", "certificados")


def _modelos_na_administracao():
    return [modelo for modelo in admin.site._registry if modelo._meta.app_config.name.startswith(DO_DOMINIO)]


def test_os_modelos_do_acordo_e_do_painel_estao_na_administracao():
    rotulos = {modelo._meta.label for modelo in _modelos_na_administracao()}
    assert {"acordos.Adesao", "acordos.Acordo", "acordos.SolicitacaoDoAcordo", "acordos.CessaoDeImovel",
            "entidades.Entidade", "painel.RelatorioRegional", "atendimento.Requerimento",
            "notificacoes.Notificacao"} <= rotulos


def test_cada_lista_da_administracao_abre_busca_e_mostra_um_registro(cliente_de):
    cliente = cliente_de("admin")
    for modelo in _modelos_na_administracao():
        opcoes = modelo._meta
        lista = reverse(f"admin:{opcoes.app_label}_{opcoes.model_name}_changelist")
        assert cliente.get(lista).status_code == 200, lista
        assert cliente.get(lista, {"q": "Campinas"}).status_code == 200, lista
        primeiro = modelo.objects.order_by("pk").first()
        if primeiro is not None:
            pagina = reverse(f"admin:{opcoes.app_label}_{opcoes.model_name}_change", args=[primeiro.pk])
            assert cliente.get(pagina).status_code == 200, pagina


def test_quem_nao_e_administrador_nao_entra_na_administracao(cliente_de):
    assert cliente_de("karina").get("/admin/acordos/acordo/").status_code == 302


def test_requerimento_abre_na_administracao_com_exigencias_e_documentos_so_para_consulta(demo, cliente_de):
    from tests.requerimentos_apoio import requerimento_protocolado

    requerimento = requerimento_protocolado()
    html = cliente_de("admin").get(f"/admin/atendimento/requerimento/{requerimento.pk}/change/").content.decode()
    assert requerimento.protocolo in html and "documento-1.pdf" in html
