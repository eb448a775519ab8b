import LintCore

/// Token-level helpers over one statement's significant tokens (comments and `;` removed).
public struct StatementView: Sendable {
    public let statement: SQLStatement
    public let toks: [SQLToken]

    public init(_ statement: SQLStatement) {
        self.statement = statement
        self.toks = statement.significant
    }

    public var count: Int { toks.count }

    /// The uppercased keyword at `i`, or "" when out of range or not a word.
    public func kw(_ i: Int) -> String { i >= 0 && i < toks.count ? toks[i].keyword : "" }

    public func isPunct(_ i: Int, _ p: String) -> Bool {
        i >= 0 && i < toks.count && toks[i].kind == .punct && toks[i].text == p
    }

    /// True when the words starting at `i` are exactly `words`.
    public func matches(_ words: [String], at i: Int) -> Bool {
        guard i >= 0, i + words.count <= toks.count else { return false }
        for (k, w) in words.enumerated() where toks[i + k].keyword != w { return false }
        return true
    }

    public func starts(with words: [String]) -> Bool { matches(words, at: 0) }

    /// Index of the first top-level word `w` at or after `from` (before `to`).
    public func find(_ w: String, from: Int = 0, to: Int? = nil) -> Int? {
        let end = min(to ?? toks.count, toks.count)
        var depth = 0
        var i = max(0, from)
        while i < end {
            let t = toks[i]
            if t.kind == .punct { if t.text == "(" { depth += 1 } else if t.text == ")" { depth -= 1 } }
            else if depth == 0, t.keyword == w { return i }
            i += 1
        }
        return nil
    }

    /// Index of the first word sequence `words` at or after `from`, at any depth.
    public func findSequence(_ words: [String], from: Int = 0, to: Int? = nil) -> Int? {
        let end = min(to ?? toks.count, toks.count)
        var i = max(0, from)
        while i + words.count <= end {
            if matches(words, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Index of the `)` matching the `(` at `open`, or nil.
    public func closingParen(_ open: Int) -> Int? {
        guard isPunct(open, "(") else { return nil }
        var depth = 0
        var i = open
        while i < toks.count {
            if toks[i].kind == .punct {
                if toks[i].text == "(" { depth += 1 }
                else if toks[i].text == ")" { depth -= 1; if depth == 0 { return i } }
            }
            i += 1
        }
        return nil
    }

    /// Splits `range` on commas at parenthesis depth 0.
    public func splitTopLevel(_ range: Range<Int>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            let t = toks[i]
            if t.kind == .punct {
                if t.text == "(" { depth += 1 }
                else if t.text == ")" { depth -= 1 }
                else if t.text == ",", depth == 0 {
                    if start < i { parts.append(start..<i) }
                    start = i + 1
                }
            }
            i += 1
        }
        if start < range.upperBound { parts.append(start..<range.upperBound) }
        return parts
    }

    /// Reads a possibly schema-qualified name at `i`; returns the last part's
    /// identifier name (lowercased unless quoted) and the index after the name.
    public func qualifiedName(at i: Int) -> (name: String, next: Int)? {
        guard i < toks.count, let first = toks[i].identifierName else { return nil }
        var name = first
        var j = i + 1
        while isPunct(j, "."), j + 1 < toks.count, let part = toks[j + 1].identifierName {
            name = part
            j += 2
        }
        return (name, j)
    }

    /// Skips `IF NOT EXISTS` / `IF EXISTS` at `i`.
    public func skipIfExists(_ i: Int) -> (index: Int, present: Bool) {
        if matches(["IF", "NOT", "EXISTS"], at: i) { return (i + 3, true) }
        if matches(["IF", "EXISTS"], at: i) { return (i + 2, true) }
        return (i, false)
    }

    public func text(_ r: Range<Int>) -> String {
        r.map { toks[$0].text }.joined(separator: " ")
    }
}

/// A column definition inside `CREATE TABLE (…)` or `ADD COLUMN`.
public struct ColumnDefinition: Sendable {
    public var name: String
    /// Token index of the column name.
    public var nameIndex: Int
    /// Token indices of the data type.
    public var typeRange: Range<Int>
    /// Token indices of the column constraints after the type.
    public var constraintRange: Range<Int>
}

/// A table-level element of `CREATE TABLE (…)` that is not a column, or an `ADD` constraint.
public struct TableElement: Sendable {
    public var range: Range<Int>
}

public struct CreateTableInfo: Sendable {
    public var name: String
    public var nameIndex: Int
    public var ifNotExists: Bool
    public var columns: [ColumnDefinition]
    public var constraints: [TableElement]
    /// Index just past the closing parenthesis of the element list.
    public var afterElements: Int
}

/// One action of `ALTER TABLE name action, action …`.
public struct AlterAction: Sendable {
    public enum Kind: Sendable { case addColumn, addConstraint, alterColumn, dropColumn, dropConstraint, validateConstraint, renameColumn, renameTable, renameConstraint, other }
    public var kind: Kind
    public var range: Range<Int>
    /// For column actions, the column definition (add) or column name (others).
    public var column: ColumnDefinition?
    public var columnName: String?
    public var columnIndex: Int?
}

public struct AlterTableInfo: Sendable {
    public var name: String
    public var nameIndex: Int
    public var actions: [AlterAction]
}

public struct CreateIndexInfo: Sendable {
    public var concurrently: Bool
    public var concurrentlyIndex: Int?
    public var ifNotExists: Bool
    public var name: String?
    public var table: String
    public var tableIndex: Int
}

extension StatementView {
    static let columnConstraintWords: Set<String> = [
        "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "GENERATED",
        "COLLATE", "AUTO_INCREMENT", "COMMENT", "ON", "DEFERRABLE", "INITIALLY",
    ]
    static let tableConstraintWords: Set<String> = [
        "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE", "INDEX", "KEY", "FULLTEXT", "SPATIAL",
    ]
    /// Element keywords that PostgreSQL also accepts as column names (`key text`, `index integer`).
    static let nonReservedElementWords: Set<String> = ["EXCLUDE", "INDEX", "KEY", "FULLTEXT", "SPATIAL"]
    /// Common type names, to tell a column called `key` from a MySQL `KEY` clause.
    static let commonTypeWords: Set<String> = [
        "TEXT", "VARCHAR", "CHAR", "CHARACTER", "INT", "INTEGER", "INT2", "INT4", "INT8", "BIGINT", "SMALLINT", "UUID", "BOOLEAN",
        "BOOL", "NUMERIC", "DECIMAL", "REAL", "DOUBLE", "FLOAT", "DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "INTERVAL", "JSON",
        "JSONB", "BYTEA", "SERIAL", "BIGSERIAL", "SMALLSERIAL", "CITEXT", "INET", "CIDR", "MONEY", "XML",
    ]

    /// True when a CREATE TABLE element starting at `i` is a table constraint (or MySQL index clause), not a column.
    func isTableElementKeyword(_ i: Int) -> Bool {
        guard i < toks.count, toks[i].kind == .word, StatementView.tableConstraintWords.contains(toks[i].keyword) else { return false }
        if StatementView.nonReservedElementWords.contains(toks[i].keyword), StatementView.commonTypeWords.contains(kw(i + 1)) { return false }
        return true
    }

    public func columnDefinition(_ r: Range<Int>) -> ColumnDefinition? {
        guard !r.isEmpty, let name = toks[r.lowerBound].identifierName else { return nil }
        var i = r.lowerBound + 1
        var depth = 0
        while i < r.upperBound {
            let t = toks[i]
            if t.kind == .punct { if t.text == "(" { depth += 1 } else if t.text == ")" { depth -= 1 } }
            else if depth == 0, i > r.lowerBound + 1, StatementView.columnConstraintWords.contains(t.keyword) { break }
            i += 1
        }
        return ColumnDefinition(name: name, nameIndex: r.lowerBound, typeRange: (r.lowerBound + 1)..<i, constraintRange: i..<r.upperBound)
    }

    /// `CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE [IF NOT EXISTS] name (…)`.
    public var createTable: CreateTableInfo? {
        guard kw(0) == "CREATE" else { return nil }
        var i = 1
        while ["GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"].contains(kw(i)) { i += 1 }
        guard kw(i) == "TABLE" else { return nil }
        let (afterIf, ine) = skipIfExists(i + 1)
        guard let (name, next) = qualifiedName(at: afterIf) else { return nil }
        var columns: [ColumnDefinition] = []
        var constraints: [TableElement] = []
        var after = next
        if isPunct(next, "("), let close = closingParen(next) {
            for part in splitTopLevel((next + 1)..<close) {
                if isTableElementKeyword(part.lowerBound) {
                    constraints.append(TableElement(range: part))
                } else if let c = columnDefinition(part) {
                    columns.append(c)
                }
            }
            after = close + 1
        }
        return CreateTableInfo(name: name, nameIndex: afterIf, ifNotExists: ine, columns: columns, constraints: constraints, afterElements: after)
    }

    /// `ALTER TABLE [IF EXISTS] [ONLY] name [*] action, …`.
    public var alterTable: AlterTableInfo? {
        guard kw(0) == "ALTER", kw(1) == "TABLE" else { return nil }
        var (i, _) = skipIfExists(2)
        if kw(i) == "ONLY" { i += 1 }
        guard let (name, next) = qualifiedName(at: i) else { return nil }
        var start = next
        if isPunct(start, "*") { start += 1 }
        var actions: [AlterAction] = []
        for r in splitTopLevel(start..<toks.count) {
            let a = r.lowerBound
            var action = AlterAction(kind: .other, range: r)
            switch kw(a) {
            case "ADD":
                var j = a + 1
                let explicitColumn = kw(j) == "COLUMN"
                if explicitColumn { j += 1 }
                if !explicitColumn, isTableElementKeyword(j) {
                    action.kind = .addConstraint
                } else {
                    j = skipIfExists(j).index
                    action.kind = .addColumn
                    action.column = columnDefinition(j..<r.upperBound)
                    action.columnName = action.column?.name
                    action.columnIndex = action.column?.nameIndex
                }
            case "ALTER":
                var j = a + 1
                if kw(j) == "CONSTRAINT" { break }
                if kw(j) == "COLUMN" { j += 1 }
                action.kind = .alterColumn
                action.columnName = j < r.upperBound ? toks[j].identifierName : nil
                action.columnIndex = j
            case "DROP":
                var j = a + 1
                if kw(j) == "CONSTRAINT" { action.kind = .dropConstraint; break }
                if kw(j) == "COLUMN" { j += 1 }
                j = skipIfExists(j).index
                action.kind = .dropColumn
                action.columnName = j < r.upperBound ? toks[j].identifierName : nil
                action.columnIndex = j
            case "VALIDATE":
                action.kind = .validateConstraint
                action.columnName = a + 2 < r.upperBound ? toks[a + 2].identifierName : nil
                action.columnIndex = a + 2
            case "RENAME":
                if kw(a + 1) == "TO" { action.kind = .renameTable }
                else if kw(a + 1) == "CONSTRAINT" { action.kind = .renameConstraint }
                else {
                    action.kind = .renameColumn
                    let j = kw(a + 1) == "COLUMN" ? a + 2 : a + 1
                    action.columnName = j < r.upperBound ? toks[j].identifierName : nil
                    action.columnIndex = j
                }
            default:
                break
            }
            actions.append(action)
        }
        return AlterTableInfo(name: name, nameIndex: i, actions: actions)
    }

    /// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table …`.
    public var createIndex: CreateIndexInfo? {
        guard kw(0) == "CREATE" else { return nil }
        var i = 1
        if kw(i) == "UNIQUE" { i += 1 }
        guard kw(i) == "INDEX" else { return nil }
        i += 1
        var concurrentlyIndex: Int? = nil
        if kw(i) == "CONCURRENTLY" { concurrentlyIndex = i; i += 1 }
        let (afterIf, ine) = skipIfExists(i)
        i = afterIf
        var name: String? = nil
        if kw(i) != "ON", let q = qualifiedName(at: i) { name = q.name; i = q.next }
        guard kw(i) == "ON" else { return nil }
        i += 1
        if kw(i) == "ONLY" { i += 1 }
        guard let (table, _) = qualifiedName(at: i) else { return nil }
        return CreateIndexInfo(concurrently: concurrentlyIndex != nil, concurrentlyIndex: concurrentlyIndex,
                               ifNotExists: ine, name: name, table: table, tableIndex: i)
    }

    /// The uppercased words of a type range, e.g. `["CHARACTER", "VARYING"]`, and whether it has a length `(n)`.
    public func typeWords(_ r: Range<Int>) -> (words: [String], hasLength: Bool) {
        var words: [String] = []
        var hasLength = false
        var i = r.lowerBound
        while i < r.upperBound {
            let t = toks[i]
            if t.kind == .word { words.append(t.keyword) }
            else if t.kind == .punct, t.text == "(" { hasLength = true; i = (closingParen(i) ?? i) + 1; continue }
            else if t.kind == .punct, t.text == "." { words.removeAll() }
            i += 1
        }
        return (words, hasLength)
    }

    /// Finds `REFERENCES table [(col)]` in `r`: the referenced table, column and the index of REFERENCES.
    public func references(in r: Range<Int>) -> (table: String, column: String?, index: Int)? {
        guard let i = find("REFERENCES", from: r.lowerBound, to: r.upperBound),
              let (table, next) = qualifiedName(at: i + 1) else { return nil }
        var column: String? = nil
        if next < r.upperBound, isPunct(next, "("), next + 1 < toks.count { column = toks[next + 1].identifierName }
        return (table, column, i)
    }
}
