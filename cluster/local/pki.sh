#!/usr/bin/env bash
# Makes the local cluster's certificate authority, one client or serving certificate per
# component, the service-account key pair and the kubeconfigs, with openssl. EC P-256 keys, so
# this takes well under a second.
#
# usage: pki.sh STATE_DIR NODE_IP NODE_NAME API_SERVICE_IP API_PORT API_ADDRESS
#   NODE_IP: the kubelet's address; API_ADDRESS: where every client reaches the API server.
set -euo pipefail
state=$1 node_ip=$2 node_name=$3 api_service_ip=$4 api_port=$5 api_address=$6
pki="$state/pki"
kc="$state/kubeconfigs"
mkdir -p "$pki" "$kc"
cd "$pki"
umask 077

key() { openssl ecparam -name prime256v1 -genkey -noout -out "$1.key" 2>/dev/null; }

openssl_quiet() { openssl "$@" 2>/dev/null; }

key ca
openssl_quiet req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=demo-hooks-local-ca" -out ca.crt

# cert NAME SUBJECT EXTENSIONS: a certificate signed by the CA.
cert() {
  local name=$1 subject=$2 ext=$3
  key "$name"
  openssl_quiet req -new -key "$name.key" -subj "$subject" -out "$name.csr"
  printf '%s\n' "$ext" >"$name.ext"
  openssl_quiet x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 30 \
    -extfile "$name.ext" -out "$name.crt"
  rm -f "$name.csr" "$name.ext"
}

client='keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth'
server() { printf 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$1"; }

cert apiserver "/CN=kube-apiserver" "$(server "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:$api_address,IP:$api_service_ip")"
cert kubelet "/CN=$node_name" "$(server "DNS:$node_name,DNS:localhost,IP:127.0.0.1,IP:$node_ip")"
# Identities the default RBAC bindings already know.
cert admin "/O=system:masters/CN=demo-hooks-admin" "$client"
cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" "$client"
cert kube-controller-manager "/CN=system:kube-controller-manager" "$client"
cert kube-scheduler "/CN=system:kube-scheduler" "$client"
cert kube-proxy "/CN=system:kube-proxy" "$client"
cert kubelet-client "/O=system:nodes/CN=system:node:$node_name" "$client"

openssl_quiet ecparam -name prime256v1 -genkey -noout -out sa.key
openssl_quiet ec -in sa.key -pubout -out sa.pub

# kubeconfig NAME CERT: a kubeconfig for one identity.
kubeconfig() {
  cat >"$kc/$1.kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters:
- name: demo-hooks-local
  cluster:
    server: https://$api_address:$api_port
    certificate-authority-data: $(base64 -w0 ca.crt)
users:
- name: $1
  user:
    client-certificate-data: $(base64 -w0 "$2.crt")
    client-key-data: $(base64 -w0 "$2.key")
contexts:
- name: demo-hooks-local
  context: { cluster: demo-hooks-local, user: $1 }
current-context: demo-hooks-local
KC
}
kubeconfig admin admin
kubeconfig kube-controller-manager kube-controller-manager
kubeconfig kube-scheduler kube-scheduler
kubeconfig kube-proxy kube-proxy
kubeconfig kubelet kubelet-client
