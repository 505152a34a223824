from django import forms

from portal.arquivos import MB, PDF, verificar_arquivo
from portal.entidades.models import PapelRepresentante, TipoDocumentoDoVinculo, TipoEntidade
from portal.validadores import normalizar_cpf


class FiltroDeEntidades(forms.Form):
    q = forms.CharField(label="Nome, CNPJ ou município", required=False, max_length=100)
    tipo = forms.ChoiceField(label="Tipo", required=False, choices=[("", "Todos"), *TipoEntidade.choices])


class CampoDeData(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d/%m/%Y"])
        kwargs.setdefault("error_messages", {"invalid": "Informe uma data válida (dia/mês/ano)."})
        super().__init__(**kwargs)


class FormularioDeDadosDoRepresentante(forms.Form):
    nome = forms.CharField(label="Nome completo", max_length=150)
    email = forms.EmailField(label="E-mail", error_messages={"invalid": "Informe um e-mail válido."})
    telefone = forms.CharField(label="Telefone", max_length=20, required=False)
    papel = forms.ChoiceField(
        label="Papel", choices=PapelRepresentante.choices,
        help_text="Consulta só consulta; Autentica, Advogado e OAB protocolam requerimentos.",
    )
    gestor = forms.BooleanField(label="Gestor(a) da entidade", required=False)
    cadastrador = forms.BooleanField(label="Cadastrador(a) externo(a)", required=False)


def _pdf_verificado(arquivo):
    if not arquivo:
        return None
    return verificar_arquivo(arquivo, tipos=(PDF,), limite=5 * MB)


class FormularioDeRepresentante(FormularioDeDadosDoRepresentante):
    field_order = ["cpf", "nome", "email", "telefone", "papel", "gestor", "cadastrador", "valido_ate"]
    cpf = forms.CharField(label="CPF", max_length=14)
    valido_ate = CampoDeData(
        label="Acesso válido até", help_text="No máximo dois anos a partir de hoje.",
    )
    tcms = forms.FileField(
        label=TipoDocumentoDoVinculo.TCMS.label, required=False,
        help_text="PDF de até 5 MB. Obrigatório se a pessoa já representa outra entidade.",
    )
    identidade = forms.FileField(
        label=TipoDocumentoDoVinculo.IDENTIDADE.label, required=False,
        help_text="PDF de até 5 MB. Obrigatório se a pessoa já representa outra entidade.",
    )
    escola_pep = forms.FileField(
        label=TipoDocumentoDoVinculo.ESCOLA_PEP.label, required=False,
        help_text="PDF de até 5 MB. Obrigatório se a pessoa já representa outra entidade, a menos que a conclusão "
        "da Escola PEP dela já esteja registrada no portal.",
    )

    def clean_cpf(self):
        return normalizar_cpf(self.cleaned_data["cpf"])

    def clean_tcms(self):
        return _pdf_verificado(self.cleaned_data.get("tcms"))

    def clean_identidade(self):
        return _pdf_verificado(self.cleaned_data.get("identidade"))

    def clean_escola_pep(self):
        return _pdf_verificado(self.cleaned_data.get("escola_pep"))

    def documentos(self) -> dict:
        return {
            tipo.value: self.cleaned_data[tipo.value]
            for tipo in TipoDocumentoDoVinculo if self.cleaned_data.get(tipo.value)
        }


class FormularioDeProrrogacao(forms.Form):
    valido_ate = CampoDeData(label="Nova data de validade", help_text="No máximo dois anos a partir de hoje.")


class FormularioDeExclusao(forms.Form):
    motivo = forms.CharField(
        label="Motivo da exclusão do acesso", max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Por exemplo: a pessoa deixou a entidade.",
        error_messages={"required": "Informe o motivo da exclusão do acesso."},
    )


class FormularioDeCapacitacaoPEP(forms.Form):
    concluida_em = CampoDeData(label="Data de conclusão", help_text="A data que consta na declaração.")
    carga_horaria = forms.IntegerField(
        label="Carga horária (horas)", required=False, min_value=1, max_value=999,
        help_text="Opcional, como consta na declaração.",
        error_messages={"min_value": "Informe a carga horária em horas.", "max_value": "Carga horária grande demais."},
    )
    declaracao = forms.FileField(
        label=TipoDocumentoDoVinculo.ESCOLA_PEP.label, help_text="PDF de até 5 MB.",
        error_messages={"required": "Envie a declaração de participação em PDF."},
    )

    def clean_declaracao(self):
        return _pdf_verificado(self.cleaned_data.get("declaracao"))
