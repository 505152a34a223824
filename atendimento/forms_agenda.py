"""Os formulários do agendamento presencial: publicar a agenda, buscar vagas e agendar. As regras ficam nos
serviços; aqui, só o que a pessoa precisa ver junto do campo (o caso de reabertura, a justificativa)."""

import uuid

from django import forms

from atendimento import selectors_agenda as selectors
from atendimento.atesp import MOTIVO_QUE_EXIGE_CASO
from atendimento.models_agenda import CasoDeReabertura, MotivoAtesp, Prioridade, ServicoPresencial
from atendimento.prazos import PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS
from portal.organizacao.models import UF
from portal.validadores import normalizar_cpf

DIAS_DA_SEMANA = [("0", "Segunda"), ("1", "Terça"), ("2", "Quarta"), ("3", "Quinta"), ("4", "Sexta"),
                  ("5", "Sábado"), ("6", "Domingo")]


class _Data(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class _Hora(forms.TimeInput):
    input_type = "time"

    def __init__(self):
        super().__init__(format="%H:%M")


class FormularioDeAgenda(forms.Form):
    aps = forms.ModelChoiceField(label="APS", queryset=None, empty_label=None)
    servico = forms.ChoiceField(label="Serviço", choices=ServicoPresencial.choices)
    dias_da_semana = forms.TypedMultipleChoiceField(
        label="Dias da semana", choices=DIAS_DA_SEMANA, coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Escolha ao menos um dia da semana."})
    hora_inicio = forms.TimeField(label="Início do atendimento", widget=_Hora())
    hora_fim = forms.TimeField(label="Fim do atendimento", widget=_Hora())
    duracao_minutos = forms.IntegerField(label="Duração de cada atendimento (minutos)", min_value=5, max_value=480)
    servidores = forms.IntegerField(label="Servidores atendendo", min_value=1, max_value=100,
                                    help_text="Cada servidor atende uma pessoa por horário.")
    percentual_prioritario = forms.IntegerField(
        label="Parte reservada às prioridades (%)", min_value=0, max_value=100, initial=20,
        help_text="80 anos ou mais, pessoa com deficiência, deficiência auditiva ou visual. O que sobrar abre "
                  "para todos na véspera.")
    vigencia_inicio = forms.DateField(label="Primeiro dia", widget=_Data())
    vigencia_fim = forms.DateField(label="Último dia", widget=_Data())

    def __init__(self, *args, agencias, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aps"].queryset = agencias


class FiltroDeVagas(forms.Form):
    servico = forms.ChoiceField(label="Serviço", choices=ServicoPresencial.choices)
    uf = forms.ModelChoiceField(label="UF", queryset=UF.objects.order_by("sigla"), required=False,
                                empty_label="Todas", to_field_name="sigla")
    aps = forms.ModelChoiceField(label="APS", queryset=None, required=False, empty_label="Todas")
    municipio = forms.CharField(label="Município", required=False, max_length=60)
    a_partir_de = forms.DateField(label="A partir de", required=False, widget=_Data())

    def __init__(self, *args, agencias, pela_central: bool = False, **kwargs):
        """A lista de APS segue a UF escolhida. Pela Central 135 (o país inteiro), sem UF ela fica vazia: 1.600
        agências numa lista não se escolhem, e desenhá-las custava 80 ms a cada busca (bench/RESULTS.md)."""
        super().__init__(*args, **kwargs)
        uf = self.data.get("uf", "") if self.is_bound else ""
        if uf.isalpha():  # só letras: um NUL ("\x00") ou outro lixo na URL quebraria a consulta no PostgreSQL
            agencias = agencias.filter(municipio__uf_id=uf)
        elif pela_central:
            agencias = agencias.none()
            self.fields["aps"].help_text = "Escolha a UF para escolher a agência."
        self.fields["aps"].queryset = agencias


class FormularioDeAgendamento(forms.Form):
    chave = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    # Sem validar_cpf aqui: ele confere o texto cru e recusaria o CPF com máscara; clean_cidadao_cpf normaliza.
    cidadao_cpf = forms.CharField(label="CPF do cidadão", max_length=14)
    cidadao_nome = forms.CharField(label="Nome do cidadão", max_length=150)
    cidadao_nascimento = forms.DateField(label="Data de nascimento", required=False, widget=_Data(),
                                         help_text="Com 80 anos ou mais, a prioridade vem da data de nascimento.")
    cidadao_email = forms.EmailField(label="E-mail", required=False)
    cidadao_telefone = forms.CharField(label="Telefone", required=False, max_length=20)
    prioridade = forms.ChoiceField(label="Prioridade", choices=Prioridade.choices, required=False)
    motivo = forms.ChoiceField(label="Motivo do Atendimento Especializado", required=False,
                               choices=[("", "Escolha o motivo"), *MotivoAtesp.choices])
    caso = forms.ChoiceField(label="Caso de reabertura da tarefa", required=False,
                             choices=[("", "Escolha o caso"), *CasoDeReabertura.choices],
                             help_text="Só para “requerimento concluído sem atendimento ao solicitado”.")
    justificativa = forms.CharField(label="Justificativa do agendamento pela agência", required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}),
                                    help_text="O agendamento pela agência é excepcional: diga por que não foi "
                                              "pela Central 135.")

    def __init__(self, *args, servico: str, pela_agencia: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.servico = servico
        self.pela_agencia = pela_agencia
        if servico != ServicoPresencial.ATESP:
            del self.fields["motivo"]
            del self.fields["caso"]
        if not pela_agencia:
            del self.fields["justificativa"]
        else:
            self.fields["justificativa"].required = True
            self.fields["justificativa"].error_messages["required"] = (
                "O agendamento pela agência é excepcional: escreva a justificativa.")

    def clean_cidadao_cpf(self):
        return normalizar_cpf(self.cleaned_data["cidadao_cpf"])

    def clean(self):
        dados = super().clean()
        if "motivo" in self.fields:
            if not dados.get("motivo"):
                self.add_error("motivo", "Escolha o motivo do Atendimento Especializado.")
            elif dados["motivo"] == MOTIVO_QUE_EXIGE_CASO and not dados.get("caso"):
                self.add_error("caso", "Para “requerimento concluído sem atendimento ao solicitado”, escolha o "
                                       "caso de reabertura da tarefa.")
            elif dados["motivo"] != MOTIVO_QUE_EXIGE_CASO:
                dados["caso"] = ""
        return dados


class FormularioDeRemarcacao(forms.Form):
    chave = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    vaga = forms.ModelChoiceField(label="Novo horário", queryset=None, empty_label="Escolha o horário")

    def __init__(self, *args, vagas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vaga"].queryset = vagas
        self.fields["vaga"].label_from_instance = _rotulo_da_vaga


def _rotulo_da_vaga(vaga) -> str:
    from zoneinfo import ZoneInfo

    inicio = vaga.inicio.astimezone(ZoneInfo(vaga.aps.fuso_horario))
    return f"{inicio:%d/%m/%Y %H:%M} — {vaga.aps.nome} ({vaga.livres} livre(s))"


class FormularioDeCancelamento(forms.Form):
    motivo = forms.CharField(label="Motivo do cancelamento", required=False, max_length=200)


class FiltroDoBalcao(forms.Form):
    aps = forms.ModelChoiceField(label="APS", queryset=None, required=False, empty_label=None)
    dia = forms.DateField(label="Dia", required=False, widget=_Data())

    def __init__(self, *args, agencias, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aps"].queryset = agencias


class FormularioDeAtendimento(forms.Form):
    """O que o servidor do balcão registra. As regras (protocolo sempre obrigatório, motivo no ATESP) ficam no
    serviço; o protocolo é `required` aqui também, para a pessoa ver o asterisco junto do campo."""

    motivo_identificado = forms.ChoiceField(label="Motivo identificado", required=False,
                                            choices=[("", "Escolha o motivo"), *MotivoAtesp.choices])
    servico_prestado = forms.CharField(label="Serviço prestado", widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=2000)
    protocolo_requerimento = forms.CharField(
        label="Protocolo do requerimento", max_length=30,
        help_text="Obrigatório em todo atendimento, mesmo quando o serviço existe nos canais remotos.",
        error_messages={"required": "Registre o protocolo do requerimento: ele é obrigatório em todo atendimento, "
                                    "mesmo quando o serviço existe nos canais remotos (Meu INSS, Central 135)."})
    senha_meu_inss_emitida = forms.BooleanField(label="Emiti a senha do Meu INSS (o cidadão não tinha acesso)",
                                                required=False)


class FiltroDosHorariosPerto(forms.Form):
    """No protocolo (PAT): a prioridade do cidadão decide quais horários servem; a data, a partir de quando."""

    prioridade = forms.ChoiceField(label="Prioridade do cidadão", choices=Prioridade.choices, required=False,
                                   help_text="Com prioridade, o cidadão usa também os lugares reservados.")
    a_partir_de = forms.DateField(label="Horários a partir de", required=False, widget=_Data())


class EscolhaDoHorarioPerto(forms.Form):
    """O horário escolhido para uma avaliação do requerimento."""

    chave = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    servico = forms.ChoiceField(choices=ServicoPresencial.choices, widget=forms.HiddenInput)
    prioridade = forms.ChoiceField(choices=Prioridade.choices, required=False, widget=forms.HiddenInput)
    vaga = forms.IntegerField(min_value=1, error_messages={
        "required": "Escolha um dos horários da lista.", "invalid": "Escolha um dos horários da lista.",
        "min_value": "Escolha um dos horários da lista."})


# --- o ATESP nas agências (a GEX e a SR acompanham; o gestor regional ativa) ------------------------------


class FiltroDoAtesp(forms.Form):
    situacao = forms.ChoiceField(label="Situação", required=False,
                                 choices=[("", "Todas"), *selectors.SituacaoDoAtesp.ESCOLHAS])


class FormularioDeAtivacaoDoAtesp(forms.Form):
    agencias = forms.ModelMultipleChoiceField(
        label="Agências sem o ATESP", queryset=None, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Escolha uma ou mais (Ctrl ou Command para escolher várias). Cada agência terá "
                  f"{PRAZO_PARA_OFERTAR_EM_DIAS_UTEIS} dias úteis para ofertar vagas.",
        error_messages={"required": "Escolha ao menos uma agência."},
    )

    def __init__(self, *args, agencias, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["agencias"]
        # Vale qualquer agência do escopo (ativar de novo não muda nada: outra pessoa pode ter ativado enquanto
        # esta escolhia); as opções mostram só as que ainda não têm o ATESP.
        campo.queryset = agencias
        campo.widget.choices = [(aps.pk, f"{aps.codigo} — {aps.nome}")
                                for aps in agencias.filter(ativacao_do_atesp__isnull=True)]
