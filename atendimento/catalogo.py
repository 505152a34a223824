"""Os serviços que uma entidade parceira oferece (seed 000, lista de serviços; seed 002, PAT), com as
variantes urbana e rural onde o segurado especial tem regras próprias."""

from atendimento.models import CategoriaServico as C

# (código, nome, variantes, categoria)
SERVICOS = [
    ("aposentadoria-idade", "Aposentadoria por idade", ("urbana", "rural"), C.PREVIDENCIARIO),
    ("aposentadoria-tempo-contribuicao", "Aposentadoria por tempo de contribuição", ("",), C.PREVIDENCIARIO),
    ("auxilio-incapacidade-temporaria", "Auxílio por incapacidade temporária (auxílio-doença)", ("urbana", "rural"),
     C.PREVIDENCIARIO),
    ("bpc-loas-idoso", "Benefício de Prestação Continuada (BPC/LOAS) à pessoa idosa", ("",), C.ASSISTENCIAL),
    ("bpc-loas-deficiencia", "Benefício de Prestação Continuada (BPC/LOAS) à pessoa com deficiência", ("",),
     C.ASSISTENCIAL),
    ("pensao-morte", "Pensão por morte", ("urbana", "rural"), C.PREVIDENCIARIO),
    ("salario-maternidade", "Salário-maternidade", ("urbana", "rural"), C.PREVIDENCIARIO),
    ("certidao-tempo-contribuicao", "Certidão de tempo de contribuição", ("",), C.SERVICO),
    ("seguro-defeso-pescador", "Seguro-desemprego do pescador artesanal", ("",), C.PREVIDENCIARIO),
    ("alterar-local-forma-pagamento", "Alterar local ou forma de pagamento", ("",), C.SERVICO),
    ("procuracao-representante-legal", "Cadastrar ou renovar procuração ou representante legal", ("",), C.SERVICO),
    ("pagamento-nao-recebido", "Solicitar pagamento de benefício não recebido", ("",), C.SERVICO),
    ("recurso", "Recurso", ("",), C.SERVICO),
    ("revisao", "Revisão", ("",), C.SERVICO),
]


def carregar_servicos(Servico) -> None:  # noqa: N803 — recebe o modelo histórico na migração
    for codigo, nome, variantes, categoria in SERVICOS:
        for variante in variantes:
            Servico.objects.get_or_create(
                codigo=f"{codigo}-{variante}" if variante else codigo,
                defaults={"nome": nome, "variante": variante, "categoria": categoria},
            )
