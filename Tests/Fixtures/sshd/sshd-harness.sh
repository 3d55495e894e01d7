#!/usr/bin/env bash
# sshd-harness.sh STATE PORT
#
# A private OpenSSH server on 127.0.0.1:PORT, the "remote host" for the tests of connectors
# reached over ssh. Everything is in STATE: its own host key, its own client key, its own
# authorized_keys and sshd_config; nothing of /etc/ssh is read (sshd -f) and no system sshd is
# started or touched. Only key authentication, only the user running the harness, only
# 127.0.0.1. sshd runs in the foreground (-D -e) until standard input closes (the test's
# lifeline, see ../lib/harness.sh); its sessions are stopped with it.
#
# Files it leaves in STATE for the test:
#   private/client_key        the client's private key (ed25519, 0600, no passphrase: a test key)
#   known_hosts               the host key as ssh expects it for [127.0.0.1]:PORT
#   authorized_keys           the client key, `restrict`ed (no pty, no forwarding)
#   sshd.log                  sshd's own output
# Connect with (-F /dev/null: none of the user's or the system's ssh_config, Debian's sends
# LANG and LC_* to the server):
#   ssh -F /dev/null -i STATE/private/client_key -o IdentitiesOnly=yes \
#       -o UserKnownHostsFile=STATE/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes \
#       -p PORT USER@127.0.0.1 COMMAND…
set -euo pipefail
umask 077

state=${1:?usage: sshd-harness.sh STATE PORT}
port=${2:?usage: sshd-harness.sh STATE PORT}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/harness.sh
. "$here/../lib/harness.sh"
sshd=${SSHD:-/usr/sbin/sshd}
user=$(id -un)

mkdir -p "$state/private" "$state/home"
chmod 700 "$state" "$state/private" "$state/home"
ssh-keygen -q -t ed25519 -N '' -C "credvault-test-host" -f "$state/ssh_host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C "credvault-test-client" -f "$state/private/client_key"
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$state/ssh_host_ed25519_key.pub")" > "$state/known_hosts"
printf 'restrict %s\n' "$(cat "$state/private/client_key.pub")" > "$state/authorized_keys"

# Debian's sshd refuses to start without its privilege separation folder; a container that
# never booted systemd-tmpfiles lacks it. It is empty and root-owned by design.
if [ ! -d /run/sshd ] && [ "$(id -u)" -eq 0 ]; then mkdir -m 0755 /run/sshd; fi

# StrictModes no: the state folder lives under /tmp, which is world-writable (sticky), and
# sshd's StrictModes refuses an authorized_keys file below any such folder. The folder itself
# is 0700, which is what StrictModes is after.
cat > "$state/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $state/ssh_host_ed25519_key
PidFile $state/sshd.pid
AuthorizedKeysFile $state/authorized_keys
AllowUsers $user
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitUserEnvironment no
AcceptEnv none
# The remote shell (the user's login shell, run with -c) must not read the user's startup
# files: Debian's bash sources ~/.bashrc under sshd, and a slow or noisy one (pyenv, banners)
# would slow or break every command. An empty home of our own keeps the fixture hermetic.
SetEnv HOME=$state/home
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
LogLevel VERBOSE
CONF

"$sshd" -t -f "$state/sshd_config" 2>>"$state/sshd.log"
spawn "$state/sshd.log" "$sshd" -D -e -f "$state/sshd_config"
hold_lifeline "$state/harness.pids"
