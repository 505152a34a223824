"""A entrada com certificado digital A3 e a exigência do A3 no PAT (Portaria 96/2024, art. 2º).

Em produção, o nginx do endereço de certificado confere a cadeia até a AC Raiz ICP-Brasil e entrega o
certificado (`X-SSL-Client-Cert`, PEM codificado para URL) e o resultado (`X-SSL-Client-Verify`). O Django só
acredita nesses cabeçalhos quando o pedido vem de um dos endereços configurados do proxy
(`PROXIES_DO_CERTIFICADO`); de qualquer outro lugar, eles não existem. A sessão aberta assim fica marcada como
A3 — com o CPF e a validade do certificado — e é essa marca que o PAT exige depois do prazo da entidade."""

import ipaddress
from dataclasses import dataclass
from datetime import date, datetime
from functools import wraps
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from certificados.icp import CertificadoLido, CertificadoRecusado, ler_certificado
from certificados.selectors import PrazoDoA3, prazo_do_a3_em_cache

CHAVE_DA_SESSAO = "certificado_a3"

SEM_CERTIFICADO = ("Nenhum certificado digital foi apresentado. Conecte o token (ou o cartão) do seu certificado A3, "
                   "feche o navegador e entre de novo pelo endereço de entrada com certificado; quando o navegador "
                   "pedir, escolha o certificado e digite o PIN.")
FORA_DO_PROXY = ("A entrada com certificado digital só funciona pelo endereço de entrada com certificado do portal, "
                 "que confere o certificado com a cadeia ICP-Brasil.")


def _rede_confiavel(endereco: str) -> bool:
    try:
        ip = ipaddress.ip_address(endereco)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(rede, strict=False) for rede in settings.PROXIES_DO_CERTIFICADO)


def certificado_do_proxy(request, *, agora: datetime | None = None) -> CertificadoLido:
    """O certificado que o nginx conferiu, lido; ou CertificadoRecusado com o motivo para a pessoa. Sem vir do
    proxy configurado, os cabeçalhos são ignorados (como se nenhum certificado tivesse sido apresentado)."""
    if not _rede_confiavel(request.META.get("REMOTE_ADDR", "")):
        raise CertificadoRecusado(FORA_DO_PROXY)
    verificacao = request.META.get("HTTP_X_SSL_CLIENT_VERIFY", "")
    pem = unquote(request.META.get("HTTP_X_SSL_CLIENT_CERT", ""))
    if verificacao in ("", "NONE") or not pem.strip():
        raise CertificadoRecusado(SEM_CERTIFICADO)
    if verificacao != "SUCCESS":
        motivo = verificacao.removeprefix("FAILED:") or "não informado"
        raise CertificadoRecusado(
            "O certificado apresentado não foi aceito: ele não se liga à cadeia da ICP-Brasil, está vencido ou foi "
            f"recusado na conexão (motivo: {motivo}). Use o seu certificado A3 ICP-Brasil.")
    return ler_certificado(pem.encode(), agora=agora)


def sessao_marcar_a3(request, lido: CertificadoLido) -> None:
    """Depois do login: a sessão é de quem apresentou este certificado, até quando ele vale."""
    request.session[CHAVE_DA_SESSAO] = {
        "cpf": lido.cpf, "sha256": lido.sha256, "tipo": lido.tipo, "valido_ate": lido.valido_ate.isoformat(),
    }


def sessao_com_a3(request) -> bool:
    """A sessão foi aberta com um certificado A3 válido cujo CPF é o da pessoa."""
    marca = request.session.get(CHAVE_DA_SESSAO)
    if not marca or not request.user.is_authenticated:
        return False
    return marca.get("cpf") == request.user.cpf and datetime.fromisoformat(marca["valido_ate"]) > timezone.now()


@dataclass(frozen=True)
class AvisoDoA3:
    """O que a faixa de aviso mostra ao representante que ainda entra com senha."""

    ultimo_dia: date
    dias_restantes: int


def conferir_o_a3(request) -> PrazoDoA3 | None:
    """Para quem age por uma entidade: o prazo do A3 da entidade, e a faixa de aviso (`request.aviso_a3`)
    enquanto a senha ainda vale. Devolve o prazo quando ele já passou e a sessão não é A3 (o PAT recusa)."""
    perfil = request.perfil
    if perfil.vinculo is None or sessao_com_a3(request):
        return None
    prazo = prazo_do_a3_em_cache(perfil.entidade)
    hoje = timezone.localdate()
    if prazo.exige_a3(hoje):
        return prazo
    if prazo.ultimo_dia is not None:
        request.aviso_a3 = AvisoDoA3(ultimo_dia=prazo.ultimo_dia, dias_restantes=prazo.dias_restantes(hoje))
    return None


def pagina_do_a3_exigido(request, prazo: PrazoDoA3):
    return render(request, "certificados/a3_exigido.html", {
        "prazo": prazo, "entidade": request.perfil.entidade,
        "endereco_de_entrada": settings.PORTAL_URL_ENTRADA_COM_CERTIFICADO,
    }, status=403)


def pat_com_a3(view):
    """As funções do PAT (requerimentos, os seus documentos, o agendamento): depois do prazo da entidade, só numa
    sessão aberta com o certificado A3 da própria pessoa (art. 2º, § 2º); antes, com senha e a contagem dos dias
    (art. 2º, § 3º). Vai por dentro de `representante_requerido`. O requerimento de outra entidade (o `pk` das
    URLs do PAT) é um 404 antes da página do A3, como em qualquer outra recusa: o 403 do A3 é só para o que é da
    entidade."""

    @wraps(view)
    def pagina(request, *args, **kwargs):
        prazo = conferir_o_a3(request)
        if prazo is not None:
            from atendimento.selectors import e_de_outra_entidade

            if "pk" in kwargs and e_de_outra_entidade(request.perfil, kwargs["pk"]):
                raise Http404("Requerimento não encontrado.")
            return pagina_do_a3_exigido(request, prazo)
        return view(request, *args, **kwargs)

    return pagina
