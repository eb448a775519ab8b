import LintCore

/// `environment/database-from-env`: staging and production databases come from env vars.
struct DatabaseFromEnvRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/database-from-env", kind: .environment, severity: .error,
        summary: "Reports a staging or production `database` that is a literal value or falls back to one, instead of coming from an environment variable.",
        rationale: "A literal connection string puts the host (and often the password) in the repository, and a fallback silently connects somewhere else when the variable is missing instead of failing at start-up.",
        help: "Read the URL from an environment variable without a fallback, e.g. `database: process.env.PRODUCTION_DATABASE_URL`.",
        triggering: [
            RuleExample(PolicyExample.config(staging: ["database: process.env.STAGING_DATABASE_URL"], production: ["database: ↓'postgresql://clubos:s3cr3t-pw@db.clubos.internal/clubos'"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(staging: ["database: process.env.STAGING_DATABASE_URL || ↓'postgresql://staging-db/clubos'"], production: ["database: process.env.PRODUCTION_DATABASE_URL"]), path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample(PolicyExample.config(development: ["database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev'"], staging: ["database: process.env.STAGING_DATABASE_URL"], production: ["database: process.env['PRODUCTION_DATABASE_URL']"]), path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        for name in ["staging", "production"] {
            guard let v = env.block(name)?["database"] else { continue }
            if let ref = config.envReference(for: v) {
                if let d = ref.defaultValue, d.scalar?.kind != .null {
                    out.append(description.diagnostic(
                        "the \(name) database falls back to \(d.stringValue != nil ? "a literal value" : Describe.value(d)) when \(ref.name) is unset: remove the fallback so a missing variable fails at start-up",
                        file: config.file.path, range: d.range))
                }
            } else if v.scalar?.kind == .dynamic {
                out.append(EnvironmentRules.skipped(description, what: "the \(name) `database`", node: v, file: config.file))
            } else {
                out.append(description.diagnostic(
                    "the \(name) database is written in the file (\(v.stringValue != nil ? "a literal " + (v.stringValue?.contains("://") == true ? "URL" : "string") : Describe.value(v))): read it from an environment variable, e.g. process.env.\(name.uppercased())_DATABASE_URL",
                    file: config.file.path, range: v.range))
            }
        }
        return out
    }
}

/// `environment/local-dev-database`: development defaults to a local database.
struct LocalDevDatabaseRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/local-dev-database", kind: .environment, severity: .warning,
        summary: "Reports a development `database` (literal or fallback) whose host is not local: localhost, 127.0.0.1, ::1, host.docker.internal or a unix socket.",
        rationale: "A developer who has not set DATABASE_URL should land on a local database, never on a shared or production one where a test migration or seed script destroys real data.",
        help: "Point the development default at a local database, e.g. `postgresql://localhost/clubos_dev`.",
        triggering: [
            RuleExample(PolicyExample.config(development: ["database: process.env.DATABASE_URL || ↓'postgresql://db.clubos.internal/clubos'"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(development: ["database: ↓'postgres://10.0.4.12:5432/clubos'"]), path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample(PolicyExample.config(development: ["database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev'"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(development: ["database: 'postgresql:///clubos_dev?host=/var/run/postgresql'"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(development: ["database: 'postgres://dev:dev@127.0.0.1:5432/clubos_dev'"]), path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings), let v = env.block("development")?["database"] else { return [] }
        let literal: Node?
        if let ref = config.envReference(for: v) {
            literal = ref.defaultValue
        } else {
            literal = v
        }
        guard let l = literal, let url = l.stringValue else { return [] }
        guard let host = LocalDevDatabaseRule.host(of: url), !LocalDevDatabaseRule.isLocal(host) else { return [] }
        return [description.diagnostic(
            "the development database \(literal?.range == v.range ? "is" : "defaults to") a database on `\(host)`, not a local one: use localhost, 127.0.0.1 or a unix socket",
            file: config.file.path, range: l.range)]
    }

    /// The host of a connection string (URL or `host=` keyword form); "" for a unix socket or no host.
    static func host(of url: String) -> String? {
        if let r = url.firstRange(of: "://") {
            let rest = url[r.upperBound...]
            let authority = rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)]
            var hostPort = authority
            if let at = authority.lastIndex(of: "@") { hostPort = authority[authority.index(after: at)...] }
            var host: Substring
            if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
                host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            } else {
                host = hostPort[..<(hostPort.firstIndex(of: ":") ?? hostPort.endIndex)]
            }
            if host.isEmpty, let q = rest.firstIndex(of: "?") {
                // `postgresql:///db?host=/var/run/postgresql`
                for part in rest[rest.index(after: q)...].split(separator: "&") where part.hasPrefix("host=") {
                    host = part.dropFirst(5)
                }
            }
            return String(host).lowercased()
        }
        for part in url.split(separator: " ") where part.hasPrefix("host=") {
            return String(part.dropFirst(5)).lowercased()
        }
        return nil
    }

    static func isLocal(_ host: String) -> Bool {
        if host.isEmpty || host.hasPrefix("/") || host.hasPrefix("%2f") { return true }
        return ["localhost", "127.0.0.1", "::1", "host.docker.internal"].contains(host) || host.hasSuffix(".localhost")
    }
}
