from django import forms


class FormularioDeVerificacao(forms.Form):
    codigo = forms.CharField(
        label="Código verificador",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "0000000000"}),
        error_messages={"required": "Informe o código verificador que aparece no rodapé do documento."},
    )
    crc = forms.CharField(
        label="Código CRC",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "A1B2C3D4"}),
        error_messages={"required": "Informe o código CRC que aparece no rodapé do documento."},
    )
