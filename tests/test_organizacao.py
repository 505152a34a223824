import pytest

from portal.organizacao.carga import SUPERINTENDENCIAS
from portal.organizacao.models import UF, Municipio, SuperintendenciaRegional


@pytest.mark.django_db
def test_a_migracao_carrega_as_6_sr_as_27_ufs_e_os_5570_municipios():
    assert SuperintendenciaRegional.objects.count() == 6
    assert UF.objects.count() == 27
    assert Municipio.objects.count() == 5570
    assert Municipio.objects.filter(uf="SP").count() == 645
    assert Municipio.objects.filter(uf="DF").get().nome == "Brasília"


@pytest.mark.django_db
def test_codigos_ibge_tem_7_digitos_e_comecam_pelo_codigo_da_uf():
    for codigo, uf_codigo in Municipio.objects.values_list("codigo_ibge", "uf__codigo_ibge").iterator():
        assert len(codigo) == 7 and codigo.isdigit()
        assert codigo[:2] == uf_codigo


@pytest.mark.django_db
def test_municipios_conhecidos():
    assert Municipio.objects.get(codigo_ibge="3509502").nome == "Campinas"
    assert Municipio.objects.get(codigo_ibge="3106200").nome == "Belo Horizonte"
    assert Municipio.objects.get(codigo_ibge="3304557").nome == "Rio de Janeiro"


@pytest.mark.django_db
@pytest.mark.parametrize(("numero", "nome", "ufs"), SUPERINTENDENCIAS)
def test_cada_uf_pertence_a_sua_superintendencia(numero, nome, ufs):
    sr = SuperintendenciaRegional.objects.get(numero=numero)
    assert sr.nome == nome
    assert sorted(sr.ufs.values_list("sigla", flat=True)) == sorted(ufs)


@pytest.mark.django_db
def test_o_grupo_de_suporte_da_sudeste_i_e_o_da_seed():
    assert SuperintendenciaRegional.objects.get(nome="Sudeste I").grupo_suporte == "21150.SR-1"
