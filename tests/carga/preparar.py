"""O que o teste de carga precisa no banco de carga, depois das migrações e do `seed_demo`: os chamados
solucionados cujo prazo de 7 dias vence antes, durante e depois da carga (a disputa entre a aprovação e o
fechamento automático), poucos horários de ATESP com mais procura do que lugares, requerimentos protocolados
para a fila da Gabriela, e a sessão de cada persona (sem o formulário de login, como o benchmark).

    python -m tests.carga.preparar ALVOS.json SEGUNDOS_DE_CARGA

Roda num processo próprio, com o ambiente do portal sob carga (banco de carga, configurações de produção): o
teste não mistura este banco com o do pytest. Escreve em ALVOS.json o que o locustfile lê."""

import io
import json
import random
import sys
from datetime import time, timedelta
from pathlib import Path


def _pdf() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (255, 255, 255)).save(buffer, "PDF")
    return buffer.getvalue()


def _cpfs(quantos: int, inicio: int) -> list[str]:
    from portal.validadores import cpf_valido
    from tests.test_representantes import cpf_de

    cpfs = [cpf_de(numero) for numero in range(inicio, inicio + quantos)]
    assert all(cpf_valido(cpf) for cpf in cpfs)
    return cpfs


def chamados_solucionados(*, segundos: int) -> dict:
    """Chamados da Prefeitura de Campinas (Ana) e da OAB SP (Carla), já solucionados pela Elisa: um terço com o
    prazo já vencido, um terço vencendo durante a carga, um terço ainda longe do fim. Os códigos vêm da mesma
    sequência diária das aberturas pelo portal."""
    from django.db import transaction
    from django.utils import timezone

    from portal.contas.models import Usuario
    from portal.entidades.models import Vinculo
    from suporte.models import Chamado, ItemCatalogo, StatusChamado
    from suporte.services import _proximo_codigo

    elisa = Usuario.objects.get(cpf="31415926590")
    item = ItemCatalogo.objects.get(numero=11)
    sorteio = random.Random(9)
    agora = timezone.now()
    por_entidade = {"janela": [], "prazos": {}}
    for apelido, cpf in (("ana", "11144477735"), ("carla", "24681357928")):
        vinculo = Vinculo.objects.select_related("entidade__sr").get(usuario__cpf=cpf, gestor=True)
        novos = []
        for indice in range(150):
            faixa = indice % 3
            if faixa == 0:
                prazo = agora - timedelta(minutes=sorteio.uniform(1, 3 * 24 * 60))
            elif faixa == 1:
                prazo = agora + timedelta(seconds=sorteio.uniform(20, segundos + 30))
            else:
                prazo = agora + timedelta(days=sorteio.uniform(1, 6))
            with transaction.atomic():
                novos.append(Chamado.objects.create(
                    codigo=_proximo_codigo(agora), item=item, entidade=vinculo.entidade, sr=vinculo.entidade.sr,
                    requerente=vinculo.usuario, titulo=f"Carga: chamado solucionado {indice + 1}",
                    descricao="Chamado semeado para a disputa entre a aprovação e o fechamento automático.",
                    status=StatusChamado.SOLUCIONADO, tecnico=elisa, solucionado_por=elisa,
                    solucionado_em=prazo - timedelta(days=7), prazo_aprovacao=prazo, rodada=1,
                    aberto_em=prazo - timedelta(days=8), atualizado_em=prazo - timedelta(days=7),
                    primeira_resposta_em=prazo - timedelta(days=7),
                ))
        por_entidade[apelido] = [chamado.codigo for chamado in novos]
        por_entidade["janela"] += [chamado.codigo for indice, chamado in enumerate(novos) if indice % 3 == 1]
        por_entidade["prazos"].update({chamado.codigo: chamado.prazo_aprovacao.timestamp() for chamado in novos})
    return por_entidade


def horarios_disputados(*, segundos: int) -> list[int]:
    """Cinco horários de ATESP na APS do Heitor: três daqui a três dias (a reserva das prioridades vale) e dois
    daqui a poucas horas (a reserva já abriu para todos). Os lugares crescem com a duração da carga (20 por
    horário em 2 minutos, um quinto deles reservado), para que lotem perto do meio dela: antes disso, os envios
    repetidos ainda disputam um lugar livre."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from atendimento.models_agenda import Agenda, ServicoPresencial, Vaga
    from portal.contas.models import Usuario
    from portal.organizacao.models import AgenciaPrevidencia

    capacidade = max(3, segundos // 6)
    aps = AgenciaPrevidencia.objects.get(codigo="21001010")
    heitor = Usuario.objects.get(cpf="14142135651")
    fuso = ZoneInfo(aps.fuso_horario)
    hoje = timezone.localdate()
    agenda = Agenda.objects.create(
        aps=aps, servico=ServicoPresencial.ATESP, dias_da_semana=[0, 1, 2, 3, 4, 5, 6], hora_inicio=time(0, 0),
        hora_fim=time(23, 59), duracao_minutos=20, servidores=1, percentual_prioritario=34,
        vigencia_inicio=hoje, vigencia_fim=hoje + timedelta(days=10), publicada_por=heitor,
    )
    agora = timezone.now()
    inicios = [datetime.combine(hoje + timedelta(days=3), time(9 + h), tzinfo=fuso) for h in range(3)]
    inicios += [agora + timedelta(hours=4 + h) for h in range(2)]
    vagas = Vaga.objects.bulk_create([
        Vaga(agenda=agenda, aps=aps, servico=ServicoPresencial.ATESP, inicio=inicio,
             fim=inicio + timedelta(minutes=20), capacidade=capacidade, prioritarias=max(1, capacidade // 5))
        for inicio in inicios
    ])
    return [vaga.pk for vaga in vagas]


def requerimentos_na_fila() -> list[int]:
    from tests.requerimentos_apoio import requerimento_protocolado

    return [requerimento_protocolado(protocolado_ha_dias=1 + indice / 10).pk for indice in range(20)]


def sessoes() -> dict[str, str]:
    from django.utils import timezone

    from bench.medir import sessao_criar
    from certificados.selectors import prazo_do_a3
    from portal.contas.models import Usuario
    from portal.entidades.models import Vinculo
    from tests.conftest import PERSONAS

    chaves = {}
    for apelido in ("elisa", "gabriela", "heitor", "iara", "karina"):
        chaves[apelido] = sessao_criar(Usuario.objects.get(cpf=PERSONAS[apelido]), servidor=True)
    for apelido, cnpj in (("ana", "51885242000140"), ("bruno", "51885242000140"), ("carla", None)):
        usuario = Usuario.objects.get(cpf=PERSONAS[apelido])
        vinculos = Vinculo.objects.select_related("entidade").filter(usuario=usuario)
        vinculo = vinculos.get(entidade__cnpj=cnpj) if cnpj else vinculos.get()
        a3 = prazo_do_a3(vinculo.entidade).exige_a3(timezone.localdate())
        chaves[apelido] = sessao_criar(usuario, vinculo=vinculo, a3=a3)
    return chaves


def preparar(destino: Path, segundos: int) -> dict:
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from atendimento.models import FORMULARIOS_ASSINADOS
    from atendimento.models_agenda import Vaga
    from atendimento.services.protocolo import documentos_para_anexar
    from tests.requerimentos_apoio import servico

    bpc = servico()
    pdf = destino.with_name("documento.pdf")
    pdf.write_bytes(_pdf())
    solucionados = chamados_solucionados(segundos=segundos)
    vagas = horarios_disputados(segundos=segundos)
    primeira = Vaga.objects.select_related("aps").get(pk=vagas[0])
    alvos = {
        "sessoes": sessoes(),
        "cookie_sessao": settings.SESSION_COOKIE_NAME,
        "cookie_csrf": settings.CSRF_COOKIE_NAME,
        "chamados_solucionados": solucionados,
        "chamados_na_janela": solucionados.pop("janela"),
        "prazos": solucionados.pop("prazos"),
        "vagas": vagas,
        "aps": primeira.aps_id,
        "dia": primeira.inicio.astimezone(ZoneInfo(primeira.aps.fuso_horario)).date().isoformat(),
        "requerimentos": requerimentos_na_fila(),
        "servico": bpc.pk,
        "formularios": [str(tipo) for tipo in FORMULARIOS_ASSINADOS],
        "exigidos": [e.pk for e in documentos_para_anexar(bpc) if e.obrigatorio],
        "pdf": str(pdf),
        "cpfs": _cpfs(4000, 810_000_000),
    }
    destino.write_text(json.dumps(alvos))
    return alvos


if __name__ == "__main__":
    import django

    django.setup()
    resumo = preparar(Path(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps({chave: len(valor) if isinstance(valor, list | dict) else valor
                      for chave, valor in resumo.items() if chave != "sessoes"}))
