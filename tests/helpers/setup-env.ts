// Each test file runs in its own module graph, so `getDb()` opens a fresh in-memory
// database with the migrations applied for every file: route tests and model tests
// share it through getDb() and never see another file's rows.
process.env.DATABASE_PATH = ":memory:";
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-session-secret-for-vitest-only";
