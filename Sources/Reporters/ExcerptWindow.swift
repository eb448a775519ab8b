import LintCore

/// A bounded piece of one source line for report excerpts, with secrets
/// masked. Lines up to `maxBytes` long are shown whole; on a longer line
/// (a minified file, a 100 MB one-line JSON) only `width` scalars around the
/// flagged column are shown, marked `…` on the cut sides, so a report stays
/// small and rendering stays linear.
struct ExcerptWindow {
    /// The shown text (secret-looking tokens masked; `…` on cut sides).
    var text: String
    /// Column in the source line of the first shown scalar after any leading `…`.
    var firstColumn: Int
    /// True when text before `firstColumn` was cut (the text starts with `…`).
    var cutLeft: Bool

    static let maxBytes = 1_000
    static let width = 200
    static let before = 60
    /// Extra scalars masked on each side, so a secret cut by the window edge is still recognised.
    static let maskMargin = 120

    /// Converts a source column to a column in `text` (1-based), clamped to `text`.
    func column(_ sourceColumn: Int) -> Int {
        let c = sourceColumn - firstColumn + 1 + (cutLeft ? 1 : 0)
        return max(1, min(c, text.unicodeScalars.count + 1))
    }

    init(file: SourceFile, line: Int, around column: Int) {
        let lineStart = line >= 1 && line <= file.lineCount ? file.lineStarts[line - 1] : file.bytes.count
        let lineEnd = file.lineEndOffset(line)
        if lineEnd - lineStart <= Self.maxBytes {
            text = SecretMasking.maskSecrets(in: file.lineText(line))
            firstColumn = 1
            cutLeft = false
            return
        }
        let first = max(1, column - Self.before)
        let maskFirst = max(1, first - Self.maskMargin)
        let from = file.offset(line: line, column: maskFirst)
        let to = file.offset(line: line, column: first + Self.width + Self.maskMargin)
        let masked = Array(SecretMasking.maskSecrets(in: file.slice(from, to)).unicodeScalars)
        let skip = min(masked.count, first - maskFirst)
        let shown = masked[skip..<min(masked.count, skip + Self.width)]
        let cutRight = file.offset(line: line, column: first + Self.width) < lineEnd
        var s = first > 1 ? "…" : ""
        s.unicodeScalars.append(contentsOf: shown)
        if cutRight { s += "…" }
        text = s
        firstColumn = first
        cutLeft = first > 1
    }
}
