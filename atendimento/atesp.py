"""O Atendimento Especializado (ATESP, Portaria 908/2021), como a seed 000 o descreve, palavra por palavra:
os 11 motivos do agendamento e, para "requerimento concluído sem atendimento ao solicitado", os 5 casos em
que a tarefa pode ser reaberta."""

MOTIVOS = [
    ("ntep", "Apresentar Contestação do NTEP"),
    ("prioritario", "Atendimento solicitado por portadores de necessidades especiais, maiores de 80 anos de idade e "
                    "deficiência auditiva ou visual"),
    ("orgao_mantenedor", "Órgão mantenedor inválido impossibilitando a solicitação de serviços"),
    ("requerimento_sem_atendimento", "Requerimento concluído sem atendimento ao solicitado, relacionado a falha "
                                     "operacional não vinculada à análise do direito"),
    ("consignacao", "Consulta à consignação administrativa"),
    ("cadunico", "Ciência do Cidadão Referente à Necessidade de Inscrição no CadÚnico"),
    ("cat", "Solicitar Retificação de CAT"),
    ("cobranca", "Parcelamento ou impugnação à cobrança administrativa/MOB Presencial"),
    ("seringueiro", "Pensão Especial Vitalícia do Seringueiro e seus Dependentes"),
    ("hemodialise", "Pensão Especial das Vítimas de Hemodiálise de Caruaru"),
    ("canais_remotos", "Impossibilidade de informação ou de conclusão da solicitação pelos canais remotos"),
]

MOTIVO_QUE_EXIGE_CASO = "requerimento_sem_atendimento"

CASOS_DE_REABERTURA = [
    ("documentos_alheios", "inclusão de documentos ou relatórios alheios à análise"),
    ("despacho_divergente", "despacho conclusivo divergente da formatação no sistema de benefício"),
    ("erro_de_sistema", "encerramento da tarefa por erro de sistema"),
    ("beneficio_nao_formatado", "conclusão da tarefa com benefício não formatado"),
    ("nit_de_terceiro", "utilização de Número de Identificação do Trabalhador (NIT) de terceiro na conclusão da "
                        "tarefa ou equívoco na atribuição do NIT do titular, dependente, instituidor ou "
                        "representante legal"),
]

# Depois de ativado o ATESP numa APS, a agência tem 2 dias (úteis, pela nossa leitura) para ofertar vagas.
DIAS_UTEIS_PARA_OFERTAR_VAGAS = 2
