"""A capacitação on-line da Escola PEP de cada representante (seed 002, checklist da adesão; seed 003, item 16)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.arquivos import ArquivoVerificado, pdf_guardar
from portal.auditoria.services import evento_registrar
from portal.entidades.models import CapacitacaoPEP, Vinculo
from portal.entidades.services.cadastro import ErroDeEntidade

_CAMPOS = ("concluida_em", "carga_horaria", "declaracao", "nome", "sha256", "tamanho", "registrada_por",
           "registrada_em")


@transaction.atomic
def capacitacao_pep_registrar(
    *, vinculo: Vinculo, concluida_em: date, declaracao: ArquivoVerificado, carga_horaria: int | None = None, por,
) -> CapacitacaoPEP:
    """Registra a conclusão da Escola PEP da pessoa do vínculo, com a declaração já conferida pelo conteúdo.
    É da pessoa: vale para todas as entidades que ela representa. Registrar de novo substitui (para corrigir
    a data ou o arquivo); o evento guarda o que havia."""
    if concluida_em > timezone.localdate():
        raise ErroDeEntidade("A data de conclusão não pode estar no futuro.", campo="concluida_em")
    if carga_horaria is not None and carga_horaria < 1:
        raise ErroDeEntidade("Informe a carga horária em horas, ou deixe o campo vazio.", campo="carga_horaria")
    # Travado até o commit: a exclusão do acesso ao mesmo tempo espera por isto, ou vem antes e o recusa.
    if not Vinculo.objects.select_for_update().filter(pk=vinculo.pk, ativo=True).exists():
        raise ErroDeEntidade("O acesso desta pessoa foi excluído; não é possível registrar a capacitação.")
    anterior = CapacitacaoPEP.objects.filter(usuario_id=vinculo.usuario_id).first()
    capacitacao = CapacitacaoPEP(
        usuario_id=vinculo.usuario_id, concluida_em=concluida_em, carga_horaria=carga_horaria, registrada_por=por,
        registrada_em=timezone.now(),
    )
    pdf_guardar(capacitacao, "declaracao", declaracao, prefixo=f"escola-pep-{vinculo.usuario_id}")
    concorrencia = ErroDeEntidade(
        "A capacitação desta pessoa acabou de ser registrada por outra pessoa; confira a lista."
    )
    if anterior is None:
        try:
            with transaction.atomic():
                capacitacao.save()
        except IntegrityError as erro:
            raise concorrencia from erro
        alteracoes = {"concluida_em": concluida_em.isoformat(), "sha256": declaracao.sha256}
    else:
        novos = {campo: getattr(capacitacao, campo) for campo in _CAMPOS}
        if not CapacitacaoPEP.objects.filter(pk=anterior.pk, registrada_em=anterior.registrada_em).update(**novos):
            raise concorrencia
        capacitacao.pk = anterior.pk
        alteracoes = {
            "concluida_em": [anterior.concluida_em.isoformat(), concluida_em.isoformat()],
            "sha256": [anterior.sha256, declaracao.sha256],
        }
    evento_registrar(
        objeto=capacitacao, acao="capacitacao_pep_registrada", por=por, alteracoes=alteracoes,
        nota=str(vinculo.entidade),
    )
    return capacitacao
