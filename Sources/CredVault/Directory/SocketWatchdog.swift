internal import CLDAP
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bounds libldap's blocking connect-and-handshake calls: libldap records the connection's
/// socket through a connection callback (CLDAP's shim.h), and if a call is still running when
/// its deadline passes, the watchdog shuts that socket down, so the TLS handshake fails instead
/// of waiting for a server that never answers.
final class SocketWatchdog: @unchecked Sendable {
    // @unchecked: `finished` and `fired` are guarded by `lock`; `socket` is read atomically.
    let callback: UnsafeMutablePointer<ldap_conncb>
    private let socket: UnsafeMutablePointer<credvault_socket>
    private let lock = NSLock()
    private var finished = true
    private var fired = false

    /// `sockbufControl` is liblber's `ber_sockbuf_ctrl`, which the callback asks for the socket.
    init(sockbufControl: credvault_sockbuf_ctrl_f) {
        socket = .allocate(capacity: 1)
        socket.initialize(to: credvault_socket())
        callback = .allocate(capacity: 1)
        callback.initialize(to: ldap_conncb())
        credvault_socket_watch(callback, socket, sockbufControl)
    }

    deinit {
        callback.deallocate()
        socket.deallocate()
    }

    /// Runs `body`; if it is still running after `seconds`, shuts the socket down. Returns
    /// `body`'s result and whether the deadline cut it short.
    func guarding(seconds: Double, _ body: () -> Int32) -> (result: Int32, timedOut: Bool) {
        lock.withLock { finished = false; fired = false }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.withLock {
                // Only while `body` runs: afterwards libldap may have closed the descriptor
                // and the number may belong to someone else.
                guard !finished else { return }
                let fd = credvault_socket_fd(socket)
                guard fd >= 0 else { return }
                fired = true
                _ = Glibc.shutdown(fd, Int32(SHUT_RDWR))
            }
        }
        let result = body()
        let timedOut = lock.withLock { () -> Bool in
            finished = true
            return fired
        }
        return (result, timedOut)
    }
}
