/// A small immutable string → slot table with a cheap byte hash (FNV-1a),
/// used for property names on the hot path instead of `Dictionary<String, _>`
/// (whose SipHash dominates validating small objects). Strings compare by
/// UTF-8 bytes (code points), as JSON requires.
final class NameTable: Sendable {
    private let names: [String]
    private let slots: [Int32]   // index into names, or -1
    private let mask: Int
    /// The names' UTF-8 bytes back to back, and where each name starts (count + 1 entries),
    /// so a lookup touches the probed string's bytes once and compares raw memory.
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ names: [String]) {
        self.names = names
        var cap = 8
        while cap < names.count * 2 { cap <<= 1 }
        var slots = [Int32](repeating: -1, count: cap)
        for (i, n) in names.enumerated() {
            var h = NameTable.hash(n) & (cap - 1)
            var dup = false
            while slots[h] >= 0 {
                if NameTable.equal(names[Int(slots[h])], n) { dup = true; break }
                h = (h + 1) & (cap - 1)
            }
            if !dup { slots[h] = Int32(i) }
        }
        self.slots = slots
        self.mask = cap - 1
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for n in names {
            bytes.append(contentsOf: n.utf8)
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
    }

    var count: Int { names.count }

    /// The position of `name` in the list given at init, if present.
    @inline(__always)
    func lookup(_ name: String) -> Int? {
        var name = name
        return name.withUTF8 { key in lookup(bytes: key) }
    }

    /// The position of the name with these UTF-8 bytes, if present.
    func lookup(bytes key: UnsafeBufferPointer<UInt8>) -> Int? {
        var h = NameTable.hash(bytes: key) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { all in
                starts.withUnsafeBufferPointer { starts in
                    while true {
                        let s = Int(slots[h])
                        if s < 0 { return nil }
                        let lo = starts[s], len = starts[s + 1] - lo
                        if len == key.count {
                            var same = true
                            var k = 0
                            while k < len {
                                if all[lo + k] != key[k] { same = false; break }
                                k += 1
                            }
                            if same { return s }
                        }
                        h = (h + 1) & mask
                    }
                }
            }
        }
    }

    @inline(__always)
    static func hash(bytes buf: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in buf { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    static func hash(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { hash(bytes: $0) }
    }

    /// Code-point (UTF-8 byte) equality.
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.count == 0 || memcmpBytes(x, y))
            }
        }
    }

    @inline(__always)
    private static func memcmpBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<x.count where x[i] != y[i] { return false }
        return true
    }
}
