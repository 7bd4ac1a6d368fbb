-- Session ids are now stored as their sha-256 (app/models/auth/session.server.ts). Rows
-- written before hold the cookie's id itself: they could never match again, and a copy of the
-- database must not carry live cookies, so they go. Everyone signs in once more.
DELETE FROM sessions;
