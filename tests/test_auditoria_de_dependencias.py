"""O passo do pip-audit em `python3 dev.py test` (e no CI): uma vulnerabilidade conhecida reprova; o que não pôde
ser auditado (o serviço fora de alcance) é aviso, e reprova no modo estrito (PIP_AUDIT_ESTRITO=1)."""

import json

import dev


def _relatorio(*dependencias: dict) -> str:
    return json.dumps({"dependencies": list(dependencias), "fixes": []})


DJANGO_VULNERAVEL = {"name": "django", "version": "4.2.0", "vulns": [
    {"id": "PYSEC-2023-100", "fix_versions": ["4.2.2"], "aliases": ["CVE-2023-36053"], "description": "ReDoS"}]}
CELERY_OK = {"name": "celery", "version": "5.7.0", "vulns": []}
PILLOW_SEM_AUDITORIA = {"name": "pillow", "skip_reason": "Dependency not found on PyPI and could not be audited"}


def test_uma_vulnerabilidade_conhecida_reprova_e_diz_qual_e_onde_foi_corrigida():
    codigo, linhas = dev.avaliar_auditoria(_relatorio(DJANGO_VULNERAVEL, CELERY_OK), estrito=False)
    assert codigo == 1
    assert "VULNERÁVEL: django 4.2.0: PYSEC-2023-100 (corrigida em 4.2.2)" in linhas


def test_sem_vulnerabilidades_passa():
    codigo, linhas = dev.avaliar_auditoria(_relatorio(CELERY_OK), estrito=False)
    assert codigo == 0 and linhas == ["1 dependências auditadas, nenhuma vulnerabilidade conhecida"]


def test_o_que_nao_pode_ser_auditado_e_aviso_e_no_modo_estrito_reprova():
    relatorio = _relatorio(CELERY_OK, PILLOW_SEM_AUDITORIA)
    codigo, linhas = dev.avaliar_auditoria(relatorio, estrito=False)
    assert codigo == 0 and linhas[0].startswith("AVISO: 1 de 2 dependências não puderam ser auditadas")
    codigo, linhas = dev.avaliar_auditoria(relatorio, estrito=True)
    assert codigo == 1 and linhas[0].startswith("FALHA: 1 de 2")


def test_um_relatorio_ilegivel_reprova():
    assert dev.avaliar_auditoria("Traceback (most recent call last): ...", estrito=False)[0] == 1
