import LintCore

/// A column type occurrence in a statement (CREATE TABLE column, ADD COLUMN, ALTER COLUMN … TYPE).
struct TypeOccurrence {
    var range: Range<Int>
    var column: String
}

extension StatementContext {
    /// Every column type written in this statement.
    var typeOccurrences: [TypeOccurrence] {
        var out: [TypeOccurrence] = []
        if let ct = createTable {
            for c in ct.columns { out.append(TypeOccurrence(range: c.typeRange, column: c.name)) }
        }
        if let at = alterTable {
            for a in at.actions {
                if a.kind == .addColumn, let c = a.column { out.append(TypeOccurrence(range: c.typeRange, column: c.name)) }
                if a.kind == .alterColumn, let col = a.columnName, let ty = view.find("TYPE", from: a.range.lowerBound, to: a.range.upperBound) {
                    let end = view.find("USING", from: ty, to: a.range.upperBound) ?? view.find("COLLATE", from: ty, to: a.range.upperBound) ?? a.range.upperBound
                    out.append(TypeOccurrence(range: (ty + 1)..<end, column: col))
                }
            }
        }
        return out.filter { !$0.range.isEmpty }
    }

    /// The source text of a token range (e.g. a type as written).
    func sourceText(_ r: Range<Int>) -> String {
        guard !r.isEmpty, r.upperBound <= toks.count else { return "" }
        return file.slice(toks[r.lowerBound].start, toks[r.upperBound - 1].end)
    }
}

/// Type families for comparing a foreign key column with the column it references.
enum TypeFamily: String {
    case integer, uuid, text, other

    init(words: [String]) {
        switch words.first ?? "" {
        case "INT", "INTEGER", "INT2", "INT4", "INT8", "SMALLINT", "BIGINT", "SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4", "SERIAL8":
            self = .integer
        case "UUID": self = .uuid
        case "TEXT", "VARCHAR", "CHAR", "CHARACTER", "CITEXT": self = .text
        default: self = .other
        }
    }
}
