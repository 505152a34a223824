"""A etapa da autodeclaração do segurado especial no assistente do requerimento: a produção, os períodos de
atividade rural e o grupo familiar. Formulários simples (não de modelo): nada é gravado até o serviço
`autodeclaracao_salvar` receber `FormulariosDaAutodeclaracao.dados`.

Sem JavaScript: os botões `mais_periodos` e `mais_membros` enviam o formulário e ele volta com uma linha vazia a
mais, com o que foi digitado e sem erros (a pessoa ainda está preenchendo). Uso no assistente:

    formularios = formularios_da_autodeclaracao(request.POST)
    if formularios.is_valid():  # False também quando o envio só pediu mais uma linha (formularios.mais_linhas)
        autodeclaracao_salvar(requerimento=requerimento, por=request.user, **formularios.dados)
    contexto = formularios.contexto   # form_autodeclaracao, periodos, membros
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone

from atendimento.models import AtividadeRural, CondicaoNoImovel, Parentesco
from atendimento.services.autodeclaracao import (
    membro_problemas,
    membros_problemas,
    periodo_problemas,
    periodos_problemas,
)
from portal.entidades.forms import CampoDeData
from portal.organizacao.carga import UFS
from portal.organizacao.models import Municipio
from portal.validadores import normalizar_cpf

MAX_PERIODOS = 30
MAX_MEMBROS = 20
PREFIXO_PRODUCAO = "autodeclaracao"
PREFIXO_PERIODOS = "periodos"
PREFIXO_MEMBROS = "membros"
BOTAO_MAIS_PERIODOS = "mais_periodos"
BOTAO_MAIS_MEMBROS = "mais_membros"


def _com_selecione(opcoes) -> list:
    return [("", "Selecione"), *opcoes]


UF_OPCOES = _com_selecione(sorted((sigla, f"{sigla} — {nome}") for sigla, (_, nome, _) in UFS.items()))


def _chave(nome: str) -> str:
    # "Sao Joao d'Alianca", "São João D'Aliança" e "sao joao dalianca" são o mesmo município.
    sem_acento = unicodedata.normalize("NFKD", nome)
    return "".join(c for c in sem_acento if c.isalnum()).casefold()


def municipio_encontrar(uf: str, texto: str) -> Municipio:
    """O município da UF pelo nome (sem depender de acentos e maiúsculas) ou pelo código IBGE de 7 dígitos;
    ValidationError com a mensagem para a pessoa se não há."""
    texto = " ".join(texto.split())
    if texto.isdigit():
        if len(texto) != 7:
            raise ValidationError("O código IBGE do município tem 7 dígitos; confira o número ou informe o nome.")
        municipio = Municipio.objects.filter(pk=texto).first()
        if municipio is None:
            raise ValidationError(f"Não há município com o código IBGE {texto}; confira o número ou informe o nome.")
        if municipio.uf_id != uf:
            raise ValidationError(f"O código IBGE {texto} é de {municipio}, não de {uf}; confira a UF ou o código.")
        return municipio
    municipio = Municipio.objects.filter(uf_id=uf, nome__iexact=texto).first()
    if municipio is not None:
        return municipio
    chave = _chave(texto)
    for candidato in Municipio.objects.filter(uf_id=uf).only("codigo_ibge", "nome", "uf"):
        if _chave(candidato.nome) == chave:
            return candidato
    raise ValidationError(
        f"Município “{texto}” não encontrado em {UFS[uf][1]}: confira o nome (por exemplo, “Campinas”) e a UF, "
        "ou informe o código IBGE de 7 dígitos."
    )


class FormularioDeProducao(forms.Form):
    producao = forms.CharField(
        label="Produção: o que produz e o destino (consumo da família, venda, troca)",
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Por exemplo: milho, feijão e leite; parte para o consumo da família, o excedente vendido na "
        "feira do município.",
        error_messages={"required": "Descreva a produção: o que a família produz e o que faz com ela."},
    )


class FormularioDePeriodo(forms.Form):
    inicio = CampoDeData(label="Início")
    fim = CampoDeData(label="Fim", help_text="Se a atividade continua, a data de hoje.")
    atividade = forms.ChoiceField(label="Atividade", choices=_com_selecione(AtividadeRural.choices))
    imovel = forms.CharField(
        label="Imóvel (denominação)", max_length=120,
        help_text="Nome do sítio, da fazenda, do lote ou do assentamento; na pesca, o local de pesca ou a embarcação.",
    )
    uf = forms.ChoiceField(label="UF do imóvel", choices=UF_OPCOES)
    municipio = forms.CharField(label="Município do imóvel", max_length=60,
                                help_text="O nome, ou o código IBGE de 7 dígitos.")
    area_hectares = forms.DecimalField(
        label="Área (hectares)", max_digits=9, decimal_places=2, required=False, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text="Use vírgula para os decimais, como 2,5. Na pesca artesanal, pode ficar em branco.",
        error_messages={"invalid": "Informe a área em hectares, só com números, como 2,5."},
    )
    condicao = forms.ChoiceField(label="Condição no imóvel", choices=_com_selecione(CondicaoNoImovel.choices))
    proprietario = forms.CharField(
        label="Nome do proprietário", max_length=150, required=False,
        help_text="Obrigatório quando a pessoa não é a dona do imóvel (ou da embarcação); para assentados, o INCRA "
        "ou o órgão de terras.",
    )

    def clean(self):
        dados = super().clean()
        if dados.get("uf") and dados.get("municipio"):
            try:
                dados["municipio"] = municipio_encontrar(dados["uf"], dados["municipio"])
            except ValidationError as erro:
                self.add_error("municipio", erro)
        for campo, mensagem in periodo_problemas(dados, hoje=timezone.localdate()).items():
            if campo not in self.errors:
                self.add_error(campo, mensagem)
        return dados


class FormularioDeMembro(forms.Form):
    nome = forms.CharField(label="Nome completo", max_length=150)
    cpf = forms.CharField(label="CPF", max_length=14, required=False, help_text="Opcional.")
    nascimento = CampoDeData(label="Data de nascimento")
    parentesco = forms.ChoiceField(label="Parentesco", choices=_com_selecione(Parentesco.choices))
    participa = forms.BooleanField(label="Participa da atividade rural", required=False, initial=True)

    def clean_cpf(self):
        cpf = self.cleaned_data["cpf"]
        return normalizar_cpf(cpf) if cpf.strip() else ""

    def clean(self):
        dados = super().clean()
        for campo, mensagem in membro_problemas(dados, hoje=timezone.localdate()).items():
            if campo not in self.errors:
                self.add_error(campo, mensagem)
        return dados


class _Linhas(forms.BaseFormSet):
    """Linhas vazias a mais são ignoradas; as que vieram do rascunho saem marcando "Remover"."""

    rotulo_remover = "Remover"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.rotulo_remover

    def preenchidas(self) -> list[tuple[int, dict]]:
        """(número na tela, dados) das linhas com dados e não removidas; depois da validação."""
        return [
            (numero, {campo: valor for campo, valor in form.cleaned_data.items() if campo != "DELETE"})
            for numero, form in enumerate(self.forms, start=1)
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]

    def _com_erros(self) -> bool:
        return any(form.errors for form in self.forms
                   if not (getattr(form, "cleaned_data", {}) or {}).get("DELETE"))


class FormsetDePeriodos(_Linhas):
    rotulo_remover = "Remover este período"
    default_error_messages = {"too_many_forms": f"Informe no máximo {MAX_PERIODOS} períodos."}

    def clean(self):
        if self._com_erros():
            return  # cada linha mostra o seu erro; a ordem e a sobreposição se conferem com as datas certas
        linhas = self.preenchidas()
        problemas = periodos_problemas([dados for _, dados in linhas], numeros=[numero for numero, _ in linhas])
        if problemas:
            raise ValidationError(problemas)


class FormsetDeMembros(_Linhas):
    rotulo_remover = "Remover este membro"
    default_error_messages = {"too_many_forms": f"Informe no máximo {MAX_MEMBROS} membros do grupo familiar."}

    def clean(self):
        if self._com_erros():
            return
        linhas = self.preenchidas()
        problemas = membros_problemas([dados for _, dados in linhas], numeros=[numero for numero, _ in linhas])
        if problemas:
            raise ValidationError(problemas)


PeriodosFormSet = forms.formset_factory(
    FormularioDePeriodo, formset=FormsetDePeriodos, extra=1, can_delete=True, can_delete_extra=False,
    max_num=MAX_PERIODOS, validate_max=True,
)
MembrosFormSet = forms.formset_factory(
    FormularioDeMembro, formset=FormsetDeMembros, extra=1, can_delete=True, can_delete_extra=False,
    max_num=MAX_MEMBROS, validate_max=True,
)


def _sem_erros(formulario: forms.Form) -> None:
    # Só para mostrar de novo: o Django não oferece "ligado, mas ainda não validado". Os valores vêm dos dados
    # enviados (BoundField.value), então tudo o que foi digitado volta como estava.
    formulario._errors = ErrorDict()
    formulario.cleaned_data = {}


@dataclass
class FormulariosDaAutodeclaracao:
    form_autodeclaracao: FormularioDeProducao
    periodos: FormsetDePeriodos
    membros: FormsetDeMembros
    mais_linhas: bool = False  # o envio só pediu mais uma linha: mostrar de novo, sem validar nem gravar

    def is_valid(self) -> bool:
        if self.mais_linhas:
            return False
        # Os três validados (lista, não gerador): todos os erros aparecem de uma vez.
        return all([self.form_autodeclaracao.is_valid(), self.periodos.is_valid(), self.membros.is_valid()])

    @property
    def dados(self) -> dict:
        """producao, periodos e membros para `autodeclaracao_salvar`, depois de `is_valid()`."""
        return {
            "producao": self.form_autodeclaracao.cleaned_data["producao"],
            "periodos": [dados for _, dados in self.periodos.preenchidas()],
            "membros": [dados for _, dados in self.membros.preenchidas()],
        }

    @property
    def contexto(self) -> dict:
        """O contexto de templates/atendimento/_autodeclaracao_form.html."""
        return {"form_autodeclaracao": self.form_autodeclaracao, "periodos": self.periodos, "membros": self.membros}


def pediu_mais_linhas(data) -> bool:
    return BOTAO_MAIS_PERIODOS in data or BOTAO_MAIS_MEMBROS in data


def formularios_da_autodeclaracao(
    data=None, *, producao: str = "", periodos: Sequence[dict] = (), membros: Sequence[dict] = (),
) -> FormulariosDaAutodeclaracao:
    """Sem `data`: os formulários para preencher, com o que o rascunho já tem (`producao, periodos, membros`
    de `autodeclaracao_dados_iniciais`). Com `data` (request.POST): ligados ao que foi enviado; se o envio foi
    por um botão "Acrescentar", com uma linha vazia a mais e sem erros mostrados."""
    if data is None:
        return FormulariosDaAutodeclaracao(
            form_autodeclaracao=FormularioDeProducao(prefix=PREFIXO_PRODUCAO, initial={"producao": producao}),
            periodos=PeriodosFormSet(prefix=PREFIXO_PERIODOS, initial=list(periodos) or None),
            membros=MembrosFormSet(prefix=PREFIXO_MEMBROS, initial=list(membros) or None),
        )
    mais_linhas = pediu_mais_linhas(data)
    if mais_linhas:
        data = data.copy()
        for botao, prefixo, maximo in ((BOTAO_MAIS_PERIODOS, PREFIXO_PERIODOS, MAX_PERIODOS),
                                       (BOTAO_MAIS_MEMBROS, PREFIXO_MEMBROS, MAX_MEMBROS)):
            chave = f"{prefixo}-TOTAL_FORMS"
            if botao in data and str(data.get(chave, "")).isdigit():
                data[chave] = str(min(int(data[chave]) + 1, maximo))
    formularios = FormulariosDaAutodeclaracao(
        form_autodeclaracao=FormularioDeProducao(data, prefix=PREFIXO_PRODUCAO),
        periodos=PeriodosFormSet(data, prefix=PREFIXO_PERIODOS),
        membros=MembrosFormSet(data, prefix=PREFIXO_MEMBROS),
        mais_linhas=mais_linhas,
    )
    if mais_linhas:
        _sem_erros(formularios.form_autodeclaracao)
        for formset in (formularios.periodos, formularios.membros):
            for formulario in formset.forms:
                _sem_erros(formulario)
            formset._errors = [ErrorDict() for _ in formset.forms]
            formset._non_form_errors = formset.error_class(error_class="nonform", renderer=formset.renderer)
    return formularios
