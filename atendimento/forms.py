"""Os formulários do protocolo de requerimentos, passo a passo. Cada campo com a sua mensagem em português;
o que foi digitado volta sempre, e os arquivos são conferidos um a um pelo serviço (que diz o motivo de cada
recusa sem perder os demais)."""

import uuid
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from atendimento.models import FORMULARIOS_ASSINADOS, TipoDocumentoRequerimento
from atendimento.services.protocolo import CAMPOS_OBRIGATORIOS_DO_CIDADAO
from portal.organizacao.forms import EscolhaDeMunicipio
from portal.validadores import normalizar_cpf, normalizar_nit, somente_digitos

AJUDA_DO_PDF = "Só PDF, até 5 MB por arquivo e 30 MB no requerimento inteiro."


class FormularioDeInicio(forms.Form):
    servico = forms.ModelChoiceField(
        label="Serviço", queryset=None, empty_label=None, widget=forms.RadioSelect,
        error_messages={"required": "Escolha o serviço que o cidadão quer requerer.",
                        "invalid_choice": "Escolha um dos serviços pactuados no acordo da entidade."},
    )
    chave = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, servicos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["servico"].queryset = servicos


class FormularioDoCidadao(EscolhaDeMunicipio):
    """Os dados do cidadão. "Salvar rascunho" guarda o que estiver certo no formato, mesmo incompleto;
    "Continuar" exige o que o protocolo exige."""

    MUNICIPIO_OBRIGATORIO = False
    MENSAGEM_DA_UF = "Escolha a UF do endereço."

    cidadao_cpf = forms.CharField(label="CPF", max_length=14, required=False,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    cidadao_nome = forms.CharField(label="Nome completo", max_length=150, required=False)
    cidadao_nascimento = forms.DateField(label="Data de nascimento", required=False,
                                         widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                         error_messages={"invalid": "Informe a data no formato dd/mm/aaaa."})
    cidadao_nit = forms.CharField(label="NIT/PIS (se tiver)", max_length=14, required=False,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    cidadao_telefone = forms.CharField(label="Telefone", max_length=20, required=False,
                                       widget=forms.TextInput(attrs={"inputmode": "tel"}))
    cidadao_email = forms.EmailField(label="E-mail (se tiver)", required=False,
                                     error_messages={"invalid": "Informe um e-mail válido (nome@exemplo.com.br)."})
    endereco_cep = forms.CharField(label="CEP", max_length=9, required=False,
                                   widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    endereco_logradouro = forms.CharField(label="Logradouro", max_length=150, required=False)
    endereco_numero = forms.CharField(label="Número", max_length=20, required=False)
    endereco_complemento = forms.CharField(label="Complemento", max_length=80, required=False)
    endereco_bairro = forms.CharField(label="Bairro", max_length=80, required=False)

    field_order = ["cidadao_cpf", "cidadao_nome", "cidadao_nascimento", "cidadao_nit", "cidadao_telefone",
                   "cidadao_email", "endereco_cep", "endereco_logradouro", "endereco_numero", "endereco_complemento",
                   "endereco_bairro", "uf", "municipio"]

    def __init__(self, *args, completo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.completo = completo

    def clean_cidadao_cpf(self):
        valor = self.cleaned_data["cidadao_cpf"]
        return normalizar_cpf(valor) if valor.strip() else ""

    def clean_cidadao_nit(self):
        valor = self.cleaned_data["cidadao_nit"]
        return normalizar_nit(valor) if valor.strip() else ""

    def clean_cidadao_nascimento(self):
        nascimento = self.cleaned_data["cidadao_nascimento"]
        if nascimento and nascimento > timezone.localdate():
            raise ValidationError("A data de nascimento não pode estar no futuro.")
        if nascimento and nascimento < date(1900, 1, 1):
            raise ValidationError("Confira a data de nascimento: o ano está antes de 1900.")
        return nascimento

    def clean_endereco_cep(self):
        cep = somente_digitos(self.cleaned_data["endereco_cep"])
        if cep and len(cep) != 8:
            raise ValidationError("O CEP tem 8 dígitos.")
        return cep

    def clean(self):
        dados = super().clean()
        if self.completo:
            campos = {**CAMPOS_OBRIGATORIOS_DO_CIDADAO, "municipio": "o município do endereço"}
            campos.pop("endereco_municipio")
            for campo, nome in campos.items():
                if campo not in self.errors and not dados.get(campo):
                    self.add_error(campo, f"Informe {nome} do cidadão para continuar.")
        return dados

    @property
    def dados_do_requerimento(self) -> dict:
        dados = {campo: valor for campo, valor in self.cleaned_data.items()
                 if campo.startswith(("cidadao_", "endereco_"))}
        dados["endereco_municipio"] = self.cleaned_data.get("municipio")
        return dados


def _campo_pdf(rotulo: str, ajuda: str = AJUDA_DO_PDF) -> forms.FileField:
    # O conteúdo é conferido pelo serviço (portal.arquivos): aqui só se recebe o arquivo.
    return forms.FileField(label=rotulo, required=False, help_text=ajuda,
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))


class FormularioDosFormulariosAssinados(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for tipo in FORMULARIOS_ASSINADOS:
            self.fields[tipo] = _campo_pdf(f"{TipoDocumentoRequerimento(tipo).label} assinado")


class FormularioDosDocumentosExigidos(forms.Form):
    def __init__(self, *args, exigidos, **kwargs):
        super().__init__(*args, **kwargs)
        self.exigidos = {f"exigido_{exigido.pk}": exigido for exigido in exigidos}
        for nome, exigido in self.exigidos.items():
            ajuda = f"{exigido.orientacao} {AJUDA_DO_PDF}".strip() if exigido.orientacao else AJUDA_DO_PDF
            rotulo = exigido.nome if exigido.obrigatorio else f"{exigido.nome} (se houver)"
            self.fields[nome] = _campo_pdf(rotulo, ajuda)
