# motcua: two commands on a fresh machine with Python 3.11 and make.
#   make demo   set up .venv and run the Kim Boi month
#   make test   set up .venv with test extras and run the test suite
# The interpreter behind .venv: Python 3.11, preferring the distribution's build when it can make
# virtual environments (Debian's /usr/bin/python3.11 is compiled with profile-guided optimisation; a
# Kim Boi replication runs about 6% faster on it than on a plain source build such as pyenv's, in
# interleaved runs on our benchmark machine), else the python3.11 on PATH.
# Override with `make PYTHON=/path/to/python ...`.
PYTHON ?= $(or $(shell for p in /usr/bin/python3.11 "$$(command -v python3.11)"; do \
	[ -n "$$p" ] && "$$p" -c 'import ensurepip, venv' 2>/dev/null && echo "$$p" && break; done), \
	$(shell command -v python3.11 2>/dev/null || command -v python3))
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lab app venv clean translations

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/motcua sim run scenarios/kim-boi.yaml --out out/kim-boi

# one pytest worker per logical core (pytest-xdist); `make test PYTEST_ARGS=` runs them one after another
PYTEST_ARGS ?= -n logical

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m benchmarks

COURSE ?= workshop

lab: $(STAMP)
	test -d $(COURSE) || $(VENV)/bin/motcua workshop init $(COURSE) --roster exercises/demo-roster.csv
	$(VENV)/bin/motcua workshop lab --course $(COURSE) --root .

# The dashboard speaks Vietnamese to commune leaders; `make app LANG_UI=en` serves it in English.
LANG_UI ?= $(or $(MOTCUA_LANG),vi)
app: $(STAMP)
	@case "$(LANG_UI)" in vi|en) ;; *) echo "make app: LANG_UI=$(LANG_UI): must be vi (Vietnamese) or en (English)" >&2; exit 2;; esac
	MOTCUA_LANG=$(LANG_UI) $(VENV)/bin/voila notebooks/02-staffing-dashboard.ipynb --Voila.ip=127.0.0.1

# Message catalogues (docs/i18n.md): extract the marked strings, merge them into every language's .po
# (new ones empty, changed ones fuzzy: translate them, then remove the fuzzy flag), compile the .mo files,
# then write the notebooks' Vietnamese editions (notebooks/*.vi.ipynb: each markdown cell is one message).
# The .po files are committed; the .pot and .mo files are not (a fresh clone compiles the .po in memory).
# Entries are sorted and carry file names without line numbers, and the extraction time stamp is dropped,
# so the .po changes only where a message changes and branches merge cleanly.
LOCALE  := simulation/locale
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg --sort-output --add-location=file --width=110 -c TRANSLATORS: \
		--project=motcua --version=$(VERSION) --copyright-holder="motcua authors" -o $(LOCALE)/motcua.pot .
	$(VENV)/bin/pybabel update -i $(LOCALE)/motcua.pot -d $(LOCALE) -D motcua --ignore-obsolete --width=110
	sed -i '/^"POT-Creation-Date: /d' $(LOCALE)/*/LC_MESSAGES/motcua.po
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D motcua --statistics
	$(PY) -m motcua.editions

clean:
	rm -rf $(VENV) out
