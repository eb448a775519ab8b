import LintCore

/// A foreign key column whose type family differs from the referenced column (e.g. INTEGER → UUID).
public struct ForeignKeyTypeMismatchRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/foreign-key-type-mismatch", kind: .migration, severity: .error,
        summary: "Reports a foreign key column whose type (integer, uuid, text) differs from the referenced column's type, using the tables created in the migrations directory.",
        rationale: "PostgreSQL rejects a foreign key between incompatible types (e.g. integer referencing uuid), so the migration fails; the mistake usually comes from copying a schema that used serial ids.",
        help: "Give the referencing column the same type as the referenced key (uuid for ClubOS ids).",
        triggering: [
            ex("CREATE TABLE users (id uuid PRIMARY KEY);\nCREATE TABLE feedback (id uuid PRIMARY KEY, user_id ↓INTEGER REFERENCES users (id));\n"),
            ex("CREATE TABLE users (id uuid PRIMARY KEY);\nCREATE TABLE sessions (id uuid PRIMARY KEY, user_id int NOT NULL, ↓FOREIGN KEY (user_id) REFERENCES users);\n"),
        ],
        nonTriggering: [
            ex("CREATE TABLE users (id uuid PRIMARY KEY);\nCREATE TABLE feedback (id uuid PRIMARY KEY, user_id uuid REFERENCES users (id));\n"),
            ex("CREATE TABLE feedback (id uuid PRIMARY KEY, user_id integer REFERENCES legacy_users (id));\n"),
        ])

    /// One foreign key found in a statement.
    struct ForeignKey {
        var column: String
        var columnType: [String]?
        var table: String
        var referencedColumn: String?
        /// Token index to report at.
        var at: Int
    }

    /// Single-column foreign keys declared by a CREATE TABLE or ALTER TABLE statement.
    static func foreignKeys(_ v: StatementView, createTable: CreateTableInfo?, alterTable: AlterTableInfo?, known: [String: TableFacts]) -> (table: String, keys: [ForeignKey])? {
        var keys: [ForeignKey] = []
        func tableLevel(_ r: Range<Int>, ownTypes: [String: [String]]) {
            guard let f = v.find("FOREIGN", from: r.lowerBound, to: r.upperBound), v.kw(f + 1) == "KEY", v.isPunct(f + 2, "("),
                  let close = v.closingParen(f + 2), close == f + 4, let col = v.toks[f + 3].identifierName,
                  let ref = v.references(in: (close + 1)..<r.upperBound) else { return }
            keys.append(ForeignKey(column: col, columnType: ownTypes[col], table: ref.table, referencedColumn: ref.column, at: f))
        }
        if let ct = createTable {
            var own: [String: [String]] = [:]
            for c in ct.columns { own[c.name] = v.typeWords(c.typeRange).words }
            for c in ct.columns {
                if let ref = v.references(in: c.constraintRange) {
                    keys.append(ForeignKey(column: c.name, columnType: own[c.name], table: ref.table, referencedColumn: ref.column, at: c.typeRange.lowerBound))
                }
            }
            for e in ct.constraints { tableLevel(e.range, ownTypes: own) }
            return (ct.name, keys)
        }
        if let at = alterTable {
            let own = known[at.name]?.columnTypes ?? [:]
            for a in at.actions {
                if a.kind == .addColumn, let c = a.column, let ref = v.references(in: c.constraintRange) {
                    keys.append(ForeignKey(column: c.name, columnType: v.typeWords(c.typeRange).words, table: ref.table, referencedColumn: ref.column, at: c.typeRange.lowerBound))
                } else if a.kind == .addConstraint {
                    tableLevel(a.range, ownTypes: own)
                }
            }
            return (at.name, keys)
        }
        return nil
    }

    /// The message for a mismatch, or nil when the types are compatible or unknown.
    static func mismatch(_ fk: ForeignKey, referenced: TableFacts) -> String? {
        guard let refCol = fk.referencedColumn ?? referenced.primaryKey, let refType = referenced.columnTypes[refCol],
              let ownType = fk.columnType else { return nil }
        let a = TypeFamily(words: ownType), b = TypeFamily(words: refType)
        guard a != .other, b != .other, a != b else { return nil }
        return "foreign key column '\(fk.column)' is \(ownType.joined(separator: " ").lowercased()) but references \(fk.table).\(refCol) of type \(refType.joined(separator: " ").lowercased()); declare '\(fk.column)' as \(refType.joined(separator: " ").lowercased())"
    }

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let found = Self.foreignKeys(s.view, createTable: s.createTable, alterTable: s.alterTable, known: s.state.tables) else { return }
        for fk in found.keys {
            // Self-references resolve against the table being created.
            let referenced: TableFacts?
            if fk.table == found.table, let ct = s.createTable {
                var facts = TableFacts()
                FileState.record(ct, view: s.view, into: &facts)
                referenced = facts
            } else {
                referenced = s.state.tables[fk.table]
            }
            guard let referenced, let message = Self.mismatch(fk, referenced: referenced) else { continue }
            out.append(s.diagnostic(Self.description, message, at: fk.at))
        }
    }
}
