-- adoption_pairs is derived from the ledger (app/models/adoption/pair-summary.server.ts).
-- Fill it from the events already recorded: the same SELECT as pairSummarySql, as it reads today.
INSERT INTO adoption_pairs (facility_id, technique_id, started_on, approved_on, official_on, suspended_on, level_at_start, min_level, chapter_number)
SELECT g.facility_id, g.technique_id, g.started_on, g.approved_on,
  CASE WHEN g.approved_on IS NULL THEN NULL
    WHEN g.approved_on > g.started_on THEN g.approved_on ELSE g.started_on END,
  g.suspended_on,
  coalesce(
    (SELECT fl.level FROM facility_levels fl
      WHERE fl.facility_id = g.facility_id AND fl.valid_from <= g.started_on
      ORDER BY fl.valid_from DESC LIMIT 1),
    (SELECT fl.level FROM facility_levels fl
      WHERE fl.facility_id = g.facility_id
      ORDER BY fl.valid_from ASC LIMIT 1),
    f.level),
  t.min_level, t.chapter_number
FROM (
  SELECT e.facility_id, e.technique_id,
    min(CASE WHEN e.kind = 'started' THEN e.event_on END) AS started_on,
    min(CASE WHEN e.kind = 'approved' THEN e.event_on END) AS approved_on,
    min(CASE WHEN e.kind = 'suspended' THEN e.event_on END) AS suspended_on
  FROM adoption_events e
  GROUP BY e.facility_id, e.technique_id
) g
JOIN facilities f ON f.id = g.facility_id
JOIN techniques t ON t.id = g.technique_id
WHERE g.started_on IS NOT NULL;
--> statement-breakpoint
-- The technique's level and chapter are copies: when the catalogue import changes them, the
-- pairs follow in the same statement (cross_level is recomputed by its generated column).
CREATE TRIGGER adoption_pairs_follow_technique AFTER UPDATE OF min_level, chapter_number ON techniques
WHEN old.min_level IS NOT new.min_level OR old.chapter_number IS NOT new.chapter_number
BEGIN
  UPDATE adoption_pairs SET min_level = new.min_level, chapter_number = new.chapter_number
  WHERE technique_id = new.id;
END;
