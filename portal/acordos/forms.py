from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from atendimento.models import Servico
from portal.acordos.models import RegimePrevidenciario, TipoDocumentoAdesao, TipoSolicitacao
from portal.acordos.services import ContaNova, DocumentoNovo
from portal.arquivos import MB, PDF, verificar_arquivo
from portal.contas.models import Usuario
from portal.entidades.models import TipoDocumentoDoVinculo, TipoEntidade
from portal.organizacao.forms import EscolhaDeMunicipio
from portal.validadores import normalizar_cnpj, normalizar_cpf, normalizar_processo_sei

AJUDA_PDF = "PDF, até 5 MB."


class CampoPDF(forms.FileField):
    """Um documento da adesão: PDF conferido pelo conteúdo, até 5 MB."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", AJUDA_PDF)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        arquivo = super().clean(data, initial)
        if not arquivo:
            return None
        return verificar_arquivo(arquivo, tipos=(PDF,), limite=5 * MB)


class FormularioDeAdesao(forms.Form):
    representante_legal_nome = forms.CharField(label="Nome do representante legal", max_length=150)
    representante_legal_cpf = forms.CharField(
        label="CPF do representante legal", max_length=14, help_text="Com ou sem pontuação.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    representante_legal_cargo = forms.CharField(label="Cargo", max_length=100)
    regime = forms.ChoiceField(label="Regime previdenciário da entidade", choices=RegimePrevidenciario.choices,
                               widget=forms.RadioSelect)
    aceite_minuta = forms.BooleanField(label="Aceito formalmente os termos da minuta do ACT", required=False)
    aceite_plano_de_trabalho = forms.BooleanField(label="Aceito formalmente o Plano de Trabalho", required=False)

    def clean_representante_legal_cpf(self):
        return normalizar_cpf(self.cleaned_data["representante_legal_cpf"])


class FormularioDeDocumentosDaAdesao(forms.Form):
    """Um campo por documento da seed 002; o que já foi enviado não precisa ir de novo."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for tipo in TipoDocumentoAdesao:
            if tipo != TipoDocumentoAdesao.ADICIONAL:
                self.fields[tipo.value] = CampoPDF(label=tipo.label)

    @property
    def documentos(self) -> list[DocumentoNovo]:
        return [DocumentoNovo(tipo=nome, verificado=valor) for nome, valor in self.cleaned_data.items() if valor]


class FormularioDeResposta(forms.Form):
    resposta = forms.CharField(label="Resposta", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    documento = CampoPDF(label="Documento pedido")

    @property
    def documentos(self) -> list[DocumentoNovo]:
        valor = self.cleaned_data.get("documento")
        return [DocumentoNovo(tipo=TipoDocumentoAdesao.ADICIONAL, verificado=valor)] if valor else []


class FormularioDePedido(forms.Form):
    texto = forms.CharField(label="Quais documentos a entidade deve enviar?", widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": "Diga quais documentos a entidade deve enviar."})


class FormularioDeRecusaDaAdesao(forms.Form):
    motivo = forms.CharField(label="Motivo da recusa", widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Diga por que a adesão é recusada."})


class FormularioDeAprovacao(forms.Form):
    processo_sei = forms.CharField(
        label="Processo SEI", max_length=20, help_text="No formato NNNNN.NNNNNN/AAAA-DV.",
    )
    vigencia_inicio = forms.DateField(label="Início da vigência", widget=forms.DateInput(attrs={"type": "date"}),
                                      error_messages={"invalid": "Data inválida."})
    vigencia_fim = forms.DateField(label="Fim da vigência", widget=forms.DateInput(attrs={"type": "date"}),
                                   error_messages={"invalid": "Data inválida."})
    servicos = forms.ModelMultipleChoiceField(
        label="Serviços pactuados", queryset=Servico.objects.filter(ativo=True), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Escolha ao menos um serviço pactuado."},
    )
    plano_de_trabalho = forms.CharField(label="Plano de trabalho (resumo)", required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))

    def clean_processo_sei(self):
        return normalizar_processo_sei(self.cleaned_data["processo_sei"])

    def clean(self):
        dados = super().clean()
        inicio, fim = dados.get("vigencia_inicio"), dados.get("vigencia_fim")
        if inicio and fim and fim <= inicio:
            raise ValidationError("O fim da vigência tem de ser depois do início.")
        return dados


class FormularioDeSolicitacao(forms.Form):
    tipo = forms.ChoiceField(label="O que a entidade pede", choices=TipoSolicitacao.choices)
    descricao = forms.CharField(label="Descrição", widget=forms.Textarea(attrs={"rows": 3}),
                                error_messages={"required": "Descreva a solicitação."})
    servicos = forms.ModelMultipleChoiceField(
        label="Serviços a incluir (para inclusão de serviços)", required=False,
        queryset=Servico.objects.filter(ativo=True), widget=forms.CheckboxSelectMultiple,
    )
    nova_vigencia_fim = forms.DateField(label="Novo fim da vigência (para prorrogação)", required=False,
                                        widget=forms.DateInput(attrs={"type": "date"}),
                                        error_messages={"invalid": "Data inválida."})


class FormularioDeDecisao(forms.Form):
    decisao = forms.CharField(label="Decisão ou resposta à entidade", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Escreva a decisão ou a resposta à entidade."})
    documento_sei = forms.CharField(label="Documento SEI (número)", required=False, max_length=40)


class FormularioDeCessao(forms.Form):
    entidade = forms.ModelChoiceField(label="Entidade (órgão público)", queryset=None,
                                      error_messages={"required": "Escolha a entidade.",
                                                      "invalid_choice": "Escolha uma entidade da sua região."})
    endereco = forms.CharField(label="Endereço do imóvel", max_length=200,
                               error_messages={"required": "Informe o endereço do imóvel."})
    descricao = forms.CharField(label="Descrição (espaço, equipamentos)", required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    inicio = forms.DateField(label="Início", widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={"required": "Informe o início.", "invalid": "Data inválida."})
    meses = forms.IntegerField(label="Prazo em meses (até 24)", min_value=1,
                               error_messages={"required": "Informe o prazo em meses.",
                                               "invalid": "Informe um número inteiro de meses.",
                                               "min_value": "O prazo é de ao menos 1 mês."})

    def __init__(self, *args, entidades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entidade"].queryset = entidades


class FormularioDeRenovacao(forms.Form):
    meses = forms.IntegerField(label="Prazo da renovação em meses (até 24)", min_value=1,
                               error_messages={"required": "Informe o prazo em meses.",
                                               "invalid": "Informe um número inteiro de meses.",
                                               "min_value": "O prazo é de ao menos 1 mês."})


class FormularioDeCadastroParaAdesao(EscolhaDeMunicipio):
    """O pedido público de adesão (/aderir/): a entidade; a conta do gestor, se a pessoa não entrou (`conta`);
    os documentos do item 16, se ela já representa outra entidade (`documentos`). O município vem da lista
    real da UF escolhida, lida de `data` ou, quando a view só recarrega os municípios, de `initial`."""

    CAMPOS_DA_CONTA = ("cpf", "nome", "email", "telefone", "senha", "senha_confirmacao")
    CAMPOS_DOS_DOCUMENTOS = tuple(tipo.value for tipo in TipoDocumentoDoVinculo)

    cnpj = forms.CharField(label="CNPJ da entidade", max_length=18, help_text="Com ou sem pontuação.",
                           widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                           error_messages={"required": "Informe o CNPJ da entidade."})
    razao_social = forms.CharField(label="Razão social", max_length=200,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}),
                                   error_messages={"required": "Informe a razão social da entidade."})
    tipo = forms.ChoiceField(label="Tipo de entidade", choices=[("", "Escolha o tipo"), *TipoEntidade.choices],
                             error_messages={"required": "Escolha o tipo de entidade.",
                                             "invalid_choice": "Escolha um tipo de entidade da lista."})
    MENSAGEM_DA_UF = "Escolha a UF da entidade."
    cpf = forms.CharField(label="Seu CPF", max_length=14, help_text="Você entra no portal com ele.",
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
                          error_messages={"required": "Informe o seu CPF."})
    nome = forms.CharField(label="Seu nome completo", max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages={"required": "Informe o seu nome."})
    email = forms.EmailField(label="Seu e-mail", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"required": "Informe o seu e-mail.",
                                             "invalid": "Informe um e-mail válido."})
    telefone = forms.CharField(label="Seu telefone", max_length=20, required=False,
                               widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    senha = forms.CharField(label="Senha", strip=False,
                            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                            error_messages={"required": "Crie uma senha."})
    senha_confirmacao = forms.CharField(label="Confirme a senha", strip=False,
                                        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                        error_messages={"required": "Digite a senha de novo, para confirmar."})

    def __init__(self, *args, conta: bool, documentos: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not conta:
            for nome in self.CAMPOS_DA_CONTA:
                del self.fields[nome]
        else:
            self.fields["senha"].help_text = password_validation.password_validators_help_text_html()
        if documentos:
            for tipo in TipoDocumentoDoVinculo:
                self.fields[tipo.value] = CampoPDF(
                    label=tipo.label, required=True, error_messages={"required": f"Anexe: {tipo.label}."},
                    help_text=f"{AJUDA_PDF} Obrigatório para quem já representa outra entidade.",
                )

    def clean_cnpj(self):
        return normalizar_cnpj(self.cleaned_data["cnpj"])

    def clean_cpf(self):
        return normalizar_cpf(self.cleaned_data["cpf"])

    def clean(self):
        dados = super().clean()
        senha, confirmacao = dados.get("senha"), dados.get("senha_confirmacao")
        if senha and confirmacao and senha != confirmacao:
            self.add_error("senha_confirmacao", "As senhas não conferem: digite a mesma senha nos dois campos.")
        elif senha:
            pessoa = Usuario(cpf=dados.get("cpf", ""), nome=dados.get("nome", ""), email=dados.get("email", ""))
            try:
                password_validation.validate_password(senha, pessoa)
            except ValidationError as erro:
                self.add_error("senha", erro)
        return dados

    @property
    def conta_nova(self) -> bool:
        return "cpf" in self.fields

    @property
    def pede_documentos(self) -> bool:
        return self.CAMPOS_DOS_DOCUMENTOS[0] in self.fields

    @property
    def campos_dos_documentos(self) -> list:
        return [self[nome] for nome in self.CAMPOS_DOS_DOCUMENTOS if nome in self.fields]

    @property
    def conta(self) -> ContaNova | None:
        if not self.conta_nova:
            return None
        dados = self.cleaned_data
        return ContaNova(cpf=dados["cpf"], nome=dados["nome"], email=dados["email"], senha=dados["senha"],
                         telefone=dados.get("telefone", ""))

    @property
    def documentos_do_vinculo(self) -> dict:
        return {nome: self.cleaned_data[nome] for nome in self.CAMPOS_DOS_DOCUMENTOS if self.cleaned_data.get(nome)}

    @property
    def dados_da_entidade(self) -> dict:
        return {campo: self.cleaned_data[campo] for campo in ("cnpj", "razao_social", "tipo", "municipio")}
