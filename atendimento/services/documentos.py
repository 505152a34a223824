"""Os documentos do requerimento como o PAT os aceita: só PDF, até 5 MB cada, até 30 MB por requerimento,
conferidos pelo conteúdo. Cada recusa com a sua mensagem; nada é gravado pela metade."""

from django.db.models import Sum

from atendimento.models import DocumentoDoRequerimento, Requerimento
from atendimento.services._comum import ErroDoRequerimento
from portal.arquivos import MB, PDF, ArquivoVerificado, pdf_guardar, verificar_arquivo

LIMITE_POR_ARQUIVO = 5 * MB
LIMITE_POR_REQUERIMENTO = 30 * MB


def _megabytes(tamanho: int) -> str:
    return f"{tamanho / MB:.1f}".replace(".", ",") + " MB"


def pdf_conferir(arquivo) -> ArquivoVerificado:
    """Confere um arquivo enviado; ValidationError com a mensagem para a pessoa se não serve."""
    return verificar_arquivo(arquivo, tipos=(PDF,), limite=LIMITE_POR_ARQUIVO)


def total_conferir(requerimento: Requerimento, novos: list[ArquivoVerificado], *, trocados: int = 0) -> None:
    """Recusa o lote que faria o requerimento passar de 30 MB (`trocados`: bytes dos que serão substituídos)."""
    atual = requerimento.documentos.aggregate(total=Sum("tamanho"))["total"] or 0
    depois = atual - trocados + sum(v.tamanho for v in novos)
    if depois > LIMITE_POR_REQUERIMENTO:
        raise ErroDoRequerimento(
            f"Com estes arquivos o requerimento teria {_megabytes(depois)}; o limite é "
            f"{_megabytes(LIMITE_POR_REQUERIMENTO)} por requerimento. Reduza a resolução da digitalização ou "
            "envie só as páginas necessárias."
        )


def documento_guardar(*, requerimento: Requerimento, tipo: str, verificado: ArquivoVerificado, por,
                      documento_exigido=None, exigencia=None) -> DocumentoDoRequerimento:
    """Grava um PDF já conferido (pdf_conferir e total_conferir antes, na mesma transação)."""
    registro = DocumentoDoRequerimento(requerimento=requerimento, tipo=tipo, documento_exigido=documento_exigido,
                                       exigencia=exigencia, enviado_por=por)
    pdf_guardar(registro, "arquivo", verificado, prefixo=f"requerimento-{requerimento.pk}-{tipo}")
    registro.save()
    return registro
