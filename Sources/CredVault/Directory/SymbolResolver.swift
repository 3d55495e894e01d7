#if canImport(Glibc)
import Glibc
#endif

/// Looks functions up by name in a library opened with `dlopen` (for `LDAPLibrary`).
struct SymbolResolver {
    let image: UnsafeMutableRawPointer
    /// The library's file name, for the error.
    let library: String

    /// The function `name` as the C function pointer type `F` (the caller's declared type must
    /// be the function's prototype: dlsym cannot check it).
    func function<F>(_ name: String) throws(DirectoryError) -> F {
        guard let address = dlsym(image, name) else {
            throw .libraryMissing(library: library, reason: "no function \(name)")
        }
        return unsafeBitCast(address, to: F.self)
    }
}
