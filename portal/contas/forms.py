from allauth.account.forms import LoginForm
from django import forms

from portal.validadores import normalizar_cpf


class FormularioDeEntrada(LoginForm):
    """Entrada por CPF: aceita com ou sem máscara, confere os dígitos antes de consultar o banco."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.CharField(
            label="CPF",
            max_length=14,
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "username",
                    "inputmode": "numeric",
                    "autofocus": True,
                }
            ),
            error_messages={"required": "Informe o seu CPF."},
        )
        self.fields["password"].label = "Senha"
        self.fields["password"].error_messages["required"] = "Informe a sua senha."
        self.order_fields(["login", "password"])

    def clean_login(self) -> str:
        return normalizar_cpf(self.cleaned_data["login"])


class FormularioDeEscolhaDeEntidade(forms.Form):
    vinculo = forms.IntegerField(
        error_messages={"required": "Escolha uma entidade.", "invalid": "Escolha uma entidade."}
    )
