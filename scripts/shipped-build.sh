# Sourced by scripts/quickstart.sh and bench/run: how the binary users run is built.
#
# Written for a static-pie link (suspended, see below): one file that needs nothing on the host (no Swift runtime, not even
# a shared libc, libsqlite3 or libsodium), and keeps ASLR: the kernel loads it at a random
# address and it relocates itself (rcrt1.o). Against the ordinary --static-swift-stdlib build
# (PIE, glibc and the C libraries shared) it skips the dynamic linker's symbol binding:
# callgrind counts 4.4 M -> 1.2 M instructions of start-up (docs/DESIGN-NOTES.md, "Start-up
# cost"). Everything comes from Debian's packages: libc6-dev (libc.a, rcrt1.o), libstdc++-12-dev,
# libsqlite3-dev and libsodium-dev (the .a archives), binutils (GNU ld: gold cannot link a
# static-pie; the dynamic PIE shipped now is linked with the Swift toolchain's own lld).
# SwiftPM's $ORIGIN rpath is left out (--disable-local-rpath): glibc refuses to start a
# static-pie that has a DT_RUNPATH.
SHIPPED_SCRATCH=${CREDVAULT_SHIPPED_SCRATCH:-.build-static}  # another folder only to keep two builds apart
#
# NOT USED NOW: static-pie. libldap is no longer linked (the directory commands load it with
# dlopen: Sources/CredVault/Directory/LDAPLibrary.swift), so the static-pie link itself would
# succeed again, but a static executable cannot use what it dlopens: glibc loads a second,
# shared libc for libldap and its GnuTLS, whose thread-local storage is not set up, and the
# first TLS handshake crashes (SIGSEGV in gnutls_rnd, reproduced with a 30-line static-pie C
# program; docs/DESIGN-NOTES.md, "libldap on demand"), and a static libldap cannot be linked
# from Debian's archives (no libp11-kit.a; "Loader work"). So the shipped build links the Swift
# standard library, libstdc++, libsqlite3 and libsodium statically and glibc dynamically:
# one file with no Swift runtime needed on the host, PIE with ASLR; libldap and GnuTLS are
# mapped only by the commands that talk to a directory.
# libstdc++, libsqlite3 and libsodium are linked from Debian's static archives (libstdc++-12-dev,
# libsqlite3-dev, libsodium-dev), libc stays shared: their shared copies cost the dynamic
# loader 4,000 symbol lookups per process (docs/DESIGN-NOTES.md, "Loader work"). A folder of
# links to the three archives goes first on the library path, so `-lstdc++ -lsqlite3
# -lsodium` find the .a there: Package.swift adds it (with GNU ld) to the link when
# CREDVAULT_SHIPPED_ARCHIVES is set, and libsodium's .pc in it (SwiftPM puts that .pc's -L
# ahead of every other folder) names it as libdir. `ensure_shipped_build_packages` makes it.
SHIPPED_ARCHIVES="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/$SHIPPED_SCRATCH/archives"
export CREDVAULT_SHIPPED_ARCHIVES="$SHIPPED_ARCHIVES"
SHIPPED_BUILD_FLAGS=(
  -c release --product credvault --scratch-path "$SHIPPED_SCRATCH" --static-swift-stdlib
  --pkg-config-path "$SHIPPED_ARCHIVES"
  # DT_RELR: the 89,000 relative relocations as a 17 KB bitmap (glibc >= 2.36, GNU ld >= 2.38);
  # no dynamic symbol table of our own 10,000 symbols (only the runtime's dladdr read it).
  -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic
  # The functions get, set and push run, placed together in that order (lld, the toolchain's
  # linker; Package.swift): their code fills 2.5 MB of text instead of being spread over 20 MB,
  # so fault-around maps fewer pages (docs/DESIGN-NOTES.md, "Start-up faults"). Made by
  # scripts/startup-order.sh; a symbol the file names that no longer exists is skipped.
  -Xlinker --symbol-ordering-file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/startup-order.txt"
  -Xlinker --no-warn-symbol-ordering
)

# The folder of links to the static archives, and libsodium's .pc with only libdir moved there
# (headers and compile flags stay the system's, so nothing is compiled differently).
make_shipped_archives() {
  local name
  mkdir -p "$SHIPPED_ARCHIVES"
  for name in libstdc++.a libsqlite3.a libsodium.a; do
    ln -sfn "$(cc -print-file-name="$name")" "$SHIPPED_ARCHIVES/$name"
  done
  sed "s|^libdir=.*|libdir=$SHIPPED_ARCHIVES|" \
    "$(pkg-config --variable=pcfiledir libsodium)/libsodium.pc" >"$SHIPPED_ARCHIVES/libsodium.pc"
}

# Installs what the static link needs beyond the test dependencies, only if missing.
ensure_shipped_build_packages() {
  local missing=() p
  for p in libc6-dev libstdc++-12-dev libsqlite3-dev libsodium-dev binutils pkg-config; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  make_shipped_archives
}
