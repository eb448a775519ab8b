// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "clubos-lint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clubos-lint", targets: ["ClubOSLintCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System C libraries (pkg-config name, apt provider).
        .systemLibrary(name: "CYaml", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // Layer 0: source files, positions, the Node tree, diagnostics, the rule catalog.
        .target(name: "LintCore"),
        // Layer 1: parsers producing Node trees (JSON, JSONL, YAML).
        .target(name: "LintParsers", dependencies: ["LintCore", "CYaml"]),
        // Layer 2: engines over Node trees.
        .target(name: "JSONSchema", dependencies: ["LintCore", "LintParsers"]),
        .target(name: "JSONPath", dependencies: ["LintCore", "LintParsers"]),
        .target(name: "RuleEngine", dependencies: ["LintCore", "LintParsers", "JSONPath", "JSONSchema"]),
        // Layer 2: domain checkers.
        .target(name: "Migrations", dependencies: ["LintCore"]),
        .target(name: "WorkflowLint", dependencies: ["LintCore", "LintParsers"]),
        .target(name: "EnvironmentLint", dependencies: ["LintCore", "LintParsers"]),
        .target(name: "PromptLint", dependencies: ["LintCore", "LintParsers", "JSONSchema"]),
        .target(name: "FeedbackLint", dependencies: ["LintCore", "LintParsers", "JSONSchema"]),
        // Layer 2: PostgreSQL access (libpq), the embedded throwaway server and the dry run.
        .target(name: "PostgresDryRun", dependencies: ["LintCore", "CLibPQ"]),
        // Layer 3: configuration, orchestration, reporters.
        .target(name: "LintConfig", dependencies: ["LintCore", "LintParsers"]),
        .target(name: "Reporters", dependencies: ["LintCore", "CLibXML2"]),
        .target(name: "LintDriver", dependencies: [
            "LintCore", "LintParsers", "LintConfig", "JSONSchema", "JSONPath", "RuleEngine", "Migrations", "PostgresDryRun",
            "WorkflowLint", "EnvironmentLint", "PromptLint", "FeedbackLint",
        ]),
        // The command line.
        .executableTarget(name: "ClubOSLintCLI", dependencies: [
            "LintCore", "LintDriver", "LintConfig", "Reporters", "JSONSchema", "JSONPath", "LintParsers", "Migrations", "PostgresDryRun", "FeedbackLint",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers shared by the test targets (repository paths, temporary
        // directories, running the built executable). Not a product.
        .target(name: "TestSupport", dependencies: ["LintCore"], path: "Tests/TestSupport"),

        .testTarget(name: "LintCoreTests", dependencies: ["LintCore"]),
        .testTarget(name: "LintParsersTests", dependencies: ["TestSupport", "LintCore", "LintParsers"]),
        .testTarget(name: "JSONSchemaTests", dependencies: ["LintCore", "LintParsers", "JSONSchema"]),
        .testTarget(name: "JSONPathTests", dependencies: ["TestSupport", "LintCore", "LintParsers", "JSONPath"]),
        .testTarget(name: "MigrationsTests", dependencies: ["LintCore", "Migrations"]),
        .testTarget(name: "PostgresDryRunTests", dependencies: ["LintCore", "PostgresDryRun"]),
        .testTarget(name: "WorkflowLintTests", dependencies: ["TestSupport", "LintCore", "LintParsers", "WorkflowLint"]),
        .testTarget(name: "EnvironmentLintTests", dependencies: ["TestSupport", "LintCore", "LintParsers", "EnvironmentLint"]),
        .testTarget(name: "PromptLintTests", dependencies: ["TestSupport", "LintCore", "LintParsers", "PromptLint"]),
        .testTarget(name: "FeedbackLintTests", dependencies: ["TestSupport", "LintCore", "LintParsers", "FeedbackLint"]),
        .testTarget(name: "HardeningTests", dependencies: [
            "TestSupport", "LintCore", "LintParsers", "JSONSchema", "JSONPath", "RuleEngine", "Migrations", "PostgresDryRun",
            "WorkflowLint", "EnvironmentLint", "PromptLint", "FeedbackLint", "LintConfig", "LintDriver", "Reporters", "CLibXML2",
        ]),
        .testTarget(name: "ReportersTests", dependencies: ["LintCore", "Reporters", "CLibXML2"]),
        .testTarget(name: "LintDriverTests", dependencies: [
            "TestSupport", "LintCore", "LintDriver", "LintConfig", "Reporters", "LintParsers", "RuleEngine", "PostgresDryRun", "CLibXML2",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
