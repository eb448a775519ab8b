import LintCore
@testable import LintParsers

enum YAMLTestSupport {
    static func load(_ text: String, path: String = "test.yaml", options: YAMLLoadOptions = .init()) -> YAMLDocumentSet {
        YAMLLoader.load(SourceFile(path: path, text: text), options: options)
    }

    static func load(bytes: [UInt8]) -> YAMLDocumentSet {
        YAMLLoader.load(SourceFile(path: "test.yaml", bytes: bytes))
    }

    /// Repository root, found from this file's location.
    static func repoRoot(_ filePath: String = #filePath) -> String {
        var parts = filePath.split(separator: "/", omittingEmptySubsequences: false)
        // …/Tests/LintParsersTests/YAMLTestSupport.swift → …
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }

    static func fixture(_ name: String) throws -> SourceFile {
        let path = repoRoot() + "/Tests/Fixtures/yaml/" + name
        return SourceFile(path: "Tests/Fixtures/yaml/" + name, bytes: try readBytes(path))
    }

    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path)" }
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw ReadError(path: path) }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// Every node of every document, iteratively (keys included).
    static func allNodes(_ roots: [Node]) -> [Node] {
        var out: [Node] = []
        var work = roots
        while let n = work.popLast() {
            out.append(n)
            switch n.value {
            case .scalar: break
            case .sequence(let items): work.append(contentsOf: items)
            case .mapping(let entries):
                for e in entries { work.append(e.key); work.append(e.value) }
            }
        }
        return out
    }

    /// Positions in `range` agree with the file's own position mapping.
    static func isConsistent(_ range: SourceRange, in file: SourceFile) -> Bool {
        file.position(ofByte: range.start.offset) == range.start
            && file.position(ofByte: range.end.offset) == range.end
            && range.start.offset <= range.end.offset
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
