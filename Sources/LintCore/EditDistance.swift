/// Levenshtein distance over Unicode scalars, for "did you mean" suggestions.
/// Inputs are cut to 64 scalars so hostile input cannot make it expensive.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars.prefix(64)), y = Array(b.unicodeScalars.prefix(64))
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        cur[0] = i
        for j in 1...y.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[y.count]
}

/// The candidate closest to `word` within `maxDistance` edits, if any.
public func closestMatch(for word: String, in candidates: some Sequence<String>, maxDistance: Int = 3) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
        let d = editDistance(word, c)
        guard d <= maxDistance else { continue }
        if let b = best, d > b.1 || (d == b.1 && c >= b.0) { continue }
        best = (c, d)
    }
    return best?.0
}
