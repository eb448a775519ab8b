// EnvironmentLint module: checks ClubOS per-environment settings
// (`config/environments.{ts,js,mjs,json}`) and dotenv files (`.env*`).
import LintCore
