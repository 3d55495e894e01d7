#!/usr/bin/env bash
# make-test-ca.sh FOLDER
#
# Makes a throwaway PKI for a test server on 127.0.0.1 in FOLDER (0600 files):
#   ca.pem, ca.key              the CA the tests trust (--ca-file)
#   server.pem, server.key      the server's certificate (SAN IP:127.0.0.1, DNS:localhost)
#   other-ca.pem                a CA that signed nothing: a wrong --ca-file must be refused
set -euo pipefail
umask 077
tls=${1:?usage: make-test-ca.sh FOLDER}
mkdir -p "$tls"
quiet() { "$@" >/dev/null 2>&1 || { echo "openssl failed: $*" >&2; exit 1; }; }
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=CredVault test CA" \
  -keyout "$tls/ca.key" -out "$tls/ca.pem"
quiet openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=CredVault other CA" \
  -keyout "$tls/other-ca.key" -out "$tls/other-ca.pem"
quiet openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$tls/server.key" -out "$tls/server.csr"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
  > "$tls/server.ext"
quiet openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -days 2 -extfile "$tls/server.ext" -out "$tls/server.pem"
rm -f "$tls/other-ca.key" "$tls/server.csr" "$tls/server.ext"
