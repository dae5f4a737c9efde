# demo-hooks: every target sets up what it needs (npm packages, pinned tools, the cluster).
#   make scenario-pre-fail          the main lab: a failing pre-upgrade hook (HELM_VERSION=4 for Helm 4)
#   make test                       unit tests, then every integration test on a real cluster
# CLUSTER=kind|local|existing picks the cluster (default: kind where Docker runs, else local).

SHELL := /bin/bash
.DEFAULT_GOAL := help
CLI := node bin/demo-hooks.js
SCENARIOS := $(filter-out index,$(basename $(notdir $(wildcard scenarios/*.ts))))
PARALLEL ?= 2
# Extra flags for `demo-hooks run`, e.g. ARGS='--helm 3,4 --keep'.
ARGS ?=

# The hook atlas: every scenario on every Helm release of atlas/releases.yaml (each built on first
# use; hours on two cores). Resumable: cells whose release, scenario and chart are unchanged are kept.
.PHONY: atlas
atlas: deps
	@$(CLI) atlas --up $(ARGS)

.PHONY: help deps tools kind-node-image cluster cluster-down cluster-status scenarios test test-unit test-integration test-kind lint bench clean list $(addprefix scenario-,$(SCENARIOS))

help:
	@echo "make scenario-NAME   run one scenario (NAME: $(SCENARIOS))"
	@echo "make scenarios       run them all on Helm 3 and 4 (PARALLEL=$(PARALLEL))"
	@echo "make test            unit and integration tests (brings up the cluster)"
	@echo "make atlas           every scenario on every Helm release of atlas/releases.yaml (long; resumable)"
	@echo "make cluster | cluster-down | cluster-status | tools | lint | bench | clean"
	@echo "make kind-node-image | test-kind   the project's own kind node image; the kind leg on CLUSTER=kind"

# `npm install`, not `npm ci`: npm 11 drops other platforms' optional packages from the lock file
# and `npm ci` then refuses it. With the lock present, install still takes the locked versions.
node_modules/.package-lock.json: package.json package-lock.json
	@echo "==> npm packages"
	npm install --no-audit --no-fund --loglevel=error
	@touch $@
deps: node_modules/.package-lock.json

# deps first: the tools to build depend on the provider, which the CLI chooses.
tools: deps
	@bash hack/tools.sh

# The kind node image built here, offline, from the project's Kubernetes build and Debian's packages
# (hack/kind-node/build.sh); `make tools` runs it by itself for CLUSTER=kind when the pinned
# kindest/node cannot be had. Needs root.
kind-node-image: deps
	@bash hack/tools.sh kind-node

# `cluster up` runs hack/tools.sh itself, for the provider it brings up.
cluster: deps
	@$(CLI) cluster up

cluster-down: deps
	@$(CLI) cluster down

cluster-status: deps
	@$(CLI) cluster status

list: deps
	@$(CLI) list

# `run --up` sets up the cluster as `make cluster` does, in the run's own process, with the tools
# the run uses: Helm of its majors (HELM_VERSION, ARGS='--helm 3,4') and the provider's.
$(addprefix scenario-,$(SCENARIOS)): scenario-%: deps
	@$(CLI) run $* --up $(ARGS)

# Anything else called scenario-*: let the CLI say which scenarios exist.
scenario-%: deps
	@$(CLI) run $*

scenarios: deps
	@$(CLI) run all --up --helm 3,4 --parallel $(PARALLEL) --check-cleanup $(ARGS)

# One jest run over the unit and integration projects (the kind leg is `make test-kind`); the integration project brings the cluster up itself
# (test/integration/global-setup.js). --forceExit: a client keep-alive socket must not hold a
# finished run open. The last line is the whole count (test/print-summary.cjs).
JEST := node --experimental-vm-modules node_modules/jest/bin/jest.js
test: deps tools
	bash hack/shellcheck.sh
	.tools/bin/actionlint
	npx tsc --noEmit
	@mkdir -p reports
	$(JEST) --selectProjects unit integration --runInBand --forceExit --json --outputFile=reports/jest-results.json; status=$$?; \
	  node test/print-summary.cjs reports/jest-results.json; exit $$status

# The unit tests run Helm 3 and 4 (helm template, lint, dry runs), so a fresh clone gets Helm first
# (only linked when ~/.cache/demo-hooks has it). Test paths go before --selectProjects, which would
# take them for project names.
test-unit: deps
	@bash hack/tools.sh helm
	$(JEST) --selectProjects unit

test-integration: deps tools
	$(JEST) --selectProjects integration --runInBand --forceExit

# The kind leg (docs/clusters.md, "make test-kind"): a kind cluster up, pre-fail, post-fail and
# atomic on Helm 3 and 4, and down with nothing of kind's left; then lab 01 pasted on kind, command
# for command, against the blocks the local cluster recorded (the integration project brings a kind
# cluster up for it and down again). Not in `make test`: docs/clusters.md says why.
test-kind: export CLUSTER = kind
test-kind: deps tools
	$(JEST) --selectProjects kind --runInBand --forceExit
	PASTE_GUIDES=01 PASTE_PARALLEL=2 $(JEST) test/integration/labs-paste.test.ts --selectProjects integration --runInBand --forceExit

# Only the tools lint runs (Helm 3, actionlint), never Kubernetes: CI lints on a runner with no cluster.
lint: deps
	@bash hack/tools.sh helm3 actionlint
	bash hack/shellcheck.sh
	.tools/bin/actionlint
	npx tsc --noEmit
	.tools/bin/helm3 lint --strict charts/demo-hooks
	.tools/bin/helm3 lint --strict charts/demo-hooks -f charts/demo-hooks/values-local.yaml

bench: cluster
	@bash bench/run.sh

clean: deps
	@$(CLI) clean
