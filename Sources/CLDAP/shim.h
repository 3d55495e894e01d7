#ifndef CREDVAULT_CLDAP_SHIM_H
#define CREDVAULT_CLDAP_SHIM_H
/* OpenLDAP's client library (libldap, liblber; Debian's libldap-dev, 2.5). Only the
   non-deprecated API is used, so LDAP_DEPRECATED stays off. This module declares the types
   and constants only: the library is not linked but loaded with dlopen by the commands that
   talk to a directory (CredVault's Directory/LDAPLibrary.swift), so nothing here may call a
   libldap or liblber function directly. */
#include <lber.h>
#include <ldap.h>
#include <sys/socket.h>
#include <sys/time.h>

/* libldap bounds the TCP connect (LDAP_OPT_NETWORK_TIMEOUT) and the wait for each answer,
   but not the TLS handshake: against a server that accepts the connection and never answers,
   libldap 2.5 with GnuTLS retries gnutls_handshake for ever. This connection callback records
   each connected socket so that a watchdog can shut it down when a deadline passes, which makes
   the handshake fail. Swift cannot easily put C function pointers into a struct field, so the
   callbacks live here. */
typedef int (*credvault_sockbuf_ctrl_f)(Sockbuf *sb, int opt, void *arg);

struct credvault_socket {
    int fd; /* -1 until connected; read with credvault_socket_fd */
    credvault_sockbuf_ctrl_f sockbuf_ctrl; /* liblber's ber_sockbuf_ctrl, as loaded */
};

static int credvault_socket_add(LDAP *ld, Sockbuf *sb, LDAPURLDesc *srv,
                                struct sockaddr *addr, struct ldap_conncb *ctx) {
    (void)ld; (void)srv; (void)addr;
    ber_socket_t fd;
    struct credvault_socket *socket = (struct credvault_socket *)ctx->lc_arg;
    if (socket->sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) != 1) return 0;
    __atomic_store_n(&socket->fd, (int)fd, __ATOMIC_SEQ_CST);
    return 0;
}

static void credvault_socket_del(LDAP *ld, Sockbuf *sb, struct ldap_conncb *ctx) {
    (void)ld; (void)sb;
    __atomic_store_n(&((struct credvault_socket *)ctx->lc_arg)->fd, -1, __ATOMIC_SEQ_CST);
}

/* Fills `callback` so that libldap records its socket in `socket`; both must outlive the handle.
   `sockbuf_ctrl` is liblber's ber_sockbuf_ctrl. */
static inline void credvault_socket_watch(struct ldap_conncb *callback, struct credvault_socket *socket,
                                          credvault_sockbuf_ctrl_f sockbuf_ctrl) {
    socket->fd = -1;
    socket->sockbuf_ctrl = sockbuf_ctrl;
    callback->lc_add = credvault_socket_add;
    callback->lc_del = credvault_socket_del;
    callback->lc_arg = socket;
}

static inline int credvault_socket_fd(struct credvault_socket *socket) {
    return __atomic_load_n(&socket->fd, __ATOMIC_SEQ_CST);
}
#endif
