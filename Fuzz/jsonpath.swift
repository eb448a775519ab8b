// libFuzzer target: JSONPath parse (RFC 9535, with I-Regexp patterns) and
// evaluation against a fixed document.
// Build and run: scripts/fuzz.sh jsonpath SECONDS
import LintCore
import LintParsers
import JSONPath

let document: Node = {
    let text = """
    {"grüße": "é€", "n": 7, "o": {"a": [1, 2.5, -3e2, null, true, "x"], "b": {"c": {"d": "deep"}}},
     "bays": [{"id": "bay-1", "enabled": true}, {"id": "bay-2", "enabled": false},
              {"id": "bay-3", "enabled": true, "tags": ["😀", "vip"]}], "": "empty", "a'b": [[], {}]}
    """
    return JSONParser.parse(SourceFile(path: "doc.json", text: text)).node ?? .scalar(.null, .fileStart)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let q = try? JSONPathQuery.parse(text) else { return 0 }
    for m in q.evaluate(document) { _ = m.normalizedPath }
    _ = q.select(document).count
    return 0
}
