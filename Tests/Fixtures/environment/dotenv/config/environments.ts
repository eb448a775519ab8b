export const config = {
  development: { database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev', bookingGpt: process.env.BOOKING_GPT_ID },
  staging: { database: process.env.STAGING_DATABASE_URL, bookingGpt: process.env.BOOKING_GPT_ID },
  production: { database: process.env.PRODUCTION_DATABASE_URL, bookingGpt: process.env.BOOKING_ACCESS_GPT_ID },
};
