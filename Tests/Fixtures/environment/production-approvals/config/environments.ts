// config/environments.ts
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
    requireApprovals: 1
  }
};
