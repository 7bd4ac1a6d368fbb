CREATE TABLE `catalogue_editions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`effective_from` text NOT NULL,
	`effective_to` text,
	`has_levels` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalogue_editions_code_unique` ON `catalogue_editions` (`code`);--> statement-breakpoint
CREATE TABLE `facility_competence_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`competence` text NOT NULL,
	`valid_from` text NOT NULL,
	`decision_number` text,
	`note` text,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facility_competence_facility_from_uq` ON `facility_competence_levels` (`facility_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `import_batch_rows` (
	`batch_id` integer NOT NULL,
	`row_number` integer NOT NULL,
	`status` text NOT NULL,
	`key` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`batch_id`, `row_number`),
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_batch_rows_status_idx` ON `import_batch_rows` (`batch_id`,`status`,`row_number`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'preview' NOT NULL,
	`user_id` integer,
	`facility_id` integer,
	`province_code` text,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`file` blob,
	`options` text DEFAULT '{}' NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`applied_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_batches_user_idx` ON `import_batches` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `technique_crosswalk` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_technique_id` integer NOT NULL,
	`to_technique_id` integer NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`from_technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `technique_crosswalk_pair_uq` ON `technique_crosswalk` (`from_technique_id`,`to_technique_id`);--> statement-breakpoint
CREATE INDEX `technique_crosswalk_to_idx` ON `technique_crosswalk` (`to_technique_id`);--> statement-breakpoint
CREATE TABLE `technique_edition_entries` (
	`edition_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`edition_id`, `technique_id`),
	FOREIGN KEY (`edition_id`) REFERENCES `catalogue_editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `technique_edition_code_uq` ON `technique_edition_entries` (`edition_id`,`code`);--> statement-breakpoint
CREATE INDEX `technique_edition_technique_idx` ON `technique_edition_entries` (`technique_id`);--> statement-breakpoint
CREATE TABLE `technique_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`technique_id` integer NOT NULL,
	`level` text,
	`valid_from` text NOT NULL,
	`edition_id` integer,
	`decision_number` text,
	`note` text,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `catalogue_editions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `technique_levels_technique_from_uq` ON `technique_levels` (`technique_id`,`valid_from`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_facilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`short_name` text NOT NULL,
	`search_text` text NOT NULL,
	`kind` text NOT NULL,
	`level` text,
	`competence` text,
	`grade` text DEFAULT 'none' NOT NULL,
	`ownership` text DEFAULT 'public' NOT NULL,
	`province_code` text,
	`commune_code` text,
	`country` text DEFAULT 'VN' NOT NULL,
	`beds` integer DEFAULT 0 NOT NULL,
	`absence_limit` integer,
	`directed_by_id` integer,
	`opened_on` text,
	`closed_on` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`directed_by_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_facilities`("id", "code", "name", "name_en", "short_name", "search_text", "kind", "level", "competence", "grade", "ownership", "province_code", "commune_code", "country", "beds", "absence_limit", "directed_by_id", "opened_on", "closed_on", "active", "version", "created_at", "updated_at") SELECT "id", "code", "name", "name_en", "short_name", "search_text", "kind", "level", NULL, "grade", "ownership", "province_code", "commune_code", "country", "beds", "absence_limit", "directed_by_id", "opened_on", NULL, "active", "version", "created_at", "updated_at" FROM `facilities`;--> statement-breakpoint
DROP TABLE `facilities`;--> statement-breakpoint
ALTER TABLE `__new_facilities` RENAME TO `facilities`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `facilities_code_unique` ON `facilities` (`code`);--> statement-breakpoint
CREATE INDEX `facilities_province_idx` ON `facilities` (`province_code`,`level`);--> statement-breakpoint
CREATE INDEX `facilities_level_idx` ON `facilities` (`level`);--> statement-breakpoint
CREATE INDEX `facilities_kind_idx` ON `facilities` (`kind`);--> statement-breakpoint
CREATE INDEX `facilities_directed_by_idx` ON `facilities` (`directed_by_id`);--> statement-breakpoint
CREATE INDEX `facilities_commune_idx` ON `facilities` (`commune_code`);--> statement-breakpoint
ALTER TABLE `facility_levels` ADD `decision_number` text;--> statement-breakpoint
ALTER TABLE `techniques` ADD `kind` text DEFAULT 'listed' NOT NULL;--> statement-breakpoint
ALTER TABLE `techniques` ADD `retired_on` text;--> statement-breakpoint
ALTER TABLE `techniques` ADD `permission_decision` text;--> statement-breakpoint
ALTER TABLE `techniques` ADD `recorded_by_facility_id` integer REFERENCES facilities(id);--> statement-breakpoint
ALTER TABLE `techniques` ADD `transferring_partner` text;--> statement-breakpoint
ALTER TABLE `techniques` ADD `listed_as_id` integer REFERENCES techniques(id);--> statement-breakpoint
CREATE INDEX `techniques_kind_idx` ON `techniques` (`kind`,`recorded_by_facility_id`);
--> statement-breakpoint
-- Data: the finer facility kinds, no care level for organisations that deliver no care, and
-- the legacy levels the catalogue held as the QĐ 7603 edition's dated levels.
UPDATE `facilities` SET `kind` = CASE WHEN `level` = 'A' THEN 'central_hospital' ELSE 'provincial_hospital' END WHERE `kind` = 'hospital';
--> statement-breakpoint
UPDATE `facilities` SET `kind` = 'other_organisation' WHERE `kind` = 'foreign_partner';
--> statement-breakpoint
UPDATE `facilities` SET `level` = NULL WHERE `kind` IN ('health_department', 'other_organisation');
--> statement-breakpoint
DELETE FROM `facility_levels` WHERE `facility_id` IN (SELECT `id` FROM `facilities` WHERE `kind` IN ('health_department', 'other_organisation'));
--> statement-breakpoint
INSERT INTO `catalogue_editions` (`code`, `name`, `effective_from`, `has_levels`)
  SELECT 'qd7603', 'QĐ 7603/QĐ-BYT (Thông tư 43/2013, 21/2017)', '2018-12-25', 1 WHERE EXISTS (SELECT 1 FROM `techniques`);
--> statement-breakpoint
INSERT INTO `technique_edition_entries` (`edition_id`, `technique_id`, `code`, `name`)
  SELECT e.`id`, t.`id`, t.`code`, t.`name` FROM `techniques` t, `catalogue_editions` e WHERE e.`code` = 'qd7603';
--> statement-breakpoint
INSERT INTO `technique_levels` (`technique_id`, `level`, `valid_from`, `edition_id`)
  SELECT t.`id`, t.`min_level`, e.`effective_from`, e.`id` FROM `techniques` t, `catalogue_editions` e
  WHERE e.`code` = 'qd7603' AND t.`min_level` IS NOT NULL;
--> statement-breakpoint
-- A pair keeps the technique's level in force on its start date (technique_levels), so a level
-- change no longer follows into adoption_pairs; the chapter still does.
DROP TRIGGER IF EXISTS `adoption_pairs_follow_technique`;
--> statement-breakpoint
CREATE TRIGGER `adoption_pairs_follow_chapter` AFTER UPDATE OF `chapter_number` ON `techniques`
WHEN old.`chapter_number` IS NOT new.`chapter_number`
BEGIN
  UPDATE `adoption_pairs` SET `chapter_number` = new.`chapter_number` WHERE `technique_id` = new.`id`;
END;
