import JSONSchema
import LintConfig
import LintCore
import PromptLint
import RuleEngine

/// Bridges the JSON Schema validator to the rule engine's `schema` function
/// and to the prompt checker's output-schema checks. Schemas in the
/// configured schema directory (default `schemas/`) are preloaded by `$id`.
public enum SchemaSupport {
    /// One registry per schema directory, compiled schemas cached by file.
    final class Cache: @unchecked Sendable {
        let directory: String
        private var loaded: SchemaRegistry?
        private var compiled: [String: CompiledSchema?] = [:]
        private let lock = Lock()

        init(directory: String) {
            self.directory = directory
        }

        /// The registry, loading the schema directory on first use (call under `lock`).
        private var registry: SchemaRegistry {
            if let r = loaded { return r }
            let r = SchemaRegistry(directory: directory)
            r.mapPrefix("https://clubos.dev/schemas/", toDirectory: directory)
            loaded = r
            return r
        }

        /// One cache per schema directory for the whole process.
        private static let shared = Lock()
        nonisolated(unsafe) private static var caches: [String: Cache] = [:]
        static func forDirectory(_ directory: String) -> Cache {
            shared.withLock {
                if let c = caches[directory] { return c }
                let c = Cache(directory: directory)
                caches[directory] = c
                return c
            }
        }

        /// Compiles a schema file under the directory (nil when missing or invalid).
        func schema(file: String) -> CompiledSchema? {
            lock.withLock {
                if let c = compiled[file] { return c }
                let path = file.hasPrefix("/") ? file : directory + "/" + file
                var c: CompiledSchema? = nil
                if FileIO.exists(path) {
                    let result = registry.compile(file: path)
                    c = result.errors.isEmpty ? result.schema : nil
                }
                compiled[file] = c
                return c
            }
        }

        func compile(_ node: Node, file: String) -> SchemaCompileResult {
            lock.withLock { registry.compile(node, file: file) }
        }
    }

    static func directory(_ configuration: Configuration) -> String {
        let dir = configuration.schemaDirs.first ?? "schemas"
        return dir.hasPrefix("/") ? dir : configuration.root + "/" + dir
    }

    struct Compiler: RuleSchemaCompiler {
        let cache: Cache

        func compile(_ schema: Node, rulesetPath: String) -> Result<any RuleSchema, RuleLoadError> {
            // `{$ref: name}` alone names a file in the schema directory.
            if let entries = schema.entries, entries.count == 1, let ref = schema["$ref"]?.stringValue, !ref.hasPrefix("#"), !ref.contains("://") {
                guard let c = cache.schema(file: ref) else {
                    return .failure(RuleLoadError("schema \(ref) is not in \(cache.directory) or is not a valid schema", range: schema["$ref"]?.range))
                }
                return .success(Validator(schema: c))
            }
            let result = cache.compile(schema, file: rulesetPath)
            if let e = result.errors.first { return .failure(RuleLoadError(e.message, range: e.range)) }
            guard let c = result.schema else { return .failure(RuleLoadError("the schema could not be compiled", range: schema.range)) }
            return .success(Validator(schema: c))
        }
    }

    struct Validator: RuleSchema {
        let schema: CompiledSchema
        func validate(_ node: Node) -> [(message: String, range: SourceRange)] {
            schema.validate(node).map { (message: $0.message, range: $0.range) }
        }
    }

    struct PromptValidator: PromptSchemaValidator {
        let cache: Cache
        func validate(_ instance: Node, schemaRef: String, root: String) -> [PromptSchemaViolation]? {
            let file = schemaRef.hasPrefix("schemas/") ? String(schemaRef.dropFirst("schemas/".count)) : schemaRef
            guard let schema = cache.schema(file: file) else { return nil }
            return schema.validate(instance).map { PromptSchemaViolation(instancePath: $0.instancePath, range: $0.range, message: $0.message) }
        }
    }

    public static func compiler(configuration: Configuration, cwd: String) -> (any RuleSchemaCompiler)? {
        Compiler(cache: Cache.forDirectory(directory(configuration)))
    }

    public static func promptValidator(configuration: Configuration) -> (any PromptSchemaValidator)? {
        PromptValidator(cache: Cache.forDirectory(directory(configuration)))
    }
}
