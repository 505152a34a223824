import uuid
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.arquivos import JPEG, MB, PDF, PNG, verificar_arquivo
from portal.validadores import normalizar_cpf
from suporte.catalogo import ITEM_CADASTRAMENTO_DE_REPRESENTANTES
from suporte.models import CategoriaAnexo, ItemCatalogo, StatusChamado
from suporte.services import AnexoNovo, anexos_que_faltam

LIMITE_POR_ARQUIVO = 5 * MB
TIPOS_DE_ANEXO = (PNG, JPEG, PDF)
AJUDA_DE_ANEXO = "PNG, JPEG ou PDF, até 5 MB cada."


class VariosArquivos(forms.ClearableFileInput):
    allow_multiple_selected = True


class CampoDeArquivos(forms.FileField):
    """Vários arquivos num campo, cada um conferido pelo conteúdo (PNG, JPEG ou PDF, até 5 MB)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", VariosArquivos(attrs={"accept": ".png,.jpg,.jpeg,.pdf"}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", AJUDA_DE_ANEXO)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        arquivos = [a for a in (data if isinstance(data, list | tuple) else [data]) if a]
        if self.required and not arquivos:
            raise ValidationError(self.error_messages["required"], code="required")
        verificados, erros = [], []
        for arquivo in arquivos:
            try:
                verificados.append(verificar_arquivo(arquivo, tipos=TIPOS_DE_ANEXO, limite=LIMITE_POR_ARQUIVO))
            except ValidationError as erro:
                erros.extend(erro.messages)
        if erros:
            raise ValidationError(erros)
        return verificados


def _anexos(campos: dict, dados: dict) -> list[AnexoNovo]:
    return [AnexoNovo(categoria=categoria, verificado=v) for nome, categoria in campos.items()
            for v in dados.get(nome) or []]


class FormularioDeChamado(forms.Form):
    # Repetido o envio (duplo clique, recarga), a mesma chave devolve o chamado já aberto.
    chave = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    titulo = forms.CharField(label="Título", max_length=200,
                             error_messages={"required": "Dê um título ao chamado."})
    descricao = forms.CharField(label="Descrição", widget=forms.Textarea(attrs={"rows": 6}),
                                error_messages={"required": "Descreva o que aconteceu ou o que precisa."})
    cpf_representante = forms.CharField(
        label="CPF do representante a cadastrar", max_length=14, required=False, help_text="Com ou sem pontuação.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    telas_de_erro = CampoDeArquivos(label="Telas do erro")
    tcms = CampoDeArquivos(label="TCMS – Termo de Compromisso de Manutenção de Sigilo")
    identidade = CampoDeArquivos(label="Cópia de documento de identificação")
    declaracao_pep = CampoDeArquivos(label="Declaração de Participação emitida pela Escola PEP")
    outros = CampoDeArquivos(label="Outros anexos")

    CATEGORIAS = {
        "telas_de_erro": CategoriaAnexo.TELA_DE_ERRO,
        "tcms": CategoriaAnexo.TCMS,
        "identidade": CategoriaAnexo.IDENTIDADE,
        "declaracao_pep": CategoriaAnexo.DECLARACAO_PEP,
        "outros": CategoriaAnexo.OUTRO,
    }
    CAMPO_DA_CATEGORIA = {categoria: campo for campo, categoria in CATEGORIAS.items()}

    def __init__(self, *args, item: ItemCatalogo, entidade, **kwargs):
        super().__init__(*args, **kwargs)
        self.item, self.entidade = item, entidade
        if item.exige_tela_de_erro:
            self.fields["telas_de_erro"].help_text = (
                "Obrigatório neste item: ao menos uma imagem do erro. " + AJUDA_DE_ANEXO
            )
        else:
            del self.fields["telas_de_erro"]
        if item.numero == ITEM_CADASTRAMENTO_DE_REPRESENTANTES:
            self.fields["cpf_representante"].required = True
            self.fields["cpf_representante"].error_messages["required"] = "Informe o CPF do representante."
            for campo in ("tcms", "identidade", "declaracao_pep"):
                self.fields[campo].help_text = (
                    "Obrigatório se o representante já for vinculado a outra entidade. " + AJUDA_DE_ANEXO
                )
        else:
            for campo in ("cpf_representante", "tcms", "identidade", "declaracao_pep"):
                del self.fields[campo]

    def clean_cpf_representante(self):
        valor = self.cleaned_data.get("cpf_representante", "")
        return normalizar_cpf(valor) if valor else ""

    def clean(self):
        dados = super().clean()
        if self.errors:
            return dados
        presentes = {self.CATEGORIAS[c] for c in self.CATEGORIAS if c in self.fields and dados.get(c)}
        faltam = anexos_que_faltam(
            item=self.item, entidade=self.entidade, cpf_representante=dados.get("cpf_representante", ""),
            categorias=presentes,
        )
        for categoria, mensagem in faltam:
            self.add_error(self.CAMPO_DA_CATEGORIA[categoria], mensagem)
        return dados

    @property
    def anexos(self) -> list[AnexoNovo]:
        return _anexos({c: cat for c, cat in self.CATEGORIAS.items() if c in self.fields}, self.cleaned_data)


class _ComAnexos(forms.Form):
    anexos = CampoDeArquivos(label="Anexos")

    @property
    def lista_de_anexos(self) -> list[AnexoNovo]:
        return _anexos({"anexos": CategoriaAnexo.OUTRO}, self.cleaned_data)


class FormularioDeAcompanhamento(_ComAnexos):
    texto = forms.CharField(label="Mensagem", widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": "Escreva a mensagem."})
    interno = forms.BooleanField(label="Nota interna (a entidade não vê)", required=False)
    field_order = ["texto", "interno", "anexos"]

    def __init__(self, *args, pelo_inss: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not pelo_inss:
            del self.fields["interno"]


class FormularioDeSolucao(_ComAnexos):
    solucao = forms.CharField(label="Solução", widget=forms.Textarea(attrs={"rows": 5}),
                              error_messages={"required": "Descreva a solução dada."})
    field_order = ["solucao", "anexos"]


class FormularioDeRecusa(_ComAnexos):
    motivo = forms.CharField(label="Por que a solução não atende?", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "O motivo é obrigatório para recusar a solução."})
    field_order = ["motivo", "anexos"]


class FormularioDeAprovacao(forms.Form):
    comentario = forms.CharField(label="Comentário (opcional)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))


class FormularioDePendencia(forms.Form):
    texto = forms.CharField(label="O que a entidade precisa enviar ou responder?",
                            widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages={"required": "Diga o que a entidade precisa fazer."})


class FormularioDeAtribuicao(forms.Form):
    tecnico = forms.ModelChoiceField(label="Técnico", queryset=None, empty_label=None,
                                     error_messages={"invalid_choice": "Escolha um técnico do grupo."})

    def __init__(self, *args, tecnicos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tecnico"].queryset = tecnicos
        self.fields["tecnico"].label_from_instance = lambda pessoa: pessoa.nome


class CampoDataHora(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"])
        super().__init__(*args, **kwargs)


class FormularioDeIndisponibilidade(forms.Form):
    sistemas = forms.CharField(label="Sistemas indisponíveis", max_length=200,
                               initial="Portal de Atendimento (novorequerimento.inss.gov.br)")
    inicio = CampoDataHora(label="Início", error_messages={"required": "Informe o início.",
                                                           "invalid": "Data e hora inválidas."})
    fim = CampoDataHora(label="Fim", error_messages={"required": "Informe o fim.",
                                                     "invalid": "Data e hora inválidas."})
    descricao = forms.CharField(label="Descrição da indisponibilidade confirmada",
                                widget=forms.Textarea(attrs={"rows": 4}),
                                error_messages={"required": "Descreva a indisponibilidade."})

    def clean(self):
        dados = super().clean()
        inicio, fim = dados.get("inicio"), dados.get("fim")
        if inicio and fim:
            if fim <= inicio:
                self.add_error("fim", "O fim tem de ser depois do início.")
            elif fim > timezone.now():
                self.add_error("fim", "O fim não pode estar no futuro: certifica-se indisponibilidade já encerrada.")
        return dados


class FiltroDaFila(forms.Form):
    STATUS = [("abertos", "Em atendimento"), ("", "Todos"), *StatusChamado.choices]
    ATRIBUICAO = [("", "Todos"), ("sem_tecnico", "Sem técnico")]
    status = forms.ChoiceField(label="Status", choices=STATUS, required=False, initial="abertos")
    item = forms.TypedChoiceField(label="Item do catálogo", coerce=int, required=False, empty_value=None)
    entidade = forms.CharField(label="Entidade (nome ou CNPJ)", required=False, max_length=100)
    idade = forms.TypedChoiceField(
        label="Aberto há", coerce=int, required=False, empty_value=None,
        choices=[("", "Qualquer idade"), ("2", "mais de 2 dias"), ("7", "mais de 7 dias"), ("30", "mais de 30 dias")],
    )
    texto = forms.CharField(label="Código ou texto", required=False, max_length=100)
    atribuicao = forms.ChoiceField(label="Atribuição", choices=ATRIBUICAO, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "Todos")] + [
            (i.numero, f"{i.numero}. {i.caminho}") for i in ItemCatalogo.objects.order_by("numero")
        ]


class PeriodoDasMedidas(forms.Form):
    inicio = forms.DateField(label="De", widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={"invalid": "Data inválida."})
    fim = forms.DateField(label="Até", widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": "Data inválida."})

    def __init__(self, dados=None):
        hoje = timezone.localdate()
        super().__init__(dados or None, initial={"inicio": hoje - timedelta(days=30), "fim": hoje})

    def clean(self):
        dados = super().clean()
        if dados.get("inicio") and dados.get("fim") and dados["fim"] < dados["inicio"]:
            self.add_error("fim", "O fim do período tem de ser depois do início.")
        return dados
