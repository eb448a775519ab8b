// libFuzzer target: the SQL lexer and statement splitter (migrations).
// Build and run: scripts/fuzz.sh sql SECONDS
import LintCore
import Migrations

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lexed = SQLLexer.tokenize(bytes)
    var last = 0
    for t in lexed.tokens {
        if t.start < last || t.end < t.start || t.end > bytes.count { fatalError("SQL token out of order: \(t)") }
        last = t.end
    }
    let file = SourceFile(path: "fuzz.sql", bytes: bytes)
    let split = SQLSplitter.split(file)
    _ = split.statements.count
    return 0
}
