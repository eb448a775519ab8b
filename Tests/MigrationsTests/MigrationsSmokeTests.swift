import Testing
@testable import Migrations

