import CLibPQ

/// Replaces every password in `text` by `****`: the password part of
/// `scheme://user:password@host` URLs and `password=` conninfo or query
/// parameters. Use it on every message that may contain a connection string.
public func maskPassword(in text: String) -> String {
    var scalars = Array(text.unicodeScalars)
    maskURLPasswords(&scalars)
    maskKeywordPasswords(&scalars)
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars)
    return String(out)
}

private func isTokenEnd(_ u: Unicode.Scalar) -> Bool {
    u == " " || u == "\t" || u == "\n" || u == "\r" || u == "\"" || u == "'" || u == "<" || u == ">" || u == "`"
}

private func maskURLPasswords(_ s: inout [Unicode.Scalar]) {
    var i = 0
    while i + 2 < s.count {
        guard s[i] == ":", s[i + 1] == "/", s[i + 2] == "/" else { i += 1; continue }
        let authorityStart = i + 3
        // The token ends at whitespace/quotes; the userinfo ends at the last
        // '@' before the query or fragment (passwords may contain '@').
        var end = authorityStart
        while end < s.count, !isTokenEnd(s[end]), s[end] != "?", s[end] != "#" { end += 1 }
        var at: Int? = nil
        var j = authorityStart
        while j < end { if s[j] == "@" { at = j }; j += 1 }
        guard let atIndex = at else { i = authorityStart; continue }
        var colon: Int? = nil
        j = authorityStart
        while j < atIndex { if s[j] == ":" { colon = j; break }; j += 1 }
        if let c = colon, c + 1 <= atIndex {
            let stars: [Unicode.Scalar] = ["*", "*", "*", "*"]
            s.replaceSubrange((c + 1)..<atIndex, with: stars)
            i = c + 1 + stars.count + 1
        } else {
            i = atIndex + 1
        }
    }
}

private func maskKeywordPasswords(_ s: inout [Unicode.Scalar]) {
    let key = Array("password".unicodeScalars)
    var i = 0
    while i + key.count < s.count {
        var matches = true
        for k in 0..<key.count where Character(s[i + k]).lowercased() != String(key[k]) {
            matches = false
            break
        }
        // Must be a whole keyword: not preceded by a letter/underscore.
        if matches, i > 0, s[i - 1].properties.isAlphabetic || s[i - 1] == "_" { matches = false }
        guard matches else { i += 1; continue }
        var j = i + key.count
        while j < s.count, s[j] == " " { j += 1 }
        guard j < s.count, s[j] == "=" else { i += 1; continue }
        j += 1
        while j < s.count, s[j] == " " { j += 1 }
        let valueStart = j
        var valueEnd = j
        if j < s.count, s[j] == "'" {
            valueEnd = j + 1
            while valueEnd < s.count {
                if s[valueEnd] == "\\" { valueEnd += 2; continue }
                if s[valueEnd] == "'" { valueEnd += 1; break }
                valueEnd += 1
            }
            valueEnd = min(valueEnd, s.count)
        } else {
            while valueEnd < s.count, !isTokenEnd(s[valueEnd]), s[valueEnd] != "&" { valueEnd += 1 }
        }
        if valueEnd > valueStart {
            let stars: [Unicode.Scalar] = ["*", "*", "*", "*"]
            s.replaceSubrange(valueStart..<valueEnd, with: stars)
            i = valueStart + stars.count
        } else {
            i = valueStart
        }
    }
}

/// The parts of a libpq connection string or URL that identify a server and
/// database (parsed by libpq itself, so both forms are understood).
public struct ConnectionTarget: Sendable, Hashable {
    /// Host name, address or socket directory; nil for libpq's default.
    public var host: String?
    public var port: String?
    public var database: String?
    public var user: String?

    public init(host: String? = nil, port: String? = nil, database: String? = nil, user: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
    }

    /// Parses `conninfo` with `PQconninfoParse`; the error is password-masked.
    public init(parsing conninfo: String) throws(PGError) {
        var errmsg: UnsafeMutablePointer<CChar>? = nil
        guard let options = PQconninfoParse(conninfo, &errmsg) else {
            var message = "invalid connection string"
            if let e = errmsg {
                message = PGConnection.trimmed(String(cString: e))
                PQfreemem(e)
            }
            throw PGError(message: "cannot parse connection string \(maskPassword(in: conninfo)): \(message)")
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var p = options
        while let keyword = p.pointee.keyword {
            if let v = p.pointee.val {
                let value = String(cString: v)
                if !value.isEmpty { values[String(cString: keyword)] = value }
            }
            p += 1
        }
        self.host = values["host"] ?? values["hostaddr"]
        self.port = values["port"]
        self.user = values["user"]
        self.database = values["dbname"] ?? values["user"]
    }

    /// Whether both name the same host (case-insensitive; an unset host is
    /// the default local socket) and the same database.
    public func sameHostAndDatabase(as other: ConnectionTarget) -> Bool {
        func normalizedHost(_ h: String?) -> String {
            let v = (h ?? "").lowercased()
            return v.isEmpty ? "localhost" : v
        }
        return normalizedHost(host) == normalizedHost(other.host) && (database ?? "") == (other.database ?? "")
    }
}
