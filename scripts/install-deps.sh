#!/usr/bin/env bash
# Installs CredVault's system packages on Debian: libsodium-dev to build, sqlite3, slapd and
# ldap-utils for the end-to-end tests. Safe to run again; it installs only what is missing.
set -euo pipefail
packages=(libsodium-dev pkg-config sqlite3 slapd ldap-utils openssh-server openssh-client)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# slapd's package would start a system-wide LDAP server; the tests run their own on 127.0.0.1,
# so keep the package scripts from starting anything while it installs.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  made_policy=1
fi
trap '[ "$made_policy" = 1 ] && $sudo rm -f "$policy"' EXIT
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
