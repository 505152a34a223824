"""Apoio aos testes da transição para o A3: pessoas, vínculos, certificados e entidades com acordo, e a
Sudeste I montada à mão que os testes do monitoramento e do painel conferem."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from certificados.models import CertificadoDoRepresentante, TipoDeCertificado
from portal.acordos.models import Acordo, StatusAcordo
from portal.contas.models import Usuario
from portal.demo import _processo_sei_de_demo
from portal.entidades.models import Entidade, PapelRepresentante, TipoEntidade, Vinculo
from portal.organizacao.models import Municipio
from tests.fabricas import EntidadeFactory
from tests.test_representantes import cpf_de

SOROCABA, VALINHOS, BELO_HORIZONTE = "3552205", "3556206", "3106200"
_indices = itertools.count(7000)
_pessoas = itertools.count(880000001)


def pessoa_nova(nome: str) -> Usuario:
    numero = next(_pessoas)
    return Usuario.objects.create_user(cpf_de(numero), nome, f"p{numero}@exemplo.org.br", "x")


def vinculo(usuario, entidade, *, ativo=True, dias=300) -> Vinculo:
    return Vinculo.objects.create(usuario=usuario, entidade=entidade, papel=PapelRepresentante.AUTENTICA,
                                  valido_ate=timezone.now() + timedelta(days=dias), ativo=ativo)


def certificado(usuario, *, dias=365, removido=False, tipo=TipoDeCertificado.A3) -> CertificadoDoRepresentante:
    agora = timezone.now()
    indice = next(_indices)
    return CertificadoDoRepresentante.objects.create(
        usuario=usuario, tipo=tipo, politica="2.16.76.1.2.3.1", cpf=usuario.cpf, titular_nome=usuario.nome,
        emissor="AC de Teste", serial=f"{indice:x}", sha256=f"{indice:064x}", valido_de=agora - timedelta(days=30),
        valido_ate=agora + timedelta(days=dias), pem="-----BEGIN CERTIFICATE-----",
        removido_em=agora if removido else None,
    )


def entidade_com_acordo(ibge: str, *, tipo=TipoEntidade.PREFEITURA, nome: str = "", inicio: date = date(2023, 1, 10),
                        status=StatusAcordo.VIGENTE) -> Entidade:
    entidade = EntidadeFactory(municipio=Municipio.objects.select_related("uf__sr").get(codigo_ibge=ibge), tipo=tipo,
                               **({"razao_social": nome} if nome else {}))
    indice = next(_indices)
    Acordo.objects.create(numero=f"{indice}/2026-A3", entidade=entidade, processo_sei=_processo_sei_de_demo(indice),
                          vigencia_inicio=inicio, vigencia_fim=timezone.localdate() + timedelta(days=700),
                          status=status)
    return entidade


def montar_sudeste_i(pessoa) -> dict[str, Entidade]:
    """Sudeste I, montada à mão (com as entidades da demonstração):
    - Prefeitura de Campinas: Ana com A3, Bruno sem → não migrada (1 de 2);
    - Sindicato de Campinas: Bruno sem → não migrada (0 de 1);
    - OAB SP: Carla com A3 → migrada (1 de 1);
    - Associação de Sorocaba (sem lote): nenhum representante → não migrada (0 de 0);
    - Prefeitura de Valinhos, acordo de 2025 (A3 desde o início): um A3 vencido, um removido → não migrada (0 de 2);
    - Prefeitura de Sorocaba: um com A4, e um vínculo inativo sem A3 (não conta) → migrada (1 de 1);
    - fora da conta: uma prefeitura com acordo em análise (com representante) e Belo Horizonte (Sudeste II, Diego
      com A3)."""
    certificado(pessoa("ana"))
    certificado(pessoa("carla"))
    certificado(pessoa("diego"))
    associacao = entidade_com_acordo(SOROCABA, tipo=TipoEntidade.ASSOCIACAO,
                                     nome="Associação dos Aposentados de Sorocaba")
    valinhos = entidade_com_acordo(VALINHOS, nome="Prefeitura de Valinhos", inicio=date(2025, 3, 10))
    for removido in (False, True):
        representante = pessoa_nova("Representante de Valinhos")
        vinculo(representante, valinhos)
        certificado(representante, dias=-1 if not removido else 200, removido=removido)
    sorocaba = entidade_com_acordo(SOROCABA, nome="Prefeitura de Sorocaba")
    com_a4 = pessoa_nova("Representante de Sorocaba")
    vinculo(com_a4, sorocaba)
    certificado(com_a4, tipo=TipoDeCertificado.A4)
    vinculo(pessoa_nova("Ex-representante de Sorocaba"), sorocaba, ativo=False)
    em_analise = entidade_com_acordo(SOROCABA, nome="Prefeitura em Análise", status=StatusAcordo.EM_ANALISE)
    vinculo(pessoa_nova("Representante em análise"), em_analise)
    return {"associacao": associacao, "valinhos": valinhos, "sorocaba": sorocaba, "em_analise": em_analise}


def mais_entidades(quantidade: int) -> None:
    """Mais entidades com acordo, metade com representante com A3: para conferir que o custo não cresce."""
    for indice in range(quantidade):
        entidade = entidade_com_acordo(SOROCABA if indice % 2 else VALINHOS,
                                       tipo=TipoEntidade.SINDICATO if indice % 3 else TipoEntidade.OAB_SECCIONAL,
                                       inicio=date(2025, 1, 1) if indice % 4 == 0 else date(2023, 1, 1))
        representante = pessoa_nova(f"Representante {indice}")
        vinculo(representante, entidade)
        if indice % 2:
            certificado(representante)
