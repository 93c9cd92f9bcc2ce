# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Tests run in parallel, one worker per CPU (pytest-xdist); `make test PYTEST_ARGS=...` to narrow down.
PYTEST_ARGS ?= -n auto
STAMP := $(VENV)/.installed
APPS := $(patsubst %/apps.py,%,$(wildcard */apps.py))

.PHONY: run test setup migrate seed lint check messages compilemessages clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

# The demo lives relative to its date: built on first run, rebuilt when it is more
# than a week old (KEEP_DEMO=1 keeps it as it is).
seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo $(if $(KEEP_DEMO),,--refresh-after 7)

run: seed
	@echo ""
	@echo "  TechMakers draait op http://127.0.0.1:$(PORT)/  (stoppen: Ctrl+C)"
	@echo "  Demo-accounts (wachtwoord: techmakers):"
	@echo "    leerling, leerling2, docent, docent2, coordinator, netwerkcoach, partner, partner2, bureau"
	@echo ""
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: setup
	SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") ALLOWED_HOSTS=techmakers.example.nl $(BIN)/python manage.py check --deploy --fail-level WARNING
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the Dutch translation files of every app after changing strings.
messages: setup
	for app in $(APPS); do \
	  (cd $$app && ../$(BIN)/django-admin makemessages -l nl --no-obsolete --no-location) ; done
	@echo "Now translate the new entries in */locale/nl/LC_MESSAGES/django.po and run: make compilemessages"

compilemessages: setup
	for app in $(APPS); do \
	  (cd $$app && ../$(BIN)/django-admin compilemessages -l nl) ; done

clean:
	rm -rf $(VENV) var
