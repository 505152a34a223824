from django import forms

from portal.acordos.models import StatusAcordo


class FiltroDoPainel(forms.Form):
    busca = forms.CharField(label="Entidade, município ou CNPJ", max_length=100, required=False)
    uf = forms.ChoiceField(label="UF", required=False)
    status = forms.ChoiceField(label="Situação do acordo", required=False,
                               choices=[("", "Todas"), *StatusAcordo.choices])

    def __init__(self, *args, ufs: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uf"].choices = [("", "Todas"), *ufs]
        self.fields["uf"].error_messages["invalid_choice"] = "Escolha uma UF da sua região."
        self.fields["status"].error_messages["invalid_choice"] = "Escolha uma situação da lista."
