import LintCore

/// One Mustache tag or run of text, with its exact place in the file.
public struct TemplateToken: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Literal text between tags.
        case text
        /// `{{NAME}}` (escaped in HTML Mustache; our renderer never escapes).
        case variable
        /// `{{{NAME}}}` or `{{&NAME}}`.
        case raw
        /// `{{#NAME}}`.
        case section
        /// `{{^NAME}}`.
        case invertedSection
        /// `{{/NAME}}`.
        case close
        /// `{{> NAME}}`.
        case partial
        /// `{{! … }}`.
        case comment
        /// `{{=<% %>=}}`.
        case setDelimiter
    }

    public var kind: Kind
    /// The tag's name (trimmed), the comment body, the new delimiters
    /// (`"<% %>"`), or the literal text for `.text`.
    public var name: String
    /// The whole tag, delimiters included.
    public var range: SourceRange
    /// UTF-8 byte offsets of the whole tag in the file.
    public var startOffset: Int
    public var endOffset: Int

    public init(kind: Kind, name: String, range: SourceRange, startOffset: Int, endOffset: Int) {
        self.kind = kind
        self.name = name
        self.range = range
        self.startOffset = startOffset
        self.endOffset = endOffset
    }

    /// How the tag is written, for messages (`{{#BAYS}}`).
    public var display: String {
        switch kind {
        case .text: return name
        case .variable: return "{{\(name)}}"
        case .raw: return "{{{\(name)}}}"
        case .section: return "{{#\(name)}}"
        case .invertedSection: return "{{^\(name)}}"
        case .close: return "{{/\(name)}}"
        case .partial: return "{{> \(name)}}"
        case .comment: return "{{!\(name)}}"
        case .setDelimiter: return "{{=\(name)=}}"
        }
    }
}

/// A template syntax problem found by the tokenizer or the tree builder.
public struct TemplateProblem: Sendable, Hashable {
    public var message: String
    public var range: SourceRange
}

/// The Mustache tokenizer: positions every tag in whole-file coordinates and
/// follows set-delimiter tags.
public enum TemplateTokenizer {
    /// Tokenizes bytes `range` of `file`.
    public static func tokenize(_ file: SourceFile, range: Range<Int>) -> (tokens: [TemplateToken], problems: [TemplateProblem]) {
        let bytes = file.bytes
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        var tokens: [TemplateToken] = []
        var problems: [TemplateProblem] = []
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var i = lower
        var textStart = lower

        func flushText(_ end: Int) {
            if end > textStart {
                tokens.append(TemplateToken(
                    kind: .text, name: file.slice(textStart, end), range: file.range(ofBytes: textStart, end),
                    startOffset: textStart, endOffset: end))
            }
        }

        while i < upper {
            guard let tagStart = find(open, in: bytes, from: i, to: upper) else { break }
            flushText(tagStart)
            var contentStart = tagStart + open.count
            var closer = close
            var triple = false
            if open == Array("{{".utf8), contentStart < upper, bytes[contentStart] == UInt8(ascii: "{") {
                triple = true
                contentStart += 1
                closer = Array("}}}".utf8)
            }
            guard let closeAt = find(closer, in: bytes, from: contentStart, to: upper) else {
                problems.append(TemplateProblem(
                    message: "tag `\(file.slice(tagStart, min(upper, tagStart + open.count + 20)).prefix(24))` is never closed with `\(String(decoding: closer, as: UTF8.self))`; close the tag or remove the stray delimiter",
                    range: file.range(ofBytes: tagStart, tagStart + open.count + (triple ? 1 : 0))))
                textStart = tagStart
                i = upper
                break
            }
            let end = closeAt + closer.count
            let raw = file.slice(contentStart, closeAt)
            let tagRange = file.range(ofBytes: tagStart, end)
            var kind: TemplateToken.Kind = .variable
            var name = raw.trimmingSpaces
            if triple {
                kind = .raw
            } else if let sigil = name.first {
                switch sigil {
                case "#": kind = .section
                case "^": kind = .invertedSection
                case "/": kind = .close
                case ">": kind = .partial
                case "!": kind = .comment
                case "&": kind = .raw
                case "{":
                    // `{{{x}}}` with custom delimiters: `<%{x}%>`.
                    kind = .raw
                    if name.hasSuffix("}") { name.removeLast() }
                case "=": kind = .setDelimiter
                default: break
                }
                if kind != .variable {
                    name.removeFirst()
                    if kind != .comment { name = name.trimmingSpaces }
                }
            }
            if kind == .setDelimiter {
                var inner = name
                if inner.hasSuffix("=") { inner.removeLast() } else {
                    problems.append(TemplateProblem(message: "set-delimiter tag must end with `=` before the closing delimiter, as in `{{=<% %>=}}`", range: tagRange))
                }
                let parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") {
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                    name = parts[0] + " " + parts[1]
                } else {
                    problems.append(TemplateProblem(message: "set-delimiter tag needs exactly two delimiters without `=` or spaces, as in `{{=<% %>=}}`", range: tagRange))
                }
            } else if kind != .comment, name.isEmpty {
                problems.append(TemplateProblem(message: "tag `\(file.slice(tagStart, end))` has no name; write a variable name such as `{{REQUEST}}` or remove the tag", range: tagRange))
            }
            tokens.append(TemplateToken(kind: kind, name: name, range: tagRange, startOffset: tagStart, endOffset: end))
            i = end
            textStart = end
        }
        flushText(upper)
        return (tokens, problems)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard let first = needle.first, !needle.isEmpty else { return nil }
        var i = from
        while i + needle.count <= to {
            if bytes[i] == first {
                var ok = true
                var k = 1
                while k < needle.count {
                    if bytes[i + k] != needle[k] { ok = false; break }
                    k += 1
                }
                if ok { return i }
            }
            i += 1
        }
        return nil
    }
}

/// A parsed template: text, variables, sections with children, partials.
public indirect enum TemplateNode: Sendable, Hashable {
    case text(String)
    case variable(TemplateToken)
    case section(open: TemplateToken, inverted: Bool, children: [TemplateNode])
    case partial(TemplateToken)
}

public enum TemplateParser {
    /// Sections nested deeper than this are reported and flattened.
    public static let maxDepth = 64

    /// Builds the section tree. Unclosed sections are reported at their
    /// opening tag; a mismatched close names both tags.
    public static func parse(_ tokens: [TemplateToken]) -> (nodes: [TemplateNode], problems: [TemplateProblem]) {
        var problems: [TemplateProblem] = []
        var stack: [(open: TemplateToken, children: [TemplateNode])] = []
        var root: [TemplateNode] = []

        func append(_ n: TemplateNode) {
            if stack.isEmpty { root.append(n) } else { stack[stack.count - 1].children.append(n) }
        }
        func closeTop() {
            guard let top = stack.popLast() else { return }
            append(.section(open: top.open, inverted: top.open.kind == .invertedSection, children: top.children))
        }

        for t in tokens {
            switch t.kind {
            case .text: append(.text(t.name))
            case .variable, .raw: append(.variable(t))
            case .partial: append(.partial(t))
            case .comment, .setDelimiter: break
            case .section, .invertedSection:
                if stack.count >= maxDepth {
                    problems.append(TemplateProblem(message: "sections nest deeper than \(maxDepth) levels at \(t.display); flatten the template", range: t.range))
                    continue
                }
                stack.append((t, []))
            case .close:
                guard let top = stack.last else {
                    problems.append(TemplateProblem(message: "\(t.display) closes no open section; remove it or add the matching {{#\(t.name)}}", range: t.range))
                    continue
                }
                if top.open.name == t.name {
                    closeTop()
                } else {
                    problems.append(TemplateProblem(
                        message: "\(t.display) does not match \(top.open.display) opened at \(top.open.range.start); close the inner section first",
                        range: t.range))
                    if let idx = stack.lastIndex(where: { $0.open.name == t.name }) {
                        while stack.count > idx { closeTop() }
                    }
                }
            }
        }
        while let top = stack.last {
            problems.append(TemplateProblem(message: "section \(top.open.display) is never closed; add {{/\(top.open.name)}}", range: top.open.range))
            closeTop()
        }
        return (root, problems)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = String(self)[...]
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
