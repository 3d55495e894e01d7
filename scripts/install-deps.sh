#!/usr/bin/env bash
# Installs CredVault's system packages on Debian: libsodium-dev and libldap-dev to build,
# sqlite3, slapd and ldap-utils for the end-to-end tests, and for the directory tests a Samba
# AD DC (samba-ad-dc; samba-ad-provision holds the schema `samba-tool domain provision` needs
# and is only a Recommends) and openssl for their throwaway CAs; openssh-server and -client
# for the remote-connector tests. Safe to run again; it
# installs only what is missing.
set -euo pipefail
packages=(libsodium-dev libldap-dev pkg-config sqlite3 slapd ldap-utils
          samba-ad-dc samba-ad-provision openssl openssh-server openssh-client)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# slapd's and Samba's packages would start system-wide servers (slapd, samba-ad-dc, smbd,
# nmbd, winbind); the tests run their own on 127.0.0.1 (Samba's on ports 389/636), so keep
# the package scripts from starting anything while they install.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  made_policy=1
fi
trap '[ "$made_policy" = 1 ] && $sudo rm -f "$policy"' EXIT
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# And keep them from starting at the next boot: the tests need ports 389 and 636 free.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for unit in slapd samba-ad-dc smbd nmbd winbind; do
    $sudo systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
fi
