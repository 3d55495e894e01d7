#if canImport(Glibc)
import Glibc
#endif

/// Reads and writes the password in a properties file.
///
/// A write never truncates the file in place: the new contents go to a temp file in the same
/// folder (0600 while written), which gets the original mode and owner, is fsynced and renamed
/// over the original, and the folder is fsynced. A crash at any point leaves the old file or
/// the new one, never a mix; a failed write removes its temp file.
enum FileAdapter {
    static let maxFileSize = 16 << 20
    static let tempMarker = ".credvault-"
    static let tempSuffix = ".tmp"

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func load(_ path: String) throws(CredVaultError) -> TargetFile {
        guard let resolved = realpath(path, nil) else {
            if errno == ENOENT || errno == ENOTDIR {
                throw .missing(.targetFile(path: path))
            }
            throw .io("cannot resolve \(path): \(String(cString: strerror(errno)))")
        }
        let realPath = String(cString: resolved)
        free(resolved)
        let fd = open(realPath, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missing(.targetFile(path: path)) }
            throw .io("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io("cannot stat \(path): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .invalidInput("the target \(path) is not a regular file") }
        let size = Int(info.st_size)
        guard size <= maxFileSize else { throw .invalidInput("the target \(path) is larger than 16 MiB") }
        var buffer = try SecureBytes(count: size)
        guard let length = buffer.withUnsafeMutableBytes({ POSIXIO.read(fd, into: $0) }) else {
            throw .io("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let contents = length == size ? buffer : try buffer.slice(0..<length)
        var link = stat()
        let isSymlink = lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK
        return TargetFile(
            path: path, realPath: realPath, contents: contents, mode: info.st_mode & 0o7777,
            owner: info.st_uid, group: info.st_gid, device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
            pathIsSymlink: isSymlink)
    }

    /// The password the file holds now, in secure memory. A pinned target that changed
    /// (`TargetPin`) is refused before its contents are used.
    static func readPassword(
        _ target: FileTarget, connector: String = "", lastWrittenInode: UInt64? = nil
    ) throws(CredVaultError) -> SecureBytes {
        let file = try load(target.path)
        try checkPin(target, file: file, connector: connector, lastWrittenInode: lastWrittenInode)
        return try password(in: file, target: target)
    }

    /// The password `file` (loaded for `target`) holds, in secure memory.
    static func password(in file: borrowing TargetFile, target: FileTarget) throws(CredVaultError) -> SecureBytes {
        try file.contents.withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in
            let location = try TargetLocator.locate(target.passwordKey, format: target.format, in: raw, file: target.path)
            return try TargetLocator.decodeValue(at: location, format: target.format, in: raw)
        }
    }

    /// The account the file names, when the connector has an account key.
    static func readAccount(_ target: FileTarget, from file: borrowing TargetFile) throws(CredVaultError) -> String? {
        guard let accountKey = target.accountKey else { return nil }
        return try file.contents.withUnsafeBytes { (raw) throws(CredVaultError) -> String in
            let location = try TargetLocator.locate(accountKey, format: target.format, in: raw, file: target.path)
            return try TargetLocator.decodeText(at: location, format: target.format, in: raw)
        }
    }

    /// Checks a file can take a push: it parses, holds the password key (and the account key).
    static func validate(_ target: FileTarget) throws(CredVaultError) -> String? {
        let file = try load(target.path)
        try file.contents.withUnsafeBytes { (raw) throws(CredVaultError) in
            _ = try TargetLocator.locate(target.passwordKey, format: target.format, in: raw, file: target.path)
        }
        return try readAccount(target, from: file)
    }

    /// The account check of a push: refuses when the file names another account (case ignored).
    static func checkAccount(_ target: FileTarget, file: borrowing TargetFile, expected: String, connector: String) throws(CredVaultError) {
        guard let found = try readAccount(target, from: file) else { return }
        if found.lowercased() != expected.lowercased() {
            throw .accountMismatch(connector: connector, path: target.path, found: found, expected: expected)
        }
    }

    /// The file's new contents: every byte as it was except the password value.
    static func replacing(
        _ target: FileTarget, in file: borrowing TargetFile, with password: borrowing SecureBytes
    ) throws(CredVaultError) -> SecureBytes {
        let encoded = try TargetLocator.encodeValue(password, format: target.format)
        return try file.contents.withUnsafeBytes { (raw) throws(CredVaultError) -> SecureBytes in
            let location = try TargetLocator.locate(target.passwordKey, format: target.format, in: raw, file: target.path)
            let newCount = raw.count - location.range.count + encoded.count
            var out = try SecureBytes(count: newCount)
            out.withUnsafeMutableBytes { dest in
                let prefix = location.range.lowerBound
                if prefix > 0 { dest.baseAddress!.copyMemory(from: raw.baseAddress!, byteCount: prefix) }
                encoded.withUnsafeBytes { value in
                    if value.count > 0 { (dest.baseAddress! + prefix).copyMemory(from: value.baseAddress!, byteCount: value.count) }
                }
                let suffix = raw.count - location.range.upperBound
                if suffix > 0 {
                    (dest.baseAddress! + prefix + encoded.count)
                        .copyMemory(from: raw.baseAddress! + location.range.upperBound, byteCount: suffix)
                }
            }
            return out
        }
    }

    /// Refuses a pinned target that is no longer the file `connector add` pinned.
    static func checkPin(
        _ target: FileTarget, file: borrowing TargetFile, connector: String, lastWrittenInode: UInt64?
    ) throws(CredVaultError) {
        guard let pin = target.pin, let change = pin.change(in: file, lastWrittenInode: lastWrittenInode) else { return }
        throw .targetChanged(connector: connector, path: target.path, change: change)
    }

    /// Writes `password` into the file, keeping every other byte; checks the pin, and the
    /// account unless `expectedAccount` is nil. Returns the inode the new file has.
    @discardableResult
    static func write(
        password: borrowing SecureBytes, to target: FileTarget, expectedAccount: String?, connector: String,
        lastWrittenInode: UInt64? = nil
    ) throws(CredVaultError) -> UInt64 {
        let file = try load(target.path)
        try checkPin(target, file: file, connector: connector, lastWrittenInode: lastWrittenInode)
        if let expectedAccount { try checkAccount(target, file: file, expected: expectedAccount, connector: connector) }
        let contents = try replacing(target, in: file, with: password)
        return try atomicReplace(file.realPath, contents: contents, mode: file.mode, owner: file.owner, group: file.group)
    }

    /// Removes temp files an interrupted push (SIGKILL, power loss) left beside `path`.
    static func removeStaleTempFiles(besides path: String) {
        for leftover in staleTempFiles(besides: path) { unlink(leftover) }
    }

    /// Temp files an interrupted push left beside `path` (full paths).
    static func staleTempFiles(besides path: String) -> [String] {
        var found: [String] = []
        guard let resolved = realpath(path, nil) else { return [] }
        let realPath = String(cString: resolved)
        free(resolved)
        let (folder, base) = split(realPath)
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        let prefix = "." + base + tempMarker
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(prefix) && name.hasSuffix(tempSuffix) {
                found.append(folder + "/" + name)
            }
        }
        return found
    }

    static func split(_ path: String) -> (folder: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// temp file in the same folder -> write -> owner and mode -> fsync -> rename -> fsync folder.
    @discardableResult
    static func atomicReplace(
        _ path: String, contents: borrowing SecureBytes, mode: mode_t, owner: uid_t, group: gid_t
    ) throws(CredVaultError) -> UInt64 {
        let (folder, base) = split(path)
        var fd: Int32 = -1
        var tempPath = ""
        for _ in 0..<16 {
            let suffix = Hex.encode((0..<6).map { _ in UInt8.random(in: 0...255) })
            tempPath = folder + "/." + base + tempMarker + suffix + tempSuffix
            fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw .io("cannot create a temp file in \(folder): \(String(cString: strerror(errno))); \(path) is unchanged")
        }
        var renamed = false
        defer {
            if fd >= 0 { close(fd) }
            if !renamed { unlink(tempPath) }
        }
        func fail(_ what: String) -> CredVaultError {
            .io("cannot \(what) for \(path): \(String(cString: strerror(errno))); the file is unchanged")
        }
        let written = contents.withUnsafeBytes { POSIXIO.writeAll($0, to: fd) }
        guard written else { throw fail("write the new contents") }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("stat the temp file") }
        if info.st_uid != owner || info.st_gid != group {
            guard fchown(fd, owner, group) == 0 else { throw fail("give the new file the original owner") }
        }
        guard fchmod(fd, mode) == 0 else { throw fail("give the new file the original mode") }
        guard fsync(fd) == 0 else { throw fail("fsync the new contents") }
        guard close(fd) == 0 else { fd = -1; throw fail("close the temp file") }
        fd = -1
        guard rename(tempPath, path) == 0 else { throw fail("rename the temp file") }
        renamed = true
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw .io("\(path) was replaced but its folder could not be opened to fsync it") }
        defer { close(dirfd) }
        guard fsync(dirfd) == 0 else { throw .io("\(path) was replaced but its folder could not be fsynced") }
        return UInt64(info.st_ino)
    }
}
