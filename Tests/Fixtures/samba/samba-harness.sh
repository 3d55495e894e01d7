#!/usr/bin/env bash
# samba-harness.sh STATE
#
# Provisions a private Active Directory domain (CONTOSO.TEST) in STATE with Debian's Samba,
# gives it a TLS certificate from a CA made here, seeds the accounts (samba-accounts.py) and
# runs `samba -i -M single` with the LDAP service only, on 127.0.0.1 (ports 389 and 636:
# Samba has no option to move them, so one harness per machine at a time), until standard
# input closes. The test process holds that pipe: when the test ends, fails or dies, the pipe
# closes and samba is stopped, so no samba is ever left behind.
#
# Files it leaves in STATE for the test:
#   tls/ca.pem            the CA that signed the server's certificate (trust this one)
#   tls/other-ca.pem      a CA that signed nothing (a wrong --ca-file)
#   private/msol.pw       MSOL_test's password           (all 0600, no trailing newline)
#   private/other.pw      MSOL_other's password
#   private/rotator.pw    rotator's password ("Reset password" on MSOL_test)
#   dc/etc/smb.conf       the DC's configuration (samba-tool -s it)
#   ready                 created once LDAPS answers a bind
#   samba.log, provision.log
# Nothing of the system's Samba configuration (/etc/samba, /var/lib/samba) is used.
set -euo pipefail
umask 077

close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    case $fd in 0|1|2|255) ;; *) eval "exec $fd>&-" 2>/dev/null ;; esac
  done
}

state=${1:?usage: samba-harness.sh STATE}
here=$(cd "$(dirname "$0")" && pwd)
samba=${SAMBA:-/usr/sbin/samba}
samba_tool=${SAMBA_TOOL:-/usr/bin/samba-tool}
dc="$state/dc"
mkdir -p "$state/private" "$state/tls" "$dc/run" "$dc/log"
chmod 700 "$state/private"

# A random password that meets AD's default complexity (upper, lower, digit, symbol).
random_password() { printf 'Aa1!%s' "$(head -c 15 /dev/urandom | base64 | tr '+/' 'Xy')"; }
for account in msol other rotator; do random_password > "$state/private/$account.pw"; done

bash "$here/../tls/make-test-ca.sh" "$state/tls"

# --dns-backend=NONE and "server services = ldap": no DNS, SMB, Kerberos or RPC listeners.
# No --adminpass: provision makes a random Administrator password (nobody needs it) and logs
# it, so that one line is kept out of provision.log.
"$samba_tool" domain provision --realm=CONTOSO.TEST --domain=CONTOSO --server-role=dc \
  --dns-backend=NONE --host-ip=127.0.0.1 --targetdir="$dc" \
  --option="interfaces = 127.0.0.1" --option="bind interfaces only = yes" \
  --option="server services = ldap" \
  --option="tls enabled = yes" --option="tls keyfile = $state/tls/server.key" \
  --option="tls certfile = $state/tls/server.pem" --option="tls cafile = $state/tls/ca.pem" \
  --option="pid directory = $dc/run" --option="log file = $dc/log/log.%m" \
  2>&1 | grep -iv 'password' > "$state/provision.log" || true
smbconf="$dc/etc/smb.conf"
[ -s "$dc/private/sam.ldb" ] || { echo "provision failed; see $state/provision.log" >&2; exit 1; }
# Provision drops this option, and without it Samba keeps accepting a changed password for
# 60 minutes (NTLM's "old password allowed period"); the tests check that the old one fails.
sed -i 's/^\[global\]$/[global]\n\told password allowed period = 0/' "$smbconf"

# The DC's default minPwdAge is one day: the tests change passwords again at once.
"$samba_tool" domain passwordsettings set -s "$smbconf" --min-pwd-age=0 >>"$state/provision.log" 2>&1
/usr/bin/python3 "$here/samba-accounts.py" "$smbconf" "$state/private" >>"$state/provision.log" 2>&1

( close_inherited_fds; exec "$samba" -s "$smbconf" -i -M single --no-process-group ) \
  </dev/null >>"$state/samba.log" 2>&1 &
samba_pid=$!
echo "$samba_pid" > "$state/samba.child.pid"

exec 3<&0
( close_inherited_fds; exec cat >/dev/null ) <&3 &
watch_pid=$!
exec 3<&-

# SIGKILL, not SIGTERM: a test runner may start us with every signal blocked (see
# slapd-harness.sh). The domain is throwaway test data in a temp folder.
stop() {
  trap - EXIT TERM INT HUP
  kill -KILL "$samba_pid" "$watch_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap 'stop; exit 143' TERM INT HUP
trap stop EXIT

# Ready once an LDAPS bind as the rotator works (a deadline, not a fixed sleep).
for _ in $(seq 1 600); do
  kill -0 "$samba_pid" 2>/dev/null || { echo "samba exited; see $state/samba.log" >&2; exit 1; }
  if LDAPTLS_CACERT="$state/tls/ca.pem" /usr/bin/ldapsearch -x -H ldaps://127.0.0.1 \
       -D "rotator@contoso.test" -y "$state/private/rotator.pw" -b "" -s base dn >/dev/null 2>&1; then
    touch "$state/ready"
    break
  fi
  sleep 0.1
done
[ -e "$state/ready" ] || { echo "samba did not answer LDAPS within 60 s; see $state/samba.log" >&2; exit 1; }

set +e
wait -n "$samba_pid" "$watch_pid"
status=$?
if ! kill -0 "$samba_pid" 2>/dev/null; then
  echo "samba exited with status $status; see $state/samba.log" >&2
  exit 1
fi
exit 0
