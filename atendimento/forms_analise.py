"""Os formulários do acompanhamento (a entidade) e da análise (o INSS): filtros das listas, exigência, resposta
e decisão, com as mensagens em português."""

from django import forms
from django.core.exceptions import ValidationError

from atendimento.models import Decisao, Servico, StatusRequerimento
from atendimento.services.documentos import pdf_conferir

STATUS_DEPOIS_DO_PROTOCOLO = [(valor, rotulo) for valor, rotulo in StatusRequerimento.choices
                              if valor != StatusRequerimento.RASCUNHO]


class FiltroDosRequerimentos(forms.Form):
    """A lista da entidade."""

    texto = forms.CharField(label="Protocolo, CPF ou nome do cidadão", required=False, max_length=100)
    status = forms.ChoiceField(label="Situação", required=False,
                               choices=[("", "Todas"), *StatusRequerimento.choices])


class FiltroDaFila(forms.Form):
    """A fila dos analistas: por padrão, o que espera pelo INSS."""

    STATUS = [("na_fila", "Aguardando o INSS (protocolado ou em análise)"), ("", "Todas"),
              *STATUS_DEPOIS_DO_PROTOCOLO]
    IDADES = [("", "Qualquer data"), ("5", "há mais de 5 dias"), ("10", "há mais de 10 dias"),
              ("30", "há mais de 30 dias"), ("45", "há mais de 45 dias")]
    ATRIBUICAO = [("", "Todos"), ("sem_analista", "Sem analista"), ("meus", "Assumidos por mim")]

    texto = forms.CharField(label="Protocolo, CPF ou nome do cidadão", required=False, max_length=100)
    entidade = forms.CharField(label="Entidade (nome ou CNPJ)", required=False, max_length=100)
    status = forms.ChoiceField(label="Situação", choices=STATUS, required=False, initial="na_fila")
    servico = forms.ModelChoiceField(label="Serviço", queryset=Servico.objects.order_by("nome", "variante"),
                                     required=False, empty_label="Todos",
                                     error_messages={"invalid_choice": "Escolha um serviço da lista."})
    idade = forms.TypedChoiceField(label="Protocolado", choices=IDADES, coerce=int, required=False, empty_value=None)
    atribuicao = forms.ChoiceField(label="Analista", choices=ATRIBUICAO, required=False)


class FormularioDeExigencia(forms.Form):
    texto = forms.CharField(
        label="O que a entidade precisa apresentar, e por quê", widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Diga à entidade o que falta e por quê."},
    )
    itens = forms.CharField(
        label="Itens da exigência (um por linha)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Cada linha vira um item da lista que a entidade vê, por exemplo: “CTPS com os vínculos de "
                  "1990 a 1995”.",
    )


class FormularioDeDecisao(forms.Form):
    decisao = forms.ChoiceField(label="Decisão", choices=[("", "Escolha"), *Decisao.choices],
                                error_messages={"required": "Escolha a decisão: deferido ou indeferido."})
    motivo = forms.CharField(
        label="Fundamentação", widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text="Obrigatória. No indeferimento, diga o motivo e o dispositivo legal: a entidade explica ao "
                  "cidadão, que pode recorrer.",
    )

    def clean(self):
        dados = super().clean()
        if not (dados.get("motivo") or "").strip() and dados.get("decisao"):
            if dados["decisao"] == Decisao.INDEFERIDO:
                self.add_error("motivo", "O indeferimento exige a fundamentação: diga o motivo e o dispositivo legal.")
            else:
                self.add_error("motivo", "Fundamente a decisão: o que foi reconhecido e com base em quê.")
        return dados


class VariosPDFs(forms.ClearableFileInput):
    allow_multiple_selected = True


class CampoDePDFs(forms.FileField):
    """Vários PDFs num campo, cada um conferido pelo conteúdo (até 5 MB cada); cada recusa com a sua frase."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", VariosPDFs(attrs={"accept": ".pdf,application/pdf"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        arquivos = [a for a in (data if isinstance(data, list | tuple) else [data]) if a]
        verificados, erros = [], []
        for arquivo in arquivos:
            try:
                verificados.append(pdf_conferir(arquivo))
            except ValidationError as erro:
                erros.extend(erro.messages)
        if erros:
            raise ValidationError(erros)
        return verificados


class FormularioDeResposta(forms.Form):
    resposta = forms.CharField(label="Resposta à exigência", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    documentos = CampoDePDFs(
        label="Documentos (PDF)",
        help_text="Só PDF, até 5 MB cada e 30 MB somando todos os documentos do requerimento.",
    )

    def clean(self):
        dados = super().clean()
        if not self.errors and not (dados.get("resposta") or "").strip() and not dados.get("documentos"):
            raise ValidationError("Escreva a resposta ou anexe ao menos um documento em PDF.")
        return dados
