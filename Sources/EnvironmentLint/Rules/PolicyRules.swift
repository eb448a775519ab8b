import LintCore

/// The seed config used by policy rule examples, with one line replaced.
enum PolicyExample {
    static func config(development dev: [String] = [], staging: [String] = [], production: [String] = []) -> String {
        func block(_ lines: [String]) -> String { lines.map { "    " + $0 }.joined(separator: ",\n") }
        return "export const config = {\n  development: {\n\(block(dev))\n  },\n  staging: {\n\(block(staging))\n  },\n  production: {\n\(block(production))\n  }\n};\n"
    }
}

/// `environment/claude-auto-approve`: Claude may never approve its own changes.
struct ClaudeAutoApproveRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/claude-auto-approve", kind: .environment, severity: .error,
        summary: "Reports `claudeAutoApprove` set to anything but the literal `false` in any environment.",
        rationale: "ClubOS policy: every change Claude proposes is approved by a person. An auto-approve switch that is on, or computed from an environment variable, lets unreviewed changes reach customers' bookings and payments.",
        help: "Set `claudeAutoApprove: false` in every environment.",
        triggering: [
            RuleExample(PolicyExample.config(development: ["claudeAutoApprove: false"], staging: ["claudeAutoApprove: false"], production: ["claudeAutoApprove: ↓true"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(development: ["claudeAutoApprove: ↓process.env.AUTO_APPROVE === 'true'"], staging: ["claudeAutoApprove: false"], production: ["claudeAutoApprove: false"]), path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample(PolicyExample.config(development: ["claudeAutoApprove: false"], staging: ["claudeAutoApprove: false"], production: ["claudeAutoApprove: false"]), path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        for b in env.blocks {
            guard let v = b.value["claudeAutoApprove"] else { continue }
            if v.boolValue == false { continue }
            let what = v.scalar?.kind == .dynamic
                ? "`claudeAutoApprove` in \(b.name) is computed (\(Describe.value(v))), so it can be switched on without a code review"
                : "`claudeAutoApprove` is \(Describe.value(v)) in \(b.name)"
            out.append(description.diagnostic("\(what): set it to false; a person must approve every change Claude makes", file: config.file.path, range: v.range))
        }
        return out
    }
}

/// `environment/require-approvals`: minimum human approvals.
struct RequireApprovalsRule: EnvironmentRule {
    static let minimums: [(env: String, min: Int)] = [("staging", 1), ("production", 2)]

    let description = RuleDescription(
        id: "environment/require-approvals", kind: .environment, severity: .error,
        summary: "Reports `requireApprovals` below 2 in production or below 1 in staging, or missing there.",
        rationale: "ClubOS policy: production changes need two approvals and staging changes one; a lower number lets a single person (or nobody) ship a change.",
        help: "Set `requireApprovals: 2` in production and `requireApprovals: 1` (or more) in staging.",
        triggering: [
            RuleExample(PolicyExample.config(staging: ["requireApprovals: 1"], production: ["requireApprovals: ↓1"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(staging: ["requireApprovals: ↓0"], production: ["requireApprovals: 2"]), path: "config/environments.ts"),
            RuleExample("export const config = {\n  development: {},\n  staging: { requireApprovals: 1 },\n  ↓production: { apiRateLimit: 50 }\n};\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample(PolicyExample.config(staging: ["requireApprovals: 1"], production: ["requireApprovals: 3"]), path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        for (name, minimum) in RequireApprovalsRule.minimums {
            guard let block = env.block(name), let key = env.key(name), block.entries != nil else { continue }
            guard let v = block["requireApprovals"] else {
                if !config.isOpen(block) {
                    out.append(description.diagnostic("\(name) has no `requireApprovals`: add `requireApprovals: \(minimum)` so \(name) changes need \(minimum == 1 ? "an approval" : "\(minimum) approvals")", file: config.file.path, range: key.range))
                }
                continue
            }
            if v.scalar?.kind == .dynamic {
                out.append(EnvironmentRules.skipped(description, what: "`requireApprovals` in \(name)", node: v, file: config.file))
            } else if let n = v.doubleValue {
                if n < Double(minimum) {
                    out.append(description.diagnostic("`requireApprovals` is \(v.scalarText ?? "") in \(name) but must be at least \(minimum): set it to \(minimum) or more", file: config.file.path, range: v.range))
                }
            } else {
                out.append(description.diagnostic("`requireApprovals` in \(name) is \(Describe.value(v)), not a number: set it to \(minimum) or more", file: config.file.path, range: v.range))
            }
        }
        return out
    }
}

/// `environment/rate-limit-order`: production ≤ staging ≤ development.
struct RateLimitOrderRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/rate-limit-order", kind: .environment, severity: .warning,
        summary: "Reports `apiRateLimit` values that are not ordered production ≤ staging ≤ development.",
        rationale: "Limits are tightened on the way to production; a higher production limit than staging means production runs a load that was never exercised in staging and is more exposed to abuse.",
        help: "Lower the limit so that production ≤ staging ≤ development.",
        triggering: [
            RuleExample(PolicyExample.config(development: ["apiRateLimit: 1000"], staging: ["apiRateLimit: 100"], production: ["apiRateLimit: ↓500"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(development: ["apiRateLimit: 50"], staging: ["apiRateLimit: ↓100"], production: ["apiRateLimit: 50"]), path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample(PolicyExample.config(development: ["apiRateLimit: 1000"], staging: ["apiRateLimit: 100"], production: ["apiRateLimit: 50"]), path: "config/environments.ts"),
            RuleExample(PolicyExample.config(development: ["apiRateLimit: 100"], staging: ["apiRateLimit: 100"], production: ["apiRateLimit: 100"]), path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        var known: [(name: String, node: Node, value: Double)] = []
        for name in ["development", "staging", "production"] {
            guard let v = env.block(name)?["apiRateLimit"] else { continue }
            if v.scalar?.kind == .dynamic {
                out.append(EnvironmentRules.skipped(description, what: "`apiRateLimit` in \(name)", node: v, file: config.file))
            } else if let d = v.doubleValue {
                known.append((name, v, d))
            }
        }
        for k in known.indices.dropFirst() {
            let (prev, cur) = (known[k - 1], known[k])
            if cur.value > prev.value {
                out.append(description.diagnostic(
                    "`apiRateLimit` in \(cur.name) (\(cur.node.scalarText ?? "")) is higher than in \(prev.name) (\(prev.node.scalarText ?? "")): lower it so that production ≤ staging ≤ development",
                    file: config.file.path, range: cur.node.range))
            }
        }
        return out
    }
}

/// `environment/slack-notifications`: staging and production notify Slack.
struct SlackNotificationsRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/slack-notifications", kind: .environment, severity: .warning,
        summary: "Reports `slackNotifications` that is not `true` in staging or production.",
        rationale: "Operators learn about failed bookings, door-access errors and approvals waiting through Slack; with notifications off in staging or production nobody hears about them.",
        help: "Set `slackNotifications: true` in staging and production.",
        triggering: [
            RuleExample(PolicyExample.config(development: ["slackNotifications: false"], staging: ["slackNotifications: true"], production: ["slackNotifications: ↓false"]), path: "config/environments.ts"),
            RuleExample("export const config = {\n  development: { slackNotifications: false },\n  ↓staging: {},\n  production: { slackNotifications: true }\n};\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample(PolicyExample.config(development: ["slackNotifications: false"], staging: ["slackNotifications: true"], production: ["slackNotifications: true"]), path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        for name in ["staging", "production"] {
            guard let block = env.block(name), let key = env.key(name), block.entries != nil else { continue }
            guard let v = block["slackNotifications"] else {
                if !config.isOpen(block) {
                    out.append(description.diagnostic("\(name) has no `slackNotifications`: add `slackNotifications: true`", file: config.file.path, range: key.range))
                }
                continue
            }
            if v.boolValue == true { continue }
            if v.scalar?.kind == .dynamic {
                out.append(EnvironmentRules.skipped(description, what: "`slackNotifications` in \(name)", node: v, file: config.file))
            } else {
                out.append(description.diagnostic("`slackNotifications` is \(Describe.value(v)) in \(name): set it to true so operators hear about problems", file: config.file.path, range: v.range))
            }
        }
        return out
    }
}
