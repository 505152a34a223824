"""Os requerimentos dos três anos antes da âncora, com os eventos da auditoria e as exigências.

Mês a mês, na ordem do protocolo: o volume cresce com o tempo; cada requerimento vem de uma entidade sorteada
pelo peso de Zipf (poucas entidades, a Prefeitura de Campinas primeiro, têm muitos) entre as que tinham acordo
no mês, e de um serviço pactuado nesse acordo. O status depende da idade: os antigos estão concluídos; os
recentes, na fila, em análise ou em exigência. O protocolo é o do serviço (`AAAA` + sequência do ano + dígito).
"""

from bisect import bisect
from datetime import date, timedelta

from atendimento.models import Exigencia, Requerimento, StatusExigencia, StatusRequerimento
from bench import referencia as ref
from bench.comum import (
    DESLOCAMENTO_BRASILIA,
    DIA,
    NULO,
    cpf,
    data_local,
    dhondt,
    dia_util_ou_seguinte,
    instante_local,
    nit,
    nome_de_pessoa,
    texto,
    ts,
)
from portal.auditoria.models import Evento
from portal.validadores import dv_protocolo, formatar_protocolo

ANOS = 3
# (idade máxima em dias, [(status, peso)]): quanto mais antigo, mais provável que já esteja concluído.
STATUS_POR_IDADE = [
    (20, [("rascunho", 3), ("protocolado", 45), ("em_analise", 30), ("em_exigencia", 12), ("concluido", 10)]),
    (60, [("protocolado", 15), ("em_analise", 20), ("em_exigencia", 15), ("concluido", 50)]),
    (180, [("protocolado", 3), ("em_analise", 5), ("em_exigencia", 2), ("concluido", 90)]),
    (365, [("protocolado", 0.5), ("em_analise", 1), ("concluido", 98.5)]),
    (10**6, [("concluido", 1)]),
]
CAMPOS = [
    "id", "entidade", "servico", "representante", "cidadao_cpf", "cidadao_nome", "cidadao_nascimento", "cidadao_nit",
    "cidadao_telefone", "cidadao_email", "endereco_logradouro", "endereco_numero", "endereco_complemento",
    "endereco_bairro", "endereco_municipio", "endereco_cep", "status", "protocolo", "chave_de_envio", "comprovante",
    "criado_em", "atualizado_em", "protocolado_em", "analista", "exigencia_nao_cumprida", "decisao",
    "motivo_da_decisao", "concluido_em",
]
CAMPOS_DO_EVENTO = ["id", "tipo_objeto", "objeto_id", "acao", "status_de", "status_para", "alteracoes", "nota",
                    "ator", "quando"]
CAMPOS_DA_EXIGENCIA = ["id", "requerimento", "texto", "itens", "emitida_por", "notificada_em", "prazo_fim",
                       "prorrogada_em", "status", "resposta", "respondida_em", "respondida_por"]
CAMPINAS = "51885242000140"


def meses(ctx) -> list[tuple[int, int]]:
    """Os meses (do calendário de Brasília) dos três anos antes da âncora; o primeiro e o último, parciais."""
    inicio = ctx.ancora - ANOS * 365 * DIA
    dia = data_local(inicio)
    periodos = []
    while True:
        proximo = date(dia.year + (dia.month == 12), dia.month % 12 + 1, 1)
        fim = min(instante_local(proximo), ctx.ancora)
        periodos.append((max(instante_local(dia), inicio), fim))
        if fim >= ctx.ancora:
            return periodos
        dia = proximo


def gerar_requerimentos(ctx) -> None:
    total = ctx.volumes["requerimentos"]
    periodos = meses(ctx)
    pesos = {}
    for i, (ini, fim) in enumerate(periodos):
        crescimento = 0.7 + 0.6 * (ini - periodos[0][0]) / (ctx.ancora - periodos[0][0])
        pesos[i] = (fim - ini) * crescimento
    por_mes = dhondt(pesos, total)
    cidadaos = _cidadaos(ctx, max(100, int(total * 0.6)))
    estado = _Estado(ctx, cidadaos)
    proximo_id = ctx.ids(Requerimento, total)
    for i, (ini, fim) in enumerate(periodos):
        sorteados = _sortear_mes(ctx, ini, fim, por_mes[i])
        requerimentos, eventos, exigencias = [], [], []
        for instante, entidade, servicos in sorteados:
            estado.um(proximo_id, instante, entidade, servicos, requerimentos, eventos, exigencias)
            proximo_id += 1
        ctx.carga.copiar_linhas(Requerimento, CAMPOS, requerimentos)
        primeiro = ctx.ids(Evento, len(eventos))
        ctx.carga.copiar_linhas(Evento, CAMPOS_DO_EVENTO, [f"{primeiro + k}\t{e}" for k, e in enumerate(eventos)])
        primeira = ctx.ids(Exigencia, len(exigencias))
        ctx.carga.copiar_linhas(Exigencia, CAMPOS_DA_EXIGENCIA,
                                [f"{primeira + k}\t{e}" for k, e in enumerate(exigencias)])
    for ano, numero in estado.ultimo_do_ano.items():
        ctx.sequencia(f"protocolo:{ano}", numero)
    ctx.resumo["requerimentos_por_status"] = dict(sorted(estado.por_status.items()))
    escolhido = estado.escolhido or estado.reserva
    ctx.resumo["requerimento_campinas"] = escolhido


def _cidadaos(ctx, quantos: int) -> list[tuple[str, str, str, str]]:
    """(CPF, nome, nascimento, NIT): o mesmo cidadão pode voltar em outro requerimento."""
    rng = ctx.rng
    inicio = date(1940, 1, 1).toordinal()
    fim = date(2005, 12, 31).toordinal()
    pessoas = []
    for _ in range(quantos):
        base = rng.randrange(10**8, 10**9)
        pessoas.append((
            cpf(base), nome_de_pessoa(rng, ref.NOMES, ref.SOBRENOMES),
            date.fromordinal(rng.randint(inicio, fim)).isoformat(),
            nit(rng.randrange(10**9, 10**10)) if rng.random() < 0.3 else "",
        ))
    return pessoas


def _sortear_mes(ctx, ini: int, fim: int, quantos: int) -> list:
    """Os requerimentos do mês: (instante, entidade, serviços pactuados), em ordem de protocolo."""
    rng = ctx.rng
    elegiveis, acumulado, soma = [], [], 0.0
    for entidade in ctx.entidades:
        if entidade.peso <= 0:
            continue
        for janela in entidade.janelas:
            if janela[0] < fim and janela[1] > ini:
                soma += entidade.peso
                elegiveis.append((entidade, janela))
                acumulado.append(soma)
                break
    if not elegiveis or quantos <= 0:
        return []
    sorteados = []
    for entidade, (j_ini, j_fim, servicos) in rng.choices(elegiveis, cum_weights=acumulado, k=quantos):
        baixo, alto = max(ini, j_ini), min(fim, j_fim) - 1
        instante = rng.randint(baixo, max(baixo, alto))
        # Em horário de expediente, quase sempre num dia útil.
        dia = (instante + DESLOCAMENTO_BRASILIA) // DIA
        semana = (dia + 3) % 7  # 01/01/1970 foi uma quinta-feira
        if semana >= 5 and rng.random() < 0.9:
            dia -= semana - rng.randint(0, 4)  # para um dia útil da mesma semana
        instante = dia * DIA - DESLOCAMENTO_BRASILIA + rng.randint(8 * 3600, 18 * 3600)
        sorteados.append((min(max(instante, baixo), max(baixo, alto)), entidade, servicos))
    sorteados.sort(key=lambda s: s[0])
    return sorteados


class _Estado:
    """O que passa de um requerimento ao seguinte: a sequência do protocolo por ano, as contagens, o escolhido
    para o resumo, os sorteios já acumulados."""

    def __init__(self, ctx, cidadaos):
        self.ctx = ctx
        self.rng = ctx.rng
        self.cidadaos = cidadaos
        self.ultimo_do_ano: dict[int, int] = {}
        self.por_status: dict[str, int] = {}
        # Para a página de detalhe: o último requerimento concluído de Campinas com exigência respondida (ou, se
        # não houver, qualquer um já protocolado).
        self.escolhido: dict = {}
        self.reserva: dict = {}
        self.tipo = ctx.tipos["requerimento"]
        self.gabriela = ctx.personas.get("gabriela")
        self.sudeste_1 = ctx.srs[1]
        self.status = []
        for limite, opcoes in STATUS_POR_IDADE:
            acumulado, soma = [], 0.0
            for _, peso in opcoes:
                soma += peso
                acumulado.append(soma)
            self.status.append((limite, [s for s, _ in opcoes], acumulado))
        self._pesos_de_servicos = {}
        self.municipios_da_uf: dict[str, list[str]] = {}
        for codigo, (_, uf) in ctx.municipios.items():
            self.municipios_da_uf.setdefault(uf, []).append(codigo)
        self.exigencias = [(texto(t), texto(i)) for t, i in ref.EXIGENCIAS]

    def _servico(self, servicos: list[int]) -> int:
        chave = id(servicos)
        if chave not in self._pesos_de_servicos:
            acumulado, soma = [], 0.0
            for servico in servicos:
                soma += ref.PESO_DOS_SERVICOS.get(self.ctx.servicos[servico][0], 2)
                acumulado.append(soma)
            self._pesos_de_servicos[chave] = (servicos, acumulado)
        servicos, acumulado = self._pesos_de_servicos[chave]
        return servicos[bisect(acumulado, self.rng.random() * acumulado[-1])]

    def _sortear_status(self, idade_dias: float) -> str:
        for limite, nomes, acumulado in self.status:
            if idade_dias < limite:
                return nomes[bisect(acumulado, self.rng.random() * acumulado[-1])]
        return "concluido"

    def um(self, pk: int, protocolado: int, entidade, servicos, requerimentos, eventos, exigencias) -> None:
        ctx, rng = self.ctx, self.rng
        ancora = ctx.ancora
        servico = self._servico(servicos)
        representante = rng.choice(entidade.protocolantes or entidade.gestores)
        status = self._sortear_status((ancora - protocolado) / DIA)
        self.por_status[status] = self.por_status.get(status, 0) + 1
        cidadao_cpf, nome, nascimento, cidadao_nit = rng.choice(self.cidadaos)
        municipio = entidade.municipio if rng.random() < 0.85 else rng.choice(self.municipios_da_uf[entidade.uf])
        telefone = f"({ref.DDD[entidade.uf]}) 9{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        endereco = (f"{rng.choice(ref.LOGRADOUROS)}\t{rng.randint(1, 3000)}\t\t{rng.choice(ref.BAIRROS)}\t{municipio}"
                    f"\t{rng.randint(1000000, 99999999):08d}")
        criado = protocolado - rng.randint(300, 2 * DIA)
        objeto = f"{self.tipo}\t{pk}\t"
        if status == "rascunho":
            eventos.append(f"{objeto}requerimento_iniciado\t\trascunho\t{{}}\t{ctx.servicos[servico][1]}"
                           f"\t{representante}\t{ts(criado)}\n")
            requerimentos.append("\t".join([
                str(pk), str(entidade.id), str(servico), str(representante), cidadao_cpf, nome, nascimento,
                cidadao_nit, telefone, "", endereco, "rascunho", NULO, NULO, NULO, ts(criado), ts(criado), NULO, NULO,
                "f", "", "", NULO]) + "\n")
            return
        ano = data_local(protocolado).year
        sequencia = self.ultimo_do_ano.get(ano, 0) + 1
        self.ultimo_do_ano[ano] = sequencia
        base = f"{ano}{sequencia:08d}"
        protocolo = f"{base}{dv_protocolo(base)}"
        eventos.append(f"{objeto}requerimento_protocolado\trascunho\tprotocolado\t{{}}\t{formatar_protocolo(protocolo)}"
                       f"\t{representante}\t{ts(protocolado)}\n")
        analista = None
        nao_cumprida = False
        decisao = motivo = ""
        concluido = None
        ultimo = protocolado
        teve_exigencia = False
        if status != "protocolado":
            if entidade.sr == self.sudeste_1 and self.gabriela and rng.random() < 0.12:
                analista = self.gabriela
            else:
                analista = rng.choice(ctx.analistas[entidade.sr])
            ultimo, nao_cumprida, concluido, teve_exigencia = self._analise(
                pk, objeto, status, protocolado, analista, representante, eventos, exigencias)
            if status == "concluido":
                decisao = "indeferido" if nao_cumprida or rng.random() < 0.35 else "deferido"
                motivo = (ref.DECISOES["indeferido"][3] if nao_cumprida else rng.choice(ref.DECISOES[decisao]))
                rotulo = decisao.capitalize()
                eventos.append(f"{objeto}requerimento_concluido\tem_analise\tconcluido\t{{}}\t{rotulo}: {motivo}"
                               f"\t{analista}\t{ts(concluido)}\n")
                ultimo = concluido
        requerimentos.append("\t".join([
            str(pk), str(entidade.id), str(servico), str(representante), cidadao_cpf, nome, nascimento, cidadao_nit,
            telefone, "", endereco, status, protocolo, NULO, NULO, ts(criado), ts(ultimo), ts(protocolado),
            str(analista) if analista else NULO, "t" if nao_cumprida else "f", decisao,
            motivo, ts(concluido)]) + "\n")
        if entidade.cnpj == CAMPINAS:
            dados = {"id": pk, "protocolo": protocolo, "protocolo_formatado": formatar_protocolo(protocolo),
                     "cidadao_cpf": cidadao_cpf, "status": status}
            self.reserva = self.reserva or dados
            if status == "concluido" and teve_exigencia and not nao_cumprida:
                self.escolhido = dados

    def _analise(self, pk, objeto, status, protocolado, analista, representante, eventos, exigencias):
        """Assumido, talvez uma exigência (respondida ou não cumprida) e, se concluído, o instante da decisão.
        Devolve (último instante, exigência não cumprida?, instante da conclusão, houve exigência?)."""
        rng, ancora = self.rng, self.ctx.ancora
        idade = ancora - protocolado
        concluido = None
        exigencia = None  # (emitida, status final)
        if status == "concluido":
            duracao = max(600, min(idade - 600, int(rng.uniform(1, 120) * DIA)))
            concluido = protocolado + duracao
            assumido = protocolado + int(duracao * rng.uniform(0.05, 0.6))
            if rng.random() < 0.18:
                exigencia = assumido + int((concluido - assumido) * rng.uniform(0.05, 0.5))
            fim = concluido
        elif status == "em_analise":
            assumido = protocolado + int(idade * rng.uniform(0.05, 0.9))
            if rng.random() < 0.2:
                exigencia = assumido + int((ancora - assumido) * rng.uniform(0.05, 0.5))
            fim = ancora - 60
        else:  # em_exigencia: notificada nos últimos 27 dias, com o prazo ainda correndo
            exigencia = max(ancora - int(rng.uniform(1, 27) * DIA), protocolado + int(idade * 0.6))
            assumido = protocolado + int((exigencia - protocolado) * rng.uniform(0.1, 0.9))
            fim = ancora - 60
        eventos.append(f"{objeto}requerimento_assumido\tprotocolado\tem_analise\t{{}}\t\t{analista}\t{ts(assumido)}\n")
        ultimo, nao_cumprida = assumido, False
        if exigencia is not None:
            prazo = dia_util_ou_seguinte(data_local(exigencia) + timedelta(days=30))
            texto_exigencia, itens = rng.choice(self.exigencias)
            eventos.append(f"{objeto}exigencia_emitida\tem_analise\tem_exigencia\t{{}}\tPrazo até {prazo:%d/%m/%Y}."
                           f"\t{analista}\t{ts(exigencia)}\n")
            ultimo = exigencia
            situacao, resposta, respondida, por = StatusExigencia.ABERTA, "", None, NULO
            if status != "em_exigencia":
                fim_do_prazo = instante_local(prazo, DIA)
                respondida = exigencia + int(min(fim - exigencia, fim_do_prazo - exigencia) * rng.uniform(0.1, 0.95))
                if rng.random() < 0.15 and fim_do_prazo + 600 < fim:
                    situacao, nao_cumprida = StatusExigencia.NAO_CUMPRIDA, True
                    eventos.append(f"{objeto}exigencia_nao_cumprida\tem_exigencia\tem_analise\t{{}}\tO prazo da "
                                   f"exigência terminou sem resposta da entidade.\t{NULO}\t{ts(fim_do_prazo + 300)}\n")
                    respondida, ultimo = None, fim_do_prazo + 300
                else:
                    situacao, resposta, por = StatusExigencia.RESPONDIDA, "Documentos enviados.", str(representante)
                    eventos.append(f"{objeto}exigencia_respondida\tem_exigencia\tem_analise\t{{}}\tResposta da "
                                   f"entidade.\t{representante}\t{ts(respondida)}\n")
                    ultimo = respondida
            exigencias.append("\t".join([str(pk), texto_exigencia, itens, str(analista), ts(exigencia),
                                         prazo.isoformat(), NULO, situacao, resposta, ts(respondida), por]) + "\n")
        if status == StatusRequerimento.CONCLUIDO and concluido <= ultimo:
            concluido = ultimo + 600
        return ultimo, nao_cumprida, concluido, exigencia is not None
