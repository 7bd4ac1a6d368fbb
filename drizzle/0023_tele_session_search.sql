ALTER TABLE `tele_sessions` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The sessions already recorded: fold_search is the search folding (foldSearch), registered on every connection before migrating.
UPDATE `tele_sessions` SET `search_text` = fold_search(`title`);
