"""Os serviços que uma entidade parceira oferece (seed 000, lista de serviços; seed 002, PAT), com as
variantes urbana e rural onde o segurado especial tem regras próprias, e os documentos que cada um exige.

As cargas recebem as classes de modelo para servir à migração (modelos históricos) e a `semear_demo`
(modelos atuais, depois que um teste esvazia o banco). Rodar de novo não muda nada."""

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


# Os documentos que cada serviço pede, como o INSS os pede no requerimento: (nome, orientação, obrigatório).
# Obrigatório é o que todo requerente desse serviço precisa juntar; o que depende do caso (CTPS só para o que
# falta no CNIS, procuração só quando há procurador) fica opcional, com a orientação dizendo quando juntar.
# A administração do catálogo pode mudar tudo depois; a carga só cria o que falta, pelo nome.
AUTODECLARACAO = "Autodeclaração do segurado especial"

_IDENTIFICACAO = (
    "Documento de identificação com foto e CPF",
    "RG, CNH, carteira de trabalho ou passaporte, frente e verso legíveis. Se o número do CPF não constar "
    "dele, junte o comprovante de inscrição no CPF.",
    True,
)
_RESIDENCIA = (
    "Comprovante de residência",
    "Conta de água, luz ou telefone, ou correspondência oficial, dos últimos 3 meses.",
    False,
)
_RESIDENCIA_OBRIGATORIA = (
    "Comprovante de residência",
    "Conta de água, luz ou telefone, ou correspondência oficial, dos últimos 3 meses. Na zona rural sem "
    "endereço formal, declaração do sindicato rural, da associação ou da prefeitura.",
    True,
)
_PROCURACAO = (
    "Procuração ou documento do representante legal, com documento do procurador",
    "Só quando quem requer é procurador, curador, tutor ou guardião: a procuração (ou o termo de curatela, "
    "tutela ou guarda) e o documento de identificação com foto e CPF de quem representa.",
    False,
)
_CTPS = (
    "Carteiras de Trabalho e Previdência Social (CTPS)",
    "Todas as carteiras: identificação, contratos de trabalho e anotações (a CTPS digital pode ser impressa). "
    "Essenciais para vínculos que não constam, ou constam com pendência, no CNIS.",
    False,
)
_CARNES = (
    "Carnês ou guias de recolhimento (GPS)",
    "Das contribuições como contribuinte individual, facultativo ou MEI que não constam no CNIS.",
    False,
)
_RURAIS = [
    (
        AUTODECLARACAO,
        "Preenchida eletronicamente na etapa de autodeclaração rural deste requerimento (períodos, imóveis, grupo "
        "familiar e produção); vai impressa no termo de requerimento que o requerente assina.",
        True,
    ),
    (
        "Documentos da terra",
        "De cada imóvel declarado: ITR, CCIR, escritura ou matrícula; se não é o dono, o contrato de "
        "arrendamento, parceria, meação ou comodato, ou declaração do proprietário; assentado, a declaração do "
        "INCRA.",
        True,
    ),
    (
        "Notas fiscais de produtor rural",
        "Notas ou blocos de produtor dos períodos declarados, quando houve venda da produção.",
        False,
    ),
    (
        "Outros documentos da atividade rural",
        "Contemporâneos aos períodos declarados: DAP ou CAF (Pronaf), contratos de financiamento rural, "
        "ficha do sindicato rural, certidões de casamento ou de nascimento dos filhos com a profissão de "
        "lavrador(a).",
        False,
    ),
]
_ATESTADO = (
    "Atestado ou laudo médico",
    "Legível, com nome do paciente, data, diagnóstico ou CID, prazo estimado de repouso, assinatura e registro "
    "(CRM ou CRO) do profissional; emitido há no máximo 90 dias.",
    True,
)
_EXAMES = (
    "Exames e relatórios médicos",
    "Os que sustentam o atestado: exames, relatórios de internação ou de tratamento.",
    False,
)
_OBITO = (
    "Certidão de óbito do instituidor",
    "Do segurado que faleceu; na morte presumida, a decisão judicial que a declara.",
    True,
)
_DEPENDENCIA = (
    "Comprovante da condição de dependente",
    "Cônjuge: certidão de casamento atualizada. Companheiro(a): ao menos dois documentos da união estável, um "
    "deles dos 24 meses antes do óbito. Filhos: certidão de nascimento. Pais e irmãos: provas da dependência "
    "econômica.",
    True,
)
_INSTITUIDOR = (
    "Documento de identificação do instituidor",
    "Documento com foto e CPF do segurado que faleceu, se a família o tiver.",
    False,
)
_NASCIMENTO = (
    "Certidão de nascimento da criança",
    "Ou a certidão de natimorto; na adoção ou na guarda para fins de adoção, o termo de guarda ou a nova "
    "certidão de nascimento.",
    True,
)
_ATESTADO_GESTACAO = (
    "Atestado médico",
    "Para o afastamento antes do parto (a partir de 28 dias antes) ou em caso de aborto não criminoso.",
    False,
)
_BPC = [
    (
        "Comprovante de inscrição no CadÚnico",
        "Folha-resumo ou comprovante com o NIS; a inscrição precisa estar atualizada nos últimos 24 meses e "
        "conter todo o grupo familiar.",
        True,
    ),
    (
        "Declaração da composição e da renda do grupo familiar",
        "Formulário do INSS assinado pelo requerente, com quem mora na mesma casa (cônjuge ou companheiro, pais, "
        "madrasta ou padrasto, irmãos, filhos e enteados solteiros, menores tutelados) e a renda de cada um; deve "
        "coincidir com o CadÚnico.",
        True,
    ),
    (
        "Documentos de identificação do grupo familiar",
        "Documento com CPF de cada pessoa declarada no grupo familiar.",
        True,
    ),
]

_PREVIDENCIA_URBANA = [_IDENTIFICACAO, _CTPS, _CARNES, _RESIDENCIA, _PROCURACAO]
_PREVIDENCIA_RURAL = [_IDENTIFICACAO, *_RURAIS, _RESIDENCIA_OBRIGATORIA, _PROCURACAO]

# código do serviço (com a variante) → documentos, na ordem em que o atendente os junta.
DOCUMENTOS_EXIGIDOS = {
    "aposentadoria-idade-urbana": _PREVIDENCIA_URBANA,
    "aposentadoria-idade-rural": _PREVIDENCIA_RURAL,
    "aposentadoria-tempo-contribuicao": [
        _IDENTIFICACAO, _CTPS, _CARNES,
        ("Perfil Profissiográfico Previdenciário (PPP)",
         "Dos períodos de atividade especial (exposição a agentes nocivos), emitido pelo empregador.", False),
        ("Certidão de tempo de contribuição de regime próprio (CTC)",
         "Para contar tempo de serviço público em regime próprio, emitida pelo órgão de origem.", False),
        ("Certificado de reservista ou certidão de tempo de serviço militar",
         "Para contar o tempo de serviço militar obrigatório.", False),
        _RESIDENCIA, _PROCURACAO,
    ],
    "auxilio-incapacidade-temporaria-urbana": [
        _IDENTIFICACAO, _ATESTADO, _EXAMES, _CTPS,
        ("Comunicação de Acidente de Trabalho (CAT)",
         "Quando a incapacidade decorre de acidente de trabalho ou doença ocupacional.", False),
        _RESIDENCIA, _PROCURACAO,
    ],
    "auxilio-incapacidade-temporaria-rural": [_IDENTIFICACAO, _ATESTADO, _EXAMES, *_PREVIDENCIA_RURAL[1:]],
    "bpc-loas-idoso": [_IDENTIFICACAO, *_BPC, _RESIDENCIA_OBRIGATORIA, _PROCURACAO],
    "bpc-loas-deficiencia": [
        _IDENTIFICACAO, *_BPC,
        ("Laudos, exames e relatórios médicos",
         "Os que descrevem a deficiência e os impedimentos de longo prazo (2 anos ou mais); a perícia médica e a "
         "avaliação social os consideram.", False),
        _RESIDENCIA_OBRIGATORIA, _PROCURACAO,
    ],
    "pensao-morte-urbana": [
        _IDENTIFICACAO, _OBITO, _DEPENDENCIA, _INSTITUIDOR,
        ("CTPS e comprovantes de contribuição do instituidor",
         "Dos vínculos e contribuições do segurado que faleceu que não constam no CNIS.", False),
        _RESIDENCIA, _PROCURACAO,
    ],
    # A autodeclaração, aqui, é da atividade rural do segurado que faleceu, preenchida pelo dependente.
    "pensao-morte-rural": [_IDENTIFICACAO, _OBITO, _DEPENDENCIA, _INSTITUIDOR, *_PREVIDENCIA_RURAL[1:]],
    "salario-maternidade-urbana": [_IDENTIFICACAO, _NASCIMENTO, _ATESTADO_GESTACAO, _CTPS, _CARNES, _RESIDENCIA,
                                   _PROCURACAO],
    "salario-maternidade-rural": [_IDENTIFICACAO, _NASCIMENTO, _ATESTADO_GESTACAO, *_PREVIDENCIA_RURAL[1:]],
    "certidao-tempo-contribuicao": [
        _IDENTIFICACAO, _CTPS, _CARNES,
        ("Certidão de casamento ou de averbação da mudança de nome",
         "Quando o nome mudou desde os vínculos a certificar.", False),
        _PROCURACAO,
    ],
    # O pescador artesanal é segurado especial (Lei 8.213/91, art. 11, VII, b): também se autodeclara.
    "seguro-defeso-pescador": [
        _IDENTIFICACAO,
        ("Registro Geral da Atividade Pesqueira (RGP)",
         "Carteira ou comprovante do RGP na categoria de pescador profissional artesanal, ativo há pelo menos "
         "1 ano antes do início do defeso.", True),
        (AUTODECLARACAO,
         "Preenchida eletronicamente na etapa de autodeclaração rural deste requerimento (períodos de pesca, local "
         "ou embarcação, grupo familiar e produção); vai impressa no termo de requerimento que o pescador assina.",
         True),
        ("Comprovante de venda do pescado ou de contribuição",
         "Notas fiscais da venda do pescado a empresa ou cooperativa, ou as guias de contribuição previdenciária "
         "do período desde o último defeso.", True),
        ("Comprovante de residência",
         "Dos últimos 3 meses, em município abrangido pelo defeso ou limítrofe a ele.", True),
        _PROCURACAO,
    ],
    "alterar-local-forma-pagamento": [
        _IDENTIFICACAO,
        ("Comprovante da conta bancária",
         "Para receber em conta: cartão ou extrato com banco, agência e conta em nome do titular do benefício.",
         False),
        ("Comprovante de residência",
         "Quando a mudança de agência pagadora é por mudança de endereço.", False),
        _PROCURACAO,
    ],
    "procuracao-representante-legal": [
        _IDENTIFICACAO,
        ("Procuração ou termo de curatela, tutela ou guarda",
         "Procuração por instrumento público ou particular com poderes para o INSS, ou a decisão judicial que "
         "nomeia o representante legal.", True),
        ("Documento de identificação do procurador ou representante",
         "Documento com foto e CPF de quem vai representar.", True),
        ("Termo de responsabilidade do procurador",
         "Formulário do INSS assinado pelo procurador ou representante legal.", True),
        ("Atestado médico",
         "Quando a procuração se justifica por doença ou impossibilidade de locomoção do titular.", False),
    ],
    "pagamento-nao-recebido": [
        _IDENTIFICACAO,
        ("Certidão de óbito do titular",
         "Quando quem pede são os dependentes ou herdeiros de titular que faleceu.", False),
        ("Comprovante da condição de dependente ou herdeiro",
         "Certidão de dependentes habilitados à pensão por morte ou, na falta deles, alvará judicial ou escritura "
         "pública de inventário e partilha.", False),
        _PROCURACAO,
    ],
    "recurso": [
        _IDENTIFICACAO,
        ("Comunicação da decisão do INSS",
         "A carta de indeferimento, de concessão ou de revisão contra a qual se recorre, se estiver à mão.", False),
        ("Documentos que fundamentam o recurso",
         "Provas do que a decisão não considerou: novos documentos, laudos, vínculos.", False),
        _PROCURACAO,
    ],
    "revisao": [
        _IDENTIFICACAO,
        ("Documentos que fundamentam a revisão",
         "Provas do que deve ser revisto: CTPS, contracheques, PPP, sentença trabalhista, certidões.", True),
        _PROCURACAO,
    ],
}

SERVICOS_COM_AUTODECLARACAO = {codigo for codigo, documentos in DOCUMENTOS_EXIGIDOS.items()
                               if any(nome == AUTODECLARACAO for nome, _, _ in documentos)}


def exige_autodeclaracao(servico) -> bool:
    """O serviço pede a autodeclaração do segurado especial: as variantes rurais e o seguro-defeso do pescador."""
    return servico.variante == "rural" or servico.codigo in SERVICOS_COM_AUTODECLARACAO


# O agendamento simplificado no PAT (seed 002): ao protocolar estes serviços, o atendente já escolhe o horário
# da avaliação social e/ou da perícia médica numa APS perto da entidade. O BPC da pessoa com deficiência passa
# pelas duas (a deficiência é avaliada pelo serviço social e pela perícia); o auxílio por incapacidade, pela
# perícia. Valores de `ServicoPresencial`.
AVALIACOES_PRESENCIAIS = {
    "bpc-loas-deficiencia": ("avaliacao_social", "pericia_medica"),
    "auxilio-incapacidade-temporaria-urbana": ("pericia_medica",),
    "auxilio-incapacidade-temporaria-rural": ("pericia_medica",),
}


def avaliacoes_presenciais(servico) -> tuple[str, ...]:
    """As avaliações presenciais que o requerimento do serviço agenda no PAT (nenhuma, na maioria)."""
    return AVALIACOES_PRESENCIAIS.get(servico.codigo, ())


def carregar_documentos_exigidos(Servico, DocumentoExigido) -> None:  # noqa: N803 — modelos históricos na migração
    servicos = {servico.codigo: servico for servico in Servico.objects.filter(codigo__in=DOCUMENTOS_EXIGIDOS)}
    for codigo, documentos in DOCUMENTOS_EXIGIDOS.items():
        servico = servicos.get(codigo)
        if servico is None:  # retirado do catálogo pela administração
            continue
        for ordem, (nome, orientacao, obrigatorio) in enumerate(documentos, start=1):
            # Só cria o que falta: o que a administração mudou (orientação, obrigatoriedade, ordem) fica.
            DocumentoExigido.objects.get_or_create(
                servico=servico, nome=nome,
                defaults={"orientacao": orientacao, "obrigatorio": obrigatorio, "ordem": ordem * 10},
            )
