# harness.sh: what every fixture server harness needs, sourced by Tests/Fixtures/*/…-harness.sh.
#
#   spawn LOG CMD…   start CMD in the background, in its own process group, stdin /dev/null,
#                    output appended to LOG, none of our other descriptors inherited
#   hold_lifeline PIDFILE
#                    write the spawned servers' pids to PIDFILE (for a test that must kill
#                    them itself when we cannot), then block until our standard input closes (the test let go or died) or a
#                    spawned server exits, then SIGKILL every spawned group; exit 0 when the
#                    lifeline closed, 1 when a server died first
#   random_secret    18 random bytes, base64, no trailing newline (ldap tools' -y reads it all)
#
# The test process holds the write end of our standard input: when it ends, fails or is
# killed, the kernel closes the pipe and every server goes with it.

harness_children=()

# Close every descriptor but 0, 1 and 2 that we may have inherited. The harness keeps what it
# was given (Foundation's Process watches its child through an inherited socket), but a server
# must not hold a test runner's descriptors open.
close_inherited_fds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    case $fd in 0|1|2|255) ;; *) eval "exec $fd>&-" 2>/dev/null ;; esac
  done
}

random_secret() { printf '%s' "$(head -c 18 /dev/urandom | base64 | tr '+/' 'Xy')"; }

# setsid gives the server its own process group (it execs in place: a background subshell is
# never a group leader), so stopping it also stops whatever it forked (sshd's sessions).
spawn() {
  local log=$1
  shift
  ( close_inherited_fds; exec setsid "$@" ) </dev/null >>"$log" 2>&1 &
  harness_children+=("$!")
}

# SIGKILL, not SIGTERM: a test runner may start us with every signal blocked (libdispatch
# worker threads block them, and the mask survives exec), so a server would never see a
# SIGTERM. Everything a harness runs is throwaway test data in a temp folder.
stop_children() {
  trap - EXIT TERM INT HUP
  local pid
  for pid in "${harness_children[@]}" ${lifeline_pid:-}; do
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}

hold_lifeline() {
  printf '%s\n' "${harness_children[@]}" > "$1"
  # A background job's stdin would be /dev/null: hand it ours through fd 3.
  exec 3<&0
  ( close_inherited_fds; exec cat >/dev/null ) <&3 &
  lifeline_pid=$!
  exec 3<&-
  trap 'stop_children; exit 143' TERM INT HUP
  trap stop_children EXIT
  set +e
  wait -n "${harness_children[@]}" "$lifeline_pid"
  local status=$? pid
  for pid in "${harness_children[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "a server (pid $pid) exited with status $status before the test let go" >&2
      exit 1
    fi
  done
  exit 0
}
