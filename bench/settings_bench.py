"""As configurações do benchmark: as de produção (`portal.settings`, lidas do mesmo ambiente), com uma única
diferença — a URLconf que acrescenta a página do piso (`bench/urls_piso.py`). Só `bench/medir.py` as usa, pela
variável DJANGO_SETTINGS_MODULE do gunicorn que ele sobe; a URLconf de produção não conhece o piso."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_piso"
