import LintCore

/// Identifiers longer than PostgreSQL's 63-byte limit.
public struct IdentifierTooLongRule: MigrationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "migration/identifier-too-long", kind: .migration, severity: .info,
        summary: "Reports identifiers longer than 63 bytes.",
        rationale: "PostgreSQL silently truncates identifiers to 63 bytes, so two long names can collide and later references by the full name are confusing.",
        help: "Shorten the name to 63 bytes or fewer.",
        triggering: [
            ex("CREATE INDEX ↓idx_routing_decisions_assistant_route_confidence_created_at_location_id ON routing_decisions (route);\n"),
        ],
        nonTriggering: [
            ex("CREATE INDEX idx_routing_decisions_route ON routing_decisions (route);\n"),
        ])

    public func check(_ s: StatementContext, into out: inout [Diagnostic]) {
        for (i, t) in s.toks.enumerated() where t.kind == .word || t.kind == .quotedIdentifier {
            guard let name = t.identifierName, name.utf8.count > 63 else { continue }
            out.append(s.diagnostic(Self.description,
                "identifier is \(name.utf8.count) bytes; PostgreSQL truncates it to 63 bytes — shorten it",
                at: i))
        }
    }
}
