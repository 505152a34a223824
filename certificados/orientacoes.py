"""Orientações gerais (Portaria 96/2024, art. 3º e art. 5º, III): os materiais e as perguntas frequentes que
abrem a página do certificado A3, escritos a partir da própria Portaria (seed 004). A carga recebe o modelo,
para servir a uma migração de dados (modelo histórico) e à demonstração; rodar de novo não muda nada, nem
desfaz o que a administração editou (a chave é o tipo e o título)."""

MATERIAL, PERGUNTA = "material", "pergunta"

URL_DA_PORTARIA = "https://sei.inss.gov.br/sei/controlador_externo.php?acao=documento_conferir&id_orgao_acesso_externo=0"

# (tipo, ordem, título, texto, link)
ORIENTACOES = [
    (MATERIAL, 1, "Portaria Conjunta DIRBEN/DTI/INSS nº 96, de 15 de maio de 2024",
     "Institui o uso obrigatório do certificado digital do tipo A3 pelas entidades parceiras para o acesso ao "
     "Portal de Atendimento (PAT) e traz, no Anexo I, o cronograma de migração. A autenticidade do documento pode "
     "ser conferida no SEI do INSS com o código verificador 16095226 e o código CRC BD015935.",
     URL_DA_PORTARIA),
    (MATERIAL, 2, "ICP-Brasil: quem emite o certificado digital",
     "O certificado A3 é emitido por uma autoridade certificadora credenciada na Infraestrutura de Chaves Públicas "
     "Brasileira (ICP-Brasil), mantida pelo Instituto Nacional de Tecnologia da Informação (ITI). A lista das "
     "autoridades certificadoras e as orientações para a compra estão no sítio do ITI.",
     "https://www.gov.br/iti/pt-br"),
    (MATERIAL, 3, "Passo a passo: cadastrar o certificado no Portal ACT e entrar com ele",
     "1. Compre o certificado A3 (e-CPF) em seu nome numa autoridade certificadora da ICP-Brasil e instale o "
     "token ou o cartão, com a leitora, no computador em que você atende. "
     "2. Entre no Portal ACT com CPF e senha e abra a página do seu certificado (endereço /certificado/). "
     "3. Cadastre o certificado: o portal confere que ele é A3 (ou A4), que o CPF do titular é o seu e até quando "
     "vale. "
     "4. Nas próximas vezes, entre com o certificado digital, com o token ou o cartão conectado. "
     "Depois do prazo da sua entidade, as funções do Portal de Atendimento só abrem numa sessão iniciada com o "
     "certificado A3.", ""),
    (PERGUNTA, 1, "O que é o certificado digital do tipo A3?",
     "É um certificado digital da ICP-Brasil cuja chave privada é gerada e guardada num dispositivo criptográfico "
     "— um token USB ou um cartão inteligente com leitora — de onde não pode ser copiada. Ele identifica você "
     "(e-CPF) nas transações do Portal de Atendimento. O certificado do tipo A4, de segurança superior, também é "
     "aceito; o do tipo A1, guardado num arquivo no computador, não.", ""),
    (PERGUNTA, 2, "Por que o INSS passou a exigir o certificado A3?",
     "Para garantir a integridade e a confiabilidade das transações realizadas no Portal de Atendimento e fortalecer "
     "as políticas de segurança da informação (Portaria 96/2024, art. 1º, § 1º). A exigência começou pelas "
     "seccionais da OAB que mantêm Acordo de Cooperação Técnica com o INSS (art. 1º), e as demais entidades que "
     "celebrarem acordo depois da Portaria usam exclusivamente o certificado A3 (art. 1º, § 2º).", ""),
    (PERGUNTA, 3, "Quem paga pelo certificado digital?",
     "A entidade parceira. Todas as despesas de aquisição, instalação e manutenção dos certificados digitais são de "
     "responsabilidade exclusiva das entidades parceiras, sem qualquer ônus para o INSS (art. 2º, § 1º).", ""),
    (PERGUNTA, 4, "Qual é o prazo da minha entidade?",
     "O do cronograma do Anexo I, pela Superintendência Regional e pela UF da entidade, ou o do lote que a "
     "administração definiu depois para o seu tipo de entidade; o Rio Grande do Sul terá o cronograma definido "
     "posteriormente. Entidades que celebraram o acordo depois da Portaria usam o A3 desde o início. O prazo da "
     "entidade pela qual você age aparece no alto desta página.", ""),
    (PERGUNTA, 5, "Até quando posso entrar com login e senha?",
     "Até a data informada no cronograma para a migração da sua entidade, as entidades parceiras podem acessar o "
     "Portal de Atendimento com o mesmo login e senha atuais (art. 2º, § 3º). Cadastre o seu certificado antes "
     "disso, para não ficar sem acesso.", ""),
    (PERGUNTA, 6, "O que acontece se a entidade não adotar o certificado A3 no prazo?",
     "As entidades parceiras que não adotarem o certificado digital do tipo A3 no prazo do Anexo I perdem o acesso "
     "ao Portal de Atendimento (art. 2º, § 2º). No Portal ACT, depois do prazo, os representantes só alcançam os "
     "requerimentos numa sessão iniciada com um certificado A3 válido; os chamados do Suporte INSS continuam "
     "acessíveis, para a entidade pedir ajuda.", ""),
    (PERGUNTA, 7, "Onde tiro dúvidas ou peço suporte técnico?",
     "A Diretoria de Tecnologia da Informação presta as orientações técnicas e fornece os materiais informativos "
     "da transição (art. 3º), também nos webinars anunciados aqui. As demandas de suporte seguem o Canal de "
     "Atendimento Suporte INSS, de uso exclusivo e obrigatório das entidades com Acordo de Cooperação Técnica "
     "vigente (art. 3º, parágrafo único; Portaria Conjunta nº 64/2022): o gestor da entidade abre o chamado no "
     "menu Suporte INSS.", ""),
    (PERGUNTA, 8, "Como cadastro o certificado no portal e entro com ele?",
     "Com o token ou o cartão conectado, entre com CPF e senha e abra a página do seu certificado (endereço "
     "/certificado/). O portal lê o certificado e confere o tipo (A3 ou A4), o CPF do titular — que precisa ser "
     "o seu — e a validade; um certificado A1 ou de outra pessoa é recusado, com o motivo. Depois, na página de "
     "entrada, escolha entrar com o certificado digital. Quando o certificado vencer, cadastre o novo.", ""),
]


def carregar_orientacoes(OrientacaoA3) -> int:  # noqa: N803 — modelo histórico
    criadas = 0
    for tipo, ordem, titulo, texto, link in ORIENTACOES:
        _, criada = OrientacaoA3.objects.get_or_create(
            tipo=tipo, titulo=titulo, defaults={"ordem": ordem, "texto": texto, "link": link})
        criadas += criada
    return criadas
