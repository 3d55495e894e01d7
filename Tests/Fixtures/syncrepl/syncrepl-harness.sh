#!/usr/bin/env bash
# syncrepl-harness.sh STATE PROVIDER_PORT CONSUMER_PORT [tls]
#
# Two private OpenLDAP servers that really replicate, for the tests of rotation under
# replication lag: a provider (syncprov overlay) on ldap://127.0.0.1:PROVIDER_PORT/ and a
# consumer on ldap://127.0.0.1:CONSUMER_PORT/ that pulls dc=contoso,dc=com from it with
# syncrepl refreshOnly every SYNCREPL_INTERVAL (default 00:00:00:03, i.e. 3 seconds). A change
# made on the provider is therefore invisible on the consumer for up to that long, the way a
# second domain controller answers with the old password for a while.
#
# With "tls", both servers also offer StartTLS on their port, with certificates from a CA made
# in STATE/tls (../tls/make-test-ca.sh; trust STATE/tls/ca.pem): what `credvault rotate` needs.
#
# Both run in the foreground until standard input closes (the test's lifeline, see
# ../lib/harness.sh); if either server dies the other is stopped and we exit 1.
#
# Files it leaves in STATE for the test:
#   private/rootpw           the rootdn password (cn=admin,dc=contoso,dc=com) on both (0600)
#   private/svc-contoso.com.pw  initial password of cn=svc-adsync,dc=contoso,dc=com (0600)
#   provider.log, consumer.log  each slapd's own output
# Only the provider is seeded; the consumer starts empty and gets everything by replication.
# Nothing of the system's LDAP configuration (/etc/ldap/slapd.d, /var/lib/ldap) is used.
set -euo pipefail
umask 077

usage="usage: syncrepl-harness.sh STATE PROVIDER_PORT CONSUMER_PORT"
state=${1:?$usage}
provider_port=${2:?$usage}
consumer_port=${3:?$usage}
tls=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/harness.sh
. "$here/../lib/harness.sh"
schema=${CREDVAULT_LDAP_SCHEMA:-/etc/ldap/schema}
slapd=${SLAPD:-/usr/sbin/slapd}
slapadd=${SLAPADD:-/usr/sbin/slapadd}
slappasswd=${SLAPPASSWD:-/usr/sbin/slappasswd}
interval=${SYNCREPL_INTERVAL:-00:00:00:03}
base="dc=contoso,dc=com"
admin="cn=admin,$base"

mkdir -p "$state/private" "$state/db-provider" "$state/db-consumer"
chmod 700 "$state" "$state/private"
random_secret > "$state/private/rootpw"
random_secret > "$state/private/svc-contoso.com.pw"
rootpw_hash=$("$slappasswd" -T "$state/private/rootpw")

# What both servers share: schema, modules, and who may do what. The replication binds as the
# rootdn, which reads every attribute (userPassword included) whatever the ACLs say.
common() {
  cat <<CONF
include         $schema/core.schema
include         $schema/cosine.schema
include         $schema/inetorgperson.schema
pidfile         $state/$1.pid
argsfile        $state/$1.args
modulepath      /usr/lib/ldap
moduleload      back_mdb
moduleload      syncprov

# Anyone may bind; a bound user may read; an entry may change its own password.
access to attrs=userPassword
        by self write
        by anonymous auth
        by * none
access to *
        by * read

database        mdb
maxsize         16777216
suffix          "$base"
rootdn          "$admin"
rootpw          $rootpw_hash
directory       $state/db-$1
index           objectClass,entryCSN,entryUUID eq
CONF
}

{ common provider; cat <<CONF
overlay         syncprov
syncprov-checkpoint 1 1
CONF
} > "$state/provider.conf"

# The consumer's replication credentials must be in its config (slapd has no file option for
# them): the file is 0600 in the test's private folder, like rootpw itself.
{ common consumer; cat <<CONF
syncrepl        rid=001
                provider=ldap://127.0.0.1:$provider_port/
                type=refreshOnly
                interval=$interval
                searchbase="$base"
                scope=sub
                schemachecking=off
                bindmethod=simple
                binddn="$admin"
                credentials="$(cat "$state/private/rootpw")"
                retry="1 +"
                timeout=5
# A write sent to the consumer is referred to the provider instead of diverging from it.
updateref       ldap://127.0.0.1:$provider_port/
CONF
} > "$state/consumer.conf"

if [ "$tls" = tls ]; then
  bash "$here/../tls/make-test-ca.sh" "$state/tls"
  # Global TLS directives must come before the first database: prepend them.
  for conf in provider consumer; do
    { printf 'TLSCACertificateFile %s\nTLSCertificateFile %s\nTLSCertificateKeyFile %s\n' \
        "$state/tls/ca.pem" "$state/tls/server.pem" "$state/tls/server.key"
      cat "$state/$conf.conf"; } > "$state/$conf.conf.tls"
    mv "$state/$conf.conf.tls" "$state/$conf.conf"
  done
fi

# userPassword comes from the file by URL, so it is never on a command line.
cat > "$state/seed.ldif" <<LDIF
dn: $base
objectClass: dcObject
objectClass: organization
dc: contoso
o: contoso.com

dn: cn=svc-adsync,$base
objectClass: inetOrgPerson
cn: svc-adsync
sn: svc-adsync
description: AD DS connector account of the sync service for contoso.com
userPassword:< file://$state/private/svc-contoso.com.pw
LDIF
# -w writes the provider's contextCSN, from which the consumer's first refresh starts.
"$slapadd" -q -w -f "$state/provider.conf" -b "$base" -l "$state/seed.ldif" 2>>"$state/provider.log"

spawn "$state/provider.log" "$slapd" -f "$state/provider.conf" -h "ldap://127.0.0.1:$provider_port/" -d 0
spawn "$state/consumer.log" "$slapd" -f "$state/consumer.conf" -h "ldap://127.0.0.1:$consumer_port/" -d 0
hold_lifeline "$state/harness.pids"
