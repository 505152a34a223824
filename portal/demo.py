"""Os dados de demonstração: as entidades, a organização e as pessoas da tabela do issue de fundação.

Idempotente: rodar de novo não cria nada duplicado nem troca senhas já existentes.
Senha de todos: Portal@ACT2026. Servidores com TOTP de segredo JBSWY3DPEHPK3PXP (só demonstração).
"""

from datetime import date, timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from atendimento.catalogo import carregar_documentos_exigidos, carregar_servicos
from atendimento.models import DocumentoExigido, Servico
from certificados.cronograma import carregar_cronograma
from certificados.models import LoteDaMigracaoA3, OrientacaoA3
from certificados.orientacoes import carregar_orientacoes
from portal.acordos.models import (
    Acordo,
    Adesao,
    AlteracaoDoAcordo,
    PedidoDeDocumento,
    StatusAcordo,
    StatusAdesao,
    TipoAlteracao,
)
from portal.acordos.services.adesao import numero_do_acordo
from portal.contas.models import Lotacao, PapelINSS, Usuario
from portal.entidades.models import Entidade, PapelRepresentante, TipoEntidade, Vinculo
from portal.entidades.services import entidade_criar, vinculo_criar
from portal.organizacao.carga import carregar_organizacao, organizacao_carregada
from portal.organizacao.models import (
    UF,
    AgenciaPrevidencia,
    GerenciaExecutiva,
    Municipio,
    SuperintendenciaRegional,
)
from portal.validadores import cnpj_com_digitos, dv_nup
from suporte.catalogo import carregar_catalogo
from suporte.models import ItemCatalogo

SENHA_DEMO = "Portal@ACT2026"  # noqa: S105 — dado de demonstração, documentado no README
SEGREDO_TOTP_DEMO = "JBSWY3DPEHPK3PXP"

GERENCIAS = [
    # código, nome, SR, município (IBGE)
    ("21001", "Campinas", 1, "3509502"),
    ("21004", "São Paulo - Centro", 1, "3550308"),
    ("11001", "Belo Horizonte", 2, "3106200"),
    ("17001", "Niterói", 3, "3303302"),
]
AGENCIAS = [
    # código, nome, GEX, município, endereço
    ("21001010", "Campinas - Centro", "21001", "3509502", "Rua Barão de Jaguara, 1142 — Centro"),
    ("21001020", "Campinas - Ouro Verde", "21001", "3509502", "Av. Ruy Rodriguez, 2000 — Jardim Ouro Verde"),
    ("21004010", "São Paulo - Glicério", "21004", "3550308", "Rua do Glicério, 355 — Liberdade"),
    ("11001010", "Belo Horizonte - Centro", "11001", "3106200", "Av. Amazonas, 266 — Centro"),
    ("17001010", "Niterói - Centro", "17001", "3303302", "Rua Visconde de Sepetiba, 935 — Centro"),
]
ENTIDADES = [
    # CNPJ, razão social, tipo, município, GEX
    ("51885242000140", "Prefeitura Municipal de Campinas", TipoEntidade.PREFEITURA, "3509502", "21001"),
    ("46068225000180", "Sindicato dos Trabalhadores Rurais de Campinas", TipoEntidade.SINDICATO, "3509502", "21001"),
    ("43419613000170", "OAB Seção São Paulo", TipoEntidade.OAB_SECCIONAL, "3550308", "21004"),
    ("18715383000140", "Prefeitura Municipal de Belo Horizonte", TipoEntidade.PREFEITURA, "3106200", "11001"),
    ("28004120000186", "Prefeitura Municipal de Niterói", TipoEntidade.PREFEITURA, "3303302", "17001"),
]
# CPF, nome, e-mail
PESSOAS = [
    ("11144477735", "Ana Souza", "ana.souza@campinas.sp.gov.br"),
    ("52998224725", "Bruno Lima", "bruno.lima@campinas.sp.gov.br"),
    ("24681357928", "Carla Dias", "carla.dias@oabsp.org.br"),
    ("13579246828", "Diego Alves", "diego.alves@pbh.gov.br"),
    ("31415926590", "Elisa Rocha", "elisa.rocha@inss.gov.br"),
    ("27182818205", "Fábio Nunes", "fabio.nunes@inss.gov.br"),
    ("16180339805", "Gabriela Melo", "gabriela.melo@inss.gov.br"),
    ("14142135651", "Heitor Ramos", "heitor.ramos@inss.gov.br"),
    ("17320508052", "Iara Costa", "iara.costa@inss.gov.br"),
    ("22360679767", "João Pires", "joao.pires@inss.gov.br"),
    ("30000000116", "Karina Prado", "karina.prado@inss.gov.br"),
    ("40000000205", "Admin", "admin@portal-act.inss.gov.br"),
]
# CPF, CNPJ, papel, gestor, cadastrador
VINCULOS = [
    ("11144477735", "51885242000140", PapelRepresentante.AUTENTICA, True, True),
    ("52998224725", "51885242000140", PapelRepresentante.AUTENTICA, False, False),
    ("52998224725", "46068225000180", PapelRepresentante.AUTENTICA, False, False),
    ("24681357928", "43419613000170", PapelRepresentante.OAB, True, False),
    ("13579246828", "18715383000140", PapelRepresentante.AUTENTICA, True, False),
]
# CPF, papel, SR, GEX, APS
LOTACOES = [
    ("31415926590", PapelINSS.TECNICO_SUPORTE, 1, None, None),
    ("27182818205", PapelINSS.TECNICO_SUPORTE, 2, None, None),
    ("16180339805", PapelINSS.ANALISTA, 1, None, None),
    ("14142135651", PapelINSS.SERVIDOR_APS, 1, "21001", "21001010"),
    ("17320508052", PapelINSS.OPERADOR_135, None, None, None),
    ("22360679767", PapelINSS.SUPERVISOR, 1, None, None),
    ("30000000116", PapelINSS.GESTOR_REGIONAL, 1, None, None),
]
ADMINISTRADORES = {"40000000205"}


@transaction.atomic
def semear_demo() -> dict[str, int]:
    if not organizacao_carregada(Municipio):
        carregar_organizacao(SuperintendenciaRegional, UF, Municipio)
    carregar_catalogo(ItemCatalogo)
    carregar_servicos(Servico)
    carregar_cronograma(LoteDaMigracaoA3, SuperintendenciaRegional)
    carregar_orientacoes(OrientacaoA3)
    _lote_de_demo_do_a3()
    carregar_documentos_exigidos(Servico, DocumentoExigido)
    criados = {"pessoas": 0, "entidades": 0, "vínculos": 0, "lotações": 0}

    srs = {sr.numero: sr for sr in SuperintendenciaRegional.objects.all()}
    for codigo, nome, sr, municipio in GERENCIAS:
        GerenciaExecutiva.objects.get_or_create(
            codigo=codigo, defaults={"nome": nome, "sr": srs[sr], "municipio_id": municipio}
        )
    gerencias = {g.codigo: g for g in GerenciaExecutiva.objects.all()}
    for codigo, nome, gex, municipio, endereco in AGENCIAS:
        AgenciaPrevidencia.objects.get_or_create(
            codigo=codigo,
            defaults={
                "nome": nome, "gex": gerencias[gex], "municipio_id": municipio, "endereco": endereco,
                "fuso_horario": Municipio.objects.select_related("uf").get(pk=municipio).uf.fuso_horario,
            },
        )
    agencias = {a.codigo: a for a in AgenciaPrevidencia.objects.all()}

    for cnpj, razao_social, tipo, municipio, gex in ENTIDADES:
        if not Entidade.objects.filter(cnpj=cnpj).exists():
            entidade_criar(
                cnpj=cnpj, razao_social=razao_social, tipo=tipo,
                municipio=Municipio.objects.select_related("uf__sr").get(pk=municipio), gex=gerencias[gex],
            )
            criados["entidades"] += 1

    pessoas = {}
    for cpf, nome, email in PESSOAS:
        pessoa = Usuario.objects.filter(cpf=cpf).first()
        if pessoa is None:
            administrador = cpf in ADMINISTRADORES
            pessoa = Usuario.objects.create_user(
                cpf, nome, email, SENHA_DEMO, is_staff=administrador, is_superuser=administrador
            )
            criados["pessoas"] += 1
        pessoas[cpf] = pessoa

    validade = timezone.now() + timedelta(days=365)
    for cpf, cnpj, papel, gestor, cadastrador in VINCULOS:
        entidade = Entidade.objects.get(cnpj=cnpj)
        if not Vinculo.objects.filter(usuario=pessoas[cpf], entidade=entidade).exists():
            vinculo_criar(
                usuario=pessoas[cpf], entidade=entidade, papel=papel, valido_ate=validade,
                gestor=gestor, cadastrador=cadastrador,
            )
            criados["vínculos"] += 1

    for cpf, papel, sr, gex, aps in LOTACOES:
        _, criada = Lotacao.objects.get_or_create(
            usuario=pessoas[cpf], papel=papel,
            sr=srs.get(sr), gex=gerencias.get(gex), aps=agencias.get(aps),
        )
        criados["lotações"] += criada

    for indice, (cnpj, *_resto) in enumerate(ENTIDADES, start=1):
        criados["acordos"] = criados.get("acordos", 0) + _acordo_de_demo(Entidade.objects.get(cnpj=cnpj), indice,
                                                                         pessoas["30000000116"])

    for cpf, pessoa in pessoas.items():
        servidor = cpf in ADMINISTRADORES or any(lotacao[0] == cpf for lotacao in LOTACOES)
        if servidor and not Authenticator.objects.filter(user=pessoa, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(pessoa, SEGREDO_TOTP_DEMO)
    return criados


def _processo_sei_de_demo(sequencial: int) -> str:
    base = f"35014{sequencial:06d}2025"
    primeiro = dv_nup(base)
    return f"{base}{primeiro}{dv_nup(base + str(primeiro))}"


def _lote_de_demo_do_a3() -> None:
    """Um lote novo (a administração cria lotes assim): prefeituras e sindicatos da Sudeste I, com prazo daqui a
    45 dias contados da primeira carga — Campinas ainda entra com senha e vê quantos dias faltam."""
    LoteDaMigracaoA3.objects.get_or_create(
        nome="Lote 8 — prefeituras e sindicatos da Sudeste I",
        defaults={"ordem": 8, "inicio": timezone.localdate() + timedelta(days=31),
                  "fim": timezone.localdate() + timedelta(days=45),
                  "sr": SuperintendenciaRegional.objects.get(numero=1), "ufs": ["SP"],
                  "tipos_de_entidade": [TipoEntidade.PREFEITURA, TipoEntidade.SINDICATO]},
    )


def _acordo_de_demo(entidade, indice: int, gestora_regional, *, status: str = StatusAcordo.VIGENTE,
                    fim_em_dias: int | None = None) -> int:
    """Um acordo celebrado antes do portal existir, com todos os serviços pactuados: os acordos em curso são
    importados prontos, não refazem a adesão. Em análise, falta a capacitação no checklist."""
    if Acordo.objects.filter(entidade=entidade).exists():
        return 0
    hoje = timezone.localdate()
    adesao = Adesao.objects.create(
        entidade=entidade, iniciada_por=gestora_regional, representante_legal_nome="Representante legal",
        representante_legal_cpf="11144477735", representante_legal_cargo="Prefeito(a) / Presidente(a)",
        regime="rgps", aceite_minuta=True, aceite_plano_de_trabalho=True, estrutura_fisica=True,
        representantes_indicados=True, capacitacao_concluida=status != StatusAcordo.EM_ANALISE,
        status=StatusAdesao.APROVADA, enviada_em=timezone.now(), decidida_em=timezone.now(),
    )
    # Celebrados antes da Portaria 96/2024: seguem o cronograma do A3, não o "A3 desde o início" dos novos.
    inicio = date(2024, 3, 1)
    fim = hoje.replace(year=hoje.year + 3) if fim_em_dias is None else hoje + timedelta(days=fim_em_dias)
    acordo = Acordo.objects.create(
        numero=numero_do_acordo(entidade.sr, inicio), entidade=entidade, adesao=adesao,
        processo_sei=_processo_sei_de_demo(indice), vigencia_inicio=inicio, vigencia_fim=fim, status=status,
        motivo_da_rescisao="Pedido da entidade (ofício de encerramento)." if status == StatusAcordo.RESCINDIDO else "",
    )
    acordo.servicos_pactuados.set(Servico.objects.filter(ativo=True))
    AlteracaoDoAcordo.objects.create(acordo=acordo, tipo=TipoAlteracao.CRIACAO, em=timezone.now(),
                                     descricao="Acordo em curso, importado com os dados de demonstração.")
    return 1


# Prefeituras da Sudeste I em cada situação, para o painel regional ter o que mostrar: município (IBGE),
# situação do acordo (ou da adesão, sem acordo) e, para os que vencem logo, em quantos dias.
REGIAO_DE_DEMO = [
    ("3552205", "Sorocaba", StatusAcordo.VIGENTE, 20),
    ("3543402", "Ribeirão Preto", StatusAcordo.VIGENTE, 50),
    ("3548500", "Santos", StatusAcordo.VIGENTE, 85),
    ("3549904", "São José dos Campos", StatusAcordo.VIGENTE, None),
    ("3525904", "Jundiaí", StatusAcordo.VIGENTE, None),
    ("3516200", "Franca", StatusAcordo.VIGENTE, None),
    ("3538709", "Piracicaba", StatusAcordo.VENCIDO, -15),
    ("3506003", "Bauru", StatusAcordo.RESCINDIDO, None),
    ("3518800", "Guarulhos", StatusAcordo.EM_ANALISE, None),
]
# E duas só com a adesão, à espera: uma na análise da SR, outra da resposta da entidade.
ADESOES_DE_DEMO = [
    ("3501608", "Americana", StatusAdesao.EM_ANALISE),
    ("3526902", "Limeira", StatusAdesao.AGUARDANDO_ENTIDADE),
]


@transaction.atomic
def semear_regiao_de_demo() -> int:
    """As prefeituras de REGIAO_DE_DEMO (só o comando `seed_demo`; os testes montam a sua própria região).
    Idempotente pelo CNPJ."""
    karina = Usuario.objects.get(cpf="30000000116")
    criadas = 0
    pendentes = [(ibge, nome, None, situacao, None) for ibge, nome, situacao in ADESOES_DE_DEMO]
    acordos = [(ibge, nome, situacao, None, fim) for ibge, nome, situacao, fim in REGIAO_DE_DEMO]
    for indice, (ibge, nome, acordo, adesao, fim_em_dias) in enumerate(acordos + pendentes, start=100):
        cnpj = cnpj_com_digitos(f"4{ibge}0001")
        if Entidade.objects.filter(cnpj=cnpj).exists():
            continue
        entidade = entidade_criar(cnpj=cnpj, razao_social=f"Prefeitura Municipal de {nome}",
                                  tipo=TipoEntidade.PREFEITURA,
                                  municipio=Municipio.objects.select_related("uf__sr").get(pk=ibge))
        criadas += 1
        if acordo:
            _acordo_de_demo(entidade, indice, karina, status=acordo, fim_em_dias=fim_em_dias)
            continue
        aguardando = adesao == StatusAdesao.AGUARDANDO_ENTIDADE
        registro = Adesao.objects.create(
            entidade=entidade, iniciada_por=karina, representante_legal_nome="Representante legal",
            representante_legal_cpf="11144477735", representante_legal_cargo="Prefeito(a)", regime="rpps",
            aceite_minuta=True, aceite_plano_de_trabalho=True, status=adesao,
            enviada_em=timezone.now() - timedelta(days=20),
            aguardando_desde=timezone.now() - timedelta(days=5) if aguardando else None,
        )
        if aguardando:
            PedidoDeDocumento.objects.create(adesao=registro, texto="Envie o CRP atualizado (o anexado venceu).",
                                             pedido_por=karina)
    return criadas


def semear_chamados_de_demo() -> int:
    """Alguns chamados do Suporte para a demonstração ter fila (só o comando `seed_demo` os cria; os
    testes partem de uma fila vazia). Idempotente: se a Prefeitura de Campinas já tem chamados, nada."""
    from suporte.models import Chamado
    from suporte.services import chamado_abrir, chamado_acompanhar, chamado_atribuir, chamado_solucionar

    if Chamado.objects.filter(entidade__cnpj="51885242000140").exists():
        return 0
    ana = Usuario.objects.get(cpf="11144477735")
    carla = Usuario.objects.get(cpf="24681357928")
    elisa = Usuario.objects.get(cpf="31415926590")

    def abrir(pessoa, item, titulo, descricao):
        vinculo = pessoa.vinculos.select_related("entidade__sr").get(gestor=True)
        return chamado_abrir(vinculo=vinculo, item=ItemCatalogo.objects.get(numero=item), titulo=titulo,
                             descricao=descricao, anexos=[], por=pessoa)

    abrir(ana, 11, "Como anexar a procuração no requerimento?",
          "A atendente não encontra onde anexar a procuração do segurado no Portal de Atendimento.")
    prorrogacao = abrir(ana, 17, "Prorrogar o acesso de Bruno Lima",
                        "O acesso do atendente Bruno Lima vence no próximo mês; pedimos a prorrogação por um ano.")
    prorrogacao = chamado_atribuir(chamado=prorrogacao, tecnico=elisa, por=elisa)
    chamado_acompanhar(chamado=prorrogacao, texto="Recebido. Estamos conferindo o cadastro no GERID.", por=elisa,
                       pelo_inss=True)
    senha = abrir(carla, 18, "Reinicializar a senha de uma advogada",
                  "A advogada não consegue reinicializar a senha pelo link enviado.")
    chamado_solucionar(chamado=senha, solucao="Senha reinicializada; o novo link foi enviado ao e-mail cadastrado.",
                       por=elisa)
    return 3


def semear_atesp_de_demo() -> int:
    """O ATESP (seed 000) na GEX Campinas, para a página da GEX mostrar as duas situações: ativo na APS de
    Heitor, com a agenda do ATESP publicada, e na APS Ouro Verde, ativado há dez dias, sem agenda e com o prazo
    vencido. Só o comando `seed_demo`; os testes ativam o que precisam. Idempotente pela APS."""
    from datetime import time

    from atendimento.models_agenda import Agenda, AtivacaoDoAtesp, ServicoPresencial
    from atendimento.services.agenda import agenda_publicar
    from atendimento.services.atesp_ativacao import atesp_ativar

    centro = AgenciaPrevidencia.objects.select_related("municipio").get(codigo="21001010")
    ouro_verde = AgenciaPrevidencia.objects.select_related("municipio").get(codigo="21001020")
    ativadas = 0
    if not AtivacaoDoAtesp.objects.filter(aps=centro).exists():
        atesp_ativar(aps=centro, por=None)
        ativadas += 1
    if not Agenda.objects.filter(aps=centro, servico=ServicoPresencial.ATESP).exists():
        amanha = timezone.localdate() + timedelta(days=1)
        agenda_publicar(
            aps=centro, servico=ServicoPresencial.ATESP, dias_da_semana=[0, 1, 2, 3, 4], hora_inicio=time(8),
            hora_fim=time(12), duracao_minutos=30, servidores=2, vigencia_inicio=amanha,
            vigencia_fim=amanha + timedelta(days=29), por=Usuario.objects.get(cpf="14142135651"),
        )
    if not AtivacaoDoAtesp.objects.filter(aps=ouro_verde).exists():
        atesp_ativar(aps=ouro_verde, por=None, agora=timezone.now() - timedelta(days=10))
        ativadas += 1
    return ativadas
