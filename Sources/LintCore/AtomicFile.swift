#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileError: Error, CustomStringConvertible, Sendable {
    case cannotRead(String, String)
    case cannotWrite(String, String)
    case refusedOverwrite(String)
    case refusedInput(String)

    public var description: String {
        switch self {
        case .cannotRead(let p, let why): return "cannot read \(p): \(why)"
        case .cannotWrite(let p, let why): return "cannot write \(p): \(why)"
        case .refusedOverwrite(let p): return "\(p) already exists; pass --force to replace it"
        case .refusedInput(let p): return "refusing to write \(p): it is one of the inputs"
        }
    }
}

/// File reading and atomic writing without Foundation.
public enum FileIO {
    /// Reads a regular file. A FIFO, socket or device is refused (opening a
    /// FIFO for reading would block until a writer appears, hanging a run),
    /// except the explicit stream paths `/dev/stdin`, `/dev/fd/N` and `/proc/self/fd/N`.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        let stream = path == "/dev/stdin" || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/")
        let fd = open(path, O_RDONLY | O_CLOEXEC | (stream ? 0 : O_NONBLOCK))
        guard fd >= 0 else { throw FileError.cannotRead(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw FileError.cannotRead(path, "is a directory")
        }
        if !stream, (st.st_mode & S_IFMT) != S_IFREG {
            throw FileError.cannotRead(path, "is not a regular file (a FIFO, socket or device); check regular files only")
        }
        var out = [UInt8]()
        let size = Int(st.st_size)
        if size > 0 { out.reserveCapacity(size) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.cannotRead(path, String(cString: strerror(errno)))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Directory entries (names, without . and ..), sorted; empty on error.
    public static func listDirectory(_ dir: String) -> [String] {
        (try? listDirectoryOrThrow(dir)) ?? []
    }

    /// Directory entries (names, without . and ..), sorted. Throws
    /// `FileError.cannotRead` when the directory cannot be opened, except when
    /// it does not exist (any more): then the list is empty.
    public static func listDirectoryOrThrow(_ dir: String) throws -> [String] {
        guard let d = opendir(dir) else {
            if errno == ENOENT || errno == ENOTDIR { return [] }
            throw FileError.cannotRead(dir, String(cString: strerror(errno)))
        }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Appends to a file (creating it), best effort: used for CI step summaries.
    @discardableResult
    public static func append(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Canonical absolute path (symlinks resolved), or nil.
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same
    /// directory, fsync, then rename. Refuses to replace any of `inputs`,
    /// and refuses to replace an existing file unless `overwrite`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, overwrite: Bool = true, inputs: [String] = []) throws {
        if let target = realPath(path) {
            for input in inputs where realPath(input) == target { throw FileError.refusedInput(path) }
            if !overwrite { throw FileError.refusedOverwrite(path) }
        }
        let dir: String
        if let slash = path.lastIndex(of: "/") {
            dir = slash == path.startIndex ? "/" : String(path[path.startIndex..<slash])
        } else {
            dir = "."
        }
        var template = Array("\(dir)/.clubos-lint-tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError.cannotWrite(path, String(cString: strerror(errno))) }
        let tmp = String(cString: template.map { UInt8(bitPattern: $0) } + [])
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let why = String(cString: strerror(errno))
                close(fd)
                throw FileError.cannotWrite(path, why)
            }
            written += n
        }
        fchmod(fd, 0o644)
        fsync(fd)
        close(fd)
        if !overwrite {
            // link() fails if the target appeared meanwhile: no clobbering.
            if link(tmp, path) != 0 {
                throw errno == EEXIST ? FileError.refusedOverwrite(path) : FileError.cannotWrite(path, String(cString: strerror(errno)))
            }
            unlink(tmp)
        } else if rename(tmp, path) != 0 {
            throw FileError.cannotWrite(path, String(cString: strerror(errno)))
        }
        ok = true
    }
}
