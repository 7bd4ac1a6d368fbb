-- The audit trail's hash chain (see app/models/audit/chain.server.ts) and an insert guard.
-- Events written before the chain existed are chained here, in id order, by the SQL function
-- audit_hash() that openDb registers on its connection before it migrates (this migration
-- runs only through openDb). The update trigger is lifted for that one fill and put back.
DROP TRIGGER IF EXISTS audit_events_no_update;
--> statement-breakpoint
WITH RECURSIVE chain(id, prev_hash, hash) AS (
  SELECT e.id, '0000000000000000000000000000000000000000000000000000000000000000',
         audit_hash(e.id, e.at, e.user_id, e.action, e.entity_type, e.entity_id, e.before, e.after, '0000000000000000000000000000000000000000000000000000000000000000')
  FROM audit_events e WHERE e.id = (SELECT min(id) FROM audit_events)
  UNION ALL
  SELECT e.id, c.hash,
         audit_hash(e.id, e.at, e.user_id, e.action, e.entity_type, e.entity_id, e.before, e.after, c.hash)
  FROM chain c JOIN audit_events e ON e.id = (SELECT min(id) FROM audit_events WHERE id > c.id)
)
UPDATE audit_events SET prev_hash = chain.prev_hash, hash = chain.hash FROM chain WHERE chain.id = audit_events.id;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--> statement-breakpoint
-- An insert must come after every existing event and link to the last one: INSERT OR
-- REPLACE on an existing id (which would delete without firing the delete trigger), an id
-- below the last, an automatic id (-1 in a BEFORE trigger) or a missing link is refused.
CREATE TRIGGER audit_events_append_only_insert BEFORE INSERT ON audit_events
WHEN NEW.id <= coalesce((SELECT max(id) FROM audit_events), 0)
  OR NEW.hash IS NULL
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: an event must follow and link to the last one');
END;
