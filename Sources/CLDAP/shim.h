#ifndef CREDVAULT_CLDAP_SHIM_H
#define CREDVAULT_CLDAP_SHIM_H
/* OpenLDAP's client library (libldap, liblber; Debian's libldap-dev, 2.5). Only the
   non-deprecated API is used, so LDAP_DEPRECATED stays off. */
#include <lber.h>
#include <ldap.h>
#endif
