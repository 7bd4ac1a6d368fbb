CREATE TABLE `tele_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hub_facility_id` integer NOT NULL,
	`spoke_facility_id` integer NOT NULL,
	`chapter_number` integer NOT NULL,
	`agreement_id` integer,
	`start_on` text NOT NULL,
	`end_on` text,
	`note` text,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`hub_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`spoke_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tele_links_hub_spoke_chapter_uq` ON `tele_links` (`hub_facility_id`,`spoke_facility_id`,`chapter_number`);--> statement-breakpoint
CREATE INDEX `tele_links_spoke_idx` ON `tele_links` (`spoke_facility_id`);--> statement-breakpoint
CREATE INDEX `tele_links_agreement_idx` ON `tele_links` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `tele_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`facility_id` integer NOT NULL,
	`side` text NOT NULL,
	`staff_id` integer,
	`name` text,
	`credit_entry_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `tele_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_entry_id`) REFERENCES `credit_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tele_participants_session_idx` ON `tele_participants` (`session_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tele_participants_staff_uq` ON `tele_participants` (`session_id`,`staff_id`);--> statement-breakpoint
CREATE INDEX `tele_participants_facility_idx` ON `tele_participants` (`facility_id`,`side`);--> statement-breakpoint
CREATE TABLE `tele_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hub_facility_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`chapter_number` integer,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`hub_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tele_series_hub_idx` ON `tele_series` (`hub_facility_id`,`start_on`);--> statement-breakpoint
CREATE TABLE `tele_series_spokes` (
	`series_id` integer NOT NULL,
	`spoke_facility_id` integer NOT NULL,
	PRIMARY KEY(`series_id`, `spoke_facility_id`),
	FOREIGN KEY (`series_id`) REFERENCES `tele_series`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`spoke_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tele_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`hub_facility_id` integer NOT NULL,
	`spoke_facility_id` integer,
	`series_id` integer,
	`held_on` text NOT NULL,
	`start_time` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`chapter_number` integer,
	`technique_id` integer,
	`transfer_item_id` integer,
	`title` text NOT NULL,
	`outcome` text,
	`notes` text,
	`idempotency_key` text,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`hub_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`spoke_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `tele_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tele_sessions_idempotency_key_unique` ON `tele_sessions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `tele_sessions_hub_idx` ON `tele_sessions` (`hub_facility_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `tele_sessions_spoke_idx` ON `tele_sessions` (`spoke_facility_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `tele_sessions_held_idx` ON `tele_sessions` (`held_on`,`kind`);--> statement-breakpoint
CREATE INDEX `tele_sessions_item_idx` ON `tele_sessions` (`transfer_item_id`);--> statement-breakpoint
CREATE INDEX `tele_sessions_series_idx` ON `tele_sessions` (`series_id`);