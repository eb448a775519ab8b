import LintCore

/// `environment/sentry-sample-rate`: Sentry sample rates are fractions.
struct SentrySampleRateRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/sentry-sample-rate", kind: .environment, severity: .error,
        summary: "Reports a Sentry `tracesSampleRate` (or other `…SampleRate`) that is not a number from 0 to 1, in a `Sentry.init({…})` call or an object under a `sentry` key.",
        rationale: "Sentry reads the rate as a probability: `10` meaning 10% samples every transaction (cost and quota), and a string disables sampling silently.",
        help: "Use a number between 0 and 1, e.g. `tracesSampleRate: 0.1` for 10%.",
        triggering: [
            RuleExample("import * as Sentry from '@sentry/node';\nSentry.init({\n  dsn: process.env.SENTRY_DSN,\n  tracesSampleRate: ↓10,\n});\n", path: "config/environments.ts"),
            RuleExample("export const monitoring = {\n  sentry: { dsn: process.env.SENTRY_DSN, tracesSampleRate: ↓'0.1' }\n};\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample("import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN, environment: process.env.NODE_ENV, tracesSampleRate: 0.1 });\n", path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for s in config.sentryConfigs {
            for e in s.entries ?? [] where e.keyText == "sampleRate" || e.keyText.hasSuffix("SampleRate") {
                let v = e.value
                if v.scalar?.kind == .dynamic {
                    out.append(EnvironmentRules.skipped(description, what: "Sentry `\(e.keyText)`", node: v, file: config.file))
                } else if let d = v.doubleValue {
                    if !(d >= 0 && d <= 1) {
                        out.append(description.diagnostic("Sentry `\(e.keyText)` is \(v.scalarText ?? ""), outside 0…1: use a fraction, e.g. 0.1 for 10%", file: config.file.path, range: v.range))
                    }
                } else {
                    out.append(description.diagnostic("Sentry `\(e.keyText)` is \(Describe.value(v)), not a number: use a number between 0 and 1, e.g. 0.1", file: config.file.path, range: v.range))
                }
            }
        }
        return out
    }
}

/// `environment/sentry-dsn-from-env`: the Sentry DSN comes from SENTRY_DSN.
struct SentryDSNFromEnvRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/sentry-dsn-from-env", kind: .environment, severity: .error,
        summary: "Reports a Sentry config (a `Sentry.init({…})` call or an object under a `sentry` key) whose `dsn` is missing or not read from `process.env.SENTRY_DSN`.",
        rationale: "A DSN in the source sends every environment's errors to one project and leaks the project key; a different variable name than the one deployments set leaves monitoring silently off.",
        help: "Write `dsn: process.env.SENTRY_DSN` and declare SENTRY_DSN in .env.example.",
        triggering: [
            RuleExample("import * as Sentry from '@sentry/node';\nSentry.init({\n  dsn: ↓'https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42',\n  tracesSampleRate: 0.1,\n});\n", path: "config/environments.ts"),
            RuleExample("export const monitoring = {\n  sentry: ↓{ tracesSampleRate: 0.1 }\n};\n", path: "config/environments.ts"),
            RuleExample("Sentry.init({ dsn: ↓process.env.SENTRY_URL, tracesSampleRate: 0.1 });\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample("Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 });\n", path: "config/environments.ts"),
            RuleExample("export const monitoring = { sentry: { dsn: process.env.NEXT_PUBLIC_SENTRY_DSN } };\n", path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for s in config.sentryConfigs {
            guard let v = s["dsn"] else {
                out.append(description.diagnostic("this Sentry config has no `dsn`: add `dsn: process.env.SENTRY_DSN`", file: config.file.path, range: s.range))
                continue
            }
            if let ref = config.envReference(for: v) {
                if !(ref.name == "SENTRY_DSN" || ref.name.hasSuffix("_SENTRY_DSN")) {
                    out.append(description.diagnostic("the Sentry DSN is read from \(ref.name): read it from SENTRY_DSN, the variable deployments set", file: config.file.path, range: v.range))
                } else if let d = ref.defaultValue, d.stringValue.map({ !$0.isEmpty }) ?? (d.scalar?.kind != .null) {
                    out.append(description.diagnostic("the Sentry DSN falls back to a value written in the file when \(ref.name) is unset: remove the fallback", file: config.file.path, range: d.range))
                }
            } else if v.scalar?.kind == .dynamic {
                out.append(EnvironmentRules.skipped(description, what: "the Sentry `dsn`", node: v, file: config.file))
            } else if v.isNull || v.stringValue == "" {
                out.append(description.diagnostic("the Sentry DSN is empty, so errors are not reported: write `dsn: process.env.SENTRY_DSN`", file: config.file.path, range: v.range))
            } else {
                out.append(description.diagnostic("the Sentry DSN is written in the file: read it with `dsn: process.env.SENTRY_DSN`", file: config.file.path, range: v.range))
            }
        }
        return out
    }
}
