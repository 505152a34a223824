"""Falhas (issue 9, ponto 3): o portal de verdade (gunicorn com as opções do Dockerfile, worker do Celery,
configurações de produção) contra um Redis e um PostgreSQL só destes testes, que são parados, mortos e subidos
de novo (tests/falhas_apoio.py). Cada teste confere o banco e o correio (um SMTP local), não só os códigos HTTP.

O último cenário (beat parado por um dia) roda no próprio processo, com o Celery ansioso e o relógio movido."""

import threading
import time

from tests.conftest import PERSONAS
from tests.falhas_apoio import Navegador, esperar, porta_livre
from tests.falhas_apoio import servidores as servidores  # a fixture dos servidores privados

SENHA = "Portal@ACT2026"
# O cliente Redis das configurações espera até 2 s (socket_connect_timeout/socket_timeout) por operação; a entrada
# faz uma dúzia de operações no cache (limite de tentativas): se cada uma esperasse, passaria de 20 s. O login leva
# ~1 s de PBKDF2 numa máquina ocupada; 5 s deixa folga sem esconder uma espera.
LIMITE_POR_PAGINA = 5.0
PAGINA_DE_ERRO = "Algo deu errado do nosso lado"
VAZAMENTOS = ("Traceback", "psycopg", "OperationalError", "File \"/", "django.db")


def _ids(pg, sql: str) -> list:
    return [linha[0] for linha in pg.sql(sql, banco="portal")]


def _pendentes_de(pg, ids: list[int]) -> int:
    if not ids:
        return 0
    lista = ",".join(str(i) for i in ids)
    return pg.sql(f"SELECT count(*) FROM notificacoes_notificacao WHERE id IN ({lista}) "  # noqa: S608
                  "AND email_enviado_em IS NULL", banco="portal")[0][0]


def _envelhecer_pendentes(pg) -> None:
    """Como se os 2 minutos que `reenviar_emails_pendentes` espera tivessem passado."""
    pg.sql("UPDATE notificacoes_notificacao SET criada_em = criada_em - interval '3 minutes' "
           "WHERE enviar_email AND email_enviado_em IS NULL", banco="portal")


def _fila_vazia(redis) -> None:
    """Espera o worker esvaziar a fila e terminar o que pegou por último."""
    esperar(lambda: redis.tamanho_da_fila() == 0, limite=90, o_que="a fila do Celery esvaziar")
    time.sleep(1.5)


# --- 1. Redis parado ------------------------------------------------------------------------------------------


def test_o_cache_com_o_redis_fora_do_ar_usa_a_reserva_no_banco_e_nao_espera(db):
    """O backend das configurações com REDIS_URL, apontado para uma porta onde ninguém escuta: cada operação vai ao
    cache de reserva no banco, e as travas continuam valendo (a segunda marca do mesmo código TOTP é recusada)."""
    from django.core.cache import caches

    from portal.operacao.cache import RESERVA, RedisCacheTolerante

    cache = RedisCacheTolerante(f"redis://127.0.0.1:{porta_livre()}/0", {
        "KEY_PREFIX": "portal", "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}})
    inicio = time.monotonic()
    assert cache.get("x") is None and cache.get("x", "padrao") == "padrao"
    assert cache.get_or_set("x", 7) == 7 and cache.get("x") == 7 and cache.get_many(["x", "y"]) == {"x": 7}
    assert cache.add("totp-usado", True, 10) is True  # allauth: a marca do código TOTP já usado
    assert cache.add("totp-usado", True, 10) is False, "o mesmo código TOTP passaria duas vezes com o Redis parado"
    cache.set("tentativas", 4)
    assert cache.incr("tentativas") == 5 and caches[RESERVA].get("tentativas") == 5
    assert cache.delete("x") is True and cache.has_key("x") is False
    cache.set_many({"a": 1})
    cache.delete_many(["a"])
    assert cache.get("a") is None
    cache.clear()
    assert cache.get("tentativas") is None
    assert time.monotonic() - inicio < 2, "uma operação esperou o tempo-limite do socket"


def test_redis_parado_paginas_e_abertura_de_chamado_funcionam_e_os_emails_saem_uma_vez_depois(servidores):
    pg, portal, correio = servidores.pg, servidores.portal, servidores.correio
    sessao, chamado_de_campinas = servidores.sessao_da_ana, servidores.chamado_de_campinas
    if portal.gunicorn is None:
        portal.subir_web()
    for _ in range(3):  # os dois workers do gunicorn aquecidos, com o Redis no ar
        for caminho in ("/conta/login/", "/suporte/", f"/suporte/chamados/{chamado_de_campinas}/"):
            Navegador(portal.porta, sessao=sessao).pedir("GET", caminho)
    maior_pk = _ids(pg, "SELECT coalesce(max(id), 0) FROM notificacoes_notificacao")[0]

    servidores.redis.parar()
    assert not servidores.redis.responde()
    anonimo, ana = Navegador(portal.porta), Navegador(portal.porta, sessao=sessao)
    medidas = []

    def pedir(navegador, metodo, caminho, dados=None, esperado=(200,)):
        resposta = navegador.pedir(metodo, caminho, dados)
        medidas.append((metodo, caminho, resposta.status, round(resposta.segundos, 3)))
        assert resposta.status in esperado, (caminho, resposta.status, resposta.corpo[:500])
        assert resposta.segundos < LIMITE_POR_PAGINA, (caminho, resposta.segundos)
        return resposta

    pedir(anonimo, "GET", "/conta/login/")
    _, token = anonimo.csrf("/conta/login/")
    entrada = pedir(anonimo, "POST", "/conta/login/", {"csrfmiddlewaretoken": token, "login": PERSONAS["ana"],
                                                       "password": SENHA}, esperado=(302,))
    assert "/conta/login/" not in entrada.cabecalhos.get("Location", ""), "a senha certa não entrou"
    pedir(anonimo, "GET", entrada.cabecalhos["Location"], esperado=(200, 302))
    pedir(ana, "GET", "/suporte/")
    pedir(ana, "GET", f"/suporte/chamados/{chamado_de_campinas}/")
    _, token = ana.csrf("/suporte/novo/?item=11")
    titulo = "Sistema fora do ar com o Redis parado"
    aberto = pedir(ana, "POST", "/suporte/novo/", {"csrfmiddlewaretoken": token, "item": "11", "titulo": titulo,
                                                   "descricao": "Aberto enquanto a fila não respondia."},
                   esperado=(302,))
    detalhe = pedir(ana, "GET", aberto.cabecalhos["Location"])
    assert "registrado" in detalhe.corpo
    # A trava de tentativas vale com o Redis parado (cache de reserva no banco), nos dois workers do gunicorn.
    intruso = Navegador(portal.porta)
    for _ in range(5):
        _, token = intruso.csrf("/conta/login/")
        pedir(intruso, "POST", "/conta/login/", {"csrfmiddlewaretoken": token, "login": PERSONAS["carla"],
                                                 "password": "errada"})
    _, token = intruso.csrf("/conta/login/")
    bloqueado = pedir(intruso, "POST", "/conta/login/", {"csrfmiddlewaretoken": token, "login": PERSONAS["carla"],
                                                         "password": SENHA}, esperado=(200, 429))
    assert "Muitas tentativas" in bloqueado.corpo, "com o Redis parado, a sexta tentativa entrou"
    saude = anonimo.pedir("GET", "/saude/")
    assert saude.status == 503 and '"broker": {"ok": false' in saude.corpo.replace("\n", "")

    # No banco: o chamado, o seu evento e as notificações dos técnicos, com o e-mail pendente.
    chamado = pg.sql(f"SELECT id, codigo FROM suporte_chamado WHERE titulo = '{titulo}'", banco="portal")  # noqa: S608
    assert len(chamado) == 1
    assert _ids(pg, "SELECT count(*) FROM auditoria_evento WHERE acao = 'chamado_aberto' "
                    f"AND objeto_id = '{chamado[0][0]}'") == [1]  # noqa: S608
    avisos = _ids(pg, f"SELECT id FROM notificacoes_notificacao WHERE id > {maior_pk} AND enviar_email "  # noqa: S608
                      f"AND titulo LIKE 'Novo chamado {chamado[0][1]}%'")
    assert avisos, "a abertura não avisou ninguém"
    assert _pendentes_de(pg, avisos) == len(avisos)
    assert correio.assuntos() == [] or not any(chamado[0][1] in a for a in correio.assuntos())

    # O Redis volta; a varredura do beat (2 minutos depois) põe os pendentes na fila e o worker os envia.
    inicio = time.monotonic()
    servidores.redis.iniciar()
    portal.subir_worker()
    _envelhecer_pendentes(pg)
    portal.enfileirar("portal.notificacoes.tasks.reenviar_emails_pendentes")
    esperar(lambda: _pendentes_de(pg, avisos) == 0, limite=60, o_que="os e-mails pendentes saírem")
    recuperacao = time.monotonic() - inicio

    def do_chamado():
        return [a for a in correio.assuntos() if f"Novo chamado {chamado[0][1]}" in a]

    esperar(lambda: len(do_chamado()) == len(avisos), limite=20, o_que="o SMTP receber os e-mails")
    # Uma entrega repetida (o broker reentrega, a varredura roda de novo) não manda outro.
    for notificacao_id in avisos:
        portal.enfileirar("portal.notificacoes.tasks.enviar_email_da_notificacao", notificacao_id)
    portal.enfileirar("portal.notificacoes.tasks.reenviar_emails_pendentes")
    _fila_vazia(servidores.redis)
    assert len(do_chamado()) == len(avisos)
    portal.parar_worker()
    print(f"\nRedis parado: {len(medidas)} requisições, {medidas}; {len(avisos)} e-mails pendentes enviados "
          f"{recuperacao:.1f} s depois da volta do Redis, uma vez cada. Preparo: "
          + ", ".join(f"{nome} {segundos:.1f} s" for nome, segundos in servidores.tempos.items()))


# --- 2. PostgreSQL reiniciado sob o portal ----------------------------------------------------------------------


def test_postgres_reiniciado_as_requisicoes_falham_limpas_e_o_portal_volta_sozinho(servidores):
    pg, portal = servidores.pg, servidores.portal
    sessao, chamado = servidores.sessao_da_ana, servidores.chamado_de_campinas
    if portal.gunicorn is None:
        portal.subir_web()
    pid_do_gunicorn = portal.gunicorn.pid
    ana = Navegador(portal.porta, sessao=sessao, limite=30)
    _, token = ana.csrf("/suporte/novo/?item=11")
    registros, parar, inicio = [], threading.Event(), time.monotonic()

    def laco():
        numero = 0
        while not parar.is_set():
            numero += 1
            if numero % 4 == 0:
                metodo, caminho = "POST", "/suporte/novo/"
                dados = {"csrfmiddlewaretoken": token, "item": "11", "titulo": f"Durante o reinício {numero}",
                         "descricao": "Aberto com o banco reiniciando."}
            else:
                metodo, caminho, dados = "GET", ("/suporte/" if numero % 2 else f"/suporte/chamados/{chamado}/"), None
            try:
                resposta = ana.pedir(metodo, caminho, dados)
                registros.append((time.monotonic() - inicio, metodo, dados and dados["titulo"], resposta.status,
                                  resposta.segundos, resposta.corpo))
            except OSError as erro:  # a conexão recusada ou cortada não é uma falha limpa
                registros.append((time.monotonic() - inicio, metodo, dados and dados["titulo"], repr(erro), 0, ""))
            time.sleep(0.05)

    linha = threading.Thread(target=laco, daemon=True)
    linha.start()
    try:
        time.sleep(1.5)
        caiu = time.monotonic() - inicio
        pg.parar("fast")
        time.sleep(1.0)
        saude = Navegador(portal.porta).pedir("GET", "/saude/")
        time.sleep(2.0)
        pg.iniciar()
        voltou = time.monotonic() - inicio
        esperar(lambda: sum(1 for r in registros if r[0] > voltou and r[3] in (200, 302)) >= 6, limite=60,
                o_que="o portal voltar a responder depois do reinício do banco")
    finally:
        parar.set()
        linha.join(timeout=60)

    assert saude.status == 503 and '"ok": false' in saude.corpo
    assert portal.gunicorn.poll() is None and portal.gunicorn.pid == pid_do_gunicorn, "o gunicorn foi reiniciado"
    antes = [r for r in registros if r[0] < caiu]
    falhas = [r for r in registros if r[3] not in (200, 302)]
    assert antes and all(r[3] in (200, 302) for r in antes)
    assert falhas, "nenhuma requisição caiu com o banco parado: o teste não derrubou o banco"
    for momento, metodo, _, status, segundos, corpo in falhas:
        # Limpa: a página de erro do portal (500), sem rastro de pilha nem nome de driver, em menos que o
        # connect_timeout das configurações (5 s) mais a folga da máquina.
        assert status == 500, (momento, metodo, status)
        assert PAGINA_DE_ERRO in corpo and not any(v in corpo for v in VAZAMENTOS), corpo[:1000]
        assert segundos < 8, (momento, segundos)
    primeira_boa = min(r[0] for r in registros if r[0] > voltou and r[3] in (200, 302))
    depois = [r for r in registros if r[0] >= primeira_boa]
    assert all(r[3] in (200, 302) for r in depois), [r[:5] for r in depois if r[3] not in (200, 302)]
    assert primeira_boa - voltou < 10

    # Nada pela metade: cada abertura que respondeu 302 gravou o chamado e o seu evento; as que falharam, nada
    # que não tenha o evento.
    abertos = {r[2] for r in registros if r[1] == "POST" and r[3] == 302}
    gravados = dict(pg.sql("SELECT c.titulo, count(e.id) FROM suporte_chamado c LEFT JOIN auditoria_evento e ON "
                           "e.objeto_id = c.id::text AND e.acao = 'chamado_aberto' WHERE c.titulo LIKE "
                           "'Durante o reinício %' GROUP BY c.titulo", banco="portal"))
    assert abertos <= set(gravados)
    assert all(eventos == 1 for eventos in gravados.values()), gravados
    # Um reinício rápido entre duas requisições (ninguém pedia nada enquanto o banco caiu): as conexões que os
    # workers guardam (CONN_MAX_AGE) estão mortas, e a primeira requisição de cada worker não pode cair por isso.
    pg.parar("fast")
    pg.iniciar()
    depois_do_reinicio_ocioso = [ana.pedir("GET", "/suporte/").status for _ in range(8)]
    assert depois_do_reinicio_ocioso == [200] * 8, depois_do_reinicio_ocioso
    ultima_falha = max(r[0] for r in falhas)
    print(f"\nPostgreSQL reiniciado: {len(registros)} requisições ({sum(r[1] == 'POST' for r in registros)} "
          f"aberturas), {len(falhas)} falharam com a página 500 entre {min(r[0] for r in falhas) - caiu:.1f} s e "
          f"{ultima_falha - caiu:.1f} s depois da parada; banco parado por {voltou - caiu:.1f} s; primeira resposta "
          f"boa {primeira_boa - voltou:.2f} s depois da volta; {len(gravados)} chamados gravados, "
          f"{len(gravados) - len(abertos)} sem resposta 302; reinício ocioso: 8 requisições, 8 respostas 200.")


# --- 3. Worker morto no meio da varredura -----------------------------------------------------------------------


def _contar(pg, sql: str) -> int:
    return pg.sql(sql, banco="portal")[0][0]


FECHADOS = "SELECT count(*) FROM suporte_chamado WHERE titulo = 'Varredura: vencido' AND status = 'fechado'"
LEMBRETES = "SELECT count(*) FROM notificacoes_lembreteenviado WHERE tipo = 'prazo_de_aprovacao'"


def _matar_no_meio(servidores, tarefa: str, contagem: str, minimo: int) -> int:
    """Sobe um worker, põe a varredura na fila e o mata (SIGKILL) assim que `contagem` passa de `minimo`."""
    pg, portal = servidores.pg, servidores.portal
    worker = portal.subir_worker()
    portal.enfileirar(tarefa)
    esperar(lambda: _contar(pg, contagem) >= minimo, limite=90, passo=0.01, o_que=f"{tarefa} começar")
    worker.kill()
    worker.wait()
    portal.worker = None
    return _contar(pg, contagem)


def test_worker_morto_no_meio_das_varreduras_nada_pela_metade_e_nada_duas_vezes(servidores):
    pg, portal, correio, redis = servidores.pg, servidores.portal, servidores.correio, servidores.redis
    vencidos, a_lembrar = 6_000, 400
    gestores = portal.chamar("semear_varreduras", vencidos=vencidos, a_lembrar=a_lembrar)["gestores"]
    assert gestores >= 1

    fechados_na_morte = _matar_no_meio(servidores, "suporte.tasks.fechar_chamados_sem_resposta", FECHADOS, 1)
    lembretes_na_morte = _matar_no_meio(servidores, "suporte.tasks.lembrar_prazo_de_aprovacao", LEMBRETES, 20)
    assert 0 < fechados_na_morte < vencidos, "a varredura terminou antes de o worker morrer"
    assert 0 < lembretes_na_morte < a_lembrar * gestores, "a varredura terminou antes de o worker morrer"

    def pela_metade() -> dict:
        return {
            "fechado sem evento": _contar(pg, "SELECT count(*) FROM suporte_chamado c WHERE c.status = 'fechado' AND "
                                              "c.titulo = 'Varredura: vencido' AND NOT EXISTS (SELECT 1 FROM "
                                              "auditoria_evento e WHERE e.objeto_id = c.id::text AND "
                                              "e.acao = 'fechado_automaticamente')"),
            "evento sem fechamento": _contar(pg, "SELECT count(*) FROM auditoria_evento e JOIN suporte_chamado c ON "
                                                 "e.objeto_id = c.id::text WHERE e.acao = 'fechado_automaticamente' "
                                                 "AND c.status <> 'fechado'"),
            "fechado sem data": _contar(pg, "SELECT count(*) FROM suporte_chamado WHERE status = 'fechado' AND "
                                            "(fechado_em IS NULL OR fechamento = '')"),
            "lembrete sem notificação": _contar(pg, "SELECT count(*) FROM notificacoes_lembreteenviado WHERE "
                                                    "notificacao_id IS NULL"),
        }

    assert pela_metade() == dict.fromkeys(pela_metade(), 0)

    # O beat põe as varreduras na fila de novo; um worker novo as leva até o fim.
    portal.subir_worker()
    portal.enfileirar("suporte.tasks.fechar_chamados_sem_resposta")
    portal.enfileirar("suporte.tasks.lembrar_prazo_de_aprovacao")
    esperar(lambda: _contar(pg, FECHADOS) == vencidos and _contar(pg, LEMBRETES) == a_lembrar * gestores,
            limite=120, o_que="as varreduras terminarem")
    # Mais uma passada de cada (o beat não sabe que já acabou) e os e-mails que ficaram para a varredura.
    portal.enfileirar("suporte.tasks.fechar_chamados_sem_resposta")
    portal.enfileirar("suporte.tasks.lembrar_prazo_de_aprovacao")
    _envelhecer_pendentes(pg)
    portal.enfileirar("portal.notificacoes.tasks.reenviar_emails_pendentes")
    esperar(lambda: _contar(pg, "SELECT count(*) FROM notificacoes_notificacao WHERE enviar_email AND "
                                "email_enviado_em IS NULL") == 0, limite=120, o_que="os e-mails saírem")
    _fila_vazia(redis)
    portal.parar_worker()

    assert pela_metade() == dict.fromkeys(pela_metade(), 0)
    assert _contar(pg, "SELECT count(*) FROM auditoria_evento e JOIN suporte_chamado c ON e.objeto_id = c.id::text "
                       "WHERE e.acao = 'fechado_automaticamente' AND c.titulo = 'Varredura: vencido'") == vencidos
    assert _contar(pg, "SELECT count(*) FROM (SELECT objeto_id FROM auditoria_evento WHERE acao = "
                       "'fechado_automaticamente' GROUP BY objeto_id HAVING count(*) > 1) d") == 0
    assert _contar(pg, LEMBRETES) == a_lembrar * gestores
    notificacoes = _contar(pg, "SELECT count(*) FROM notificacoes_notificacao WHERE titulo LIKE "
                               "'O prazo para responder ao chamado F\\_9%'")
    assert notificacoes == a_lembrar * gestores
    emails = [a for a in correio.assuntos() if a.startswith("Portal ACT: O prazo para responder ao chamado F_9")]
    com_email = _contar(pg, "SELECT count(*) FROM notificacoes_notificacao WHERE enviar_email AND titulo LIKE "
                            "'O prazo para responder ao chamado F\\_9%'")
    assert len(emails) == com_email and len(set(emails)) * gestores >= len(emails)
    print(f"\nWorker morto (SIGKILL) 2 vezes: fechamento em {fechados_na_morte}/{vencidos}, lembretes em "
          f"{lembretes_na_morte}/{a_lembrar * gestores}; depois: {vencidos} fechados uma vez cada, "
          f"{notificacoes} lembretes, {len(emails)} e-mails, nenhum repetido.")


# --- 4. Beat parado ---------------------------------------------------------------------------------------------


def _varreduras(django_capture_on_commit_callbacks) -> None:
    """Cada tarefa da agenda do beat, uma vez, como o beat as poria na fila ao voltar (Celery ansioso)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    with django_capture_on_commit_callbacks(execute=True):
        for entrada in settings.CELERY_BEAT_SCHEDULE.values():
            import_string(entrada["task"]).delay()


def test_beat_parado_a_varredura_seguinte_alcanca_o_atraso_e_manda_so_o_ultimo_lembrete(
        demo, pessoa, django_capture_on_commit_callbacks, mailoutbox):
    from datetime import datetime, timedelta

    import time_machine
    from django.utils import timezone

    from atendimento.models import Exigencia, StatusExigencia, StatusRequerimento
    from portal.auditoria.models import Evento
    from portal.notificacoes.models import LembreteEnviado
    from suporte.models import Chamado, ItemCatalogo, StatusChamado
    from tests.requerimentos_apoio import requerimento_protocolado, vinculo_de

    ana, elisa, gabriela = pessoa("ana"), pessoa("elisa"), pessoa("gabriela")
    campinas = vinculo_de(ana).entidade
    t0 = timezone.now().replace(microsecond=0) + timedelta(minutes=1)

    def chamado(codigo: str, prazo) -> Chamado:
        return Chamado.objects.create(
            codigo=codigo, item=ItemCatalogo.objects.get(numero=11), entidade=campinas, sr_id=campinas.sr_id,
            requerente=ana, titulo=f"Beat parado {codigo}", descricao="Solucionado.", status=StatusChamado.SOLUCIONADO,
            tecnico=elisa, solucionado_por=elisa, solucionado_em=prazo - timedelta(days=7), prazo_aprovacao=prazo,
            rodada=1)

    def exigencia(prazo_fim) -> Exigencia:
        requerimento = requerimento_protocolado(documentos=0)
        requerimento.status, requerimento.analista = StatusRequerimento.EM_EXIGENCIA, gabriela
        requerimento.save(update_fields=["status", "analista"])
        return Exigencia.objects.create(requerimento=requerimento, texto="Junte a CTPS.", itens="CTPS",
                                        emitida_por=gabriela, notificada_em=t0 - timedelta(days=20),
                                        prazo_fim=prazo_fim)

    vence = chamado("L_9BEAT001", t0 + timedelta(hours=2))  # vence durante a parada
    dois_marcos = chamado("L_9BEAT002", t0 + timedelta(hours=46))  # "2 dias" antes da parada, "último dia" na volta
    pulou_um = chamado("L_9BEAT003", t0 + timedelta(hours=49))  # os dois marcos vencem durante a parada
    hoje = timezone.localdate(t0)
    vencida = exigencia(hoje)  # o último dia é hoje: vence durante a parada
    cinco_dias = exigencia(hoje + timedelta(days=6))  # o aviso de 5 dias vence durante a parada

    def lembretes(objeto) -> list[str]:
        tipo = "prazo_de_aprovacao" if isinstance(objeto, Chamado) else "prazo_da_exigencia"
        return sorted(LembreteEnviado.objects.filter(objeto_id=str(objeto.pk), tipo=tipo)
                      .values_list("marco", flat=True).distinct())

    with time_machine.travel(t0, tick=False):
        _varreduras(django_capture_on_commit_callbacks)  # a última passada antes da parada
    assert lembretes(vence) == ["r1:ultimo_dia"] and lembretes(dois_marcos) == ["r1:2_dias"]
    assert lembretes(pulou_um) == [] and lembretes(cinco_dias) == []
    emails_antes = len(mailoutbox)

    # Um dia parado: uma passada de cada varredura alcança o atraso.
    with time_machine.travel(t0 + timedelta(hours=26), tick=False):
        _varreduras(django_capture_on_commit_callbacks)
        _varreduras(django_capture_on_commit_callbacks)  # e a seguinte não faz nada de novo
    vence.refresh_from_db()
    vencida.refresh_from_db()
    assert vence.status == StatusChamado.FECHADO
    assert Evento.objects.filter(objeto_id=str(vence.pk), acao="fechado_automaticamente").count() == 1
    assert vencida.status == StatusExigencia.NAO_CUMPRIDA
    assert lembretes(dois_marcos) == ["r1:2_dias", "r1:ultimo_dia"]
    assert lembretes(pulou_um) == ["r1:ultimo_dia"], "depois da parada, só o marco mais recente"
    assert lembretes(cinco_dias) == [f"{cinco_dias.prazo_fim.isoformat()}:5_dias"]
    depois_de_um_dia = len(mailoutbox) - emails_antes

    # O beat para de novo, por cinco dias, logo depois de uma exigência nova: ela perde os avisos de 5 dias e de
    # 1 dia, e a volta manda só o de 1 dia.
    with time_machine.travel(t0 + timedelta(hours=26, minutes=5), tick=False):
        dois_avisos = exigencia(hoje + timedelta(days=6))
    vespera = datetime.combine(dois_avisos.prazo_fim, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(vespera - timedelta(hours=2), tick=False):
        _varreduras(django_capture_on_commit_callbacks)
        _varreduras(django_capture_on_commit_callbacks)
    assert lembretes(dois_avisos) == [f"{dois_avisos.prazo_fim.isoformat()}:1_dia"]
    enviados = [(tuple(m.to), m.subject) for m in mailoutbox]
    assert len(enviados) == len(set(enviados)), "um e-mail saiu duas vezes para a mesma pessoa"
    assert LembreteEnviado.objects.filter(notificacao__isnull=True).count() == 0
    print(f"\nBeat parado: depois de 1 dia, {depois_de_um_dia} e-mails; {len(mailoutbox)} no total, nenhum "
          "repetido.")
