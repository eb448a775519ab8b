// libFuzzer target: JSON instances (arbitrary bytes through the JSON parser)
// validated against schemas/feedback.schema.json, compiled once.
// Build and run from the repository root: scripts/fuzz.sh schema SECONDS
import LintCore
import LintParsers
import JSONSchema

let compiled: CompiledSchema = {
    let registry = SchemaRegistry.standard(root: ".")
    guard let schema = registry.compile(file: "schemas/feedback.schema.json").schema else {
        fatalError("run from the repository root: schemas/feedback.schema.json did not compile")
    }
    return schema
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: "feedback.json", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    guard let node = JSONParser.parse(file).node else { return 0 }
    let errors = compiled.validate(node)
    if compiled.isValid(node) != errors.isEmpty { fatalError("isValid disagrees with validate") }
    return 0
}
