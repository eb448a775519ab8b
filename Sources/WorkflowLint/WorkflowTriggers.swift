import LintCore

extension WorkflowWalker {
    /// Checks `on:`; returns true when the workflow can be called (`workflow_call`).
    mutating func checkOn(_ on: Node) -> Bool {
        var callable = false
        switch on.value {
        case .scalar:
            guard let name = on.stringValue else {
                report(WorkflowRules.syntax, "`on` must be an event name, a list of events or a mapping of events, not \(describe(on)).", on)
                return false
            }
            if checkEventName(name, on) { callable = name == "workflow_call" }
            if name == "schedule" {
                report(WorkflowRules.events, "`schedule` needs cron entries; write `on: {schedule: [{cron: '0 3 * * *'}]}`.", on)
            }
        case .sequence(let items):
            if items.isEmpty { report(WorkflowRules.syntax, "`on` is an empty list; add at least one event.", on) }
            for item in items {
                guard let name = item.stringValue else {
                    report(WorkflowRules.syntax, "Each event in `on` must be an event name, not \(describe(item)).", item)
                    continue
                }
                if checkEventName(name, item), name == "workflow_call" { callable = true }
                if name == "schedule" {
                    report(WorkflowRules.events, "`schedule` needs cron entries; use the mapping form `schedule: [{cron: '0 3 * * *'}]`.", item)
                }
            }
        case .mapping(let entries):
            if entries.isEmpty { report(WorkflowRules.syntax, "`on` is an empty mapping; add at least one event.", on) }
            for e in entries {
                let name = e.keyText
                guard checkEventName(name, e.key) else { continue }
                if name == "workflow_call" { callable = true }
                checkEvent(name, e.value)
            }
        }
        return callable
    }

    /// Reports an unknown event; returns true when the name is known.
    mutating func checkEventName(_ name: String, _ node: Node) -> Bool {
        if WorkflowData.events[name] != nil { return true }
        let hint = didYouMean(name, WorkflowData.events.keys)
        report(WorkflowRules.events, "Unknown event `\(name)`.\(hint.isEmpty ? " See the list of events that trigger workflows in the GitHub documentation." : hint)", node)
        return false
    }

    mutating func checkEvent(_ name: String, _ node: Node) {
        if name == "schedule" {
            checkSchedule(node)
            return
        }
        guard let entries = node.entries else {
            if node.isNull { return }
            report(WorkflowRules.syntax, "The configuration of event `\(name)` must be a mapping (or empty), not \(describe(node)).", node)
            return
        }
        let allowed = WorkflowData.eventKeys(name)
        for e in entries where !allowed.contains(e.keyText) {
            let k = e.keyText
            let hint = didYouMean(k, allowed)
            report(WorkflowRules.events, "Event `\(name)` does not accept `\(k)`.\(hint.isEmpty ? " It accepts \(allowed.sorted().map { "`\($0)`" }.joined(separator: ", "))." : hint)", e.key)
        }
        for e in entries where allowed.contains(e.keyText) {
            switch e.keyText {
            case "types":
                checkTypes(name, e.value)
            case "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "workflows", "names", "versions":
                checkFilter(e.keyText, e.value)
            case "inputs":
                checkInputs(e.value, dispatch: name == "workflow_dispatch")
            case "outputs":
                checkCallOutputs(e.value)
            case "secrets":
                checkCallSecrets(e.value)
            default:
                break
            }
        }
        for (a, b) in [("branches", "branches-ignore"), ("tags", "tags-ignore"), ("paths", "paths-ignore")] {
            if node[a] != nil, let ignored = node.entry(b) {
                report(WorkflowRules.events, "`\(a)` and `\(b)` cannot both be set for event `\(name)`; keep `\(a)` and write the exclusions as `!pattern` entries in it.", ignored.key)
            }
        }
    }

    mutating func checkTypes(_ event: String, _ node: Node) {
        let list: [Node]
        if let items = node.items { list = items } else if node.stringValue != nil { list = [node] } else {
            report(WorkflowRules.syntax, "`types` must be a list of activity types, not \(describe(node)).", node)
            return
        }
        guard let known = WorkflowData.events[event] else { return }
        guard let types = known else {
            report(WorkflowRules.events, "Event `\(event)` has no activity types; remove `types`.", node)
            return
        }
        if types.isEmpty { return }
        for item in list {
            guard let t = item.stringValue else {
                report(WorkflowRules.syntax, "Each activity type must be a string, not \(describe(item)).", item)
                continue
            }
            if !types.contains(t) {
                let hint = didYouMean(t, types)
                report(WorkflowRules.events, "Unknown activity type `\(t)` for event `\(event)`.\(hint.isEmpty ? " Valid types: \(types.joined(separator: ", "))." : hint)", item)
            }
        }
    }

    // MARK: Filters

    mutating func checkFilter(_ key: String, _ node: Node) {
        let list: [Node]
        if let items = node.items { list = items } else if node.stringValue != nil { list = [node] } else {
            report(WorkflowRules.syntax, "`\(key)` must be a list of patterns, not \(describe(node)).", node)
            return
        }
        if list.isEmpty {
            report(WorkflowRules.syntax, "`\(key)` is an empty list, so the filter never matches; add patterns or remove the key.", node)
        }
        let isRef = key.hasPrefix("branches") || key.hasPrefix("tags")
        for item in list {
            guard let s = item.stringValue ?? item.scalar.flatMap({ $0.kind == .number ? $0.text : nil }) else {
                report(WorkflowRules.syntax, "Each pattern in `\(key)` must be a string, not \(describe(item)).", item)
                continue
            }
            if key == "workflows" || key == "names" || key == "versions" { continue }
            if let (message, index) = globError(s, isRef: isRef) {
                let text = ScalarText(node: item, text: s, file: file)
                report(WorkflowRules.glob, "\(message) in `\(key)` pattern `\(s)`.", byte: text.offset(at: index), length: 1)
            }
        }
    }

    /// The first syntax error of a filter pattern and its scalar index.
    func globError(_ pattern: String, isRef: Bool) -> (String, Int)? {
        let s = Array(pattern.unicodeScalars)
        if s.isEmpty { return ("Empty pattern; remove it", 0) }
        var i = 0
        if s[0] == "!" {
            if s.count == 1 { return ("`!` needs a pattern after it", 0) }
            i = 1
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "[":
                var j = i + 1
                if j < s.count, s[j] == "]" { return ("Empty character class `[]`; put characters between the brackets", i) }
                while j < s.count, s[j] != "]" { j += 1 }
                if j >= s.count { return ("Character class `[` is not closed with `]`", i) }
                i = j + 1
                continue
            case "\\":
                if i + 1 >= s.count { return ("Trailing `\\` escapes nothing; remove it", i) }
                i += 2
                continue
            default:
                break
            }
            if isRef {
                if c == " " || c == "\t" { return ("Git ref names cannot contain spaces", i) }
                if c == "~" || c == "^" || c == ":" { return ("Git ref names cannot contain `\(c)`", i) }
                if c == ".", i + 1 < s.count, s[i + 1] == "." { return ("Git ref names cannot contain `..`", i) }
            }
            i += 1
        }
        return nil
    }

    // MARK: Schedule

    mutating func checkSchedule(_ node: Node) {
        guard let items = node.items else {
            report(WorkflowRules.syntax, "`schedule` must be a list of `- cron: '...'` entries, not \(describe(node)).", node)
            return
        }
        if items.isEmpty { report(WorkflowRules.syntax, "`schedule` is an empty list; add `- cron: '...'` entries.", node) }
        for item in items {
            guard let entries = item.entries else {
                report(WorkflowRules.syntax, "Each `schedule` entry must be a mapping `cron: '...'`, not \(describe(item)).", item)
                continue
            }
            checkKeys(entries, ["cron", "timezone"], in: "a `schedule` entry")
            guard let cron = item["cron"] else {
                report(WorkflowRules.syntax, "The `schedule` entry has no `cron`; add `cron: '0 3 * * *'`.", item)
                continue
            }
            guard let text = cron.stringValue else {
                report(WorkflowRules.cron, "`cron` must be a string with five fields, not \(describe(cron)).", cron)
                continue
            }
            checkCron(text, cron)
        }
    }

    mutating func checkCron(_ text: String, _ node: Node) {
        let mapped = ScalarText(node: node, text: text, file: file)
        let s = mapped.scalars
        // Split into fields with their start indexes.
        var fields: [(String, Int)] = []
        var i = 0
        while i < s.count {
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
            if i >= s.count { break }
            let start = i
            var f = ""
            while i < s.count, s[i] != " ", s[i] != "\t" { f.unicodeScalars.append(s[i]); i += 1 }
            fields.append((f, start))
        }
        guard fields.count == 5 else {
            let index = fields.count > 5 ? fields[5].1 : 0
            report(WorkflowRules.cron, "Cron expression `\(text)` has \(fields.count) fields; it needs exactly five: minute hour day-of-month month day-of-week.", byte: mapped.offset(at: index), length: 1)
            return
        }
        let specs: [(String, Int, Int, [String])] = [
            ("minute", 0, 59, []), ("hour", 0, 23, []), ("day of month", 1, 31, []),
            ("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
            ("day of week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
        ]
        var sets: [Set<Int>] = []
        for (k, (field, start)) in fields.enumerated() {
            let (name, lo, hi, names) = specs[k]
            switch expandCronField(field, lo: lo, hi: hi, names: names, nameBase: k == 3 ? 1 : 0) {
            case .failure(let err):
                report(WorkflowRules.cron, "Invalid \(name) field `\(field)` in cron `\(text)`: \(err.message).", byte: mapped.offset(at: start + err.offset), length: 1)
                return
            case .success(let values):
                sets.append(values)
            }
        }
        // How often does it run? Minimum distance between consecutive minutes.
        let minutes = sets[0].sorted()
        let hours = sets[1]
        var gap = Int.max
        if minutes.count > 1 {
            for j in 1..<minutes.count { gap = min(gap, minutes[j] - minutes[j - 1]) }
        }
        if let first = minutes.first, let last = minutes.last, hours.contains(where: { hours.contains(($0 + 1) % 24) }) {
            gap = min(gap, 60 - last + first)
        }
        if gap < 5 {
            report(WorkflowRules.cronFrequency, "Cron `\(text)` runs every \(gap) minute\(gap == 1 ? "" : "s"), but GitHub runs scheduled workflows at most once every 5 minutes; use an interval of 5 minutes or more (e.g. `*/5`).", byte: mapped.offset(at: fields[0].1), length: 1)
        }
    }

    struct CronError: Error { var message: String; var offset: Int }

    func expandCronField(_ field: String, lo: Int, hi: Int, names: [String], nameBase: Int) -> Result<Set<Int>, CronError> {
        var out: Set<Int> = []
        var offset = 0
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let partText = String(part)
            defer { offset += partText.unicodeScalars.count + 1 }
            if partText.isEmpty { return .failure(CronError(message: "empty list item", offset: offset)) }
            var rangeText = Substring(partText)
            var step = 1
            if let slash = partText.firstIndex(of: "/") {
                rangeText = partText[..<slash]
                let stepText = partText[partText.index(after: slash)...]
                guard let st = Int(stepText), st > 0 else {
                    return .failure(CronError(message: "step `\(stepText)` must be a positive number", offset: offset + rangeText.unicodeScalars.count + 1))
                }
                step = st
            }
            func value(_ t: Substring, at off: Int) -> Result<Int, CronError> {
                if let v = Int(t) {
                    guard v >= lo, v <= hi else { return .failure(CronError(message: "\(v) is out of range \(lo)-\(hi)", offset: off)) }
                    return .success(v)
                }
                if let idx = names.firstIndex(of: t.uppercased()) { return .success(idx + nameBase) }
                return .failure(CronError(message: "`\(t)` is not a number in \(lo)-\(hi)", offset: off))
            }
            var a = lo, b = hi
            if rangeText == "*" {
                if step == 1, partText.contains("/") == false { a = lo; b = hi }
            } else if let dash = rangeText.firstIndex(of: "-") {
                let left = rangeText[..<dash], right = rangeText[rangeText.index(after: dash)...]
                switch value(left, at: offset) {
                case .failure(let e): return .failure(e)
                case .success(let v): a = v
                }
                switch value(right, at: offset + left.unicodeScalars.count + 1) {
                case .failure(let e): return .failure(e)
                case .success(let v): b = v
                }
                if a > b { return .failure(CronError(message: "range \(a)-\(b) is reversed", offset: offset)) }
            } else {
                switch value(rangeText, at: offset) {
                case .failure(let e): return .failure(e)
                case .success(let v):
                    a = v
                    b = partText.contains("/") ? hi : v
                }
            }
            var v = a
            while v <= b { out.insert(v); v += step }
        }
        return .success(out)
    }

    // MARK: Inputs of workflow_dispatch / workflow_call

    mutating func checkInputs(_ node: Node, dispatch: Bool) {
        guard let entries = mapping(node, "`inputs`", allowEmpty: true) else { return }
        var seen: [String: String] = [:]
        for e in entries {
            let id = e.keyText
            checkIDSyntax(id, e.key, what: "input")
            let lower = id.lowercased()
            if let prev = seen[lower] {
                report(WorkflowRules.id, "Input id `\(id)` duplicates `\(prev)` (input ids are case-insensitive); rename one of them.", e.key)
            } else {
                seen[lower] = id
            }
            let kind = dispatch ? "workflow_dispatch" : "workflow_call"
            if e.value.isNull { continue }
            guard let fields = e.value.entries else {
                report(WorkflowRules.syntax, "Input `\(id)` must be a mapping (description, type, default…), not \(describe(e.value)).", e.value)
                continue
            }
            checkKeys(fields, dispatch ? WorkflowData.dispatchInputKeys : WorkflowData.callInputKeys, in: "\(kind) input `\(id)`")
            if let r = e.value["required"] { expectBool(r, "required") }
            let types = dispatch ? WorkflowData.dispatchInputTypes : WorkflowData.callInputTypes
            var type = "string"
            if let t = e.value["type"] {
                if let ts = t.stringValue, types.contains(ts) {
                    type = ts
                } else {
                    let text = t.scalarText ?? t.description
                    report(WorkflowRules.inputs, "Input `\(id)` has invalid type `\(text)`; \(kind) inputs accept \(types.sorted().joined(separator: ", ")).\(didYouMean(text, types))", t)
                    continue
                }
            } else if !dispatch {
                report(WorkflowRules.inputs, "Input `\(id)` of workflow_call has no `type`; add `type: string`, `boolean` or `number`.", e.key)
                continue
            }
            let options = e.value.entry("options")
            var optionTexts: [String] = []
            if type == "choice" {
                if let opts = options?.value.items, !opts.isEmpty {
                    optionTexts = opts.compactMap { $0.scalarText }
                } else {
                    report(WorkflowRules.inputs, "Input `\(id)` has type `choice` but no `options`; add `options:` with the allowed values.", options?.value ?? e.key)
                }
            } else if let options {
                report(WorkflowRules.inputs, "Input `\(id)` has `options` but its type is `\(type)`; set `type: choice` or remove `options`.", options.key)
            }
            if let def = e.value["default"], isExpression(def) {
                checkExpressions(in: def, scope: ExprScope(place: .callInputDefault, inputs: workflowInputs))
            }
            guard let def = e.value["default"], !isExpression(def) else { continue }
            switch type {
            case "boolean":
                if def.boolValue == nil, def.stringValue != "true", def.stringValue != "false" {
                    report(WorkflowRules.inputs, "The default `\(def.scalarText ?? def.description)` of boolean input `\(id)` must be `true` or `false`.", def)
                }
            case "number":
                if def.doubleValue == nil, def.stringValue.flatMap({ Double($0) }) == nil {
                    report(WorkflowRules.inputs, "The default `\(def.scalarText ?? def.description)` of number input `\(id)` must be a number.", def)
                }
            case "choice":
                if !optionTexts.isEmpty, let d = def.scalarText, !optionTexts.contains(d) {
                    report(WorkflowRules.inputs, "The default `\(d)` of choice input `\(id)` is not one of its options (\(optionTexts.joined(separator: ", "))); use one of them.", def)
                }
            default:
                break
            }
        }
    }

    mutating func checkCallOutputs(_ node: Node) {
        guard let entries = mapping(node, "`outputs`", allowEmpty: true) else { return }
        for e in entries {
            guard let fields = e.value.entries else {
                report(WorkflowRules.syntax, "Output `\(e.keyText)` must be a mapping with `value`, not \(describe(e.value)).", e.value)
                continue
            }
            checkKeys(fields, WorkflowData.callOutputKeys, in: "workflow_call output `\(e.keyText)`")
            if let v = e.value["value"] {
                checkExpressions(in: v, scope: ExprScope(place: .callOutputValue, inputs: workflowInputs, jobOutputs: jobOutputs, jobIDs: allJobIDs))
            } else {
                report(WorkflowRules.syntax, "Output `\(e.keyText)` has no `value`; add `value: ${{ jobs.<job>.outputs.<name> }}`.", e.key)
            }
        }
    }

    mutating func checkCallSecrets(_ node: Node) {
        guard let entries = mapping(node, "`secrets`", allowEmpty: true) else { return }
        for e in entries {
            if e.value.isNull { continue }
            guard let fields = e.value.entries else {
                report(WorkflowRules.syntax, "Secret `\(e.keyText)` must be a mapping (description, required), not \(describe(e.value)).", e.value)
                continue
            }
            checkKeys(fields, WorkflowData.callSecretKeys, in: "workflow_call secret `\(e.keyText)`")
            if let r = e.value["required"] { expectBool(r, "required") }
        }
    }

    /// Job, step and input id syntax.
    mutating func checkIDSyntax(_ id: String, _ node: Node, what: String) {
        let s = Array(id.unicodeScalars)
        func letter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        let ok = s.first.map(letter) == true && s.allSatisfy { letter($0) || ($0 >= "0" && $0 <= "9") || $0 == "-" }
        if !ok {
            report(WorkflowRules.id, "Invalid \(what) id `\(id)`; ids must start with a letter or `_` and contain only letters, digits, `-` and `_`.", node)
        }
    }
}
