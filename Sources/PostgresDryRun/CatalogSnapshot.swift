/// The user-visible schema of one database, read from `pg_catalog`:
/// schemas, tables, columns, constraints, indexes, enums, domains, functions
/// (md5 of the definition), triggers, views, sequences, policies and
/// extensions. System schemas and objects that belong to extensions are
/// left out; object ids are not recorded, so two databases (or one database
/// at two moments) compare by names and definitions.
public struct CatalogSnapshot: Sendable, Equatable {
    /// One object: its kind (`table`, `column`, `index`, …), its name
    /// (schema-qualified unless in `public`; columns, constraints, triggers
    /// and policies as `table.name`) and a definition compared verbatim.
    public struct Entry: Sendable, Hashable, Comparable {
        public var kind: String
        public var name: String
        public var definition: String

        public init(kind: String, name: String, definition: String) {
            self.kind = kind
            self.name = name
            self.definition = definition
        }

        public var key: String { kind + " " + name }

        public static func < (a: Entry, b: Entry) -> Bool {
            (kindOrder(a.kind), a.name, a.definition) < (kindOrder(b.kind), b.name, b.definition)
        }

        static func kindOrder(_ kind: String) -> Int {
            CatalogSnapshot.kinds.firstIndex(of: kind) ?? CatalogSnapshot.kinds.count
        }
    }

    /// One difference between two snapshots (`self` is the first, the
    /// argument of `differences(to:)` the second).
    public enum Difference: Sendable, Hashable {
        /// Present only in the second snapshot.
        case added(Entry)
        /// Present only in the first snapshot.
        case removed(Entry)
        /// Present in both with different definitions.
        case changed(first: Entry, second: Entry)

        public var entry: Entry {
            switch self {
            case .added(let e), .removed(let e): return e
            case .changed(_, let e): return e
            }
        }
    }

    /// Object kinds in report order.
    public static let kinds = [
        "extension", "schema", "enum", "domain", "sequence", "table", "column", "constraint", "index",
        "view", "materialized view", "function", "procedure", "aggregate", "trigger", "policy",
    ]

    /// Entries by `kind name`.
    public private(set) var entries: [String: Entry]

    public init(entries: [Entry] = []) {
        var map: [String: Entry] = [:]
        for e in entries { map[e.key] = e }
        self.entries = map
    }

    public var sortedEntries: [Entry] { entries.values.sorted() }

    /// The differences from `self` to `other`, in report order.
    public func differences(to other: CatalogSnapshot) -> [Difference] {
        var out: [Difference] = []
        for (key, e) in entries {
            if let o = other.entries[key] {
                if o.definition != e.definition { out.append(.changed(first: e, second: o)) }
            } else {
                out.append(.removed(e))
            }
        }
        for (key, o) in other.entries where entries[key] == nil {
            out.append(.added(o))
        }
        return out.sorted { a, b in
            if a.entry.key != b.entry.key { return a.entry < b.entry }
            return a.rank < b.rank
        }
    }

    /// Readable lines describing how `other` differs from `self`; empty when equal.
    public func diff(_ other: CatalogSnapshot) -> [String] {
        differences(to: other).map { d in
            switch d {
            case .added(let e):
                return "\(e.kind) \(e.name) exists only in the second database\(CatalogSnapshot.suffix(e.definition))"
            case .removed(let e):
                return "\(e.kind) \(e.name) exists only in the first database\(CatalogSnapshot.suffix(e.definition))"
            case .changed(let a, let b):
                return "\(a.kind) \(a.name) differs: first \(CatalogSnapshot.shorten(a.definition)), second \(CatalogSnapshot.shorten(b.definition))"
            }
        }
    }

    static func suffix(_ definition: String) -> String {
        definition.isEmpty ? "" : ": " + shorten(definition)
    }

    /// A one-line, length-limited rendering of a definition.
    static func shorten(_ definition: String, limit: Int = 160) -> String {
        var flat = ""
        var lastWasSpace = false
        for ch in definition {
            if ch.isWhitespace {
                if !lastWasSpace { flat.append(" ") }
                lastWasSpace = true
            } else {
                flat.append(ch)
                lastWasSpace = false
            }
        }
        flat = String(flat.drop(while: { $0 == " " }))
        if flat.count > limit { flat = String(flat.prefix(limit)) + "…" }
        return "`" + flat + "`"
    }

    // MARK: Capture

    private static let userSchema = """
        n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
        """

    private static func notFromExtension(_ oid: String, _ catalog: String) -> String {
        "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '\(catalog)'::regclass AND dep.objid = \(oid) AND dep.deptype = 'e')"
    }

    /// Connects with `conninfo` (URL or key/value), reads the snapshot and
    /// closes the connection. Used by `clubos-lint db diff URL1 URL2`.
    public static func capture(conninfo: String) throws(PGError) -> CatalogSnapshot {
        let conn = try PGConnection(conninfo)
        defer { conn.close() }
        return try capture(conn)
    }

    /// Reads the snapshot through `conn` (a handful of catalog queries).
    public static func capture(_ conn: PGConnection) throws(PGError) -> CatalogSnapshot {
        var all: [Entry] = []
        func name(_ schema: String?, _ object: String?) -> String {
            let o = object ?? "?"
            guard let s = schema, s != "public" else { return o }
            return s + "." + o
        }
        func v(_ row: [String?], _ i: Int) -> String? { i < row.count ? row[i] : nil }

        for row in try conn.query("""
            SELECT e.extname, e.extversion, n.nspname FROM pg_extension e
            JOIN pg_namespace n ON n.oid = e.extnamespace
            """) {
            all.append(Entry(kind: "extension", name: v(row, 0) ?? "?", definition: "version \(v(row, 1) ?? "?") in schema \(v(row, 2) ?? "?")"))
        }
        for row in try conn.query("""
            SELECT n.nspname FROM pg_namespace n WHERE \(userSchema) AND \(notFromExtension("n.oid", "pg_namespace"))
            """) {
            all.append(Entry(kind: "schema", name: v(row, 0) ?? "?", definition: ""))
        }
        for row in try conn.query("""
            SELECT n.nspname, t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
            WHERE \(userSchema) AND \(notFromExtension("t.oid", "pg_type"))
            GROUP BY n.nspname, t.typname
            """) {
            all.append(Entry(kind: "enum", name: name(v(row, 0), v(row, 1)), definition: "(\(v(row, 2) ?? ""))"))
        }
        for row in try conn.query("""
            SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull::text, t.typdefault
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'd' AND \(userSchema) AND \(notFromExtension("t.oid", "pg_type"))
            """) {
            var def = v(row, 2) ?? "?"
            if v(row, 3) == "true" { def += " NOT NULL" }
            if let d = v(row, 4) { def += " DEFAULT \(d)" }
            all.append(Entry(kind: "domain", name: name(v(row, 0), v(row, 1)), definition: def))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart::text, s.seqincrement::text,
                   s.seqmin::text, s.seqmax::text, s.seqcycle::text
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE \(userSchema) AND \(notFromExtension("c.oid", "pg_class"))
            """) {
            let def = "\(v(row, 2) ?? "?") start \(v(row, 3) ?? "?") increment \(v(row, 4) ?? "?") min \(v(row, 5) ?? "?") max \(v(row, 6) ?? "?")"
                + (v(row, 7) == "true" ? " cycle" : "")
            all.append(Entry(kind: "sequence", name: name(v(row, 0), v(row, 1)), definition: def))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, c.relkind::text, c.relpersistence::text, c.relrowsecurity::text,
                   coalesce(pg_get_expr(c.relpartbound, c.oid), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'f') AND \(userSchema) AND \(notFromExtension("c.oid", "pg_class"))
            """) {
            var def = v(row, 3) == "u" ? "unlogged " : ""
            switch v(row, 2) {
            case "p": def += "partitioned table"
            case "f": def += "foreign table"
            default: def += "table"
            }
            if v(row, 4) == "true" { def += ", row level security enabled" }
            if let bound = v(row, 5), !bound.isEmpty { def += ", partition \(bound)" }
            all.append(Entry(kind: "table", name: name(v(row, 0), v(row, 1)), definition: def))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
                   coalesce(co.collname, '')
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 100
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f')
              AND \(userSchema) AND \(notFromExtension("c.oid", "pg_class"))
            """) {
            var def = v(row, 3) ?? "?"
            if let coll = v(row, 8), !coll.isEmpty { def += " COLLATE \(coll)" }
            def += v(row, 4) == "true" ? " NOT NULL" : " NULL"
            if let expr = v(row, 5) {
                def += v(row, 7) == "s" ? " GENERATED ALWAYS AS (\(expr)) STORED" : " DEFAULT \(expr)"
            }
            switch v(row, 6) {
            case "a": def += " GENERATED ALWAYS AS IDENTITY"
            case "d": def += " GENERATED BY DEFAULT AS IDENTITY"
            default: break
            }
            all.append(Entry(kind: "column", name: name(v(row, 0), v(row, 1)) + "." + (v(row, 2) ?? "?"), definition: def))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE \(userSchema) AND \(notFromExtension("c.oid", "pg_class"))
            """) {
            all.append(Entry(kind: "constraint", name: name(v(row, 0), v(row, 1)) + "." + (v(row, 2) ?? "?"), definition: v(row, 3) ?? ""))
        }
        for row in try conn.query("""
            SELECT n.nspname, ci.relname, pg_get_indexdef(ci.oid)
            FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ci.relnamespace
            WHERE \(userSchema) AND \(notFromExtension("i.indrelid", "pg_class"))
            """) {
            all.append(Entry(kind: "index", name: name(v(row, 0), v(row, 1)), definition: v(row, 2) ?? ""))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, c.relkind::text, pg_get_viewdef(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v', 'm') AND \(userSchema) AND \(notFromExtension("c.oid", "pg_class"))
            """) {
            all.append(Entry(kind: v(row, 2) == "m" ? "materialized view" : "view", name: name(v(row, 0), v(row, 1)), definition: v(row, 3) ?? ""))
        }
        for row in try conn.query("""
            SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind::text,
                   CASE WHEN p.prokind = 'a' THEN md5(coalesce(p.prosrc, '') || p.prorettype::regtype::text)
                        ELSE md5(pg_get_functiondef(p.oid)) END
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE \(userSchema) AND \(notFromExtension("p.oid", "pg_proc"))
            """) {
            let kind: String
            switch v(row, 3) {
            case "p": kind = "procedure"
            case "a": kind = "aggregate"
            default: kind = "function"
            }
            all.append(Entry(kind: kind, name: name(v(row, 0), v(row, 1)) + "(\(v(row, 2) ?? ""))", definition: "md5 \(v(row, 4) ?? "?")"))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid)
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND \(userSchema) AND \(notFromExtension("c.oid", "pg_class"))
            """) {
            all.append(Entry(kind: "trigger", name: name(v(row, 0), v(row, 1)) + "." + (v(row, 2) ?? "?"), definition: v(row, 3) ?? ""))
        }
        for row in try conn.query("""
            SELECT n.nspname, c.relname, pol.polname, pol.polcmd::text, pol.polpermissive::text,
                   coalesce(pg_get_expr(pol.polqual, pol.polrelid), ''), coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), ''),
                   (SELECT coalesce(string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ', ' ORDER BY r), '')
                      FROM unnest(pol.polroles) AS r)
            FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE \(userSchema)
            """) {
            let def = "\(v(row, 4) == "true" ? "permissive" : "restrictive") for \(v(row, 3) ?? "?") to \(v(row, 7) ?? "")"
                + " using (\(v(row, 5) ?? "")) with check (\(v(row, 6) ?? ""))"
            all.append(Entry(kind: "policy", name: name(v(row, 0), v(row, 1)) + "." + (v(row, 2) ?? "?"), definition: def))
        }
        return CatalogSnapshot(entries: all)
    }
}

extension CatalogSnapshot.Difference {
    fileprivate var rank: Int {
        switch self {
        case .removed: return 0
        case .changed: return 1
        case .added: return 2
        }
    }
}
