from django import forms
from django.utils import timezone

from certificados import selectors_migracao as selectors
from certificados.models import LoteDaMigracaoA3
from portal.entidades.models import TipoEntidade


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


# --- Meu certificado A3 --------------------------------------------------------------------------------------


class FormularioDeCertificado(forms.Form):
    arquivo = forms.FileField(
        label="Certificado público (.cer, .crt ou .pem)",
        help_text=(
            "No gerenciador do token ou do cartão (ou no navegador, em Certificados), escolha o seu certificado A3 "
            "e use <strong>Exportar</strong> em formato .cer, .crt ou .pem (Base64 ou DER), <strong>sem a chave "
            "privada</strong>. Nunca envie arquivo .pfx ou .p12 nem a senha (PIN) do token: a chave privada não "
            "sai do token e não deve ser entregue a ninguém."
        ),
        error_messages={"required": "Escolha o arquivo do certificado público (.cer, .crt ou .pem)."},
        widget=forms.ClearableFileInput(attrs={"accept": ".cer,.crt,.pem,.der"}),
    )


# --- A transição para o A3 (art. 5º): comunicados, webinars e o monitoramento ---------------------------------------


class _CampoDaSR(forms.ModelChoiceField):
    def label_from_instance(self, sr):
        return f"{sr.nome} ({sr.numero})"


class _ComSR(forms.Form):
    """O público: uma SR do alcance de quem escreve; o administrador pode deixar "todas"."""

    def __init__(self, *args, srs, todas: bool, **kwargs):
        super().__init__(*args, **kwargs)
        campo = _CampoDaSR(queryset=srs, label="Superintendência Regional (público)", required=not todas,
                           empty_label="Todas as Superintendências Regionais" if todas else None,
                           error_messages={"required": "Escolha a Superintendência Regional.",
                                           "invalid_choice": "Escolha uma Superintendência Regional da lista."})
        self.fields["sr"] = campo
        # a SR vai primeiro no formulário
        self.order_fields(["sr", *[nome for nome in self.fields if nome != "sr"]])


class FormularioDeComunicado(_ComSR):
    titulo = forms.CharField(label="Título", max_length=200,
                             error_messages={"required": "Dê um título ao comunicado."})
    corpo = forms.CharField(label="Texto", widget=forms.Textarea(attrs={"rows": 8}),
                            help_text="O cronograma da SR e os próximos webinars entram no fim, automaticamente.",
                            error_messages={"required": "Escreva o texto do comunicado."})


class FormularioDeWebinario(_ComSR):
    titulo = forms.CharField(label="Título", max_length=200, error_messages={"required": "Dê um título ao webinar."})
    quando = forms.DateTimeField(
        label="Data e hora", input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Horário de Brasília.",
        error_messages={"required": "Informe a data e a hora.", "invalid": "Data e hora inválidas."})
    link = forms.URLField(label="Endereço da transmissão", max_length=200, assume_scheme="https",
                          error_messages={"required": "Informe o endereço da transmissão.",
                                          "invalid": "Informe um endereço válido, como https://…"})
    descricao = forms.CharField(label="Descrição", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_quando(self):
        quando = self.cleaned_data["quando"]
        if quando <= timezone.now():
            raise forms.ValidationError("Agende o webinar para uma data e hora futuras.")
        return quando


class FiltroDasPendentes(forms.Form):
    busca = forms.CharField(label="Entidade, município ou CNPJ", max_length=100, required=False)
    uf = forms.ChoiceField(label="UF", required=False)
    tipo = forms.ChoiceField(label="Tipo de entidade", required=False, choices=[("", "Todos"), *TipoEntidade.choices])
    lote = forms.ChoiceField(label="Lote do cronograma", required=False)

    def __init__(self, *args, ufs: list[tuple[str, str]], lotes: list[LoteDaMigracaoA3], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uf"].choices = [("", "Todas"), *ufs]
        self.fields["uf"].error_messages["invalid_choice"] = "Escolha uma UF da sua região."
        self.fields["tipo"].error_messages["invalid_choice"] = "Escolha um tipo da lista."
        self.fields["lote"].choices = [
            ("", "Todos"), *[(str(lote.pk), f"{lote.nome} ({lote.periodo})") for lote in lotes],
            (selectors.GRUPO_DESDE_O_INICIO, selectors.ROTULO_DESDE_O_INICIO),
            (selectors.GRUPO_SEM_LOTE, selectors.ROTULO_SEM_LOTE),
        ]
        self.fields["lote"].error_messages["invalid_choice"] = "Escolha um lote da lista."
