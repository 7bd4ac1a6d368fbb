CREATE TABLE `adoption_pairs` (
	`facility_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	`started_on` text NOT NULL,
	`approved_on` text,
	`official_on` text,
	`suspended_on` text,
	`level_at_start` text NOT NULL,
	`min_level` text,
	`chapter_number` integer NOT NULL,
	`cross_level` integer GENERATED ALWAYS AS (coalesce(min_level < level_at_start, 0)) STORED NOT NULL,
	PRIMARY KEY(`facility_id`, `technique_id`),
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoption_pairs_facility_started_idx` ON `adoption_pairs` (`facility_id`,`cross_level`,`started_on`,`chapter_number`);--> statement-breakpoint
CREATE INDEX `adoption_pairs_facility_official_idx` ON `adoption_pairs` (`facility_id`,`cross_level`,`official_on`,`chapter_number`);--> statement-breakpoint
CREATE INDEX `adoption_pairs_chapter_started_idx` ON `adoption_pairs` (`chapter_number`,`cross_level`,`started_on`,`facility_id`);--> statement-breakpoint
CREATE INDEX `adoption_pairs_chapter_official_idx` ON `adoption_pairs` (`chapter_number`,`cross_level`,`official_on`,`facility_id`);--> statement-breakpoint
CREATE INDEX `adoption_pairs_technique_idx` ON `adoption_pairs` (`technique_id`);--> statement-breakpoint
CREATE INDEX `adoption_pairs_suspended_idx` ON `adoption_pairs` (`facility_id`,`suspended_on`,`cross_level`) WHERE suspended_on is not null;