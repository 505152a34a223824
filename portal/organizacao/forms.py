from django import forms
from django.urls import reverse_lazy

from portal.organizacao.models import UF
from portal.organizacao.selectors import municipios_da_uf


class EscolhaDeMunicipio(forms.Form):
    """UF e município da lista real do IBGE, para os formulários que pedem um endereço ou uma sede.

    A troca da UF traz os municípios pelo htmx; sem JavaScript, a página tem um botão que reenvia o formulário
    só para carregar os municípios (o resto do que foi digitado volta). O município vem de `data` ou, quando a
    view só recarrega, de `initial`. `MUNICIPIO_OBRIGATORIO` e `MENSAGEM_DA_UF` ajustam a cada formulário."""

    MUNICIPIO_OBRIGATORIO = True
    MENSAGEM_DA_UF = "Escolha a UF."

    uf = forms.ChoiceField(label="UF", choices=())
    municipio = forms.ChoiceField(label="Município", choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        uf, municipio = self.fields["uf"], self.fields["municipio"]
        uf.required = municipio.required = self.MUNICIPIO_OBRIGATORIO
        uf.error_messages.update({"required": self.MENSAGEM_DA_UF, "invalid_choice": "Escolha uma UF da lista."})
        uf.choices = [("", "Escolha a UF"), *((u.sigla, f"{u.sigla} — {u.nome}") for u in UF.objects.order_by("sigla"))]
        uf.widget.attrs.update({
            "hx-get": reverse_lazy("organizacao:municipios"), "hx-target": f"#{self.auto_id % 'municipio'}"
            if self.auto_id else "#id_municipio", "hx-swap": "innerHTML", "hx-trigger": "change",
        })
        self.uf_escolhida = str((self.data if self.is_bound else self.initial).get(self.add_prefix("uf"), "")
                                or (self.initial.get("uf") or ""))[:2].upper()
        municipios = list(municipios_da_uf(self.uf_escolhida).values_list("codigo_ibge", "nome")) \
            if self.uf_escolhida.isalpha() else []  # só letras: um NUL quebraria a consulta no PostgreSQL
        municipio.choices = [("", "Escolha o município" if municipios else "Escolha primeiro a UF"), *municipios]
        municipio.error_messages.update({
            "required": "Escolha o município." if municipios else "Escolha a UF e depois o município.",
            "invalid_choice": f"O município escolhido não é de {self.uf_escolhida}: escolha um município desta UF."
            if municipios else "Escolha a UF e depois o município.",
        })

    def clean_municipio(self):
        from portal.organizacao.models import Municipio

        codigo = self.cleaned_data["municipio"]
        return Municipio.objects.select_related("uf__sr").get(pk=codigo) if codigo else None
