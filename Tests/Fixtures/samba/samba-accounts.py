#!/usr/bin/python3
# samba-accounts.py SMBCONF PRIVATE
#
# Seeds the test domain's accounts straight into sam.ldb (before samba starts), reading every
# password from a 0600 file in PRIVATE so none is ever on a command line:
#   MSOL_test    the sync account (UPN msol-sync@contoso.test, so a UPN search is not a
#                sAMAccountName search in disguise)              password: PRIVATE/msol.pw
#   MSOL_other   a second account the rotator has no rights on   password: PRIVATE/other.pw
#   rotator      an ordinary user granted "Reset password" on MSOL_test only
#                                                                 password: PRIVATE/rotator.pw
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB
from samba.sd_utils import SDUtils

# User-Force-Change-Password: the "Reset password" extended right (MS-ADTS 5.1.3.2.1).
RESET_PASSWORD = "00299570-246d-11d0-a768-00aa006e0529"

smbconf, private = sys.argv[1], sys.argv[2]
lp = LoadParm()
lp.load(smbconf)
samdb = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
realm = lp.get("realm").lower()


def secret(name):
    with open(f"{private}/{name}.pw", encoding="utf-8") as f:
        return f.read()


def dn_of(sam):
    return samdb.search(base=samdb.domain_dn(), scope=ldb.SCOPE_SUBTREE,
                        expression=f"(sAMAccountName={sam})", attrs=["objectSid"])[0]


samdb.newuser("MSOL_test", secret("msol"), description="Azure AD Connect style sync account")
samdb.newuser("MSOL_other", secret("other"))
samdb.newuser("rotator", secret("rotator"))

msol = dn_of("MSOL_test")
change = ldb.Message(msol.dn)
change["userPrincipalName"] = ldb.MessageElement(f"msol-sync@{realm}", ldb.FLAG_MOD_REPLACE, "userPrincipalName")
samdb.modify(change)

# Grant the rotator "Reset password" on MSOL_test only: one object ACE in its DACL.
rotator_sid = ndr_unpack(security.dom_sid, dn_of("rotator")["objectSid"][0])
SDUtils(samdb).dacl_add_ace(msol.dn, f"(OA;;CR;{RESET_PASSWORD};;{rotator_sid})")
