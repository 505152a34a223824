"""Testes de navegador (Chromium do Debian + Playwright, API síncrona), marcados `navegador`.

    .venv/bin/python -m pytest tests/navegador -q -x -p no:randomly

Rodam depois de todos os outros testes da sessão (ver conftest.py). Para deixá-los de fora: -m "not navegador".
"""
