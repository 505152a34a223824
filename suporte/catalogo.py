"""O catálogo de atendimento do Suporte INSS – Entidades: os 19 itens da seed 003 (Portaria Conjunta
DTI/DIRBEN/INSS nº 64/2022), com as quatro colunas da tabela e as "Orientações de utilização do catálogo"
palavra por palavra.

Só foram corrigidos erros evidentes da fonte: "EQUERIMENTOS" no título do item 11 (o título não é guardado:
o caminho vem das colunas da tabela) e o parêntese que faltava no fim da nota 3 do item 12. Os marcadores de
negrito e itálico da diagramação (`**`, `*`) não fazem parte do texto. "---" na coluna MOTIVO é guardado
como motivo vazio.

Este arquivo é lido pela migração que carrega o catálogo; itens existentes nunca são renumerados.
"""

NOTA_CADASTRADORES = (
    "Os CADASTRADORES EXTERNOS antes de abrir o ticket devem verificar: se o cadastro do representante está "
    "ativo no sistema GERID/GID; se os papéis no sistema GERID/GPA, SAG Externo e GID Externo estão no prazo "
    "de validade e se os papéis estão com a designação correta (ENTIDADE CONVENIADA_ CONSULTA ou AUTENTICA ou "
    "ADVOGADO ou OAB)."
)

ITENS = [
    {
        "numero": 1,
        "servico_sistema": "SERVIÇO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "DENÚNCIA",
        "motivo": "",
        "solicitacao": "envio ao suporte INSS de denúncia decorrente do não cumprimento das cláusulas "
        "contratuais previstas no acordo.",
        "objetivo": "explanar supostos fatos ilícitos praticados contra a Administração Pública.",
        "ocorrencias": [
            "comunicação de suposta prática de ato ilícito relacionadas ao objeto do acordo: utilização "
            "indevida do sistema, atendimento prestado nas entidades e pelas unidades descentralizadas do INSS "
            "ou qualquer outra situação que venha a descumprir o previsto nas cláusulas contratuais.",
        ],
        "atencao": [],
    },
    {
        "numero": 2,
        "servico_sistema": "SERVIÇO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "ELOGIO",
        "motivo": "",
        "solicitacao": "envio ao suporte INSS de elogio decorrente do excelente cumprimento das cláusulas "
        "contratuais previstas no acordo.",
        "objetivo": "explanar fatos lícitos praticados na Administração Pública, que expressem satisfação com o "
        "atendimento público.",
        "ocorrencias": [
            "registrar elogios à parceria e ao atendimento prestado pelas unidades descentralizadas que "
            "operacionalizam o acordo.",
        ],
        "atencao": [],
    },
    {
        "numero": 3,
        "servico_sistema": "SERVIÇO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "RECLAMAÇÃO",
        "motivo": "",
        "solicitacao": "envio ao suporte INSS de reclamação decorrente da operacionalização do acordo.",
        "objetivo": "explanar fatos praticados na Administração Pública, que expressem insatisfação com o "
        "atendimento prestado nas unidades descentralizadas que celebraram o acordo.",
        "ocorrencias": [
            "registrar reclamações quanto a parceria e ao atendimento prestado pelas unidades descentralizadas "
            "que operacionalizam o acordo;",
        ],
        "atencao": [],
    },
    {
        "numero": 4,
        "servico_sistema": "SERVIÇO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "SUGESTÃO",
        "motivo": "",
        "solicitacao": "envio ao suporte INSS de uma ideia ou proposta de melhoria decorrente da "
        "operacionalização do acordo.",
        "objetivo": "explanar uma ideia ou proposta de melhoria na prestação do serviço público que deseja "
        "compartilhar com a administração pública.",
        "ocorrencias": [
            "registrar sugestão de melhoria quanto a parceria e ao atendimento prestado pelas unidades "
            "descentralizadas que operacionalizam o acordo; e",
            "sugestões quanto aos sistemas utilizados para operacionalização do acordo.",
        ],
        "atencao": [],
    },
    {
        "numero": 5,
        "servico_sistema": "ESCOLA PEP",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "CAPACITAÇÃO",
        "motivo": "",
        "solicitacao": "envio ao suporte de orientação do Curso Entidades Parceiras INSS Digital realizado pela "
        "Escola Virtual do Programa de Educação Previdenciária - PEP.",
        "objetivo": "permitir que os representantes das entidades acessem e tenham informações sobre o curso da "
        "Escola PEP, por meio do link <https://escolapep.inss.gov.br/>, no ambiente Entidades Parceiras.",
        "ocorrencias": [
            "orientação de como os representantes podem participar do Curso;",
            "orientação de como emitir a Declaração da Participação do Curso;",
            "dificuldade/orientações de acesso a Escola PEP;",
            "sugestões sobre o conteúdo do Curso Entidades Parceiras ACT INSS Digital realizado pela Escola PEP; e",
            "sugestões de temas para novas capacitações.",
        ],
        "atencao": [],
    },
    {
        "numero": 6,
        "servico_sistema": "ACORDO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "TERMO ADITIVO",
        "motivo": "",
        "solicitacao": "envio de solicitação ao suporte de protocolo de Termo Aditivo pela entidade.",
        "objetivo": "complementar, adicionar ou alterar alguma cláusula contratual do acordo vigente mediante "
        "solicitação expressa da entidade com a devida ciência da autoridade competente.",
        "ocorrencias": [
            "solicitação de alteração contratual, seja para supressão ou acréscimo de elementos das cláusulas "
            "pactuadas.",
        ],
        "atencao": [],
    },
    {
        "numero": 7,
        "servico_sistema": "ACORDO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "SERVIÇOS",
        "motivo": "SOLICITAÇÃO",
        "solicitacao": "envio de solicitação ao suporte para que sejam disponibilizados novos serviços para "
        "serem operacionalizados pela entidade.",
        "objetivo": "orientar os representantes das entidades sobre como formalizar a solicitação de novos "
        "serviços.",
        "ocorrencias": [
            "inclusão de novos serviços ao acordo firmado; e",
            "consulta dos serviços pactuados no acordo.",
        ],
        "atencao": [],
    },
    {
        "numero": 8,
        "servico_sistema": "ACORDO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "VIGÊNCIA",
        "motivo": "PRORROGAÇÃO",
        "solicitacao": "envio de solicitação ao suporte de informações sobre pedido de prorrogação do acordo.",
        "objetivo": "prorrogar a data de vigência do acordo.",
        "ocorrencias": ["solicitação de prorrogação do acordo."],
        "atencao": [],
    },
    {
        "numero": 9,
        "servico_sistema": "ACORDO",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "VIGÊNCIA",
        "motivo": "CONSULTA",
        "solicitacao": "envio de solicitação ao suporte de informações sobre vigência do acordo.",
        "objetivo": "orientar a entidade sobre vigência do acordo.",
        "ocorrencias": ["consulta data de início e fim do acordo."],
        "atencao": [],
    },
    {
        "numero": 10,
        "servico_sistema": "SEI",
        "modulo": "MANUTENÇÃO DO ACORDO",
        "funcionalidade": "CADASTRO/USUÁRIO EXTERNO",
        "motivo": "",
        "solicitacao": "envio de solicitação ao suporte para cadastramento de usuário externo no sistema SEI e "
        "ou envio de senha de acesso ao sistema SEI.",
        "objetivo": "permitir o acesso ao sistema SEI pelo representante legal da entidade.",
        "ocorrencias": [
            "concessão de acesso como usuário externo ao sistema SEI;",
            "liberação de acesso para assinatura como usuário externo no sistema SEI;",
            "disponibilização do processo/documento para consulta no sistema SEI; e",
            "prorrogação da validade do acesso como usuário externo no sistema SEI.",
        ],
        "atencao": [],
    },
    {
        "numero": 11,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "ORIENTAÇÕES",
        "funcionalidade": "DÚVIDAS",
        "motivo": "",
        "solicitacao": "envio ao suporte de solicitações de como utilizar o Portal de Atendimento, "
        "“novorequerimento.inss.gov.br”",
        "objetivo": "orientações de operacionalização do sistema para fins de requerimentos previstos no acordo.",
        "ocorrencias": [
            "orientações de como efetuar o requerimento de um serviço;",
            "orientações sobre quais documentos são obrigatórios para protocolar um requerimento;",
            "orientações de como efetuar o cadastramento quando o representante é vinculado a mais de uma "
            "entidade, mas só consegue acessar apenas por uma.",
        ],
        "atencao": [],
    },
    {
        "numero": 12,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "INDISPONIBILIDADE",
        "motivo": "",
        "solicitacao": "envio ao suporte de solicitações sobre indisponibilidade do sistema para protocolo de "
        "requerimentos.",
        "objetivo": "permitir acesso ao Portal de Atendimento “novorequerimento.inss.gov.br” para fins de "
        "requerimentos previstos no acordo.",
        "ocorrencias": [
            'não consegue acessar sistema, dando a seguinte mensagem: "ocorreu um erro no processamento de sua '
            'solicitação, tente novamente mais tarde";',
            "indisponibilidade na consulta dos requerimentos;",
            "indisponibilidade para realizar requerimentos; e",
            "solicitação de certificado de indisponibilidade do sistema, comunicando a impossibilidade de acesso.",
        ],
        "atencao": [
            'Para fins de solicitação de INDISPONIBILIDADE, encaminhar (anexando) telas de erro de acesso ao '
            'Portal de Atendimento "novorequerimento.inss.gov.br"',
            'Para fins de solicitação de CERTIFICADO DE INDISPONIBILIDADE do sistema, encaminhar (anexando) telas '
            'de erro de acesso ao Portal de Atendimento "novorequerimento.inss.gov.br".',
            NOTA_CADASTRADORES,
        ],
    },
    {
        "numero": 13,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "INCONSISTÊNCIA DE SISTEMA",
        "motivo": "",
        "solicitacao": "envio ao suporte de solicitação sobre inconsistência do sistema para protocolo de "
        "requerimentos.",
        "objetivo": 'permitir acesso ao Portal de Atendimento "novorequerimento.inss.gov.br" para fins de '
        "requerimentos previstos no acordo.",
        "ocorrencias": ["erro ao tentar anexar arquivos."],
        "atencao": [
            "Para fins de solicitação de INCONSISTÊNCIA, anexar e encaminhar as telas de erro de acesso ao Portal "
            "de Atendimento “novorequerimento.inss.gov.br”.",
        ],
    },
    {
        "numero": 14,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "LENTIDÃO",
        "motivo": "",
        "solicitacao": "envio ao suporte de solicitação sobre lentidão do sistema para protocolo de "
        "requerimentos.",
        "objetivo": "permitir acesso ao Portal de Atendimento “novorequerimento.inss.gov.br” para fins de "
        "requerimentos previstos no acordo.",
        "ocorrencias": ["tela em branco quando tenta fazer uma solicitação."],
        "atencao": [
            "Para fins de solicitação de LENTIDÃO, anexar e encaminhar as telas de erro de acesso ao Portal de "
            "Atendimento “novorequerimento.inss.gov.br”.",
        ],
    },
    {
        "numero": 15,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "ACESSO",
        "motivo": "ATUALIZAÇÃO DE CADASTRO DOS REPRESENTANTES",
        "solicitacao": "envio ao suporte de solicitação de atualização de cadastro dos representantes das "
        "entidades no sistema GERID/ GID e GERID/GPA.",
        "objetivo": "alterar dados dos representantes das entidades.",
        "ocorrencias": [
            "atualizar nome, e-mail e telefone no sistema GID do representante; e",
            "atualizar o cadastro do representante para o perfil de cadastrador externo da entidade",
        ],
        "atencao": [],
    },
    {
        "numero": 16,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "ACESSO",
        "motivo": "CADASTRAMENTO DOS REPRESENTANTES",
        "solicitacao": "envio ao suporte de solicitação para inclusão de acesso aos representantes da entidade "
        "no sistema GERID/GID e GERID/GPA.",
        "objetivo": 'cadastrar os representantes designados para permitir operacionalização no Portal de '
        'Atendimento "novorequerimento.inss.gov.br"',
        "ocorrencias": [
            'cadastro regularizado, mas sistema emite a seguinte informação: "não conseguimos autenticar você, '
            'verifique seus dados e tente novamente";',
            'sistema dá a seguinte mensagem de erro "acesso negado"; e',
            'crítica no cadastro do GERID/GID com a seguinte informação, "já existe usuário cadastrado", porém ao '
            "realizar a consulta por CPF, não aparece o cadastro do usuário no GERID GID.",
        ],
        "atencao": [
            "Para concessão de acesso de um representante vinculado a mais de uma entidade é necessário enviar o "
            "TCMS – Termo de Compromisso Manutenção e Sigilo, acompanhado de cópia de documento de identificação "
            "e Declaração de Participação emitida pela Escola PEP.",
            NOTA_CADASTRADORES.replace("Os CADASTRADORES EXTERNOS", "Os cadastradores externos"),
        ],
    },
    {
        "numero": 17,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "ACESSO",
        "motivo": "PRORROGAÇÃO DE ACESSO DOS REPRESENTANTES",
        "solicitacao": "envio ao suporte de solicitação para prorrogação da data de validade do acesso do "
        "representante da entidade no sistema GERID/GPA",
        "objetivo": "permitir a operacionalização pelo representante no Portal de Atendimento "
        "“novorequerimento.inss.gov.br”.",
        "ocorrencias": [
            "prorrogar data de validade do representante no sistema GERID/GPA; e",
            "erro ao tentar prorrogar data de validade do representante.",
        ],
        "atencao": [],
    },
    {
        "numero": 18,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "ACESSO",
        "motivo": "ENVIO/REINICIALIZAÇÃO DE SENHA DE ACESSO",
        "solicitacao": "envio ao suporte de solicitação para reinicializar senha do representante da entidade.",
        "objetivo": "permitir operacionalização pelo representante no Portal de Atendimento "
        "“novorequerimento.inss.gov.br”.",
        "ocorrencias": [
            "solicitar reinicialização de senha quando não é possível o próprio usuário reinicializar pelo link;",
            "erro ao enviar senha de acesso no sistema GERID/GID, após solicitação dos cadastradores externo; e",
            "informações de passo a passo de como alterar a senha no link informado pela Dataprev.",
        ],
        "atencao": [],
    },
    {
        "numero": 19,
        "servico_sistema": "PORTAL DE REQUERIMENTOS",
        "modulo": "SISTEMA",
        "funcionalidade": "ACESSO",
        "motivo": "EXCLUSÃO DE ACESSO DOS REPRESENTANTES",
        "solicitacao": "envio ao suporte de solicitação para exclusão de acesso do representante da entidade no "
        "sistema GERID/GID e GERID/GPA.",
        "objetivo": "excluir acesso dos representantes no sistema GERID/GID e GERID/GPA.",
        "ocorrencias": [
            "excluir representante do GERID/GID e GERID/GPA nos casos de não haver mais vínculo com a entidade.",
        ],
        "atencao": [],
    },
]

# Itens em que a seed manda anexar as telas de erro (ATENÇÃO dos itens 12, 13 e 14).
ITENS_QUE_EXIGEM_TELA_DE_ERRO = (12, 13, 14)
# Item 16: representante já vinculado a outra entidade precisa de TCMS, identidade e declaração da Escola PEP.
ITEM_CADASTRAMENTO_DE_REPRESENTANTES = 16
# Item 12.3.4: certificado de indisponibilidade.
ITEM_INDISPONIBILIDADE = 12


def carregar_catalogo(ItemCatalogo) -> None:  # noqa: N803 — recebe o modelo histórico na migração
    """Cria os itens que faltam; os existentes não são renumerados nem sobrescritos (a administração
    pode tê-los desativado)."""
    for item in ITENS:
        ItemCatalogo.objects.get_or_create(
            numero=item["numero"],
            defaults={**item, "exige_tela_de_erro": item["numero"] in ITENS_QUE_EXIGEM_TELA_DE_ERRO},
        )
