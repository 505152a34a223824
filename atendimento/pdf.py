"""Os três formulários da seed 002 (termo de representação, autorização de acesso aos dados pessoais, termo
de requerimento de serviço), já preenchidos com os dados do cidadão e da entidade, para imprimir e assinar.
Dados entram, bytes saem."""

from django.utils import timezone

from certificados.pdf import renderizar_pdf
from portal.validadores import formatar_cpf, formatar_nit


def dados_do_formulario(requerimento, atendente) -> dict:
    municipio = requerimento.endereco_municipio
    endereco = ", ".join(parte for parte in (
        requerimento.endereco_logradouro, requerimento.endereco_numero, requerimento.endereco_complemento,
        requerimento.endereco_bairro, f"{municipio.nome}/{municipio.uf_id}" if municipio else "",
        f"CEP {requerimento.endereco_cep[:5]}-{requerimento.endereco_cep[5:]}" if requerimento.endereco_cep else "",
    ) if parte)
    entidade = requerimento.entidade
    return {
        "cidadao": {
            "nome": requerimento.cidadao_nome, "cpf": formatar_cpf(requerimento.cidadao_cpf),
            "nascimento": requerimento.cidadao_nascimento, "nit": formatar_nit(requerimento.cidadao_nit),
            "telefone": requerimento.cidadao_telefone, "email": requerimento.cidadao_email, "endereco": endereco,
        },
        "entidade": {"razao_social": entidade.razao_social, "cnpj": entidade.cnpj_formatado,
                     "municipio": f"{entidade.municipio.nome}/{entidade.uf_id}"},
        "atendente": {"nome": atendente.nome, "cpf": formatar_cpf(atendente.cpf)},
        "servico": str(requerimento.servico),
        "referencia": f"Rascunho nº {requerimento.pk}",
        "gerado_em": timezone.localtime(),
        "autodeclaracao": getattr(requerimento, "autodeclaracao", None),
    }


def renderizar_formulario(requerimento, tipo: str, *, atendente) -> bytes:
    return renderizar_pdf(f"pdf/atendimento/{tipo}.html", dados_do_formulario(requerimento, atendente))
