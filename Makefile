# zhicheng — two commands: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
IDP_PORT ?= $(shell echo $$(( $(PORT) + 1 )))
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run serve-prod test lint format install system-deps postgres test-sqlite test-postgres bench clean

.venv/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: .venv/.installed

## make run: embedded SQLite (WAL), demo data, the local SSO stand-in on PORT+1, the platform on PORT.
## With SSO_SERVER_URL (and SSO_CLIENT_ID, SSO_CLIENT_SECRET) set: that SSO, and no stand-in.
run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo $(if $(SSO_SERVER_URL),--no-idp,--idp-url http://127.0.0.1:$(IDP_PORT))
	PORT=$(PORT) IDP_PORT=$(IDP_PORT) $(PY) scripts/serve.py

## make serve-prod: the production shape on this machine — gunicorn (deploy/gunicorn.conf.py) with
## config.settings.prod; needs SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS (see deploy/zhicheng.env.example).
serve-prod: install
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py check --deploy --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.prod .venv/bin/gunicorn -c deploy/gunicorn.conf.py

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djhtml --check $$(find templates zhicheng -name '*.html')
	.venv/bin/mypy .
	.venv/bin/mypy --config-file zhicheng/idp/mypy.ini --cache-dir var/.mypy_cache_idp zhicheng/idp config/settings/idp.py config/idp_urls.py config/idp_wsgi.py

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djhtml $$(find templates zhicheng -name '*.html')

system-deps:
	bash scripts/system-deps.sh

## make test: lint, then the whole suite on SQLite, then on PostgreSQL (a local cluster started here, stopped again afterwards).
test: install system-deps
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# The platform's suite (browser journeys included), then the idp stand-in's own suite under its settings.
PYTEST_PLATFORM := DJANGO_SETTINGS_MODULE=config.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest -q
PYTEST_IDP := DJANGO_SETTINGS_MODULE=config.settings.idp .venv/bin/pytest -q zhicheng/idp

test-sqlite: install
	$(PYTEST_PLATFORM)
	$(PYTEST_IDP)

test-postgres: install
	eval "$$(bash scripts/postgres.sh)" && $(PYTEST_PLATFORM) && IDP_DATABASE_URL=$$DATABASE_URL $(PYTEST_IDP); \
	  status=$$?; bash scripts/postgres.sh stop; exit $$status

bench: install
	for f in bench/*.py; do $(PY) $$f; done

clean:
	rm -rf var/*.sqlite3* var/media
