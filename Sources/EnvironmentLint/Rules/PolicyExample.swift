import LintCore

/// The seed config used by rule examples, with chosen lines per environment.
enum PolicyExample {
    static func config(development dev: [String] = [], staging: [String] = [], production: [String] = []) -> String {
        func block(_ lines: [String]) -> String { lines.map { "    " + $0 }.joined(separator: ",\n") }
        return "export const config = {\n  development: {\n\(block(dev))\n  },\n  staging: {\n\(block(staging))\n  },\n  production: {\n\(block(production))\n  }\n};\n"
    }
}
