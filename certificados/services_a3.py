"""O certificado A3 do representante (Portaria Conjunta DIRBEN/DTI/INSS nº 96/2024, seed 004): o registro, a
remoção, a leitura na entrada com certificado e os lembretes — do certificado que vence e do prazo do lote do
cronograma (art. 5º, IV: "envio de lembretes sobre o impacto da não adoção do certificado digital")."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from certificados.icp import CertificadoLido, conferir_titular, ler_certificado
from certificados.models import CertificadoDoRepresentante, OrigemDoCertificado
from certificados.selectors import PrazoDoA3, prazos_do_a3
from portal.auditoria.services import evento_registrar
from portal.entidades.models import Entidade, Vinculo
from portal.notificacoes.services import lembrete_registrar, marco_devido

_FUSO_OFICIAL = ZoneInfo("America/Sao_Paulo")

MARCOS_DO_CERTIFICADO = [
    ("30_dias", timedelta(days=30)),
    ("7_dias", timedelta(days=7)),
]
MARCOS_DO_PRAZO_DO_LOTE = [
    ("30_dias", timedelta(days=30)),
    ("7_dias", timedelta(days=7)),
    ("1_dia", timedelta(days=1)),
]


# --- registro --------------------------------------------------------------------------------------------------


def certificado_registrar(*, usuario, conteudo: bytes, por) -> CertificadoDoRepresentante:
    """Lê o certificado público enviado, confere que é do CPF da pessoa e o guarda (só o certificado público, em
    PEM). O mesmo certificado enviado de novo devolve a linha que já existe — e a restaura, se removida.

    Levanta CertificadoRecusado (a mensagem do leitor) sem gravar nada."""
    lido = ler_certificado(conteudo)
    conferir_titular(lido, usuario.cpf)
    certificado, _ = _guardar(usuario=usuario, lido=lido, origem=OrigemDoCertificado.CADASTRO, por=por)
    return certificado


@transaction.atomic
def certificado_usado_na_entrada(*, usuario, lido: CertificadoLido) -> CertificadoDoRepresentante:
    """A entrada com certificado (já verificado pelo nginx e lido por quem chama): registra o certificado, se
    ainda não estava, com origem "entrada", e anota o uso; o que a pessoa tinha removido volta a valer (entrar
    com ele mostra que está em uso). Levanta CertificadoRecusado se não for da pessoa."""
    conferir_titular(lido, usuario.cpf)
    certificado, _ = _guardar(usuario=usuario, lido=lido, origem=OrigemDoCertificado.ENTRADA, por=usuario)
    agora = timezone.now()
    CertificadoDoRepresentante.objects.filter(pk=certificado.pk).update(ultimo_uso_em=agora)
    certificado.ultimo_uso_em = agora
    return certificado


@transaction.atomic
def _guardar(*, usuario, lido: CertificadoLido, origem: str, por) -> tuple[CertificadoDoRepresentante, bool]:
    """A linha (usuario, sha256) é única: duas abas enviando o mesmo arquivo disputam a chave, e get_or_create
    devolve à perdedora a linha da vencedora."""
    certificado, criado = CertificadoDoRepresentante.objects.get_or_create(
        usuario=usuario,
        sha256=lido.sha256,
        defaults={
            "tipo": lido.tipo, "politica": lido.politica, "cpf": lido.cpf, "titular_nome": lido.titular_nome[:200],
            "e_cnpj": lido.e_cnpj, "cnpj": lido.cnpj, "oab": lido.oab[:30], "emissor": lido.emissor[:300],
            "serial": lido.serial[:64], "valido_de": lido.valido_de, "valido_ate": lido.valido_ate,
            "pem": _pem(lido.der), "origem": origem,
        },
    )
    if criado:
        if origem == OrigemDoCertificado.ENTRADA:
            evento_registrar(objeto=certificado, acao="certificado_a3_lido_na_entrada", por=por,
                             nota=_resumo(certificado))
        else:
            evento_registrar(objeto=certificado, acao="certificado_a3_registrado", por=por, nota=_resumo(certificado))
        return certificado, True
    restaurado = CertificadoDoRepresentante.objects.filter(pk=certificado.pk, removido_em__isnull=False).update(
        removido_em=None
    )
    if restaurado:
        certificado.removido_em = None
        evento_registrar(objeto=certificado, acao="certificado_a3_restaurado", por=por, nota=_resumo(certificado))
    return certificado, False


@transaction.atomic
def certificado_remover(*, certificado: CertificadoDoRepresentante, por) -> bool:
    """Tira o certificado do uso no portal (a revogação, se for o caso, é com a autoridade certificadora).
    Devolve False se já estava removido: quem chegou primeiro removeu, nada muda duas vezes."""
    agora = timezone.now()
    removidos = CertificadoDoRepresentante.objects.filter(pk=certificado.pk, removido_em__isnull=True).update(
        removido_em=agora
    )
    if not removidos:
        return False
    certificado.removido_em = agora
    evento_registrar(objeto=certificado, acao="certificado_a3_removido", por=por, nota=_resumo(certificado))
    return True


def _pem(der: bytes) -> str:
    return x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM).decode("ascii")


def _resumo(certificado: CertificadoDoRepresentante) -> str:
    return (f"{certificado.tipo}, série {certificado.serial}, válido até "
            f"{timezone.localtime(certificado.valido_ate):%d/%m/%Y}, SHA-256 {certificado.sha256[:16]}…")


# --- lembretes -------------------------------------------------------------------------------------------------


def certificados_lembrar_vencimento(*, agora: datetime | None = None) -> int:
    """Varredura: avisa o titular do certificado registrado que vence em 30 e em 7 dias — cada marco uma vez
    por certificado e validade; depois de uma parada, só o mais recente. Quem já registrou um certificado que
    vale até depois deste (o renovado) não é avisado do antigo: o renovado terá os seus avisos."""
    agora = agora or timezone.now()
    renovado = CertificadoDoRepresentante.objects.filter(
        usuario_id=OuterRef("usuario_id"), removido_em__isnull=True, valido_ate__gt=OuterRef("valido_ate")
    )
    certificados = (
        CertificadoDoRepresentante.objects.filter(
            removido_em__isnull=True, valido_ate__gt=agora, valido_ate__lte=agora + MARCOS_DO_CERTIFICADO[0][1]
        )
        .exclude(Exists(renovado))
        .select_related("usuario")
        .order_by("valido_ate", "pk")
    )
    url = reverse("certificados:meu_certificado")
    enviados = 0
    for certificado in certificados.iterator(chunk_size=500):
        marco = marco_devido(prazo=certificado.valido_ate, marcos=MARCOS_DO_CERTIFICADO, agora=agora)
        if marco is None:
            continue
        vence = timezone.localtime(certificado.valido_ate)
        if lembrete_registrar(
            # A validade no marco: cada certificado (e cada validade) tem o seu ciclo de avisos.
            objeto=certificado, tipo="vencimento_do_certificado_a3", marco=f"{vence.date().isoformat()}:{marco}",
            destinatario=certificado.usuario,
            titulo=f"O seu certificado digital {certificado.tipo} vence em {vence:%d/%m/%Y}",
            corpo=(f"O certificado {certificado.tipo} de {certificado.titular_nome} (série {certificado.serial}, "
                   f"emitido por {certificado.emissor}) vale até {vence:%d/%m/%Y às %H:%M}. Renove-o na autoridade "
                   "certificadora e registre o novo certificado público no portal: sem certificado A3 válido, o "
                   "acesso ao Portal de Atendimento (PAT) é perdido depois do prazo do cronograma da Portaria "
                   "Conjunta DIRBEN/DTI/INSS nº 96/2024."),
            url=url,
        ):
            enviados += 1
    return enviados


def a3_lembrar_prazo_do_lote(*, agora: datetime | None = None) -> int:
    """Varredura: a 30, 7 e 1 dia do último dia com login e senha da entidade (o prazo do lote, ou a véspera do
    acordo novo), avisa cada representante com acesso válido que ainda não tem certificado A3 válido registrado
    — no portal e por e-mail, cada marco uma vez por prazo (a data entra no marco: um lote novo, com outra data,
    recomeça os avisos); depois de uma parada, só o mais recente. Sem data (RS, sem lote), nenhum aviso."""
    agora = agora or timezone.now()
    hoje = timezone.localdate(agora, _FUSO_OFICIAL)
    limite = hoje + max(antecedencia for _, antecedencia in MARCOS_DO_PRAZO_DO_LOTE)
    com_acesso = Vinculo.objects.filter(entidade=OuterRef("pk"), ativo=True, valido_ate__gt=agora)
    entidades = Entidade.objects.filter(Exists(com_acesso)).only("pk", "tipo", "uf", "sr").order_by()
    devidos: dict[int, tuple[PrazoDoA3, str]] = {}
    for entidade_id, prazo in prazos_do_a3(entidades).items():
        if prazo.ultimo_dia is None or not hoje <= prazo.ultimo_dia <= limite:
            continue
        marco = marco_devido(prazo=_inicio_do_dia(prazo.ultimo_dia), marcos=MARCOS_DO_PRAZO_DO_LOTE, agora=agora)
        if marco is not None:
            devidos[entidade_id] = (prazo, marco)
    if not devidos:
        return 0

    agora_valido = CertificadoDoRepresentante.objects.filter(
        usuario_id=OuterRef("usuario_id"), removido_em__isnull=True, valido_de__lte=agora, valido_ate__gt=agora
    )
    vinculos = (
        Vinculo.objects.filter(entidade_id__in=devidos, ativo=True, valido_ate__gt=agora)
        .exclude(Exists(agora_valido))
        .select_related("usuario", "entidade")
        .order_by("entidade_id", "pk")
    )
    url = reverse("certificados:meu_certificado")
    enviados = 0
    for vinculo in vinculos.iterator(chunk_size=500):
        prazo, marco = devidos[vinculo.entidade_id]
        if lembrete_registrar(
            objeto=vinculo.entidade, tipo="prazo_do_a3", marco=f"{prazo.ultimo_dia.isoformat()}:{marco}",
            destinatario=vinculo.usuario,
            titulo=f"Certificado A3: {vinculo.entidade} entra no PAT com login e senha só até "
                   f"{prazo.ultimo_dia:%d/%m/%Y} ({_quando(prazo.dias_restantes(hoje))})",
            corpo=(f"{prazo.explicacao} Até {prazo.ultimo_dia:%d/%m/%Y}, o Portal de Atendimento (PAT) aceita o "
                   "login e a senha atuais; depois, só o certificado digital ICP-Brasil do tipo A3 (ou A4). A "
                   "entidade que não adotar o certificado A3 no prazo perde o acesso ao PAT (Portaria Conjunta "
                   "DIRBEN/DTI/INSS nº 96/2024, art. 2º, § 2º). Você ainda não tem certificado A3 válido "
                   "registrado: registre o certificado público em Meu certificado A3."),
            url=url,
        ):
            enviados += 1
    return enviados


def _inicio_do_dia(dia: date) -> datetime:
    return datetime.combine(dia, time.min, tzinfo=_FUSO_OFICIAL)


def _quando(dias: int) -> str:
    if dias <= 0:
        return "termina hoje"
    return "falta 1 dia" if dias == 1 else f"faltam {dias} dias"
