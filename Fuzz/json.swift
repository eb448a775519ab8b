// libFuzzer target: the JSON parser and the JSONL reader on arbitrary bytes.
// Build and run: scripts/fuzz.sh json SECONDS
import LintCore
import LintParsers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let file = SourceFile(path: "fuzz.json", bytes: bytes)
    let parsed = JSONParser.parse(file)
    if parsed.node == nil && parsed.diagnostics.isEmpty { fatalError("JSON: neither a value nor a diagnostic") }
    for d in parsed.diagnostics { _ = file.position(ofByte: d.range.start.offset) }
    // A shallow depth limit exercises the limit path too.
    _ = JSONParser.parse(file, options: JSONParseOptions(maxDepth: 8))
    let records = JSONLReader.records(SourceFile(path: "fuzz.jsonl", bytes: bytes))
    _ = records.count
    return 0
}
