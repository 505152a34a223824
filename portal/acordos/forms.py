from django import forms
from django.core.exceptions import ValidationError

from atendimento.models import Servico
from portal.acordos.models import RegimePrevidenciario, TipoDocumentoAdesao, TipoSolicitacao
from portal.acordos.services import DocumentoNovo
from portal.arquivos import MB, PDF, verificar_arquivo
from portal.validadores import normalizar_cpf, normalizar_processo_sei

AJUDA_PDF = "PDF, até 5 MB."


class CampoPDF(forms.FileField):
    """Um documento da adesão: PDF conferido pelo conteúdo, até 5 MB."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", AJUDA_PDF)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        arquivo = super().clean(data, initial)
        if not arquivo:
            return None
        return verificar_arquivo(arquivo, tipos=(PDF,), limite=5 * MB)


class FormularioDeAdesao(forms.Form):
    representante_legal_nome = forms.CharField(label="Nome do representante legal", max_length=150)
    representante_legal_cpf = forms.CharField(
        label="CPF do representante legal", max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "000.000.000-00"}),
    )
    representante_legal_cargo = forms.CharField(label="Cargo", max_length=100)
    regime = forms.ChoiceField(label="Regime previdenciário da entidade", choices=RegimePrevidenciario.choices,
                               widget=forms.RadioSelect)
    aceite_minuta = forms.BooleanField(label="Aceito formalmente os termos da minuta do ACT", required=False)
    aceite_plano_de_trabalho = forms.BooleanField(label="Aceito formalmente o Plano de Trabalho", required=False)

    def clean_representante_legal_cpf(self):
        return normalizar_cpf(self.cleaned_data["representante_legal_cpf"])


class FormularioDeDocumentosDaAdesao(forms.Form):
    """Um campo por documento da seed 002; o que já foi enviado não precisa ir de novo."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for tipo in TipoDocumentoAdesao:
            if tipo != TipoDocumentoAdesao.ADICIONAL:
                self.fields[tipo.value] = CampoPDF(label=tipo.label)

    @property
    def documentos(self) -> list[DocumentoNovo]:
        return [DocumentoNovo(tipo=nome, verificado=valor) for nome, valor in self.cleaned_data.items() if valor]


class FormularioDeResposta(forms.Form):
    resposta = forms.CharField(label="Resposta", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    documento = CampoPDF(label="Documento pedido")

    @property
    def documentos(self) -> list[DocumentoNovo]:
        valor = self.cleaned_data.get("documento")
        return [DocumentoNovo(tipo=TipoDocumentoAdesao.ADICIONAL, verificado=valor)] if valor else []


class FormularioDePedido(forms.Form):
    texto = forms.CharField(label="Quais documentos a entidade deve enviar?", widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Diga quais documentos a entidade deve enviar."})


class FormularioDeRecusaDaAdesao(forms.Form):
    motivo = forms.CharField(label="Motivo da recusa", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Diga por que a adesão é recusada."})


class FormularioDeAprovacao(forms.Form):
    processo_sei = forms.CharField(
        label="Processo SEI", max_length=20, help_text="No formato NNNNN.NNNNNN/AAAA-DV.",
        widget=forms.TextInput(attrs={"placeholder": "00000.000000/0000-00"}),
    )
    vigencia_inicio = forms.DateField(label="Início da vigência", widget=forms.DateInput(attrs={"type": "date"}),
                                      error_messages={"invalid": "Data inválida."})
    vigencia_fim = forms.DateField(label="Fim da vigência", widget=forms.DateInput(attrs={"type": "date"}),
                                   error_messages={"invalid": "Data inválida."})
    servicos = forms.ModelMultipleChoiceField(
        label="Serviços pactuados", queryset=Servico.objects.filter(ativo=True), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Escolha ao menos um serviço pactuado."},
    )
    plano_de_trabalho = forms.CharField(label="Plano de trabalho (resumo)", required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))

    def clean_processo_sei(self):
        return normalizar_processo_sei(self.cleaned_data["processo_sei"])

    def clean(self):
        dados = super().clean()
        inicio, fim = dados.get("vigencia_inicio"), dados.get("vigencia_fim")
        if inicio and fim and fim <= inicio:
            raise ValidationError("O fim da vigência tem de ser depois do início.")
        return dados


class FormularioDeSolicitacao(forms.Form):
    tipo = forms.ChoiceField(label="O que a entidade pede", choices=TipoSolicitacao.choices)
    descricao = forms.CharField(label="Descrição", widget=forms.Textarea(attrs={"rows": 3}),
                                error_messages={"required": "Descreva a solicitação."})
    servicos = forms.ModelMultipleChoiceField(
        label="Serviços a incluir (para inclusão de serviços)", required=False,
        queryset=Servico.objects.filter(ativo=True), widget=forms.CheckboxSelectMultiple,
    )
    nova_vigencia_fim = forms.DateField(label="Novo fim da vigência (para prorrogação)", required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}),
                                        error_messages={"invalid": "Data inválida."})


class FormularioDeDecisao(forms.Form):
    decisao = forms.CharField(label="Decisão ou resposta à entidade", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Escreva a decisão ou a resposta à entidade."})
    documento_sei = forms.CharField(label="Documento SEI (número)", required=False, max_length=40)


class FormularioDeCessao(forms.Form):
    entidade = forms.ModelChoiceField(label="Entidade (órgão público)", queryset=None,
                                      error_messages={"required": "Escolha a entidade.",
                                                      "invalid_choice": "Escolha uma entidade da sua região."})
    endereco = forms.CharField(label="Endereço do imóvel", max_length=200,
                               error_messages={"required": "Informe o endereço do imóvel."})
    descricao = forms.CharField(label="Descrição (espaço, equipamentos)", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    inicio = forms.DateField(label="Início", widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={"required": "Informe o início.", "invalid": "Data inválida."})
    meses = forms.IntegerField(label="Prazo em meses (até 24)", min_value=1,
                               error_messages={"required": "Informe o prazo em meses.",
                                               "invalid": "Informe um número inteiro de meses.",
                                               "min_value": "O prazo é de ao menos 1 mês."})

    def __init__(self, *args, entidades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entidade"].queryset = entidades


class FormularioDeRenovacao(forms.Form):
    meses = forms.IntegerField(label="Prazo da renovação em meses (até 24)", min_value=1,
                               error_messages={"required": "Informe o prazo em meses.",
                                               "invalid": "Informe um número inteiro de meses.",
                                               "min_value": "O prazo é de ao menos 1 mês."})
