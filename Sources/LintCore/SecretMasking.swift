/// Masks secret-looking tokens in text that a report echoes from a source
/// file (the excerpt lines of the text and HTML reports), so a report never
/// repeats a key or password that a finding points at.
///
/// Recognised, like the secret rules of the environment and prompt checkers:
/// Anthropic (`sk-ant-…`) and OpenAI (`sk-…`) keys, AWS access key ids
/// (`AKIA`/`ASIA` + 16), GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`,
/// `github_pat_`), Slack tokens (`xoxa-`, `xoxb-`, `xoxp-`, `xoxr-`), the
/// password of a URL (`scheme://user:password@host`) and Sentry DSN keys
/// (`https://<32 hex>@host`).
///
/// `maskSecrets(in:)` keeps the number of Unicode scalars, so columns and
/// carets computed on the original line still line up: a secret of 8 or more
/// characters keeps its first 4, then `…`, then `*` for the rest; a shorter
/// one becomes `…` and `*`s.
public enum SecretMasking {
    /// The first 4 characters of `secret`, then `…` (for messages).
    public static func mask(_ secret: String) -> String {
        String(String.UnicodeScalarView(secret.unicodeScalars.prefix(4))) + "…"
    }

    /// `text` with every secret-looking span replaced (same scalar count).
    public static func maskSecrets(in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let spans = secretRanges(in: scalars)
        if spans.isEmpty { return text }
        var out = scalars
        for r in spans {
            let keep = r.count >= 8 ? 4 : 0
            for (k, i) in r.enumerated() where k >= keep {
                out[i] = k == keep ? "…" : "*"
            }
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: out)
        return s
    }

    /// True when `text` contains something `maskSecrets(in:)` would mask.
    public static func containsSecret(_ text: String) -> Bool {
        !secretRanges(in: Array(text.unicodeScalars)).isEmpty
    }

    /// Scalar index ranges of secret-looking spans, in order, not overlapping.
    public static func secretRanges(in s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        // Tokens: maximal runs of [A-Za-z0-9_-].
        var k = 0
        while k < s.count {
            guard isWordChar(s[k]) else { k += 1; continue }
            var e = k
            while e < s.count, isWordChar(s[e]) { e += 1 }
            if isAPIKey(s[k..<e]) { out.append(k..<e) }
            k = e
        }
        out.append(contentsOf: urlSecrets(s))
        return merged(out)
    }

    // MARK: Tokens

    static func isWordChar(_ u: Unicode.Scalar) -> Bool {
        isAlnum(u) || u == "_" || u == "-"
    }

    static func isAlnum(_ u: Unicode.Scalar) -> Bool {
        (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9")
    }

    static func isUpperOrDigit(_ u: Unicode.Scalar) -> Bool {
        (u >= "A" && u <= "Z") || (u >= "0" && u <= "9")
    }

    static func hasPrefix(_ w: ArraySlice<Unicode.Scalar>, _ p: String) -> Bool {
        let ps = Array(p.unicodeScalars)
        guard w.count >= ps.count else { return false }
        var i = w.startIndex
        for c in ps {
            if w[i] != c { return false }
            i += 1
        }
        return true
    }

    static func isAPIKey(_ w: ArraySlice<Unicode.Scalar>) -> Bool {
        let n = w.count
        guard n >= 15 else { return false }
        func rest(_ p: Int) -> ArraySlice<Unicode.Scalar> { w.dropFirst(p) }
        if hasPrefix(w, "sk-ant-") { return n >= 24 }
        if hasPrefix(w, "sk-") { return rest(3).filter(isAlnum).count >= 20 }
        if hasPrefix(w, "AKIA") || hasPrefix(w, "ASIA") {
            return n >= 20 && rest(4).prefix(16).allSatisfy(isUpperOrDigit)
        }
        for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] where hasPrefix(w, p) {
            return rest(4).prefix(30).count == 30 && rest(4).prefix(30).allSatisfy(isAlnum)
        }
        if hasPrefix(w, "github_pat_") { return n >= 30 }
        for p in ["xoxa-", "xoxb-", "xoxp-", "xoxr-"] where hasPrefix(w, p) { return true }
        return false
    }

    // MARK: URLs

    /// Passwords of `scheme://user:password@host` and Sentry DSN keys.
    static func urlSecrets(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i + 2 < s.count {
            guard s[i] == ":", s[i + 1] == "/", s[i + 2] == "/" else { i += 1; continue }
            // A scheme must precede `://`.
            guard i > 0, isSchemeChar(s[i - 1]) else { i += 3; continue }
            let authStart = i + 3
            var authEnd = authStart
            while authEnd < s.count, !endsAuthority(s[authEnd]) { authEnd += 1 }
            // The last `@` of the authority ends the userinfo.
            var at = authEnd - 1
            while at >= authStart, s[at] != "@" { at -= 1 }
            if at >= authStart {
                var colon = authStart
                while colon < at, s[colon] != ":" { colon += 1 }
                if colon < at, colon + 1 < at {
                    out.append((colon + 1)..<at)
                } else if colon == at, at - authStart == 32, s[authStart..<at].allSatisfy(\.properties.isASCIIHexDigit) {
                    out.append(authStart..<at)
                }
            }
            i = max(authEnd, i + 3)
        }
        return out
    }

    static func isSchemeChar(_ u: Unicode.Scalar) -> Bool {
        isAlnum(u) || u == "+" || u == "-" || u == "."
    }

    static func endsAuthority(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "/", "?", "#", "\"", "'", "`", "<", ">", " ", "\t", "\n", "\r": true
        default: u.properties.isWhitespace
        }
    }

    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [Range<Int>] = []
        for r in sorted {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
