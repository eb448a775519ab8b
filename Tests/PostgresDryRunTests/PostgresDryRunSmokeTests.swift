import Testing
@testable import PostgresDryRun
