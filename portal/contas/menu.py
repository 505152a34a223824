"""O menu: cada item diz o que faz, para onde leva e quem o vê. Uma página nova entra aqui com a mesma
condição que a sua view aplica, para que ninguém veja um item que o levaria a uma recusa."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from portal.contas.models import PapelINSS
from portal.contas.perfil import Perfil


@dataclass(frozen=True)
class ItemDeMenu:
    rotulo: str
    url_name: str
    icone: str
    descricao: str
    visivel: Callable[[Perfil], bool]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def representa(perfil: Perfil) -> bool:
    return perfil.vinculo is not None


def gestor_ou_cadastrador(perfil: Perfil) -> bool:
    return perfil.eh_gestor or perfil.eh_cadastrador


def servidor_regional(perfil: Perfil) -> bool:
    return perfil.tem_papel_inss(
        PapelINSS.GESTOR_REGIONAL, PapelINSS.TECNICO_SUPORTE, PapelINSS.ANALISTA, PapelINSS.SUPERVISOR
    )


def servidor_de_agencias(perfil: Perfil) -> bool:
    return perfil.tem_papel_inss(PapelINSS.SERVIDOR_APS, PapelINSS.SUPERVISOR, PapelINSS.GESTOR_REGIONAL)


ITENS = [
    ItemDeMenu("Início", "inicio", "fas fa-home", "O resumo do que você pode fazer no portal.", lambda p: True),
    ItemDeMenu(
        "Minha entidade", "entidades:minha_entidade", "fas fa-building",
        "Dados da entidade, do acordo e do seu vínculo; declaração de vínculo.", representa,
    ),
    ItemDeMenu(
        "Requerimentos", "atendimento:requerimentos", "fas fa-folder-open",
        "Os requerimentos dos cidadãos pela entidade: protocolar, acompanhar, responder exigências, ver a decisão.",
        representa,
    ),
    ItemDeMenu(
        "Análise de requerimentos", "atendimento:fila", "fas fa-clipboard-check",
        "A fila dos requerimentos das entidades da região: analisar, emitir exigência, decidir.",
        lambda p: p.tem_papel_inss(PapelINSS.ANALISTA),
    ),
    ItemDeMenu(
        "Representantes", "entidades:representantes", "fas fa-users",
        "Quem representa a entidade, com que papel e até quando.", gestor_ou_cadastrador,
    ),
    ItemDeMenu(
        "Adesão ao ACT", "acordos:adesao", "fas fa-file-contract",
        "Documentos, aceites e checklist da adesão ao Acordo de Cooperação Técnica.", lambda p: p.eh_gestor,
    ),
    ItemDeMenu(
        "Acordo", "acordos:acordo", "fas fa-handshake",
        "O acordo da entidade: vigência, serviços, alterações; pedir aditivo, serviços ou prorrogação.",
        lambda p: p.eh_gestor,
    ),
    ItemDeMenu(
        "Painel regional", "painel:painel", "fas fa-chart-bar",
        "Acordos por situação e UF, vencimentos, adesões, representantes; relatório em PDF e apresentação.",
        lambda p: p.tem_papel_inss(PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Monitoramento do A3", "certificados:a3_monitoramento", "fas fa-chart-pie",
        "A adoção do certificado A3 na região por SR, UF, tipo e lote; entidades não migradas; comunicados e webinars.",
        lambda p: p.tem_papel_inss(PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Solicitações dos acordos", "acordos:solicitacoes", "fas fa-tasks",
        "Termos aditivos, inclusões de serviços, prorrogações e consultas das entidades da região.",
        lambda p: p.tem_papel_inss(PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Cessões de imóvel", "acordos:cessoes", "fas fa-warehouse",
        "Termos de cessão de uso (TCOU) dos órgãos públicos da região: registrar e renovar.",
        lambda p: p.tem_papel_inss(PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Adesões", "acordos:adesoes", "fas fa-file-signature",
        "Adesões da região: documentos, pedidos à entidade, checklist, aprovação.",
        lambda p: p.tem_papel_inss(PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Suporte INSS", "suporte:meus_chamados", "fas fa-headset",
        "Chamados da entidade no Suporte INSS: abrir, acompanhar, aprovar ou recusar soluções.",
        lambda p: p.eh_gestor,
    ),
    ItemDeMenu(
        "Fila do suporte", "suporte:fila", "fas fa-inbox",
        "Os chamados do seu grupo de suporte: atribuir, responder, solucionar.",
        lambda p: p.tem_papel_inss(PapelINSS.TECNICO_SUPORTE),
    ),
    ItemDeMenu(
        "Medidas do suporte", "suporte:medidas", "fas fa-chart-bar",
        "Chamados em aberto por item e idade, tempos de resposta e de solução, aprovações e recusas.",
        lambda p: p.tem_papel_inss(PapelINSS.TECNICO_SUPORTE, PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Supervisão das APS", "atendimento:supervisao", "fas fa-clipboard-list",
        "Retorno Gradual e Seguro (Portaria 916/2021): ciclos, responsáveis por APS, supervisões e relatório.",
        lambda p: p.tem_papel_inss(PapelINSS.SUPERVISOR, PapelINSS.SERVIDOR_APS),
    ),
    ItemDeMenu(
        "Agendas da agência", "atendimento:agendas", "fas fa-calendar-alt",
        "Publicar as agendas da APS (ATESP, perícia médica, avaliação social) e ver a ocupação dos horários.",
        lambda p: p.tem_papel_inss(PapelINSS.SERVIDOR_APS),
    ),
    ItemDeMenu(
        "Balcão da agência", "atendimento:balcao", "fas fa-concierge-bell",
        "Os agendamentos do dia na APS: registrar a chegada, a falta e o atendimento, com o protocolo.",
        lambda p: p.tem_papel_inss(PapelINSS.SERVIDOR_APS),
    ),
    ItemDeMenu(
        "Agendar atendimento", "atendimento:agendamento_novo", "fas fa-calendar-check",
        "Buscar um horário com vaga e agendar o cidadão; cancelar e remarcar.",
        lambda p: p.tem_papel_inss(PapelINSS.OPERADOR_135, PapelINSS.SERVIDOR_APS),
    ),
    ItemDeMenu(
        "ATESP nas agências", "atendimento:atesp", "fas fa-hourglass-half",
        "O Atendimento Especializado ativado nas agências da GEX ou da SR e o prazo de dois dias úteis para ofertar "
        "vagas; ativar em novas agências.",
        lambda p: p.tem_papel_inss(PapelINSS.SUPERVISOR, PapelINSS.GESTOR_REGIONAL),
    ),
    ItemDeMenu(
        "Entidades da região", "entidades:da_regiao", "fas fa-city",
        "Entidades parceiras da sua Superintendência ou Gerência.", servidor_regional,
    ),
    ItemDeMenu(
        "Agências", "organizacao:agencias", "fas fa-map-marker-alt",
        "As Agências da Previdência Social do seu escopo.", servidor_de_agencias,
    ),
    ItemDeMenu(
        "Notificações", "notificacoes:lista", "fas fa-bell", "Avisos e lembretes do portal.", lambda p: True,
    ),
    ItemDeMenu(
        "Documentos emitidos", "certificados:meus_documentos", "fas fa-file-signature",
        "Os documentos que o portal emitiu para você, com código verificador.", lambda p: True,
    ),
    ItemDeMenu(
        "Meu certificado A3", "certificados:meu_certificado", "fas fa-id-card",
        "Registrar o certificado digital A3 exigido para o Portal de Atendimento (Portaria 96/2024).", representa,
    ),
    ItemDeMenu(
        "Certificado A3", "certificados:a3", "fas fa-certificate",
        "O cronograma do certificado digital A3 (Portaria 96/2024), o prazo da entidade, webinars e orientações.",
        lambda p: True,
    ),
    ItemDeMenu(
        "Segurança da conta", "conta_seguranca", "fas fa-shield-alt",
        "Senha e autenticação em dois fatores.", lambda p: True,
    ),
    ItemDeMenu(
        "Administração", "admin:index", "fas fa-cogs", "Cadastros do sistema.", lambda p: p.administrador,
    ),
]


def itens_para(perfil: Perfil) -> list[ItemDeMenu]:
    if not perfil.autenticado or perfil.precisa_escolher_entidade:
        return []
    return [item for item in ITENS if item.visivel(perfil)]
