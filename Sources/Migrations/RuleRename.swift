import LintCore

/// Renaming a table or column that existed before this migration.
public struct RenameRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/rename", kind: .migration, severity: .warning,
        summary: "Reports ALTER TABLE … RENAME TO and RENAME COLUMN on existing tables.",
        rationale: "Code deployed before the migration still uses the old name and fails the moment the migration commits.",
        help: "Add the new table/column (or a view), migrate code to it, and remove the old one later (expand/contract).",
        triggering: [
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback ↓RENAME COLUMN reason TO rating_reason;\n"),
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback ↓RENAME TO ai_feedback;\n"),
        ],
        nonTriggering: [
            ex("SET lock_timeout = '5s';\nALTER TABLE feedback RENAME CONSTRAINT fk1 TO feedback_user_fk;\n"),
            ex("CREATE TABLE tmp (a int);\nALTER TABLE tmp RENAME COLUMN a TO b;\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        guard let at = s.alterTable, s.isExisting(at.name) else { return }
        for a in at.actions {
            switch a.kind {
            case .renameTable:
                out.append(s.diagnostic(Self.description,
                    "renaming table '\(at.name)' breaks deployed code that uses the old name; add the new table or a view and migrate code first",
                    at: a.range.lowerBound))
            case .renameColumn:
                out.append(s.diagnostic(Self.description,
                    "renaming column '\(at.name).\(a.columnName ?? "?")' breaks deployed code that uses the old name; add a new column and migrate code first",
                    at: a.range.lowerBound))
            default: break
            }
        }
    }
}
