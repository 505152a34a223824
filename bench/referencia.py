"""Os dados fixos do gerador do conjunto nacional: populações (para os pesos: cidade grande tem mais), nomes de
pessoas e de ruas, e os textos que aparecem nas páginas. Nada aqui é sorteado; o sorteio é de `bench.dataset`."""

# População das UFs, Censo 2022 (milhares de habitantes, arredondado).
POPULACAO_UF = {
    "SP": 44411, "MG": 20539, "RJ": 16055, "BA": 14136, "PR": 11444, "RS": 10882, "PE": 9058, "CE": 8794,
    "PA": 8121, "SC": 7610, "GO": 7056, "MA": 6776, "PB": 3974, "AM": 3941, "ES": 3833, "MT": 3658, "RN": 3302,
    "PI": 3271, "AL": 3127, "DF": 2817, "MS": 2757, "SE": 2210, "RO": 1581, "TO": 1511, "AC": 830, "AP": 733,
    "RR": 636,
}

# As maiores cidades, Censo 2022 (milhares). Os demais municípios dividem o resto da UF com pesos sorteados.
CIDADES_GRANDES = [
    ("São Paulo", "SP", 11451), ("Rio de Janeiro", "RJ", 6211), ("Brasília", "DF", 2817), ("Fortaleza", "CE", 2428),
    ("Salvador", "BA", 2418), ("Belo Horizonte", "MG", 2315), ("Manaus", "AM", 2063), ("Curitiba", "PR", 1773),
    ("Recife", "PE", 1488), ("Goiânia", "GO", 1437), ("Porto Alegre", "RS", 1332), ("Belém", "PA", 1303),
    ("Guarulhos", "SP", 1291), ("Campinas", "SP", 1139), ("São Luís", "MA", 1037), ("Maceió", "AL", 957),
    ("Campo Grande", "MS", 898), ("São Gonçalo", "RJ", 896), ("Teresina", "PI", 866), ("João Pessoa", "PB", 833),
    ("São Bernardo do Campo", "SP", 810), ("Duque de Caxias", "RJ", 808), ("Nova Iguaçu", "RJ", 785),
    ("Natal", "RN", 751), ("Santo André", "SP", 748), ("Osasco", "SP", 728), ("Sorocaba", "SP", 723),
    ("Uberlândia", "MG", 713), ("Ribeirão Preto", "SP", 698), ("São José dos Campos", "SP", 697),
    ("Cuiabá", "MT", 650), ("Jaboatão dos Guararapes", "PE", 644), ("Contagem", "MG", 621),
    ("Joinville", "SC", 616), ("Feira de Santana", "BA", 616), ("Aracaju", "SE", 602), ("Londrina", "PR", 555),
    ("Juiz de Fora", "MG", 540), ("Florianópolis", "SC", 537), ("Aparecida de Goiânia", "GO", 527),
    ("Serra", "ES", 520), ("Campos dos Goytacazes", "RJ", 483), ("Belford Roxo", "RJ", 483),
    ("Niterói", "RJ", 481), ("São José do Rio Preto", "SP", 480), ("Ananindeua", "PA", 478),
    ("Vila Velha", "ES", 467), ("Caxias do Sul", "RS", 463), ("Porto Velho", "RO", 460),
    ("Mogi das Cruzes", "SP", 449), ("Jundiaí", "SP", 443), ("Macapá", "AP", 442), ("Piracicaba", "SP", 423),
    ("Campina Grande", "PB", 419), ("Santos", "SP", 418), ("Montes Claros", "MG", 414), ("Boa Vista", "RR", 413),
    ("Betim", "MG", 411), ("Maringá", "PR", 409), ("Rio Branco", "AC", 364), ("Cascavel", "PR", 348),
    ("Pelotas", "RS", 325), ("Vitória", "ES", 322), ("Palmas", "TO", 302), ("Bauru", "SP", 379),
    ("Franca", "SP", 352), ("Caruaru", "PE", 378), ("Petrolina", "PE", 386), ("Vitória da Conquista", "BA", 370),
    ("Ponta Grossa", "PR", 358), ("Blumenau", "SC", 361), ("Uberaba", "MG", 337), ("Mossoró", "RN", 264),
    ("Imperatriz", "MA", 273), ("Santarém", "PA", 331), ("Governador Valadares", "MG", 257),
    ("Anápolis", "GO", 398), ("Limeira", "SP", 291), ("Americana", "SP", 237), ("Canoas", "RS", 347),
]

# O código do órgão local (OL) começa pela UF: 21 = SP, 11 = MG, 17 = RJ, como nos dados de demonstração.
PREFIXO_OL = {
    "SP": "21", "MG": "11", "RJ": "17", "ES": "12", "PR": "14", "SC": "15", "RS": "16", "BA": "04", "SE": "05",
    "AL": "06", "PE": "07", "PB": "08", "RN": "09", "CE": "10", "PI": "18", "MA": "19", "DF": "23", "GO": "24",
    "MS": "25", "MT": "26", "TO": "27", "PA": "28", "AM": "29", "RO": "30", "AC": "31", "AP": "32", "RR": "33",
}

DDD = {
    "SP": 11, "RJ": 21, "MG": 31, "ES": 27, "PR": 41, "SC": 48, "RS": 51, "BA": 71, "SE": 79, "AL": 82, "PE": 81,
    "PB": 83, "RN": 84, "CE": 85, "PI": 86, "MA": 98, "DF": 61, "GO": 62, "MS": 67, "MT": 65, "TO": 63, "PA": 91,
    "AM": 92, "RO": 69, "AC": 68, "AP": 96, "RR": 95,
}
# Quanto cada serviço é pedido, relativamente (os que não estão aqui pesam 2).
PESO_DOS_SERVICOS = {
    "aposentadoria-idade-urbana": 14, "aposentadoria-idade-rural": 10, "aposentadoria-tempo-contribuicao": 8,
    "auxilio-incapacidade-temporaria-urbana": 9, "auxilio-incapacidade-temporaria-rural": 4, "bpc-loas-idoso": 9,
    "bpc-loas-deficiencia": 9, "pensao-morte-urbana": 6, "pensao-morte-rural": 3, "salario-maternidade-urbana": 8,
    "salario-maternidade-rural": 6, "certidao-tempo-contribuicao": 3, "pagamento-nao-recebido": 1,
}

CIDADES_COM_ARTIGO = {"Rio de Janeiro", "Recife", "Natal", "Crato", "Rio Grande"}
ZONAS = ["Centro", "Norte", "Sul", "Leste", "Oeste", "Sudeste", "Sudoeste", "Nordeste", "Noroeste"]
BAIRROS = [
    "Centro", "Vila Nova", "Jardim América", "Bela Vista", "Santa Cruz", "São José", "Boa Vista", "Industrial",
    "Aeroporto", "Cidade Nova", "Vila Maria", "Santo Antônio", "Liberdade", "Ipiranga", "Penha", "Jardim Europa",
    "Santa Terezinha", "Vila Operária", "Jardim das Flores", "Parque São Jorge", "Nossa Senhora Aparecida",
    "Planalto", "Bom Jesus", "Cidade Alta", "Cidade Baixa", "Vila Rica", "Alvorada", "Esperança", "Primavera",
    "Morada do Sol", "Jardim Paulista", "São Francisco", "Santa Luzia", "Novo Horizonte", "Progresso",
    "Vila Mariana", "Santana", "Tucuruvi", "Lapa", "Pinheiros", "Butantã", "Santo Amaro", "Jabaquara", "Itaquera",
    "São Miguel", "Guaianases", "Vila Prudente", "Mooca", "Brás", "Barra Funda", "Freguesia do Ó", "Pirituba",
    "Perus", "Campo Limpo", "Capão Redondo", "Grajaú", "Parelheiros", "Sapopemba", "Ermelino Matarazzo",
    "Vila Formosa", "Cidade Tiradentes", "Casa Verde", "Jaçanã", "Tremembé", "Aricanduva",
]
LOGRADOUROS = [
    "Rua Sete de Setembro", "Rua XV de Novembro", "Avenida Brasil", "Rua Tiradentes", "Rua Dom Pedro II",
    "Avenida Getúlio Vargas", "Rua Rui Barbosa", "Rua Marechal Deodoro", "Avenida Independência",
    "Rua Santos Dumont", "Rua José Bonifácio", "Avenida JK", "Rua Duque de Caxias", "Rua Floriano Peixoto",
    "Rua Barão do Rio Branco", "Rua Benjamin Constant", "Avenida Presidente Vargas", "Rua São Paulo",
    "Rua Minas Gerais", "Rua da Matriz", "Rua do Comércio", "Travessa das Flores", "Rua das Palmeiras",
    "Rua Castro Alves", "Rua Osvaldo Cruz", "Avenida das Nações", "Rua Santa Catarina", "Rua Bahia",
    "Rua Amazonas", "Rua Primeiro de Maio",
]

NOMES = [
    "Maria", "José", "Ana", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos",
    "Luís", "Gabriel", "Rafael", "Francisca", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Raimundo",
    "Rodrigo", "Manoel", "Mateus", "André", "Fernando", "Fábio", "Leonardo", "Gustavo", "Guilherme", "Leandro",
    "Tiago", "Anderson", "Ricardo", "Márcio", "Jorge", "Sebastião", "Alexandre", "Roberto", "Adriana", "Juliana",
    "Márcia", "Fernanda", "Patrícia", "Aline", "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia",
    "Júlia", "Luciana", "Vanessa", "Mariana", "Gabriela", "Vera", "Vitória", "Larissa", "Cláudia", "Beatriz",
    "Luana", "Rita", "Sônia", "Renata", "Eliane", "Josefa", "Simone", "Natália", "Cristiane", "Carla", "Débora",
    "Rosângela", "Jaqueline", "Rosa", "Daniela", "Aparecida", "Marlene", "Terezinha", "Raquel", "Andreia",
    "Fátima", "Helena", "Lúcia", "Raimunda", "Edson", "Benedito", "Geraldo", "Severino", "Joaquim", "Valdir",
]
SOBRENOMES = [
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
    "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas",
    "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira", "Araújo", "Pinto", "Moura", "Cavalcanti", "Batista",
    "Campos", "Correia", "Monteiro", "Reis", "Cunha", "Pires", "Melo", "Castro", "Prado", "Farias", "Tavares",
    "Borges", "Aguiar", "Bezerra", "Brito", "Sales", "Siqueira", "Queiroz", "Nogueira", "Xavier",
]

# Entidades além das prefeituras e das OAB seccionais: "{cidade}" é o município.
SINDICATOS = [
    "Sindicato dos Trabalhadores Rurais de {cidade}",
    "Sindicato dos Trabalhadores e Trabalhadoras na Agricultura Familiar de {cidade}",
    "Sindicato dos Servidores Públicos Municipais de {cidade}",
    "Sindicato dos Comerciários de {cidade}",
    "Sindicato dos Trabalhadores na Construção Civil de {cidade}",
    "Sindicato dos Metalúrgicos de {cidade}",
    "Sindicato dos Aposentados e Pensionistas de {cidade}",
    "Sindicato dos Empregados em Estabelecimentos de Saúde de {cidade}",
    "Sindicato dos Pescadores Artesanais de {cidade}",
    "Sindicato dos Trabalhadores em Transportes de {cidade}",
]
ASSOCIACOES = [
    "Associação dos Aposentados e Pensionistas de {cidade}",
    "Associação Comunitária de {cidade}",
    "Associação dos Pequenos Produtores Rurais de {cidade}",
    "Associação de Pais e Amigos dos Excepcionais (APAE) de {cidade}",
    "Associação dos Moradores do Centro de {cidade}",
    "Associação das Pessoas com Deficiência de {cidade}",
    "Associação dos Pescadores de {cidade}",
    "Associação Beneficente Santa Casa de {cidade}",
]
OUTRAS = [
    "Consórcio Intermunicipal de Saúde de {cidade}",
    "Defensoria Pública — Núcleo de {cidade}",
    "Colônia de Pescadores Z-{numero} de {cidade}",
    "Federação das Associações de Moradores de {cidade}",
]

# Os textos das análises e das exigências.
EXIGENCIAS = [
    ("Apresente os documentos que comprovem o período de atividade rural declarado.",
     "Notas fiscais de venda da produção\nDeclaração do sindicato rural"),
    ("A certidão de nascimento anexada está ilegível; envie uma cópia legível.", "Certidão de nascimento"),
    ("Faltam as carteiras de trabalho com os vínculos que não constam do CNIS.",
     "CTPS (páginas de identificação e dos contratos)"),
    ("Envie o laudo médico atualizado, com CID e data de início da doença.", "Laudo médico dos últimos 90 dias"),
    ("Confirme o endereço do requerente: o comprovante anexado é de outra pessoa.",
     "Comprovante de residência em nome do requerente\nDeclaração de residência assinada"),
    ("Junte a procuração com poderes específicos para requerer o benefício.", "Procuração"),
]
DECISOES = {
    "deferido": [
        "Requisitos cumpridos: carência e qualidade de segurado comprovadas.",
        "Tempo de contribuição suficiente na data do requerimento.",
        "Atividade rural comprovada pelo período de carência exigido.",
    ],
    "indeferido": [
        "Falta de qualidade de segurado na data do fato gerador (Lei 8.213/91, art. 15).",
        "Carência não cumprida (Lei 8.213/91, art. 25).",
        "Não comprovada a atividade rural no período de carência (Lei 8.213/91, art. 39).",
        "Exigência não cumprida no prazo: documentos essenciais não apresentados.",
    ],
}

# Os chamados: títulos por item do catálogo (seed 003) e frases das conversas.
TITULOS_DE_CHAMADO = {
    1: ["Denúncia de uso indevido do sistema"], 2: ["Elogio ao atendimento da agência"],
    3: ["Reclamação sobre o tempo de resposta", "Reclamação do atendimento na APS"],
    4: ["Sugestão para o formulário de requerimento"], 5: ["Pedido de capacitação para novos atendentes"],
    6: ["Termo aditivo ao acordo"], 7: ["Inclusão de serviços no acordo"], 8: ["Prorrogação da vigência do ACT"],
    9: ["Consulta da vigência do acordo"], 10: ["Atualização do cadastro de usuário externo"],
    11: ["Dúvida sobre anexar procuração", "Como protocolar salário-maternidade rural?",
         "Dúvida sobre a autodeclaração rural"],
    12: ["Portal de Atendimento fora do ar", "Indisponibilidade do sistema pela manhã"],
    13: ["Erro ao anexar documentos no requerimento", "Inconsistência no status do requerimento"],
    14: ["Lentidão ao protocolar requerimentos"], 15: ["Atualização de cadastro de representante"],
    16: ["Cadastrar novo atendente", "Inclusão de acesso de representante"],
    17: ["Prorrogar o acesso de atendente", "Prorrogação de acesso dos representantes"],
    18: ["Reinicializar a senha de atendente", "Senha de acesso bloqueada"],
    19: ["Excluir acesso de ex-servidor", "Exclusão de acesso de representante"],
}
PESO_DOS_ITENS = {1: 1, 2: 1, 3: 3, 4: 1, 5: 3, 6: 2, 7: 3, 8: 4, 9: 2, 10: 4, 11: 14, 12: 6, 13: 8, 14: 4, 15: 5,
                  16: 14, 17: 12, 18: 10, 19: 4}
DESCRICOES_DE_CHAMADO = [
    "Ocorre desde ontem com todos os atendentes da entidade.",
    "Seguem os dados pedidos no catálogo do Suporte.",
    "Pedimos a gentileza de verificar com urgência: há cidadãos aguardando.",
    "Informamos abaixo os dados do representante.",
    "Já tentamos as orientações do manual, sem sucesso.",
]
FALAS_DO_TECNICO = [
    "Recebido. Estamos verificando com a equipe responsável.",
    "Pode informar o CPF e o horário aproximado da ocorrência?",
    "Encaminhado à DATAPREV para análise.",
    "Conferimos o cadastro no GERID; aguardando a atualização.",
    "A situação foi normalizada; por favor, tente novamente.",
]
FALAS_DA_ENTIDADE = [
    "Segue a informação solicitada.",
    "O problema continua; tentamos de novo hoje pela manhã.",
    "Obrigado pelo retorno, aguardamos.",
    "Alguma previsão de solução?",
]
NOTAS_INTERNAS = [
    "Verificar se há incidente aberto na DATAPREV.",
    "Cadastro conferido no GERID; falta o termo assinado.",
    "Mesmo problema relatado por outras entidades da GEX.",
]
SOLUCOES = [
    "Acesso prorrogado por 12 meses.",
    "Senha reinicializada; o link foi enviado ao e-mail cadastrado.",
    "Cadastro do representante concluído no GERID.",
    "Orientação enviada: a procuração é anexada na etapa de documentos.",
    "Sistema normalizado após a correção da DATAPREV.",
]
JUSTIFICATIVAS_DA_AGENCIA = [
    "Cidadão sem acesso à Central 135, atendido na recepção.",
    "Reagendamento por indisponibilidade do perito.",
]
