import Foundation
@_exported import TestSupport

/// Fixture bytes under Tests/Fixtures/hardening.
func hardeningFixture(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/hardening").appendingPathComponent(relative)))
}
