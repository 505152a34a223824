"""Os campos adicionais da tarefa “Supervisão das APS – Retorno Gradual e Seguro” (código 14615, Portaria
916/2021). Todos são obrigatórios (seed 001: “preencher obrigatoriamente todos os campos adicionais da
tarefa”): cada item tem uma resposta e as observações de quem supervisionou.

A seed não transcreve os campos. Os quatro primeiros vêm das regras que ela dá para a própria visita; os
demais são os “fluxos e procedimentos” da agência e os protocolos de segurança do retorno gradual e seguro
que a supervisão existe para verificar. O código de cada item é o que fica gravado: mudar o texto não muda
as respostas já dadas; tirar um item deixa as respostas antigas sem pergunta (por isso não se tira)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemDaSupervisao:
    codigo: str
    secao: str
    pergunta: str


DA_VISITA = "Da visita"
FLUXOS = "Fluxos da agência"
PROTOCOLOS = "Protocolos de segurança"

ITENS = [
    ItemDaSupervisao("horario_de_atendimento", DA_VISITA,
                     "A supervisão foi feita durante o horário de atendimento previsto para a agência?"),
    ItemDaSupervisao("protocolos_do_supervisor", DA_VISITA,
                     "Quem supervisionou seguiu os mesmos protocolos de segurança exigidos dos servidores e dos "
                     "segurados em atendimento na APS?"),
    ItemDaSupervisao("supervisor_sem_sintomas", DA_VISITA,
                     "Quem supervisionou entrou na agência sem sintomas nem suspeita de covid-19?"),
    ItemDaSupervisao("entidades_representativas", DA_VISITA,
                     "As entidades representativas dos servidores foram convidadas a acompanhar a supervisão?"),
    ItemDaSupervisao("agendamento_e_triagem", FLUXOS,
                     "A entrada na agência segue o agendamento prévio e passa pela triagem na porta?"),
    ItemDaSupervisao("fluxo_de_atendimento", FLUXOS,
                     "Os fluxos de entrada, espera, atendimento e saída estão sinalizados e são respeitados?"),
    ItemDaSupervisao("atendimento_prioritario", FLUXOS,
                     "O atendimento prioritário (pessoas idosas, com deficiência, gestantes) é observado?"),
    ItemDaSupervisao("distanciamento_e_lotacao", PROTOCOLOS,
                     "O distanciamento entre as pessoas e a lotação máxima de cada ambiente são respeitados?"),
    ItemDaSupervisao("mascaras_e_epi", PROTOCOLOS,
                     "Servidores, colaboradores e segurados usam máscara, e os servidores têm os EPIs previstos?"),
    ItemDaSupervisao("higienizacao_e_ventilacao", PROTOCOLOS,
                     "Há álcool em gel à disposição, os ambientes e superfícies são higienizados na frequência "
                     "prevista e os ambientes estão ventilados?"),
]
ITENS_POR_CODIGO = {item.codigo: item for item in ITENS}
