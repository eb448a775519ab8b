// The embedded copy of rules/action-runtimes.yaml, used when the repository
// has no such file. A test keeps it identical to the file.
enum EmbeddedActionRuntimes {
    static let text = #"""
    # Runtimes of well-known JavaScript actions, by major version.
    # Read by the workflow checker (rules workflow/action-runtime and
    # workflow/action-node20). node12 and node16 majors no longer run on
    # GitHub-hosted runners; node20 majors are forced onto node24 from the date
    # below. `removed-below: N` means majors lower than N are rejected by GitHub
    # since `removed-on`.
    node20-forced-to-node24-on: "2026-06-02"
    actions:
      actions/checkout:
        majors: {1: node12, 2: node12, 3: node16, 4: node20, 5: node24, 6: node24}
      actions/setup-node:
        majors: {1: node12, 2: node12, 3: node16, 4: node20, 5: node24, 6: node24}
      actions/setup-python:
        majors: {1: node12, 2: node12, 3: node16, 4: node16, 5: node20, 6: node24}
      actions/cache:
        majors: {1: node12, 2: node12, 3: node16, 4: node20, 5: node24}
      actions/upload-artifact:
        majors: {1: node12, 2: node12, 3: node16, 4: node20, 5: node24, 6: node24}
        removed-below: 4
        removed-on: "2025-01-30"
      actions/download-artifact:
        majors: {1: node12, 2: node12, 3: node16, 4: node20, 5: node20, 6: node24, 7: node24}
        removed-below: 4
        removed-on: "2025-01-30"
      actions/github-script:
        majors: {1: node12, 2: node12, 3: node12, 4: node12, 5: node12, 6: node16, 7: node20, 8: node24}
      github/codeql-action/init:
        majors: {1: node12, 2: node16, 3: node20, 4: node24}
      github/codeql-action/analyze:
        majors: {1: node12, 2: node16, 3: node20, 4: node24}
      github/codeql-action/upload-sarif:
        majors: {1: node12, 2: node16, 3: node20, 4: node24}
      github/codeql-action/autobuild:
        majors: {1: node12, 2: node16, 3: node20, 4: node24}
    """#
}
