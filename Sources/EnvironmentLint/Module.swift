// EnvironmentLint: checks ClubOS per-environment settings
// (`config/environments.{ts,mts,cts,js,mjs,cjs,json}`) and dotenv files
// (`.env`, `.env.example`, `.env.<environment>`).
//
// Entry points:
// - `EnvironmentChecker` (kind `.environment`): `check` reads one file by name,
//   `finish` reads `config/environments.*` and `.env.example` from disk under
//   `CheckContext.root` for the cross-file rules.
// - `EnvironmentRules.all`: the explicit rule registry (one type per rule).
// - `TSConfigParser.parse(_:)`: the TypeScript config reader (positioned `Node`
//   trees, `process.env` references, calls such as `Sentry.init`).
// - `DotenvParser.parse(_:)`: the dotenv reader.
// - `EnvironmentSettings(context:)`: `settings.environment` from .clubos-lint.yaml.
// YAML environment configs are not read yet (see the module's report).
import LintCore
