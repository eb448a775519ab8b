import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point: maps every outcome to exit 0 (clean), 1 (findings) or 2
/// (usage, configuration or internal error) — never ArgumentParser's 64.
@main
enum Entry {
    static func main() {
        // `--changed=REF` names a base; a bare `--changed` uses the merge-base with main.
        let args = CommandLine.arguments.dropFirst().flatMap { arg -> [String] in
            arg.hasPrefix("--changed=") ? ["--changed", "--changed-ref", String(arg.dropFirst("--changed=".count))] : [arg]
        }
        var failure: Error? = nil
        do {
            var command = try ClubOSLint.parseAsRoot(args)
            try command.run()
        } catch {
            failure = error
        }
        // Once SIGINT or SIGTERM arrived, the cleanup handler reports and exits (2).
        SignalCleanup.yieldToHandlerIfInterrupted()
        switch failure {
        case nil:
            exit(0)
        case let code as ExitCode:
            exit(code.rawValue == 0 ? 0 : (code.rawValue == 1 ? 1 : 2))
        case let e as CLIError:
            Console.error("clubos-lint: \(e.message)")
            exit(2)
        case let error?:
            let code = ClubOSLint.exitCode(for: error)
            let message = ClubOSLint.fullMessage(for: error)
            if code == .success {
                Console.out(message + "\n")
                exit(0)
            }
            Console.error(message)
            exit(2)
        }
    }
}

struct CLIError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

enum Console {
    static func out(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let n = write(1, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    static func error(_ s: String) {
        var line = s
        if !line.hasSuffix("\n") { line += "\n" }
        line.withUTF8 { buf in
            _ = write(2, buf.baseAddress, buf.count)
        }
    }

    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func raw(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
    }
}

struct ClubOSLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clubos-lint",
        abstract: "Validates and lints ClubOS V2: feedback records, prompts, workflows, environment configs and migrations.",
        version: ToolVersion.string,
        subcommands: [CheckCommand.self, PromptsCommand.self, MigrateCommand.self, DBCommand.self, RulesCommand.self, QueryCommand.self, SchemaCommand.self, FeedbackCommand.self, BaselineCommand.self, VersionCommand.self],
        defaultSubcommand: nil
    )
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")
    func run() throws {
        Console.out("clubos-lint \(ToolVersion.string)\n")
    }
}
