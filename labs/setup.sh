# shellcheck shell=bash
# The labs' set-up. From the repository root, after `make cluster`:
#
#   . labs/setup.sh
#
# `helm` is then Helm $HELM_VERSION (labs/bin/helm; 3 unless you exported 4), kubectl is the
# pinned one, both talk to the cluster `make cluster` made, and CLUSTER_VALUES names the values
# file that cluster needs, so every command of the guides reads the same on kind and on the
# local cluster. The harness runs the guides' commands with the same variables
# (harness/src/guide/lab-env.ts).
export PATH="$PWD/labs/bin:$PWD/.tools/bin:$PATH"
export HELM_VERSION="${HELM_VERSION:-3}"
# KUBECONFIG and CLUSTER_VALUES, as the cluster provider gives them (`demo-hooks cluster env`).
eval "$(node bin/demo-hooks.js cluster env)"

# A fresh namespace for every part of a lab, so that `helm history` starts at revision 1.
fresh() { kubectl delete namespace demo --ignore-not-found --wait && kubectl create namespace demo; }
