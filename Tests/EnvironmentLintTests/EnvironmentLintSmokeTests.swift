import Testing
@testable import EnvironmentLint
