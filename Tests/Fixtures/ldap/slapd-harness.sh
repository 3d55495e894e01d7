#!/usr/bin/env bash
# slapd-harness.sh STATE PORT [LDAPS_PORT]
#
# Builds a private OpenLDAP directory in STATE (config, two mdb databases, seeded sync
# accounts) and runs slapd on ldap://127.0.0.1:PORT/ in the foreground until standard input
# closes. The test process holds that pipe: when the test ends, fails or dies, the pipe
# closes and slapd is stopped, so no slapd is ever left behind.
#
# With LDAPS_PORT, slapd also speaks TLS: StartTLS on PORT and LDAPS on LDAPS_PORT, with a
# certificate from a CA made in STATE/tls (../tls/make-test-ca.sh; trust STATE/tls/ca.pem).
#
# Files it leaves in STATE for the test:
#   private/rootpw                      the rootdn password of both databases (0600)
#   private/svc-contoso.com.pw          initial password of cn=svc-adsync,dc=contoso,dc=com
#   private/svc-fabrikam.com.pw         initial password of cn=svc-adsync,dc=fabrikam,dc=com
#   slapd.log                           slapd's own output
# Nothing of the system's LDAP configuration (/etc/ldap/slapd.d, /var/lib/ldap) is used.
set -euo pipefail
umask 077

# Close every descriptor but 0, 1 and 2 that we may have inherited. This script keeps what
# it was given (Foundation's Process watches its child through an inherited socket), but
# slapd and the watchdog must not hold a test runner's descriptors open.
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    case $fd in 0|1|2|255) ;; *) eval "exec $fd>&-" 2>/dev/null ;; esac
  done
}

state=${1:?usage: slapd-harness.sh STATE PORT}
port=${2:?usage: slapd-harness.sh STATE PORT [LDAPS_PORT]}
ldaps_port=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
schema=${CREDVAULT_LDAP_SCHEMA:-/etc/ldap/schema}
slapd=${SLAPD:-/usr/sbin/slapd}
slapadd=${SLAPADD:-/usr/sbin/slapadd}
slappasswd=${SLAPPASSWD:-/usr/sbin/slappasswd}

mkdir -p "$state/private" "$state/db-contoso" "$state/db-fabrikam"
chmod 700 "$state/private"

# A random secret, printed without a trailing newline (ldap tools' -y reads the whole file).
random_secret() { printf '%s' "$(head -c 18 /dev/urandom | base64 | tr '+/' 'Xy')"; }

random_secret > "$state/private/rootpw"
rootpw_hash=$("$slappasswd" -T "$state/private/rootpw")

sed -e "s|@STATE@|$state|g" -e "s|@SCHEMA@|$schema|g" -e "s|@ROOTPW@|$rootpw_hash|g" \
    "$here/slapd.conf.in" > "$state/slapd.conf"
listen="ldap://127.0.0.1:$port/"
if [ -n "$ldaps_port" ]; then
  bash "$here/../tls/make-test-ca.sh" "$state/tls"
  # Global TLS directives must come before the first database: prepend them.
  { printf 'TLSCACertificateFile %s\nTLSCertificateFile %s\nTLSCertificateKeyFile %s\n' \
      "$state/tls/ca.pem" "$state/tls/server.pem" "$state/tls/server.key"
    cat "$state/slapd.conf"; } > "$state/slapd.conf.tls"
  mv "$state/slapd.conf.tls" "$state/slapd.conf"
  listen="$listen ldaps://127.0.0.1:$ldaps_port/"
fi

for forest in contoso.com fabrikam.com; do
  dc=${forest%%.*}
  base="dc=$dc,dc=com"
  pwfile="$state/private/svc-$forest.pw"
  random_secret > "$pwfile"
  # userPassword comes from the file by URL, so it is never on a command line.
  cat > "$state/seed-$dc.ldif" <<LDIF
dn: $base
objectClass: dcObject
objectClass: organization
dc: $dc
o: $forest

dn: cn=svc-adsync,$base
objectClass: inetOrgPerson
cn: svc-adsync
sn: svc-adsync
uid: svc-adsync-$dc
description: AD DS connector account of the sync service for $forest
userPassword:< file://$pwfile
LDIF
  "$slapadd" -q -f "$state/slapd.conf" -b "$base" -l "$state/seed-$dc.ldif" 2>>"$state/slapd.log"
done

( close_inherited_fds; exec "$slapd" -f "$state/slapd.conf" -h "$listen" -d 0 ) \
  </dev/null >>"$state/slapd.log" 2>&1 &
slapd_pid=$!
echo "$slapd_pid" > "$state/slapd.child.pid"

# Watchdog: returns when the test closes our standard input (or dies), or when slapd exits.
# (A background job's stdin would be /dev/null: hand it ours through fd 3.)
exec 3<&0
( close_inherited_fds; exec cat >/dev/null ) <&3 &
watch_pid=$!
exec 3<&-

# SIGKILL, not SIGTERM: a test runner may start us with every signal blocked (libdispatch
# worker threads block them, and the mask survives exec), so slapd would never see a SIGTERM.
# The databases are throwaway test data in a temp folder; mdb does not mind.
stop() {
  trap - EXIT TERM INT HUP
  kill -KILL "$slapd_pid" "$watch_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 143' TERM INT HUP
trap stop EXIT

set +e
wait -n "$slapd_pid" "$watch_pid"
status=$?
if ! kill -0 "$slapd_pid" 2>/dev/null; then
  echo "slapd exited with status $status; see $state/slapd.log" >&2
  exit 1
fi
exit 0
