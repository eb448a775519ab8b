/// A secret found in a string value.
public struct SecretMatch: Sendable, Hashable {
    /// What it is, e.g. "an Anthropic API key".
    public var kind: String
    /// The secret itself (the key, or the password of a URL).
    public var secret: String

    /// The secret masked for messages: its first 4 characters, then `…`.
    public var masked: String { Secrets.mask(secret) }
}

/// Recognises literal secrets and placeholder values.
public enum Secrets {
    /// The first 4 characters of `secret`, then `…` (never the whole secret).
    public static func mask(_ secret: String) -> String {
        String(secret.unicodeScalars.prefix(4).map(Character.init)) + "…"
    }

    /// Secrets in `value`: API keys (Anthropic, OpenAI, AWS, GitHub, Slack),
    /// credentials in a URL (`scheme://user:pass@`) and Sentry DSN keys
    /// (`https://<32 hex>@…`). Placeholder passwords are not secrets.
    public static func find(in value: String) -> [SecretMatch] {
        var out: [SecretMatch] = []
        let scalars = Array(value.unicodeScalars)
        // Words of [A-Za-z0-9_-].
        var k = 0
        while k < scalars.count {
            guard isWordChar(scalars[k]) else { k += 1; continue }
            var e = k
            while e < scalars.count, isWordChar(scalars[e]) { e += 1 }
            let word = String(String.UnicodeScalarView(scalars[k..<e]))
            if let kind = apiKeyKind(word) { out.append(SecretMatch(kind: kind, secret: word)) }
            k = e
        }
        out.append(contentsOf: urlSecrets(value))
        return out
    }

    static func isWordChar(_ u: Unicode.Scalar) -> Bool {
        (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "_" || u == "-"
    }

    static func isAlnum(_ u: Unicode.Scalar) -> Bool {
        (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9")
    }

    static func apiKeyKind(_ w: String) -> String? {
        let u = Array(w.unicodeScalars)
        func rest(after prefix: String) -> [Unicode.Scalar] { Array(u.dropFirst(prefix.unicodeScalars.count)) }
        if w.hasPrefix("sk-ant-"), u.count >= 24 { return "an Anthropic API key" }
        if w.hasPrefix("sk-"), !w.hasPrefix("sk-ant-"), u.count >= 23, rest(after: "sk-").filter(isAlnum).count >= 20 { return "an OpenAI API key" }
        if (w.hasPrefix("AKIA") || w.hasPrefix("ASIA")), u.count == 20,
           u.allSatisfy({ ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }) { return "an AWS access key id" }
        for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where w.hasPrefix(p) {
            let r = rest(after: p)
            if r.count >= 30, r.allSatisfy(isAlnum) { return "a GitHub token" }
        }
        if w.hasPrefix("github_pat_"), u.count >= 30 { return "a GitHub token" }
        if u.count >= 15, w.hasPrefix("xox"), u.count > 4, ["a", "b", "p", "r"].contains(u[3]), u[4] == "-" { return "a Slack token" }
        return nil
    }

    /// `scheme://user:password@host` passwords and Sentry DSN keys.
    static func urlSecrets(_ value: String) -> [SecretMatch] {
        var out: [SecretMatch] = []
        var search = value[...]
        while let r = search.firstRange(of: "://") {
            // The scheme: letters, digits, `+`, `-`, `.` before `://`.
            var s = r.lowerBound
            while s > search.startIndex {
                let p = search.index(before: s)
                let c = search[p]
                guard c.isASCII, c.isLetter || c.isNumber || c == "+" || c == "-" || c == "." else { break }
                s = p
            }
            let scheme = search[s..<r.lowerBound].lowercased()
            let afterScheme = search[r.upperBound...]
            // The authority ends at `/`, `?`, `#` or whitespace.
            let authEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace } ?? afterScheme.endIndex
            let authority = afterScheme[..<authEnd]
            if !scheme.isEmpty, let at = authority.lastIndex(of: "@") {
                let userinfo = authority[..<at]
                if let colon = userinfo.firstIndex(of: ":") {
                    let password = String(userinfo[userinfo.index(after: colon)...])
                    if !password.isEmpty, !isPlaceholder(password) {
                        out.append(SecretMatch(kind: "a password in a URL", secret: password))
                    }
                } else if userinfo.count == 32, userinfo.allSatisfy({ $0.isHexDigit }) {
                    out.append(SecretMatch(kind: "a Sentry DSN key", secret: String(userinfo)))
                }
            }
            search = afterScheme[authEnd...]
        }
        return out
    }

    /// True for values that obviously stand for a real value: empty,
    /// `changeme`, `<...>`, `your-...`, `xxx`, `${...}`, `***`, `...`.
    public static func isPlaceholder(_ value: String) -> Bool {
        let v = value.lowercased().trimmingCharacters(in: " \t")
        if v.isEmpty { return true }
        if ["changeme", "change-me", "change_me", "change-this", "placeholder", "todo", "tbd", "secret", "password", "example", "replace-me", "replace_me", "none", "null"].contains(v) { return true }
        if v.hasPrefix("<"), v.hasSuffix(">") { return true }
        if v.hasPrefix("${"), v.hasSuffix("}") { return true }
        if v.hasPrefix("{{"), v.hasSuffix("}}") { return true }
        if v.hasPrefix("your") { return true }
        if v.contains("xxx") || v.contains("***") || v.contains("...") || v.contains("…") { return true }
        if v.contains("changeme") || v.contains("placeholder") { return true }
        return false
    }

    /// True for a key name that suggests a secret (KEY, SECRET, TOKEN, PASSWORD, DSN…).
    public static func isSecretName(_ key: String) -> Bool {
        let tokens = key.uppercased().split(separator: "_").map(String.init)
        let secretTokens: Set<String> = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASS", "PASSWD", "PWD", "DSN", "CREDENTIALS", "CREDENTIAL", "PRIVATE", "APIKEY", "AUTH"]
        return tokens.contains { secretTokens.contains($0) }
    }

    /// True for a value that looks machine-generated: at least 16 characters,
    /// no spaces, and at least two of lowercase letters, uppercase letters and digits.
    public static func looksRandom(_ value: String) -> Bool {
        guard value.unicodeScalars.count >= 16, !value.contains(where: { $0.isWhitespace }) else { return false }
        let lower = value.contains { $0.isASCII && $0.isLowercase }
        let upper = value.contains { $0.isASCII && $0.isUppercase }
        let digit = value.contains { $0.isASCII && $0.isNumber }
        return [lower, upper, digit].filter { $0 }.count >= 2
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
