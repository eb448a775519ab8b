/// A linear-time matcher (Thompson NFA / Pike VM, no backtracking, no
/// recursion) for the common subset of ECMA-262 patterns: literals, `.`,
/// classes with ranges, `\d \w \s` (ASCII digits/word, ECMA whitespace) and
/// their negations, groups, alternation, `* + ? {n} {n,} {n,m}` (lazy or
/// greedy — the same for a yes/no answer), `^` and `$`. Patterns outside the
/// subset (lookaround, backreferences, `\b`, `\p{…}`, …) return nil from
/// `compile` and are run on ICU instead. Matching is a search, as JSON Schema
/// requires; the result only says whether a match exists.
struct FastRegex: Sendable {
    enum Inst: Sendable {
        case char(UInt32)
        case cls(Int)
        case any
        case split(Int, Int)
        case jmp(Int)
        case bol
        case eol
        case match
    }

    struct CharClass: Sendable {
        var ranges: [(UInt32, UInt32)]
        var negated: Bool
        func contains(_ c: UInt32) -> Bool {
            var hit = false
            for (lo, hi) in ranges where c >= lo && c <= hi { hit = true; break }
            return hit != negated
        }
    }

    let program: [Inst]
    let classes: [CharClass]

    static let maxProgram = 4_000

    // MARK: Parsing

    /// Parsed pattern tree.
    indirect enum Node {
        case char(UInt32)
        case cls(CharClass)
        case any, bol, eol
        case seq([Node])
        case alt([Node])
        case rep(Node, min: Int, max: Int?)
    }

    static let digit: [(UInt32, UInt32)] = [(48, 57)]
    static let word: [(UInt32, UInt32)] = [(48, 57), (65, 90), (95, 95), (97, 122)]
    static let space: [(UInt32, UInt32)] = [(9, 13), (32, 32), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
                                            (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF)]

    struct Parser {
        let cs: [UInt32]
        var i = 0
        var depth = 0

        mutating func peek() -> UInt32? { i < cs.count ? cs[i] : nil }

        mutating func alt() -> Node? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 64 else { return nil }
            var branches: [Node] = []
            guard let first = seq() else { return nil }
            branches.append(first)
            while peek() == 124 { // |
                i += 1
                guard let b = seq() else { return nil }
                branches.append(b)
            }
            return branches.count == 1 ? branches[0] : .alt(branches)
        }

        mutating func seq() -> Node? {
            var items: [Node] = []
            while let c = peek(), c != 124, c != 41 { // | )
                guard var atom = atom() else { return nil }
                // Quantifiers.
                if let q = peek() {
                    var minR = -1, maxR: Int? = nil
                    if q == 42 { minR = 0; maxR = nil; i += 1 }        // *
                    else if q == 43 { minR = 1; maxR = nil; i += 1 }   // +
                    else if q == 63 { minR = 0; maxR = 1; i += 1 }     // ?
                    else if q == 123 {                                  // {
                        guard let (a, b) = braces() else { return nil }
                        minR = a; maxR = b
                    }
                    if minR >= 0 {
                        if peek() == 63 { i += 1 } // lazy: same yes/no answer
                        if let q2 = peek(), q2 == 42 || q2 == 43 || q2 == 123 || q2 == 63 { return nil }
                        switch atom { case .bol, .eol: return nil; default: break }
                        atom = .rep(atom, min: minR, max: maxR)
                    }
                }
                items.append(atom)
            }
            return .seq(items)
        }

        mutating func number() -> Int? {
            var v = 0, any = false
            while let c = peek(), c >= 48, c <= 57 {
                v = v * 10 + Int(c - 48)
                if v > 1_000 { return nil }
                any = true
                i += 1
            }
            return any ? v : nil
        }

        mutating func braces() -> (Int, Int?)? {
            i += 1
            guard let a = number() else { return nil }
            var b: Int? = a
            if peek() == 44 { // ,
                i += 1
                b = peek() == 125 ? nil : number()
                if b == nil && peek() != 125 { return nil }
            }
            guard peek() == 125 else { return nil }
            i += 1
            if let b, b < a { return nil }
            return (a, b)
        }

        mutating func atom() -> Node? {
            guard let c = peek() else { return nil }
            i += 1
            switch c {
            case 40: // (
                if peek() == 63 { // ?
                    guard i + 1 < cs.count, cs[i + 1] == 58 else { return nil } // only (?:
                    i += 2
                }
                guard let inner = alt(), peek() == 41 else { return nil }
                i += 1
                return inner
            case 91: return charClass() // [
            case 46: return .any
            case 94: return .bol
            case 36: return .eol
            case 92: // backslash
                guard let e = peek() else { return nil }
                i += 1
                switch e {
                case 100: return .cls(CharClass(ranges: digit, negated: false))
                case 68: return .cls(CharClass(ranges: digit, negated: true))
                case 119: return .cls(CharClass(ranges: word, negated: false))
                case 87: return .cls(CharClass(ranges: word, negated: true))
                case 115: return .cls(CharClass(ranges: space, negated: false))
                case 83: return .cls(CharClass(ranges: space, negated: true))
                default:
                    guard let lit = Parser.escapeLiteral(e) else { return nil }
                    return .char(lit)
                }
            case 41, 42, 43, 63, 123, 125, 93, 124: return nil // ) * + ? { } ] |
            default: return .char(c)
            }
        }

        /// Single-character escapes valid in ECMA-262 with the `u` flag.
        static func escapeLiteral(_ e: UInt32) -> UInt32? {
            switch e {
            case 110: return 10 // n
            case 116: return 9 // t
            case 114: return 13 // r
            case 102: return 12 // f
            case 118: return 11 // v
            case 94, 36, 92, 46, 42, 43, 63, 40, 41, 91, 93, 123, 125, 124, 47, 45: return e // ^ $ \ . * + ? ( ) [ ] { } | / -
            default: return nil
            }
        }

        mutating func charClass() -> Node? {
            var negated = false
            if peek() == 94 { negated = true; i += 1 }
            var ranges: [(UInt32, UInt32)] = []
            var first = true
            while true {
                guard let c = peek() else { return nil }
                if c == 93 && !first { i += 1; break }
                if c == 93 && first { return nil } // `[]`: leave to ICU translation
                first = false
                i += 1
                var lo: UInt32
                if c == 92 {
                    guard let e = peek() else { return nil }
                    i += 1
                    switch e {
                    case 100: ranges += digit; continue
                    case 119: ranges += word; continue
                    case 115: ranges += space; continue
                    case 98: lo = 8 // \b in a class is backspace
                    default:
                        guard let l = Parser.escapeLiteral(e) else { return nil }
                        lo = l
                    }
                } else if c == 91 {
                    return nil
                } else {
                    lo = c
                }
                // Range?
                if peek() == 45, i + 1 < cs.count, cs[i + 1] != 93 {
                    i += 1
                    guard var hi = peek() else { return nil }
                    i += 1
                    if hi == 92 {
                        guard let e = peek(), let l = Parser.escapeLiteral(e) else { return nil }
                        i += 1
                        hi = l
                    } else if hi == 91 {
                        return nil
                    }
                    guard hi >= lo else { return nil }
                    ranges.append((lo, hi))
                } else {
                    ranges.append((lo, lo))
                }
            }
            return .cls(CharClass(ranges: ranges, negated: negated))
        }
    }

    // MARK: Compiling

    static func compile(_ pattern: String) -> FastRegex? {
        var p = Parser(cs: pattern.unicodeScalars.map(\.value))
        guard let tree = p.alt(), p.i == p.cs.count else { return nil }
        var b = Builder()
        guard b.emit(tree, depth: 0) else { return nil }
        b.prog.append(.match)
        guard b.prog.count <= maxProgram else { return nil }
        return FastRegex(program: b.prog, classes: b.classes)
    }

    struct Builder {
        var prog: [Inst] = []
        var classes: [CharClass] = []

        mutating func emit(_ n: Node, depth: Int) -> Bool {
            guard depth < 64, prog.count <= FastRegex.maxProgram else { return false }
            switch n {
            case .char(let c): prog.append(.char(c))
            case .cls(let c):
                classes.append(c)
                prog.append(.cls(classes.count - 1))
            case .any: prog.append(.any)
            case .bol: prog.append(.bol)
            case .eol: prog.append(.eol)
            case .seq(let items):
                for it in items { guard emit(it, depth: depth + 1) else { return false } }
            case .alt(let branches):
                // split L1, next; L1: b0; jmp end; next: split ...
                var jumps: [Int] = []
                for (k, br) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = prog.count
                        prog.append(.split(split + 1, -1))
                        guard emit(br, depth: depth + 1) else { return false }
                        jumps.append(prog.count)
                        prog.append(.jmp(-1))
                        prog[split] = .split(split + 1, prog.count)
                    } else {
                        guard emit(br, depth: depth + 1) else { return false }
                    }
                }
                for j in jumps { prog[j] = .jmp(prog.count) }
            case .rep(let inner, let minR, let maxR):
                for _ in 0..<minR { guard emit(inner, depth: depth + 1) else { return false } }
                if let maxR {
                    // Optional copies: split body, end (nested so each is optional after the previous).
                    var splits: [Int] = []
                    for _ in minR..<maxR {
                        splits.append(prog.count)
                        prog.append(.split(prog.count + 1, -1))
                        guard emit(inner, depth: depth + 1) else { return false }
                    }
                    for s in splits { prog[s] = .split(s + 1, prog.count) }
                } else {
                    // L: split body, end; body; jmp L
                    let l = prog.count
                    prog.append(.split(l + 1, -1))
                    guard emit(inner, depth: depth + 1) else { return false }
                    prog.append(.jmp(l))
                    prog[l] = .split(l + 1, prog.count)
                }
            }
            return prog.count <= FastRegex.maxProgram
        }
    }

    // MARK: Matching

    /// True when the pattern matches somewhere in `s`.
    func matches(_ s: String) -> Bool {
        let n = program.count
        // Lists of n each, a mark per pc, and a closure stack of 2n (each split pushes two).
        // 32-bit slots keep typical programs under the stack-allocation limit (no heap allocation per match).
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 5 * n) { buf in
            guard let base = buf.baseAddress else { return false }
            var clist = base, nlist = base + n
            let mark = base + 2 * n      // generation stamp per pc
            let stack = base + 3 * n     // explicit stack for the epsilon closure
            for k in 0..<n { mark[k] = -1 }
            var ccount = 0, ncount = 0
            var gen: Int32 = 0
            var pos = 0
            var matched = false

            // Adds pc and its epsilon closure to a list, stamping with `gen`.
            func add(_ list: UnsafeMutablePointer<Int32>, _ count: inout Int, _ pc0: Int, atStart: Bool, atEnd: Bool) {
                var sp = 0
                stack[sp] = Int32(truncatingIfNeeded: pc0); sp += 1
                while sp > 0 {
                    sp -= 1
                    let pc = Int(stack[sp])
                    if mark[pc] == gen { continue }
                    mark[pc] = gen
                    switch program[pc] {
                    case .jmp(let t): stack[sp] = Int32(truncatingIfNeeded: t); sp += 1
                    case .split(let a, let b):
                        stack[sp] = Int32(truncatingIfNeeded: b); sp += 1
                        stack[sp] = Int32(truncatingIfNeeded: a); sp += 1
                    case .bol: if atStart { stack[sp] = Int32(truncatingIfNeeded: pc + 1); sp += 1 }
                    case .eol: if atEnd { stack[sp] = Int32(truncatingIfNeeded: pc + 1); sp += 1 }
                    case .match: matched = true
                    default:
                        list[count] = Int32(truncatingIfNeeded: pc)
                        count += 1
                    }
                }
            }

            var anchored = false
            if case .bol = program[0] { anchored = true }
            let scalars = s.unicodeScalars
            var it = scalars.makeIterator()
            var next = it.next()
            gen = 0
            add(clist, &ccount, 0, atStart: true, atEnd: next == nil)
            if matched { return true }
            while let c = next {
                next = it.next()
                pos += 1
                gen &+= 1
                ncount = 0
                let v = c.value
                for k in 0..<ccount {
                    let pc = Int(clist[k])
                    let ok: Bool
                    switch program[pc] {
                    case .char(let x): ok = v == x
                    case .cls(let ci): ok = classes[ci].contains(v)
                    case .any: ok = v != 10 && v != 13 && v != 0x2028 && v != 0x2029
                    default: ok = false
                    }
                    if ok { add(nlist, &ncount, pc + 1, atStart: false, atEnd: next == nil) }
                }
                if matched { return true }
                // Unanchored search: a new attempt may start at every position
                // (except when the pattern starts with `^`: no attempt can start later).
                if !anchored {
                    add(nlist, &ncount, 0, atStart: false, atEnd: next == nil)
                    if matched { return true }
                } else if ncount == 0 {
                    return false
                }
                swap(&clist, &nlist)
                ccount = ncount
            }
            return matched
        }
    }
}
