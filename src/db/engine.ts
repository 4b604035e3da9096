// The two database engines the forum runs on with one code path: SQLite by default, PostgreSQL when DATABASE_URL is set.

export type Engine = 'sqlite' | 'postgres';
