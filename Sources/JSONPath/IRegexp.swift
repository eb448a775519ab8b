/// An I-Regexp (RFC 9485) compiled to a Thompson NFA and run by a Pike-style
/// simulation over Unicode scalars: no backtracking, so matching takes time
/// proportional to `pattern size × input length` whatever the pattern.
///
/// `^` and `$` are start/end-of-input assertions (as in the RFC 9485 §5
/// mappings to ECMAScript and PCRE, and as the JSONPath CTS expects).
/// `.extended` additionally accepts `\d \w \s \D \W \S` (ASCII semantics),
/// non-capturing groups `(?:…)`, and `\$ \/` escapes, for ruleset patterns.
public struct IRegexp: Sendable, Hashable {
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Accept `\d \w \s \D \W \S`, `(?:…)` and `\$ \/` in addition to I-Regexp.
        public static let extended = Options(rawValue: 1)
    }

    /// Largest count allowed in `{n}`, `{n,}`, `{n,m}`.
    public static let maxRepetition = 1_000
    /// Largest compiled program (instructions); bigger patterns are rejected.
    public static let maxProgramSize = 50_000
    /// Deepest group nesting accepted by the parser.
    public static let maxNesting = 100

    public let pattern: String
    public let options: Options
    let program: RegexProgram

    /// Compiles `pattern`; throws `IRegexpError` (with a 1-based scalar
    /// position in the pattern) when it is not a valid I-Regexp.
    public static func compile(_ pattern: String, options: Options = []) throws(IRegexpError) -> IRegexp {
        var parser = RegexParser(pattern: pattern, extended: options.contains(.extended))
        let ast = try parser.parse()
        var compiler = RegexCompiler()
        let program = try compiler.compile(ast)
        return IRegexp(pattern: pattern, options: options, program: program)
    }

    /// True when the whole of `s` matches the pattern (RFC 9535 `match`).
    public func matches(_ s: String) -> Bool { program.run(s, anchored: true) }

    /// True when some substring of `s` matches the pattern (RFC 9535 `search`).
    public func search(_ s: String) -> Bool { program.run(s, anchored: false) }

    public static func == (a: IRegexp, b: IRegexp) -> Bool { a.pattern == b.pattern && a.options == b.options }
    public func hash(into h: inout Hasher) { h.combine(pattern); h.combine(options) }
}

public struct IRegexpError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based position in the pattern, counted in Unicode scalars.
    public var position: Int
    public var message: String
    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }
    public var description: String { "regex error at position \(position): \(message)" }
}

// MARK: - Character sets

/// Bit set of Unicode general categories.
struct CategoryMask: Hashable, Sendable {
    var bits: UInt32

    static func bit(_ c: Unicode.GeneralCategory) -> UInt32 {
        switch c {
        case .uppercaseLetter: return 1 << 0
        case .lowercaseLetter: return 1 << 1
        case .titlecaseLetter: return 1 << 2
        case .modifierLetter: return 1 << 3
        case .otherLetter: return 1 << 4
        case .nonspacingMark: return 1 << 5
        case .spacingMark: return 1 << 6
        case .enclosingMark: return 1 << 7
        case .decimalNumber: return 1 << 8
        case .letterNumber: return 1 << 9
        case .otherNumber: return 1 << 10
        case .connectorPunctuation: return 1 << 11
        case .dashPunctuation: return 1 << 12
        case .openPunctuation: return 1 << 13
        case .closePunctuation: return 1 << 14
        case .initialPunctuation: return 1 << 15
        case .finalPunctuation: return 1 << 16
        case .otherPunctuation: return 1 << 17
        case .mathSymbol: return 1 << 18
        case .currencySymbol: return 1 << 19
        case .modifierSymbol: return 1 << 20
        case .otherSymbol: return 1 << 21
        case .spaceSeparator: return 1 << 22
        case .lineSeparator: return 1 << 23
        case .paragraphSeparator: return 1 << 24
        case .control: return 1 << 25
        case .format: return 1 << 26
        case .surrogate: return 1 << 27
        case .privateUse: return 1 << 28
        case .unassigned: return 1 << 29
        @unknown default: return 1 << 29
        }
    }

    /// The mask for an I-Regexp category name (`L`, `Lu`, `Nd`, …), or nil.
    static func named(_ name: String) -> CategoryMask? {
        let table: [String: UInt32] = [
            "Lu": 1 << 0, "Ll": 1 << 1, "Lt": 1 << 2, "Lm": 1 << 3, "Lo": 1 << 4,
            "Mn": 1 << 5, "Mc": 1 << 6, "Me": 1 << 7,
            "Nd": 1 << 8, "Nl": 1 << 9, "No": 1 << 10,
            "Pc": 1 << 11, "Pd": 1 << 12, "Ps": 1 << 13, "Pe": 1 << 14, "Pi": 1 << 15, "Pf": 1 << 16, "Po": 1 << 17,
            "Sm": 1 << 18, "Sc": 1 << 19, "Sk": 1 << 20, "So": 1 << 21,
            "Zs": 1 << 22, "Zl": 1 << 23, "Zp": 1 << 24,
            "Cc": 1 << 25, "Cf": 1 << 26, "Co": 1 << 28, "Cn": 1 << 29,
        ]
        if let b = table[name] { return CategoryMask(bits: b) }
        let groups: [String: UInt32] = [
            "L": 0b11111, "M": 0b111 << 5, "N": 0b111 << 8, "P": 0b1111111 << 11,
            "S": 0b1111 << 18, "Z": 0b111 << 22, "C": 0b11111 << 25,
        ]
        if let b = groups[name] { return CategoryMask(bits: b) }
        return nil
    }

    func contains(_ u: Unicode.Scalar) -> Bool {
        bits & CategoryMask.bit(u.properties.generalCategory) != 0
    }
}

/// A set of scalars: a union of ranges, categories and complemented
/// categories, optionally negated as a whole.
struct CharSet: Hashable, Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var categories: [CategoryMask] = []
    var complementedCategories: [CategoryMask] = []
    var negated = false

    static func single(_ u: Unicode.Scalar) -> CharSet { CharSet(ranges: [u.value...u.value]) }

    /// `.`: anything but `\n` and `\r`.
    static let dot = CharSet(ranges: [0x0A...0x0A, 0x0D...0x0D], negated: true)
    static let asciiDigit = CharSet(ranges: [0x30...0x39])
    static let asciiWord = CharSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let asciiSpace = CharSet(ranges: [0x09...0x0D, 0x20...0x20])

    mutating func formUnion(_ other: CharSet) {
        if other.negated {
            // Only used for \D \W \S inside classes: a negated set of plain ranges.
            // Express it as the complement ranges.
            ranges += CharSet.complement(of: other.ranges)
        } else {
            ranges += other.ranges
            categories += other.categories
            complementedCategories += other.complementedCategories
        }
    }

    static func complement(of ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in sorted {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            if r.upperBound >= next { next = r.upperBound &+ 1 }
            if r.upperBound == 0x10FFFF { return out }
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return out
    }

    func contains(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        var hit = false
        for r in ranges where r.contains(v) { hit = true; break }
        if !hit { for c in categories where c.contains(u) { hit = true; break } }
        if !hit { for c in complementedCategories where !c.contains(u) { hit = true; break } }
        return hit != negated
    }
}

// MARK: - Syntax tree

indirect enum RegexNode: Sendable {
    case empty
    case set(CharSet)
    case concat([RegexNode])
    case alternation([RegexNode])
    /// `min...max` repetitions; `max == nil` means unbounded.
    case repeatNode(RegexNode, min: Int, max: Int?)
    case assertStart
    case assertEnd
}

struct RegexParser {
    let chars: [Unicode.Scalar]
    let extended: Bool
    var i = 0
    var depth = 0

    init(pattern: String, extended: Bool) {
        self.chars = Array(pattern.unicodeScalars)
        self.extended = extended
    }

    func error(_ message: String, at index: Int? = nil) -> IRegexpError {
        IRegexpError(position: (index ?? i) + 1, message: message)
    }

    var peek: Unicode.Scalar? { i < chars.count ? chars[i] : nil }

    mutating func parse() throws(IRegexpError) -> RegexNode {
        let node = try parseAlternation()
        if i < chars.count {
            throw error(chars[i] == ")" ? "unbalanced ')'; remove it or escape it as '\\)'" : "unexpected '\(chars[i])'")
        }
        return node
    }

    mutating func parseAlternation() throws(IRegexpError) -> RegexNode {
        var branches = [try parseBranch()]
        while peek == "|" {
            i += 1
            branches.append(try parseBranch())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseBranch() throws(IRegexpError) -> RegexNode {
        var pieces: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            let atomStart = i
            let atom = try parseAtom()
            pieces.append(try parseQuantifier(atom, atomStart: atomStart))
        }
        if pieces.isEmpty { return .empty }
        return pieces.count == 1 ? pieces[0] : .concat(pieces)
    }

    mutating func parseQuantifier(_ atom: RegexNode, atomStart: Int) throws(IRegexpError) -> RegexNode {
        guard let c = peek else { return atom }
        let quantStart = i
        var result: RegexNode
        switch c {
        case "*": i += 1; result = .repeatNode(atom, min: 0, max: nil)
        case "+": i += 1; result = .repeatNode(atom, min: 1, max: nil)
        case "?": i += 1; result = .repeatNode(atom, min: 0, max: 1)
        case "{":
            i += 1
            let lo = try parseCount()
            var hi: Int? = lo
            if peek == "," {
                i += 1
                hi = peek == "}" ? nil : try parseCount()
            }
            guard peek == "}" else { throw error("expected '}' to close the repetition count") }
            i += 1
            if let h = hi, h < lo { throw error("repetition {\(lo),\(h)} has a maximum below its minimum", at: quantStart) }
            result = .repeatNode(atom, min: lo, max: hi)
        default:
            return atom
        }
        if case .assertStart = atom { throw error("an anchor cannot be repeated", at: quantStart) }
        if case .assertEnd = atom { throw error("an anchor cannot be repeated", at: quantStart) }
        if extended, peek == "?" { i += 1 } // lazy quantifier: same language, same answer
        if let c2 = peek, c2 == "*" || c2 == "+" || c2 == "?" || c2 == "{" {
            throw error("a quantifier cannot follow another quantifier; group the expression first")
        }
        return result
    }

    mutating func parseCount() throws(IRegexpError) -> Int {
        let start = i
        var n = 0
        while let c = peek, c.value >= 0x30, c.value <= 0x39 {
            n = min(n * 10 + Int(c.value - 0x30), IRegexp.maxRepetition + 1)
            i += 1
        }
        if i == start { throw error("expected a number in the repetition count") }
        if n > IRegexp.maxRepetition {
            throw error("repetition count above \(IRegexp.maxRepetition); use '*' or '+' instead", at: start)
        }
        return n
    }

    mutating func parseAtom() throws(IRegexpError) -> RegexNode {
        guard let c = peek else { throw error("unexpected end of pattern") }
        switch c {
        case "(":
            let open = i
            i += 1
            if extended, peek == "?" {
                if i + 1 < chars.count, chars[i + 1] == ":" { i += 2 } else { throw error("only '(?:' groups are supported") }
            }
            depth += 1
            if depth > IRegexp.maxNesting { throw error("groups nested too deeply", at: open) }
            let inner = try parseAlternation()
            depth -= 1
            guard peek == ")" else { throw error("missing ')' for the group opened at position \(open + 1)") }
            i += 1
            return inner
        case ".":
            i += 1
            return .set(.dot)
        case "[":
            return .set(try parseClass())
        case "\\":
            return .set(try parseEscape(inClass: false))
        case "^":
            i += 1
            return .assertStart
        case "$":
            i += 1
            return .assertEnd
        case "*", "+", "?", "{":
            throw error("quantifier '\(c)' has nothing to repeat")
        case "]", "}":
            throw error("unescaped '\(c)'; escape it as '\\\(c)'")
        default:
            if c.value >= 0xD800 && c.value <= 0xDFFF { throw error("surrogate code point") }
            i += 1
            return .set(.single(c))
        }
    }

    /// Parses an escape starting at `\`.
    mutating func parseEscape(inClass: Bool) throws(IRegexpError) -> CharSet {
        let start = i
        i += 1
        guard let c = peek else { throw error("pattern ends with a lone '\\'", at: start) }
        i += 1
        switch c {
        case "n": return .single("\n")
        case "r": return .single("\r")
        case "t": return .single("\t")
        case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}":
            return .single(c)
        case "p", "P":
            guard peek == "{" else { throw error("expected '{' after '\\\(c)'") }
            i += 1
            var name = ""
            while let n = peek, n != "}", name.unicodeScalars.count < 3 {
                name.unicodeScalars.append(n)
                i += 1
            }
            guard peek == "}", let mask = CategoryMask.named(name) else {
                throw error("unknown Unicode category '\(name)'; use one of L, Lu, Ll, Lt, Lm, Lo, M, Mn, Mc, Me, N, Nd, Nl, No, P, Pc, Pd, Ps, Pe, Pi, Pf, Po, S, Sm, Sc, Sk, So, Z, Zs, Zl, Zp, C, Cc, Cf, Co, Cn", at: start)
            }
            i += 1
            return c == "p" ? CharSet(categories: [mask]) : CharSet(complementedCategories: [mask])
        default:
            if extended {
                switch c {
                case "d": return .asciiDigit
                case "w": return .asciiWord
                case "s": return .asciiSpace
                case "D": var s = CharSet.asciiDigit; s.negated = true; return s
                case "W": var s = CharSet.asciiWord; s.negated = true; return s
                case "S": var s = CharSet.asciiSpace; s.negated = true; return s
                case "$", "/": return .single(c)
                default: break
                }
            }
            throw error("'\\\(c)' is not an I-Regexp escape", at: start)
        }
    }

    mutating func parseClass() throws(IRegexpError) -> CharSet {
        let open = i
        i += 1
        var set = CharSet()
        if peek == "^" { set.negated = true; i += 1 }
        var first = true
        while true {
            guard let c = peek else { throw error("missing ']' for the class opened at position \(open + 1)") }
            if c == "]" {
                if first { throw error("empty character class") }
                i += 1
                return set
            }
            if c == "-" {
                // Allowed only first or last.
                if first || (i + 1 < chars.count && chars[i + 1] == "]") {
                    set.ranges.append(0x2D...0x2D)
                    i += 1
                    first = false
                    continue
                }
                throw error("'-' inside a class must be first, last, or escaped as '\\-'")
            }
            first = false
            let itemStart = i
            let lo: Unicode.Scalar
            if c == "\\" {
                let esc = try parseEscape(inClass: true)
                guard let single = esc.singleScalar else {
                    set.formUnion(esc)
                    continue
                }
                lo = single
            } else if c == "[" {
                throw error("'[' inside a class must be escaped as '\\['")
            } else {
                if c.value >= 0xD800 && c.value <= 0xDFFF { throw error("surrogate code point") }
                lo = c
                i += 1
            }
            // Range?
            if peek == "-", i + 1 < chars.count, chars[i + 1] != "]" {
                i += 1
                guard let h = peek else { throw error("missing ']'") }
                let hi: Unicode.Scalar
                if h == "\\" {
                    let esc = try parseEscape(inClass: true)
                    guard let single = esc.singleScalar else { throw error("a class escape cannot end a range", at: itemStart) }
                    hi = single
                } else if h == "[" || h == "-" {
                    throw error("'\(h)' cannot end a range; escape it", at: i)
                } else {
                    hi = h
                    i += 1
                }
                if hi.value < lo.value { throw error("range '\(lo)-\(hi)' is out of order", at: itemStart) }
                set.ranges.append(lo.value...hi.value)
            } else {
                set.ranges.append(lo.value...lo.value)
            }
        }
    }
}

extension CharSet {
    var singleScalar: Unicode.Scalar? {
        guard !negated, categories.isEmpty, complementedCategories.isEmpty, ranges.count == 1,
              ranges[0].lowerBound == ranges[0].upperBound else { return nil }
        return Unicode.Scalar(ranges[0].lowerBound)
    }
}

// MARK: - Program

enum RegexInstruction: Sendable {
    case char(Int) // index into the set table
    case split(Int, Int)
    case jump(Int)
    case assertStart
    case assertEnd
    case match
}

struct RegexCompiler {
    var code: [RegexInstruction] = []
    var sets: [CharSet] = []

    mutating func compile(_ node: RegexNode) throws(IRegexpError) -> RegexProgram {
        try emit(node, depth: 0)
        code.append(.match)
        return RegexProgram(code: code, sets: sets)
    }

    mutating func checkSize() throws(IRegexpError) {
        if code.count > IRegexp.maxProgramSize {
            throw IRegexpError(position: 1, message: "pattern too large after expanding repetitions; simplify the counted repetitions")
        }
    }

    mutating func emit(_ node: RegexNode, depth: Int) throws(IRegexpError) {
        // The parser bounds group nesting, so depth stays small; guard anyway.
        if depth > IRegexp.maxNesting * 4 + 8 { throw IRegexpError(position: 1, message: "pattern nested too deeply") }
        try checkSize()
        switch node {
        case .empty:
            break
        case .assertStart:
            code.append(.assertStart)
        case .assertEnd:
            code.append(.assertEnd)
        case .set(let s):
            sets.append(s)
            code.append(.char(sets.count - 1))
        case .concat(let parts):
            for p in parts { try emit(p, depth: depth + 1) }
        case .alternation(let branches):
            // split L1, next; L1: b0; jmp end; next: split L2, ...
            var jumps: [Int] = []
            for (k, b) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = code.count
                    code.append(.split(split + 1, -1))
                    try emit(b, depth: depth + 1)
                    jumps.append(code.count)
                    code.append(.jump(-1))
                    code[split] = .split(split + 1, code.count)
                } else {
                    try emit(b, depth: depth + 1)
                }
            }
            for j in jumps { code[j] = .jump(code.count) }
        case .repeatNode(let inner, let lo, let hi):
            for _ in 0..<lo { try emit(inner, depth: depth + 1) }
            if let hi {
                // (inner (inner (...)?)?)?
                var pending: [Int] = []
                for _ in lo..<hi {
                    let split = code.count
                    code.append(.split(split + 1, -1))
                    pending.append(split)
                    try emit(inner, depth: depth + 1)
                }
                for s in pending { code[s] = .split(s + 1, code.count) }
            } else {
                let split = code.count
                code.append(.split(split + 1, -1))
                try emit(inner, depth: depth + 1)
                code.append(.jump(split))
                code[split] = .split(split + 1, code.count)
            }
        }
    }
}

/// The compiled program in flat arrays, with an ASCII bitmap per character
/// set so the common case costs one bit test.
struct RegexProgram: Sendable {
    static let opChar: UInt8 = 0, opSplit: UInt8 = 1, opJump: UInt8 = 2
    static let opAssertStart: UInt8 = 3, opAssertEnd: UInt8 = 4, opMatch: UInt8 = 5

    let ops: [UInt8]
    let arg1: [Int]
    let arg2: [Int]
    let sets: [CharSet]
    /// Bits 0–63 and 64–127 of each set's ASCII membership.
    let asciiLow: [UInt64]
    let asciiHigh: [UInt64]

    init(code: [RegexInstruction], sets: [CharSet]) {
        var ops: [UInt8] = [], a1: [Int] = [], a2: [Int] = []
        ops.reserveCapacity(code.count)
        for ins in code {
            switch ins {
            case .char(let k): ops.append(RegexProgram.opChar); a1.append(k); a2.append(0)
            case .split(let x, let y): ops.append(RegexProgram.opSplit); a1.append(x); a2.append(y)
            case .jump(let x): ops.append(RegexProgram.opJump); a1.append(x); a2.append(0)
            case .assertStart: ops.append(RegexProgram.opAssertStart); a1.append(0); a2.append(0)
            case .assertEnd: ops.append(RegexProgram.opAssertEnd); a1.append(0); a2.append(0)
            case .match: ops.append(RegexProgram.opMatch); a1.append(0); a2.append(0)
            }
        }
        self.ops = ops
        self.arg1 = a1
        self.arg2 = a2
        self.sets = sets
        var low: [UInt64] = [], high: [UInt64] = []
        for set in sets {
            var l: UInt64 = 0, h: UInt64 = 0
            for v in 0..<128 {
                guard let u = Unicode.Scalar(UInt32(v)), set.contains(u) else { continue }
                if v < 64 { l |= 1 << UInt64(v) } else { h |= 1 << UInt64(v - 64) }
            }
            low.append(l)
            high.append(h)
        }
        asciiLow = low
        asciiHigh = high
    }

    @inline(__always)
    func setContains(_ k: Int, _ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 64 { return asciiLow[k] & (1 << UInt64(v)) != 0 }
        if v < 128 { return asciiHigh[k] & (1 << UInt64(v - 64)) != 0 }
        return sets[k].contains(u)
    }

    /// Simulates the NFA over the scalars of `s` (one pass, each state at most
    /// once per position). With `anchored`, the match must span the whole
    /// input; otherwise any substring may match.
    func run(_ s: String, anchored: Bool) -> Bool {
        var vm = RegexVM(program: self, anchored: anchored)
        return vm.run(s)
    }
}

/// The per-run state of the NFA simulation.
struct RegexVM {
    let program: RegexProgram
    let anchored: Bool
    var current: [Int] = []
    var next: [Int] = []
    /// `mark[pc] == generation` when pc is already in the list being built.
    var mark: [Int]
    var generation = 0
    var stack: [Int] = []

    init(program: RegexProgram, anchored: Bool) {
        self.program = program
        self.anchored = anchored
        mark = Array(repeating: -1, count: program.ops.count)
        current.reserveCapacity(program.ops.count)
        next.reserveCapacity(program.ops.count)
    }

    /// Adds `pc` and its epsilon closure to `next`; true when `match` is
    /// reached in an accepting position.
    mutating func add(_ pc: Int, atStart: Bool, atEnd: Bool) -> Bool {
        var found = false
        stack.append(pc)
        while let p = stack.popLast() {
            if mark[p] == generation { continue }
            mark[p] = generation
            switch program.ops[p] {
            case RegexProgram.opChar:
                next.append(p)
            case RegexProgram.opSplit:
                stack.append(program.arg2[p])
                stack.append(program.arg1[p])
            case RegexProgram.opJump:
                stack.append(program.arg1[p])
            case RegexProgram.opAssertStart:
                if atStart { stack.append(p + 1) }
            case RegexProgram.opAssertEnd:
                if atEnd { stack.append(p + 1) }
            default: // match
                if atEnd || !anchored { found = true }
            }
        }
        return found
    }

    mutating func run(_ s: String) -> Bool {
        let scalars = s.unicodeScalars
        var idx = scalars.startIndex
        let end = scalars.endIndex
        generation = 0
        if add(0, atStart: true, atEnd: idx == end) { return true }
        swap(&current, &next)
        while idx != end {
            let u = scalars[idx]
            idx = scalars.index(after: idx)
            let atEnd = idx == end
            generation += 1
            next.removeAll(keepingCapacity: true)
            for p in current where program.setContains(program.arg1[p], u) {
                if add(p + 1, atStart: false, atEnd: atEnd) { return true }
            }
            if !anchored, add(0, atStart: false, atEnd: atEnd) { return true }
            // Anchored: no live thread can ever match. Unanchored: a new thread starts at every position.
            if anchored, next.isEmpty { return false }
            swap(&current, &next)
        }
        return false
    }
}
