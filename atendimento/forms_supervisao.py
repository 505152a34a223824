from django import forms
from django.core.exceptions import ValidationError

from atendimento.models_supervisao import RespostaDoItem
from atendimento.selectors_supervisao import servidores_da_sr
from atendimento.supervisao_catalogo import ITENS
from portal.arquivos import JPEG, MB, PNG, verificar_arquivo

LIMITE_DA_IMAGEM = 5 * MB


class FormularioDeDesignacao(forms.Form):
    responsavel = forms.ModelChoiceField(
        label="Responsável pela supervisão", queryset=None, empty_label="Escolha o(a) servidor(a)",
        error_messages={"required": "Escolha quem vai supervisionar a APS.",
                        "invalid_choice": "Escolha um(a) servidor(a) da lista."},
        help_text="Servidores com lotação ativa na Superintendência da APS.",
    )
    execucao_na_aps = forms.BooleanField(
        label="Configurar o serviço para execução na APS (supervisão pelo gerente da APS ou por servidor por ele "
              "designado)", required=False,
        help_text="A exceção da Portaria 916/2021: marque quando o(a) responsável é lotado(a) na própria APS.",
    )

    def __init__(self, *args, aps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsavel"].queryset = servidores_da_sr(aps.gex.sr_id)
        self.fields["responsavel"].label_from_instance = lambda pessoa: pessoa.nome


class VariasImagens(forms.ClearableFileInput):
    allow_multiple_selected = True


class CampoDeImagens(forms.FileField):
    """As imagens da visita, cada uma conferida pelo conteúdo (PNG ou JPEG, até 5 MB)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", VariasImagens(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        verificados, erros = [], []
        for arquivo in (a for a in (data if isinstance(data, list | tuple) else [data]) if a):
            try:
                verificados.append(verificar_arquivo(arquivo, tipos=(PNG, JPEG), limite=LIMITE_DA_IMAGEM))
            except ValidationError as erro:
                erros.extend(erro.messages)
        if erros:
            raise ValidationError(erros)
        return verificados


def nome_da_resposta(codigo: str) -> str:
    return f"resposta_{codigo}"


def nome_das_observacoes(codigo: str) -> str:
    return f"observacoes_{codigo}"


class FormularioDaSupervisao(forms.Form):
    """Os campos adicionais da tarefa, um par (resposta, observações) por item, e as imagens. Nada é
    obrigatório aqui: o rascunho guarda o que houver; a conclusão é que exige tudo (o serviço diz o que falta)."""

    imagens = CampoDeImagens(label="Imagens da supervisão realizada",
                             help_text="PNG ou JPEG, até 5 MB cada; pode escolher várias.")

    def __init__(self, *args, respostas=(), **kwargs):
        gravadas = {r.item: r for r in respostas}
        kwargs.setdefault("initial", {})
        for item in ITENS:
            if item.codigo in gravadas:
                kwargs["initial"][nome_da_resposta(item.codigo)] = gravadas[item.codigo].resposta
                kwargs["initial"][nome_das_observacoes(item.codigo)] = gravadas[item.codigo].observacoes
        super().__init__(*args, **kwargs)
        for item in ITENS:
            self.fields[nome_da_resposta(item.codigo)] = forms.ChoiceField(
                label=item.pergunta, choices=RespostaDoItem.choices, required=False, widget=forms.RadioSelect)
            self.fields[nome_das_observacoes(item.codigo)] = forms.CharField(
                label="Observações", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def itens(self):
        """Para o template: cada item com o seu campo de resposta e o de observações."""
        for item in ITENS:
            yield item, self[nome_da_resposta(item.codigo)], self[nome_das_observacoes(item.codigo)]

    @property
    def respostas(self) -> dict[str, tuple[str, str]]:
        # Um item com campo recusado fica de fora: gravá-lo como vazio apagaria o que já estava salvo.
        return {item.codigo: (self.cleaned_data.get(nome_da_resposta(item.codigo)) or "",
                              self.cleaned_data.get(nome_das_observacoes(item.codigo)) or "") for item in ITENS
                if nome_da_resposta(item.codigo) not in self.errors
                and nome_das_observacoes(item.codigo) not in self.errors}
