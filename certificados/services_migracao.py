"""Sensibilização (Portaria 96/2024, art. 4º e 5º, I): a gestão regional escreve comunicados às entidades da
sua SR e agenda webinars; o envio e o anúncio notificam, no portal e por e-mail, cada representante com vínculo
ativo e válido numa entidade da SR — uma vez: `enviado_em` e `anunciado_em` são marcados por atualização
guardada, e quem não a fizer (um segundo clique, outra aba) não envia nada."""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from certificados.models import ComunicadoA3, LoteDaMigracaoA3, Webinario
from certificados.selectors_migracao import (
    alcance_do_a3,
    lotes_da_sr,
    representantes_da_sr,
    rotulos_de_tipos,
    webinarios_futuros,
)
from portal.auditoria.services import evento_registrar
from portal.notificacoes.services import notificacao_criar
from portal.organizacao.models import SuperintendenciaRegional


class ErroDaMigracao(Exception):
    """Uma regra impediu a ação; a mensagem é para a pessoa."""


def _sr_permitida(por, sr: SuperintendenciaRegional | None) -> None:
    if not alcance_do_a3(por).pode_enviar_para(sr.pk if sr else None):
        raise ErroDaMigracao("Escolha a Superintendência Regional em que você atua.")


def _quando(momento: datetime) -> str:
    return f"{timezone.localtime(momento):%d/%m/%Y às %H:%M} (horário de Brasília)"


# --- Comunicados ----------------------------------------------------------------------------------------------


@transaction.atomic
def comunicado_a3_criar(*, titulo: str, corpo: str, sr: SuperintendenciaRegional | None, por) -> ComunicadoA3:
    """Grava o rascunho; o envio é outro passo, depois de a pessoa ver o texto com o cronograma."""
    _sr_permitida(por, sr)
    comunicado = ComunicadoA3.objects.create(titulo=titulo.strip(), corpo=corpo.strip(), sr=sr, criado_por=por)
    evento_registrar(objeto=comunicado, acao="comunicado_a3_criado", por=por, nota=str(sr or "Todas as SRs"))
    return comunicado


def texto_do_comunicado(*, corpo: str, sr: SuperintendenciaRegional | None, lotes: list[LoteDaMigracaoA3],
                        webinarios: list[Webinario]) -> str:
    """O corpo que a entidade recebe: o texto da gestão regional, o cronograma que alcança a SR e os próximos
    webinars. Puro: a página de prévia e o envio mostram o mesmo texto."""
    partes = [corpo.strip(), ""]
    alvo = f"na {sr}" if sr else "no país"
    partes.append(f"Cronograma de migração para o certificado A3 {alvo} (Portaria Conjunta DIRBEN/DTI/INSS "
                  "nº 96/2024, Anexo I e lotes posteriores):")
    for lote in lotes:
        ufs = ", ".join(lote.ufs) if lote.ufs else "todas as UFs"
        linha = f"- {lote.nome}: {lote.periodo} — {ufs}; entidades: {rotulos_de_tipos(lote.tipos_de_entidade)}."
        if lote.a_definir and lote.nota:
            linha += f" {lote.nota}"
        partes.append(linha)
    if not lotes:
        partes.append("- Nenhum lote do cronograma alcança ainda esta região.")
    partes.append("")
    if webinarios:
        partes.append("Próximos webinars sobre o A3:")
        partes.extend(f"- {webinario.titulo}: {_quando(webinario.quando)} — {webinario.link}"
                      for webinario in webinarios)
    else:
        partes.append("Os próximos webinars sobre o A3 serão anunciados no portal.")
    partes.append("")
    partes.append("O prazo da sua entidade, os materiais e as perguntas frequentes estão no Portal ACT, em "
                  "Certificado A3.")
    return "\n".join(partes)


def texto_do_comunicado_agora(comunicado: ComunicadoA3) -> str:
    """O texto que o comunicado levaria se enviado agora (duas consultas: lotes e webinars)."""
    srs = None if comunicado.sr_id is None else {comunicado.sr_id}
    webinarios = webinarios_futuros(srs=srs)
    if comunicado.sr_id is None:
        webinarios = webinarios.filter(sr__isnull=True)
    return texto_do_comunicado(corpo=comunicado.corpo, sr=comunicado.sr, lotes=lotes_da_sr(comunicado.sr),
                               webinarios=list(webinarios))


def comunicado_a3_enviar(*, comunicado: ComunicadoA3, por) -> int:
    """Envia o comunicado aos representantes da SR, uma vez, e devolve quantos o receberam. O texto enviado,
    com o cronograma e os webinars do momento, fica gravado no próprio comunicado."""
    _sr_permitida(por, comunicado.sr)
    with transaction.atomic():
        texto = texto_do_comunicado_agora(comunicado)
        destinatarios = list(representantes_da_sr(comunicado.sr))
        marcado = ComunicadoA3.objects.filter(pk=comunicado.pk, enviado_em__isnull=True).update(
            enviado_em=timezone.now(), destinatarios=len(destinatarios), corpo=texto)
        if not marcado:
            raise ErroDaMigracao("Este comunicado já foi enviado.")
        url = reverse("certificados:a3")
        titulo = f"Certificado digital A3: {comunicado.titulo}"
        for pessoa in destinatarios:
            notificacao_criar(destinatario=pessoa, titulo=titulo, corpo=texto, url=url)
        evento_registrar(objeto=comunicado, acao="comunicado_a3_enviado", por=por,
                         nota=f"{len(destinatarios)} destinatário(s)")
    comunicado.refresh_from_db(fields=["enviado_em", "destinatarios", "corpo"])
    return len(destinatarios)


# --- Webinars -------------------------------------------------------------------------------------------------


@transaction.atomic
def webinario_agendar(*, titulo: str, quando: datetime, link: str, sr: SuperintendenciaRegional | None,
                      descricao: str = "", por) -> Webinario:
    _sr_permitida(por, sr)
    if quando <= timezone.now():
        raise ErroDaMigracao("Agende o webinar para uma data e hora futuras.")
    webinario = Webinario.objects.create(titulo=titulo.strip(), quando=quando, link=link, sr=sr,
                                         descricao=descricao.strip(), criado_por=por)
    evento_registrar(objeto=webinario, acao="webinario_agendado", por=por, nota=_quando(quando))
    return webinario


def webinario_anunciar(*, webinario: Webinario, por) -> int:
    """Anuncia o webinar aos representantes do público (a SR; sem SR, todas), uma vez."""
    _sr_permitida(por, webinario.sr)
    if webinario.quando <= timezone.now():
        raise ErroDaMigracao("Este webinar já começou; agende outro.")
    with transaction.atomic():
        destinatarios = list(representantes_da_sr(webinario.sr))
        marcado = Webinario.objects.filter(pk=webinario.pk, anunciado_em__isnull=True).update(
            anunciado_em=timezone.now())
        if not marcado:
            raise ErroDaMigracao("Este webinar já foi anunciado.")
        corpo = f"{_quando(webinario.quando)}. Endereço da transmissão: {webinario.link}"
        if webinario.descricao:
            corpo += f"\n\n{webinario.descricao}"
        url = reverse("certificados:a3")
        for pessoa in destinatarios:
            notificacao_criar(destinatario=pessoa, titulo=f"Webinar sobre o certificado A3: {webinario.titulo}",
                              corpo=corpo, url=url)
        evento_registrar(objeto=webinario, acao="webinario_anunciado", por=por,
                         nota=f"{len(destinatarios)} destinatário(s)")
    webinario.refresh_from_db(fields=["anunciado_em"])
    return len(destinatarios)
