# Portal ACT: atalhos. Os dois comandos do README (dev.py) não precisam de make.
#
#   make run           python3 dev.py run    (web + worker + beat com SQLite e fila em arquivos)
#   make test          python3 dev.py test   (ruff + pytest, inclusive os testes de navegador)
#                      argumentos extras: make test ARGS="-k chamados"
#   make lint          ruff check .
#   make vendor        atualiza static/vendor/ a partir dos pacotes npm fixados
#   make constraints   regenera constraints.txt a partir do .venv
#   make docker-up     docker compose up -d --build

PYTHON ?= python3
VENV_BIN := .venv/bin
ARGS ?=

.PHONY: help run test lint vendor constraints docker-up

help:
	@sed -n '3,9p' Makefile | sed 's/^# \{0,1\}//'

run:
	$(PYTHON) dev.py run

test:
	$(PYTHON) dev.py test $(ARGS)

lint:
	$(VENV_BIN)/ruff check .

# --- vendor -----------------------------------------------------------------------------------------
# Copia de cada pacote npm os arquivos que static/vendor/README.md lista, sem modificá-los, e as
# licenças. Mudou a versão? Atualize-a aqui e na tabela do README. raleway/raleway.css é nosso e não
# é tocado.
#
# Os dois .map do gov.br DS também são copiados. core.min.css e core-init.min.js terminam com
# "sourceMappingURL=...map". O armazenamento com manifesto de produção (collectstatic com DEBUG
# desligado) reescreve essa referência e falha quando o arquivo não existe.
GOVBR_DS_VERSAO := 3.7.0
FONTAWESOME_VERSAO := 5.15.4
RALEWAY_VERSAO := 5.3.0
RALEWAY_ARQUIVOS := raleway-latin-400-normal.woff2 raleway-latin-500-normal.woff2 \
	raleway-latin-600-normal.woff2 raleway-latin-700-normal.woff2 raleway-latin-400-italic.woff2
VENDOR_DIR ?= static/vendor

vendor:
	@command -v npm >/dev/null || { echo "make vendor precisa do npm (só aqui: o portal não usa npm)."; exit 1; }
	@set -eu; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	pacotes="@govbr-ds/core@$(GOVBR_DS_VERSAO) @fortawesome/fontawesome-free@$(FONTAWESOME_VERSAO) @fontsource/raleway@$(RALEWAY_VERSAO)"; \
	echo "==> npm pack $$pacotes"; \
	(cd "$$tmp" && npm pack --silent $$pacotes >/dev/null); \
	for pacote in "$$tmp"/*.tgz; do \
		nome=$$(basename "$$pacote" .tgz); mkdir "$$tmp/$$nome"; \
		tar -xzf "$$pacote" -C "$$tmp/$$nome"; \
	done; \
	govbr="$$tmp/govbr-ds-core-$(GOVBR_DS_VERSAO)/package"; \
	fa="$$tmp/fortawesome-fontawesome-free-$(FONTAWESOME_VERSAO)/package"; \
	raleway="$$tmp/fontsource-raleway-$(RALEWAY_VERSAO)/package"; \
	d="$(VENDOR_DIR)"; \
	mkdir -p "$$d/govbr-ds" "$$d/fontawesome/css" "$$d/fontawesome/webfonts" "$$d/raleway"; \
	cp "$$govbr/dist/core.min.css" "$$govbr/dist/core.min.css.map" \
		"$$govbr/dist/core-init.min.js" "$$govbr/dist/core-init.min.js.map" \
		"$$govbr/LICENSE" "$$d/govbr-ds/"; \
	cp "$$fa/css/all.min.css" "$$d/fontawesome/css/"; \
	rm -f "$$d"/fontawesome/webfonts/*; \
	cp "$$fa"/webfonts/* "$$d/fontawesome/webfonts/"; \
	cp "$$fa/LICENSE.txt" "$$d/fontawesome/"; \
	for arquivo in $(RALEWAY_ARQUIVOS); do cp "$$raleway/files/$$arquivo" "$$d/raleway/"; done; \
	cp "$$raleway/LICENSE" "$$d/raleway/"; \
	echo "==> $$d atualizado. Confira com: git status $$d"

# --- constraints ------------------------------------------------------------------------------------
# A primeira linha (o comentário) é mantida. As demais saem do pip freeze do .venv, que precisa ter
# os extras de desenvolvimento (python3 dev.py test os instala). Sem eles, pytest, ruff e os demais
# perderiam a versão fixada.
constraints:
	@$(VENV_BIN)/python -c "import pytest, ruff, playwright" 2>/dev/null || \
		{ echo "O .venv não tem os extras [dev]: rode python3 dev.py test (ou pip install -e '.[dev]') antes."; exit 1; }
	@{ head -n 1 constraints.txt; $(VENV_BIN)/pip freeze --exclude-editable | grep -v '^portal-act=='; } \
		> constraints.txt.novo
	@mv constraints.txt.novo constraints.txt
	@echo "constraints.txt regenerado; revise com: git diff constraints.txt"

docker-up:
	docker compose up -d --build
