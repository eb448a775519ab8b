// libFuzzer target: the GitHub Actions `${{ }}` expression parser, reached
// through WorkflowChecker.check with a workflow that embeds the fuzzed text
// (one line: CR/LF become spaces) in an `if:`, a `run:` and an `env:` value.
// Build and run: scripts/fuzz.sh expression SECONDS
import LintCore
import WorkflowLint

let checker = WorkflowChecker()
let context = CheckContext(root: "/nonexistent-fuzz-root")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var expr = Array(UnsafeBufferPointer(start: data, count: size))
    for i in expr.indices where expr[i] == 0x0A || expr[i] == 0x0D { expr[i] = 0x20 }
    var doc = Array("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - if: |-\n          ".utf8)
    doc += expr
    doc += Array("\n        run: |-\n          echo ${{ ".utf8)
    doc += expr
    doc += Array(" }}\n        env:\n          A: |-\n            x ${{ ".utf8)
    doc += expr
    doc += Array(" }} y\n".utf8)
    let file = SourceFile(path: ".github/workflows/fuzz.yml", bytes: doc)
    _ = checker.check(file, context: context)
    return 0
}
