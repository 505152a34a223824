from django import forms

from portal.entidades.models import TipoEntidade


class FiltroDeEntidades(forms.Form):
    q = forms.CharField(label="Nome, CNPJ ou município", required=False, max_length=100)
    tipo = forms.ChoiceField(label="Tipo", required=False, choices=[("", "Todos"), *TipoEntidade.choices])
