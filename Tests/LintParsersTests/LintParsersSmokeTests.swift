import Testing
@testable import LintParsers

