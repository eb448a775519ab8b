import LintCore

/// `ALTER TYPE … ADD VALUE 'x'` followed by a use of `'x'` in the same transaction.
public struct EnumValueUsedInTransactionRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/enum-value-used-in-transaction", kind: .migration, severity: .error,
        summary: "Reports a use of an enum label in the same transaction that added it with ALTER TYPE … ADD VALUE.",
        rationale: "PostgreSQL does not let a transaction use an enum value it added (\"unsafe use of new value\"); because the runner wraps the whole file in one transaction, the migration fails.",
        help: "Add the enum value in one migration and use it in a later migration.",
        triggering: [
            ex("ALTER TYPE assistant_kind ADD VALUE 'Events';\nINSERT INTO routing_rules (assistant) VALUES (↓'Events');\n"),
            ex("ALTER TYPE feedback_rating ADD VALUE IF NOT EXISTS 'neutral';\nUPDATE feedback SET rating = ↓'neutral' WHERE rating IS NULL;\n"),
            ex("CREATE TYPE sop_environment AS ENUM ('staging');\nALTER TYPE sop_environment ADD VALUE 'production';\nSELECT ↓'production'::sop_environment;\n"),
            ex("-- transaction:false\nALTER TYPE assistant_kind ADD VALUE 'Events';\nINSERT INTO routing_rules (assistant) VALUES (↓'Events');\n"),
            ex("ALTER TYPE assistant_kind ADD VALUE 'Events';\nDO ↓$$ BEGIN INSERT INTO routing_rules (assistant) VALUES ('Events'); END $$;\n"),
        ],
        nonTriggering: [
            ex("ALTER TYPE assistant_kind ADD VALUE 'Events';\n"),
            ex("-- transaction:false\nBEGIN;\nALTER TYPE assistant_kind ADD VALUE 'Events';\nCOMMIT;\nINSERT INTO routing_rules (assistant) VALUES ('Events');\n"),
            ex("ALTER TYPE assistant_kind ADD VALUE 'Events';\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'Events' $$;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard s.inTransaction, !s.state.enumValuesAdded.isEmpty else { return }
        let isDo = s.view.kw(0) == "DO"
        for (i, t) in s.toks.enumerated() {
            var values: [String] = []
            if t.kind == .string, let v = t.stringValue {
                values = [v]
            } else if isDo, t.kind == .dollarString {
                // A DO block runs immediately: look at the string literals of its body (one level only).
                values = Self.bodyStrings(t.text)
            }
            for value in values {
                guard let added = s.state.enumValuesAdded[value], added.segment == s.segment else { continue }
                out.append(s.diagnostic(Self.description,
                    "enum value '\(value)' was added on line \(added.line) in the same transaction and cannot be used until it commits; use it in a later migration",
                    at: i))
                break
            }
        }
    }

    /// String literal values inside a dollar-quoted body.
    static func bodyStrings(_ dollarQuoted: String) -> [String] {
        let bytes = Array(dollarQuoted.utf8)
        guard bytes.count >= 2, let open = bytes.dropFirst().firstIndex(of: 0x24) else { return [] }
        let delimLen = open + 1
        guard bytes.count >= 2 * delimLen else { return [] }
        let body = Array(bytes[delimLen..<(bytes.count - delimLen)])
        return SQLLexer.tokenize(body).tokens.compactMap(\.stringValue)
    }

    /// `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label'` → (label, token index).
    static func addedValue(_ v: StatementView) -> (String, Int)? {
        guard v.kw(0) == "ALTER", v.kw(1) == "TYPE", let add = v.findSequence(["ADD", "VALUE"]) else { return nil }
        let i = v.skipIfExists(add + 2).index
        guard i < v.count, let label = v.toks[i].stringValue else { return nil }
        return (label, i)
    }
}
