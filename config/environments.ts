// config/environments.ts
// Per-environment settings for ClubOS V2 (checked by `clubos-lint check`).
// Every variable read here is declared in .env.example.
export const config = {
  development: {
    database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev',
    claudeAutoApprove: false,
    slackNotifications: false,
    apiRateLimit: 1000
  },
  staging: {
    database: process.env.STAGING_DATABASE_URL,
    claudeAutoApprove: false,
    slackNotifications: true,
    apiRateLimit: 100,
    requireApprovals: 1
  },
  production: {
    database: process.env.PRODUCTION_DATABASE_URL,
    claudeAutoApprove: false,
    slackNotifications: true,
    apiRateLimit: 50,
    requireApprovals: 2 // Two approvals for production changes
  }
} as const;

// Monitoring: Sentry reads its DSN and environment name from the process environment.
export const monitoring = {
  sentry: {
    dsn: process.env.SENTRY_DSN,
    environment: process.env.NODE_ENV || 'development',
    tracesSampleRate: 0.1
  }
} as const;
