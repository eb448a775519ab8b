import LintCore
import LintParsers

extension WorkflowWalker {
    mutating func checkJobs(_ node: Node, isCallable: Bool) {
        guard let entries = mapping(node, "`jobs`") else { return }
        var seen: [String: String] = [:]
        var needsGraph: [(id: String, needs: [(String, Node)])] = []
        let jobIDs = Set(entries.map { $0.keyText.lowercased() })
        for e in entries {
            let id = e.keyText
            checkIDSyntax(id, e.key, what: "job")
            let lower = id.lowercased()
            if let prev = seen[lower] {
                if prev != id {
                    report(WorkflowRules.id, "Job id `\(id)` duplicates `\(prev)` (job ids are case-insensitive); rename one of them.", e.key)
                }
            } else {
                seen[lower] = id
            }
            let needs = checkNeeds(e.value["needs"], job: id, jobIDs: jobIDs)
            needsGraph.append((id, needs))
            checkJob(id: id, key: e.key, e.value, needs: Set(needs.map { $0.0.lowercased() }))
        }
        checkNeedsCycles(needsGraph)
    }

    /// The jobs listed in `needs`, after reporting unknown ones and self references.
    mutating func checkNeeds(_ node: Node?, job: String, jobIDs: Set<String>) -> [(String, Node)] {
        guard let node else { return [] }
        let list: [Node]
        if let items = node.items { list = items } else if node.stringValue != nil { list = [node] } else {
            report(WorkflowRules.syntax, "`needs` must be a job id or a list of job ids, not \(describe(node)).", node)
            return []
        }
        var out: [(String, Node)] = []
        for item in list {
            guard let name = item.stringValue else {
                report(WorkflowRules.syntax, "Each entry of `needs` must be a job id, not \(describe(item)).", item)
                continue
            }
            if name.lowercased() == job.lowercased() {
                report(WorkflowRules.needs, "Job `\(job)` needs itself; remove `\(name)` from its `needs`.", item)
            } else if !jobIDs.contains(name.lowercased()) {
                report(WorkflowRules.needs, "Job `\(job)` needs `\(name)`, which is not a job of this workflow; use an existing job id.\(didYouMean(name, jobIDs))", item)
            } else {
                out.append((name, item))
            }
        }
        return out
    }

    /// Reports each cycle of `needs` once, naming it (`a -> b -> a`).
    mutating func checkNeedsCycles(_ graph: [(id: String, needs: [(String, Node)])]) {
        var index: [String: Int] = [:]
        for (i, j) in graph.enumerated() where index[j.id.lowercased()] == nil { index[j.id.lowercased()] = i }
        // Iterative DFS: 0 = unvisited, 1 = on stack, 2 = done.
        var state = [Int](repeating: 0, count: graph.count)
        // Index of each job on the DFS stack (valid while state == 1).
        var stackIndex = [Int](repeating: 0, count: graph.count)
        for startJob in graph.indices where state[startJob] == 0 {
            var stack: [(node: Int, edge: Int)] = [(startJob, 0)]
            state[startJob] = 1
            stackIndex[startJob] = 0
            while let top = stack.last {
                let edges = graph[top.node].needs
                if top.edge >= edges.count {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].edge += 1
                let (name, refNode) = edges[top.edge]
                guard let next = index[name.lowercased()] else { continue }
                if state[next] == 1 {
                    // Cycle: from `next` on the stack to the top, then back to `next`.
                    let from = stackIndex[next]
                    guard from < stack.count, stack[from].node == next else { continue }
                    let ids = stack[from...].map { graph[$0.node].id } + [graph[next].id]
                    report(WorkflowRules.needs, "Jobs depend on each other in a cycle: \(ids.joined(separator: " -> ")); remove one of these `needs` entries.", refNode)
                } else if state[next] == 0 {
                    state[next] = 1
                    stackIndex[next] = stack.count
                    stack.append((next, 0))
                }
            }
        }
    }

    mutating func checkJob(id: String, key: Node, _ job: Node, needs: Set<String>) {
        guard let entries = job.entries else {
            report(WorkflowRules.syntax, "Job `\(id)` must be a mapping with `runs-on` and `steps` (or `uses`), not \(describe(job)).", job)
            return
        }
        let usesWorkflow = job["uses"] != nil
        if usesWorkflow {
            for e in entries where !WorkflowData.reusableJobKeys.contains(e.keyText) && WorkflowData.jobKeys.contains(e.keyText) {
                report(WorkflowRules.syntax, "Job `\(id)` calls a reusable workflow with `uses`, so it cannot have `\(e.keyText)`; move it into the called workflow.", e.key)
            }
        }
        checkKeys(entries, WorkflowData.jobKeys, in: "job `\(id)`")
        if !usesWorkflow {
            if job["runs-on"] == nil {
                report(WorkflowRules.syntax, "Job `\(id)` has no `runs-on`; add `runs-on: ubuntu-latest` (or the labels of your runner).", key)
            }
            if job["steps"] == nil {
                report(WorkflowRules.syntax, "Job `\(id)` has no `steps`; add the steps to run, or call a reusable workflow with `uses`.", key)
            }
        }
        let base = ExprScope(
            place: .jobName, needs: needs, stepIDs: Self.stepIDs(job["steps"]), matrixKeys: Self.matrixKeys(job["strategy"]),
            inputs: workflowInputs, jobOutputs: jobOutputs)
        func scope(_ place: WorkflowData.Place) -> ExprScope { base.at(place) }
        for e in entries {
            let v = e.value
            switch e.keyText {
            case "name":
                expectScalar(v, "name")
                checkExpressions(in: v, scope: scope(.jobName))
            case "permissions":
                checkPermissions(v)
            case "if":
                checkCondition(v, scope: scope(.jobIf))
            case "runs-on":
                checkRunsOn(v)
                checkExpressions(in: v, scope: scope(.jobRunsOn))
            case "environment":
                checkEnvironment(v, base: base)
            case "concurrency":
                checkConcurrency(v, scope: scope(.jobConcurrency))
            case "outputs":
                if let outs = mapping(v, "`outputs`") {
                    for o in outs { checkExpressions(in: o.value, scope: scope(.jobOutputs)) }
                }
            case "env":
                checkEnv(v, scope: scope(.jobEnv))
            case "defaults":
                checkDefaults(v, scope: scope(.jobDefaultsRun))
            case "steps":
                checkSteps(v, base: base)
            case "timeout-minutes":
                expectTimeout(v, "timeout-minutes")
                checkExpressions(in: v, scope: scope(.jobTimeout))
            case "continue-on-error":
                expectBool(v, "continue-on-error")
                checkExpressions(in: v, scope: scope(.jobContinueOnError))
            case "strategy":
                checkStrategy(v, base: base)
            case "container":
                checkContainer(v, what: "`container`", base: base, isService: false)
            case "services":
                if let services = mapping(v, "`services`") {
                    for s in services { checkContainer(s.value, what: "service `\(s.keyText)`", base: base, isService: true) }
                }
            case "uses":
                checkWorkflowCall(job, uses: v)
            case "with":
                if let w = mapping(v, "`with`", allowEmpty: true) {
                    for x in w { checkExpressions(in: x.value, scope: scope(.jobWith)) }
                }
            case "secrets":
                if v.stringValue == "inherit" { break }
                if let s = mapping(v, "`secrets`", allowEmpty: true) {
                    for x in s { checkExpressions(in: x.value, scope: scope(.jobSecrets)) }
                }
            default:
                break
            }
        }
    }

    /// Lowercased step ids of a job; nil when some id is computed.
    static func stepIDs(_ steps: Node?) -> Set<String>? {
        var ids: Set<String> = []
        for step in steps?.items ?? [] {
            guard let id = step["id"] else { continue }
            guard let text = id.scalarText, !text.contains("${{") else { return nil }
            ids.insert(text.lowercased())
        }
        return ids
    }

    /// Lowercased matrix keys of a job (empty without a matrix); nil when the matrix is computed.
    static func matrixKeys(_ strategy: Node?) -> Set<String>? {
        guard let strategy else { return [] }
        guard strategy.entries != nil else { return nil }
        guard let matrix = strategy["matrix"] else { return [] }
        guard let rows = matrix.entries else { return nil }
        var keys: Set<String> = []
        for r in rows {
            switch r.keyText {
            case "include":
                guard let items = r.value.items else { return nil }
                for item in items {
                    guard let es = item.entries else { return nil }
                    for e in es { keys.insert(e.keyText.lowercased()) }
                }
            case "exclude":
                continue
            default:
                keys.insert(r.keyText.lowercased())
            }
        }
        return keys
    }

    mutating func checkEnvironment(_ node: Node, base job: ExprScope) {
        if node.scalar != nil {
            expectScalar(node, "environment")
            checkExpressions(in: node, scope: job.at(.jobEnvironment))
            return
        }
        guard let entries = mapping(node, "`environment`") else { return }
        checkKeys(entries, WorkflowData.environmentKeys, in: "`environment`")
        if node["name"] == nil {
            report(WorkflowRules.syntax, "`environment` has no `name`; add `name:` with the environment to deploy to.", at: SourceRange(node.range.start))
        }
        for e in entries {
            checkExpressions(in: e.value, scope: job.at(e.keyText == "url" ? .jobEnvironmentURL : .jobEnvironment))
        }
    }

    // MARK: runs-on

    mutating func checkRunsOn(_ node: Node) {
        var labels: [Node] = []
        switch node.value {
        case .scalar:
            labels = [node]
        case .sequence(let items):
            if items.isEmpty { report(WorkflowRules.syntax, "`runs-on` is an empty list; add a runner label such as `ubuntu-latest`.", node) }
            labels = items
        case .mapping(let entries):
            checkKeys(entries, WorkflowData.runsOnKeys, in: "`runs-on`")
            if node["group"] != nil { return }
            if let l = node["labels"] { labels = l.items ?? [l] }
        }
        for label in labels {
            guard let text = label.stringValue else {
                report(WorkflowRules.syntax, "A runner label must be a string, not \(describe(label)).", label)
                continue
            }
            if text.contains("${{") { continue }
            let lower = text.lowercased()
            if WorkflowData.hostedLabels.contains(lower) || WorkflowData.selfHostedDefaultLabels.contains(lower) || settings.selfHostedLabels.contains(lower) { continue }
            if WorkflowData.retiredLabels.contains(lower) {
                let family = lower.hasPrefix("ubuntu") ? "ubuntu-latest" : lower.hasPrefix("windows") ? "windows-latest" : "macos-latest"
                report(WorkflowRules.runnerLabel, "Runner label `\(text)` refers to an image GitHub has retired, so the job never starts; use `\(family)` or a current version.", label)
                continue
            }
            let hint = didYouMean(text, WorkflowData.hostedLabels.union(settings.selfHostedLabels))
            report(WorkflowRules.runnerLabel, "Unknown runner label `\(text)`.\(hint.isEmpty ? " Use a GitHub-hosted label such as `ubuntu-latest`, `windows-latest` or `macos-latest`." : hint) If it is a self-hosted runner label, list it in `settings.workflow.self-hosted-labels`.", label)
        }
    }

    // MARK: strategy

    mutating func checkStrategy(_ node: Node, base job: ExprScope) {
        let scope = job.at(.jobStrategy)
        if isExpression(node) {
            checkExpressions(in: node, scope: scope)
            return
        }
        guard let entries = mapping(node, "`strategy`") else { return }
        checkKeys(entries, WorkflowData.strategyKeys, in: "`strategy`")
        if let f = node["fail-fast"] { expectBool(f, "fail-fast") }
        if let m = node["max-parallel"], !isExpression(m), !((m.doubleValue ?? 0) >= 1) {
            report(WorkflowRules.syntax, "`max-parallel` must be a positive number of jobs (or a `${{ }}` expression), not `\(m.scalarText ?? m.description)`.", m)
        }
        for e in entries { checkExpressions(in: e.value, scope: scope) }
        guard let matrix = node["matrix"], !isExpression(matrix) else { return }
        guard let rows = mapping(matrix, "`matrix`") else { return }
        var keys: Set<String> = []
        var values: [String: [String]?] = [:]
        for r in rows where r.keyText != "include" && r.keyText != "exclude" {
            keys.insert(r.keyText)
            if let items = r.value.items {
                if items.isEmpty {
                    report(WorkflowRules.matrix, "Matrix row `\(r.keyText)` is an empty list, so the job never runs; add values or remove the row.", r.value)
                }
                let scalars = items.compactMap { $0.scalar != nil && !isExpression($0) ? $0.scalarText : nil }
                values[r.keyText] = scalars.count == items.count ? scalars : nil
            } else if isExpression(r.value) {
                values[r.keyText] = .some(nil)
            } else {
                report(WorkflowRules.matrix, "Matrix row `\(r.keyText)` must be a list of values (or a `${{ }}` expression), not \(describe(r.value)).", r.value)
                values[r.keyText] = .some(nil)
            }
        }
        var includeKeys: Set<String> = []
        if let include = matrix["include"], !isExpression(include) {
            if let items = include.items {
                for item in items {
                    if let es = item.entries { for e in es { includeKeys.insert(e.keyText) } } else if !isExpression(item) {
                        report(WorkflowRules.matrix, "Each `include` entry must be a mapping of matrix keys to values, not \(describe(item)).", item)
                    }
                }
            } else {
                report(WorkflowRules.matrix, "`include` must be a list of mappings, not \(describe(include)).", include)
            }
        }
        if let exclude = matrix["exclude"], !isExpression(exclude) {
            guard let items = exclude.items else {
                report(WorkflowRules.matrix, "`exclude` must be a list of mappings, not \(describe(exclude)).", exclude)
                return
            }
            for item in items {
                guard let es = item.entries else {
                    if !isExpression(item) {
                        report(WorkflowRules.matrix, "Each `exclude` entry must be a mapping of matrix keys to values, not \(describe(item)).", item)
                    }
                    continue
                }
                for e in es {
                    let k = e.keyText
                    if !keys.contains(k) && !includeKeys.contains(k) {
                        let known = keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                        report(WorkflowRules.matrix, "`exclude` uses key `\(k)`, which is not in the matrix (\(known.isEmpty ? "no keys" : known)); exclude only existing keys.\(didYouMean(k, keys))", e.key)
                        continue
                    }
                    if let known = values[k] ?? nil, let v = e.value.scalarText, e.value.scalar != nil, !isExpression(e.value), !known.contains(v) {
                        report(WorkflowRules.matrix, "`exclude` value `\(v)` of `\(k)` matches no value of the matrix (\(known.joined(separator: ", "))); fix the value or remove the entry.", e.value)
                    }
                }
            }
        }
    }

    // MARK: container and services

    mutating func checkContainer(_ node: Node, what: String, base job: ExprScope, isService: Bool) {
        let base = job.at(isService ? .jobServices : .jobContainer)
        if node.isNull { return }
        if node.scalar != nil {
            expectScalar(node, isService ? "image" : "container")
            checkExpressions(in: node, scope: base)
            return
        }
        guard let entries = mapping(node, what) else { return }
        checkKeys(entries, isService ? WorkflowData.serviceKeys : WorkflowData.containerKeys, in: what)
        if node["image"] == nil {
            report(WorkflowRules.syntax, "\(what) has no `image`; add `image:` with the container image to run.", at: SourceRange(node.range.start))
        }
        for e in entries {
            switch e.keyText {
            case "credentials":
                let scope = job.at(isService ? .jobServicesCredentials : .jobContainerCredentials)
                guard let cred = mapping(e.value, "`credentials`") else { continue }
                checkKeys(cred, WorkflowData.credentialsKeys, in: "`credentials` of \(what)")
                for c in cred {
                    checkExpressions(in: c.value, scope: scope)
                    if c.keyText == "password", let s = c.value.scalarText, c.value.scalar?.kind != .null, !s.contains("${{") {
                        report(WorkflowRules.hardcodedCredentials, "The password of \(what) is hardcoded in the workflow; store it as a secret and write `password: ${{ secrets.NAME }}`.", c.value)
                    }
                }
            case "env":
                checkEnv(e.value, scope: job.at(isService ? .jobServicesEnv : .jobContainerEnv))
            case "ports", "volumes":
                if e.value.items == nil, !isExpression(e.value) {
                    report(WorkflowRules.syntax, "`\(e.keyText)` must be a list, not \(describe(e.value)).", e.value)
                }
                checkExpressions(in: e.value, scope: base)
            default:
                checkExpressions(in: e.value, scope: base)
            }
        }
    }

    // MARK: steps

    mutating func checkSteps(_ node: Node, base job: ExprScope) {
        guard let items = node.items else {
            report(WorkflowRules.syntax, "`steps` must be a list of steps, not \(describe(node)).", node)
            return
        }
        if items.isEmpty {
            report(WorkflowRules.syntax, "`steps` is an empty list; add at least one step.", node)
        }
        var ids: [String: String] = [:]
        var relocatedCheckout = false
        for step in items {
            defer {
                if let u = step["uses"]?.stringValue?.lowercased(), u.hasPrefix("actions/checkout@"),
                   step["with"]?["path"] != nil || step["with"]?["repository"] != nil {
                    relocatedCheckout = true
                }
            }
            if let trigger = privilegedTrigger, let u = step["uses"]?.stringValue?.lowercased(), u.hasPrefix("actions/checkout@"),
               let ref = step["with"]?["ref"], let refText = ref.stringValue {
                let compact = String(refText.lowercased().unicodeScalars.filter { $0 != " " })
                let untrusted = ["github.event.pull_request.head.sha", "github.event.pull_request.head.ref", "github.head_ref",
                                 "github.event.workflow_run.head_sha", "github.event.workflow_run.head_branch", "refs/pull/"]
                if untrusted.contains(where: { compact.contains($0) }) {
                    report(WorkflowRules.untrustedCheckout, "This `\(trigger)` workflow checks out the pull request's code (`ref: \(refText)`) while it has a privileged token and secrets; anything that code runs (build scripts, tests, npm install) can steal them. Use `pull_request` for untrusted code, or never run the checked-out code.", ref)
                }
            }
            guard let entries = step.entries else {
                report(WorkflowRules.syntax, "A step must be a mapping with `run` or `uses`, not \(describe(step)).", step)
                continue
            }
            checkKeys(entries, WorkflowData.stepKeys, in: "a step")
            let run = step["run"], uses = step["uses"]
            if run == nil, uses == nil {
                report(WorkflowRules.syntax, "The step has neither `run` nor `uses`; add `run:` with a command or `uses:` with an action.", at: SourceRange(step.range.start))
            } else if run != nil, let u = step.entry("uses") {
                report(WorkflowRules.syntax, "A step cannot have both `run` and `uses`; split it into two steps.", u.key)
            }
            func scope(_ place: WorkflowData.Place, script: Bool = false) -> ExprScope {
                job.at(place, script: script)
            }
            let isGitHubScript = uses?.stringValue.map { $0.lowercased().hasPrefix("actions/github-script@") } ?? false
            for e in entries {
                let v = e.value
                switch e.keyText {
                case "id":
                    guard let id = v.scalarText, v.scalar?.kind != .null else {
                        report(WorkflowRules.syntax, "`id` must be a string, not \(describe(v)).", v)
                        continue
                    }
                    if id.contains("${{") { continue }
                    checkIDSyntax(id, v, what: "step")
                    if let prev = ids[id.lowercased()] {
                        report(WorkflowRules.id, "Step id `\(id)` duplicates `\(prev)` in this job (step ids are case-insensitive); rename one of them.", v)
                    } else {
                        ids[id.lowercased()] = id
                    }
                case "if":
                    checkCondition(v, scope: scope(.stepIf))
                case "name":
                    expectScalar(v, "name")
                    checkExpressions(in: v, scope: scope(.stepName))
                case "run":
                    if v.stringValue == nil {
                        report(WorkflowRules.syntax, "`run` must be a string with the commands to run, not \(describe(v)).", v)
                    }
                    checkExpressions(in: v, scope: scope(.stepRun, script: true))
                case "uses":
                    checkStepUses(v, step: step, relocatedCheckout: relocatedCheckout)
                case "shell":
                    checkShell(v)
                    checkExpressions(in: v, scope: scope(.stepOther))
                case "with":
                    guard let w = mapping(v, "`with`", allowEmpty: true) else { continue }
                    for x in w {
                        let script = isGitHubScript && x.keyText == "script"
                        checkExpressions(in: x.value, scope: scope(.stepWith, script: script))
                    }
                case "env":
                    checkEnv(v, scope: scope(.stepEnv))
                case "timeout-minutes":
                    expectTimeout(v, "timeout-minutes")
                    checkExpressions(in: v, scope: scope(.stepOther))
                case "continue-on-error":
                    expectBool(v, "continue-on-error")
                    checkExpressions(in: v, scope: scope(.stepOther))
                case "working-directory":
                    expectScalar(v, "working-directory")
                    checkExpressions(in: v, scope: scope(.stepOther))
                default:
                    break
                }
            }
        }
    }
}
