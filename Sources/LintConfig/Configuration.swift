import LintCore
import LintParsers

/// A configured severity for a rule: a severity, or off.
public enum RuleSetting: Sendable, Hashable {
    case off
    case severity(Severity)

    public init?(_ text: String) {
        switch text {
        case "off": self = .off
        case "error": self = .severity(.error)
        case "warning": self = .severity(.warning)
        case "info": self = .severity(.info)
        default: return nil
        }
    }
}

/// `.clubos-lint.yaml`: which files are checked as which kind, rule
/// severities, rule and schema directories, and per-domain settings.
public struct Configuration: Sendable {
    /// Directory the configuration's paths and globs are relative to.
    public var root: String
    /// The configuration file, when one was found.
    public var path: String?
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    /// Kind → path globs, in precedence order (first match wins).
    public var kinds: [(kind: CheckerKind, globs: [Glob])] = Configuration.defaultKinds
    public var rules: [String: RuleSetting] = [:]
    /// Positions of rule settings, for reporting unknown rule ids.
    public var ruleRanges: [String: SourceRange] = [:]
    public var ruleDirs: [String] = ["rules"]
    public var schemaDirs: [String] = ["schemas"]
    /// The `settings:` mapping, domain → node.
    public var settings: Node?

    public init(root: String) { self.root = root }

    public static let fileName = ".clubos-lint.yaml"

    public static let defaultKinds: [(kind: CheckerKind, globs: [Glob])] = [
        (.workflow, [Glob(".github/workflows/*.y{a,}ml")]),
        (.prompt, [Glob("prompts/**")]),
        (.sop, [Glob("sops/**/*.md")]),
        (.migration, [Glob("migrations/**/*.sql")]),
        (.feedback, [Glob("feedback/**/*.json{,l}")]),
        (.environment, [Glob("config/environments.*"), Glob(".env*")]),
    ]

    public static let knownDomains = ["workflow", "prompt", "sop", "migration", "feedback", "environment", "schema", "rules"]

    /// The settings node of a domain (`settings.<domain>`).
    public func settings(for domain: String) -> Node? { settings?[domain] }

    /// The kind a relative path belongs to, if any.
    public func kind(of relativePath: String) -> CheckerKind? {
        for (kind, globs) in kinds where globs.contains(where: { $0.matches(relativePath) }) {
            return kind
        }
        return nil
    }

    /// Whether some file below the relative `directory` could belong to a
    /// kind (one of `only`, when given).
    public func mayClaimFiles(under directory: String, kinds only: Set<CheckerKind>? = nil) -> Bool {
        let dir = directory == "." ? "" : directory
        return kinds.contains { kind, globs in
            (only?.contains(kind) ?? true) && globs.contains { $0.mayMatch(under: dir) }
        }
    }

    /// Whether a relative path passes include/exclude.
    public func isIncluded(_ relativePath: String) -> Bool {
        if exclude.contains(where: { $0.matches(relativePath) }) { return false }
        if include.isEmpty { return true }
        return include.contains(where: { $0.matches(relativePath) })
    }

    /// Applies configured severities: nil when the rule is off.
    public func effective(_ d: Diagnostic) -> Diagnostic? {
        var d = d
        if let s = rules[d.rule] ?? rules[d.rule.split(separator: "/").first.map { "\($0)/*" } ?? ""] {
            switch s {
            case .off: return nil
            case .severity(let sev): d.severity = sev
            }
        }
        return d
    }
}

/// Reads and validates `.clubos-lint.yaml`. Unknown keys and wrong types are
/// errors with positions; a configuration with errors must stop the run (exit 2).
public enum ConfigurationLoader {
    public static let invalidRule = RuleDescription(
        id: "config/invalid", kind: .lint, severity: .error,
        summary: "Reports an unknown key, a wrong type or a bad value in `.clubos-lint.yaml`.",
        rationale: "A mistyped configuration key is silently ignored by lenient tools, so the setting you meant never applies. clubos-lint stops instead (exit 2) and points at the key.",
        help: "Fix or remove the key; see docs/configuration in the README for the accepted keys.",
        triggering: [RuleExample("↓inclde: [\"src/**\"]\n", path: ".clubos-lint.yaml")],
        nonTriggering: [RuleExample("include: [\"src/**\"]\nrules:\n  workflow/timeout-minutes: warning\n", path: ".clubos-lint.yaml")])

    public static let rules = [invalidRule]

    /// Finds `.clubos-lint.yaml` in `directory` or its parents.
    public static func find(from directory: String) -> String? {
        var dir = directory
        while true {
            let candidate = dir == "/" ? "/\(Configuration.fileName)" : "\(dir)/\(Configuration.fileName)"
            if FileIO.exists(candidate) { return candidate }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[dir.startIndex..<slash])
        }
    }

    /// Loads the configuration file at `path` (display path `shownPath`).
    public static func load(path: String, shownPath: String, root: String) -> (Configuration, [Diagnostic]) {
        var config = Configuration(root: root)
        config.path = path
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readBytes(path)
        } catch {
            return (config, [invalidRule.diagnostic("\(error)", file: shownPath, range: .fileStart)])
        }
        return parse(SourceFile(path: shownPath, bytes: bytes), root: root, into: config)
    }

    public static func parse(_ file: SourceFile, root: String, into base: Configuration? = nil) -> (Configuration, [Diagnostic]) {
        var config = base ?? Configuration(root: root)
        let set = YAMLLoader.load(file)
        var diags = set.diagnostics
        if set.hasErrors { return (config, diags) }
        guard let doc = set.documents.first, !doc.isNull else { return (config, diags) }
        func bad(_ node: Node, _ message: String) {
            diags.append(invalidRule.diagnostic(message, file: file.path, range: node.range))
        }
        guard let entries = doc.entries else {
            bad(doc, "the configuration must be a mapping of keys such as include, exclude, kinds, rules, settings")
            return (config, diags)
        }
        func globs(_ node: Node, _ key: String) -> [Glob]? {
            if let s = node.stringValue { return [Glob(s)] }
            guard let items = node.items else {
                bad(node, "\(key) must be a list of path globs, found \(node.jsonTypeName)")
                return nil
            }
            var out: [Glob] = []
            for item in items {
                guard let s = item.stringValue else {
                    bad(item, "\(key) entries must be strings (path globs), found \(item.jsonTypeName)")
                    continue
                }
                out.append(Glob(s))
            }
            return out
        }
        func strings(_ node: Node, _ key: String) -> [String]? {
            guard let items = node.items ?? (node.stringValue != nil ? [node] : nil) else {
                bad(node, "\(key) must be a list of directory paths, found \(node.jsonTypeName)")
                return nil
            }
            return items.compactMap { item in
                guard let s = item.stringValue else {
                    bad(item, "\(key) entries must be strings, found \(item.jsonTypeName)")
                    return nil
                }
                return s
            }
        }
        let known = ["include", "exclude", "kinds", "rules", "rule-dirs", "schema-dirs", "settings"]
        for e in entries {
            let key = e.keyText
            switch key {
            case "include": config.include = globs(e.value, key) ?? []
            case "exclude": config.exclude = globs(e.value, key) ?? []
            case "rule-dirs": config.ruleDirs = strings(e.value, key) ?? config.ruleDirs
            case "schema-dirs": config.schemaDirs = strings(e.value, key) ?? config.schemaDirs
            case "kinds":
                guard let kinds = e.value.entries else {
                    bad(e.value, "kinds must map a checker kind to path globs, found \(e.value.jsonTypeName)")
                    continue
                }
                var result = Configuration.defaultKinds
                let validKinds = Configuration.defaultKinds.map(\.kind.rawValue)
                for k in kinds {
                    guard validKinds.contains(k.keyText) else {
                        bad(k.key, "unknown checker kind \"\(k.keyText)\"; expected one of \(validKinds.joined(separator: ", "))")
                        continue
                    }
                    guard let g = globs(k.value, "kinds.\(k.keyText)") else { continue }
                    let kind = CheckerKind(k.keyText)
                    result.removeAll { $0.kind == kind }
                    result.insert((kind, g), at: 0)
                }
                config.kinds = result
            case "rules":
                guard let rules = e.value.entries else {
                    bad(e.value, "rules must map rule ids to error, warning, info or off, found \(e.value.jsonTypeName)")
                    continue
                }
                for r in rules {
                    let id = r.keyText
                    let wildcard = id.hasSuffix("/*") && RuleDescription.isValidID(String(id.dropLast()) + "x")
                    guard RuleDescription.isValidID(id) || wildcard else {
                        bad(r.key, "\"\(id)\" is not a rule id; rule ids are domain/name in kebab-case (or domain/* for a whole domain)")
                        continue
                    }
                    let text = r.value.scalarText ?? ""
                    guard r.value.scalar != nil, let setting = RuleSetting(text) else {
                        bad(r.value, "rule \(id) must be set to error, warning, info or off, found \(r.value.description)")
                        continue
                    }
                    config.rules[id] = setting
                    config.ruleRanges[id] = r.key.range
                }
            case "settings":
                guard let domains = e.value.entries else {
                    bad(e.value, "settings must map a domain to its settings, found \(e.value.jsonTypeName)")
                    continue
                }
                for d in domains where !Configuration.knownDomains.contains(d.keyText) {
                    bad(d.key, "unknown settings domain \"\(d.keyText)\"; expected one of \(Configuration.knownDomains.joined(separator: ", "))")
                }
                config.settings = e.value
            default:
                let suggestion = known.min(by: { editDistance($0, key) < editDistance($1, key) }).flatMap { editDistance($0, key) <= 3 ? $0 : nil }
                bad(e.key, "unknown configuration key \"\(key)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "; expected one of \(known.joined(separator: ", "))"))
            }
        }
        return (config, diags)
    }
}
