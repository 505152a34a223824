from django import forms


class FormularioDeVerificacao(forms.Form):
    codigo = forms.CharField(
        label="Código verificador",
        max_length=20,
        help_text="Os 10 dígitos do rodapé do documento.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Informe o código verificador que aparece no rodapé do documento."},
    )
    crc = forms.CharField(
        label="Código CRC",
        max_length=8,
        help_text="As 8 letras e números do rodapé, por exemplo A1B2C3D4.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "Informe o código CRC que aparece no rodapé do documento."},
    )
