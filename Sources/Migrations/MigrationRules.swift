import LintCore

/// The explicit registry of migration rules.
public enum MigrationRules {
    /// Per-statement rules, in the order they run.
    public static let statementRules: [any MigrationRule] = [
        ConcurrentIndexInTransactionRule(),
        NonTransactionalStatementRule(),
        EnumValueUsedInTransactionRule(),
        ExplicitTransactionRule(),
        UnclosedTransactionRule(),
        IndexWithoutConcurrentlyRule(),
        DropIndexWithoutConcurrentlyRule(),
        ConstraintWithoutNotValidRule(),
        ValidateInSameTransactionRule(),
        SetNotNullRule(),
        AddColumnNotNullWithoutDefaultRule(),
        VolatileDefaultRule(),
        ColumnTypeChangeRule(),
        UniqueWithoutIndexRule(),
        LockTimeoutRule(),
        DropTableRule(),
        DropColumnRule(),
        CascadeRule(),
        RenameRule(),
        MixedIfNotExistsRule(),
        IdentifierTooLongRule(),
        PreferIdentityRule(),
        PreferTimestamptzRule(),
        PreferTextRule(),
        PreferJsonbRule(),
        MySQLSyntaxRule(),
        ForeignKeyTypeMismatchRule(),
    ]

    /// Rules checked on a single file (lexical rules plus statement rules); their examples are runnable.
    public static var fileRules: [RuleDescription] {
        [SyntaxErrorRule.description, PsqlMetaCommandRule.description] + statementRules.map { type(of: $0).description }
    }

    /// Rules over the whole migrations directory (naming, versions, pairs, checksums).
    public static var directoryRules: [RuleDescription] {
        DirectoryRules.all + MigrationChecksums.all
    }

    /// Every rule the migration checker can emit.
    public static var all: [RuleDescription] { fileRules + directoryRules }
}

/// A rule example checked as `migrations/001_example.sql`.
func ex(_ code: String) -> RuleExample { RuleExample(code, path: "migrations/001_example.sql") }
