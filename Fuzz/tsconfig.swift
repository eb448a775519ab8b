// libFuzzer target: the TypeScript environment-config parser.
// Build and run: scripts/fuzz.sh tsconfig SECONDS
import LintCore
import EnvironmentLint

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = SourceFile(path: "config/environments.ts", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let doc = TSConfigParser.parse(file)
    _ = doc.diagnostics.count
    _ = TSConfigParser.parse(file, maxDepth: 4)
    return 0
}
