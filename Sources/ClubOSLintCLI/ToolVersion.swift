enum ToolVersion {
    static let number = "0.1.0"
    /// `git describe` of the source the binary was built from. scripts/release.sh
    /// stamps it for the release build (and restores this file afterwards).
    static let gitDescribe = "unreleased"

    static var string: String { gitDescribe == "unreleased" ? number : "\(number) (\(gitDescribe))" }
}
