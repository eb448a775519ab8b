// libFuzzer target: the dotenv parser.
// Build and run: scripts/fuzz.sh dotenv SECONDS
import LintCore
import EnvironmentLint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: ".env.example", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let doc = DotenvParser.parse(file)
    for e in doc.entries { _ = DotenvParser.isValidKey(e.key) }
    return 0
}
