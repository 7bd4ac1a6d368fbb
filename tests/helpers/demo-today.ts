/** The day the unit tests' demo template is seeded on (`createDemoDb()`). */
export const DEMO_TODAY = "2026-03-15";
