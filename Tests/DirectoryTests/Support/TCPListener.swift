import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A TCP socket listening on 127.0.0.1 that never accepts: a connect to it completes (the
/// kernel does the handshake) but nothing ever answers — a server that hangs.
final class TCPListener {
    let port: UInt16
    private let fd: Int32

    init() throws {
        let (fd, port) = try LoopbackSocket.bound()
        guard listen(fd, 8) == 0 else {
            close(fd)
            throw FixtureError("listen() failed")
        }
        self.fd = fd
        self.port = port
    }

    deinit { close(fd) }
}
