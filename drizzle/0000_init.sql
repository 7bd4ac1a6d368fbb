CREATE TABLE `adoption_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	`kind` text NOT NULL,
	`event_on` text NOT NULL,
	`source` text,
	`agreement_id` integer,
	`transfer_item_id` integer,
	`decision_number` text,
	`list_request_id` integer,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_request_id`) REFERENCES `technique_list_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `adoption_facility_technique_idx` ON `adoption_events` (`facility_id`,`technique_id`,`event_on`);--> statement-breakpoint
CREATE INDEX `adoption_technique_idx` ON `adoption_events` (`technique_id`);--> statement-breakpoint
CREATE INDEX `adoption_kind_date_idx` ON `adoption_events` (`kind`,`event_on`,`facility_id`);--> statement-breakpoint
CREATE INDEX `adoption_agreement_idx` ON `adoption_events` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `adoption_transfer_item_idx` ON `adoption_events` (`transfer_item_id`);--> statement-breakpoint
CREATE INDEX `adoption_request_idx` ON `adoption_events` (`list_request_id`);--> statement-breakpoint
CREATE TABLE `agreement_chapters` (
	`agreement_id` integer NOT NULL,
	`chapter_number` integer NOT NULL,
	PRIMARY KEY(`agreement_id`, `chapter_number`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_chapters_chapter_idx` ON `agreement_chapters` (`chapter_number`);--> statement-breakpoint
CREATE TABLE `agreement_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`meeting_id` integer,
	`title` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_path` text NOT NULL,
	`uploaded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `agreement_meetings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_agreement_idx` ON `agreement_documents` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `documents_meeting_idx` ON `agreement_documents` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `agreement_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`title` text NOT NULL,
	`held_on` text NOT NULL,
	`host_facility_id` integer,
	`participants` text,
	`decisions` text,
	`minutes_number` text,
	`minutes_signed_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`host_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_agreement_idx` ON `agreement_meetings` (`agreement_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `meetings_host_idx` ON `agreement_meetings` (`host_facility_id`);--> statement-breakpoint
CREATE TABLE `agreement_parties` (
	`agreement_id` integer NOT NULL,
	`facility_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`agreement_id`, `facility_id`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_parties_facility_idx` ON `agreement_parties` (`facility_id`,`role`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`title` text NOT NULL,
	`search_text` text NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`signed_on` text,
	`start_on` text NOT NULL,
	`end_on` text,
	`min_rotation_months` integer DEFAULT 3 NOT NULL,
	`notes` text,
	`owner_facility_id` integer NOT NULL,
	`predecessor_id` integer,
	`terminated_on` text,
	`termination_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`owner_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`predecessor_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreements_status_end_idx` ON `agreements` (`status`,`end_on`);--> statement-breakpoint
CREATE INDEX `agreements_type_idx` ON `agreements` (`type`);--> statement-breakpoint
CREATE INDEX `agreements_owner_idx` ON `agreements` (`owner_facility_id`);--> statement-breakpoint
CREATE INDEX `agreements_predecessor_idx` ON `agreements` (`predecessor_id`);--> statement-breakpoint
CREATE INDEX `agreements_start_idx` ON `agreements` (`start_on`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`enrolment_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`present` integer NOT NULL,
	PRIMARY KEY(`enrolment_id`, `session_id`),
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `course_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendance_session_idx` ON `attendance` (`session_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_user_idx` ON `audit_events` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `case_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_item_id` integer NOT NULL,
	`performed_on` text NOT NULL,
	`performer_id` integer,
	`performer_name` text,
	`supervisor_id` integer,
	`supervisor_name` text,
	`outcome` text NOT NULL,
	`supervised` integer DEFAULT true NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`performer_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_logs_item_idx` ON `case_logs` (`transfer_item_id`,`performed_on`);--> statement-breakpoint
CREATE INDEX `case_logs_performer_idx` ON `case_logs` (`performer_id`);--> statement-breakpoint
CREATE TABLE `chapters` (
	`number` integer PRIMARY KEY NOT NULL,
	`roman` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `communes` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`full_name` text NOT NULL,
	`full_name_en` text NOT NULL,
	`province_code` text NOT NULL,
	`unit_type` text NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `communes_province_idx` ON `communes` (`province_code`);--> statement-breakpoint
CREATE TABLE `course_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`topic` text NOT NULL,
	`trainer_id` integer,
	`periods` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`trainer_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_sessions_course_idx` ON `course_sessions` (`course_id`,`held_on`);--> statement-breakpoint
CREATE INDEX `course_sessions_trainer_idx` ON `course_sessions` (`trainer_id`);--> statement-breakpoint
CREATE TABLE `course_techniques` (
	`course_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	PRIMARY KEY(`course_id`, `technique_id`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_techniques_technique_idx` ON `course_techniques` (`technique_id`);--> statement-breakpoint
CREATE TABLE `course_trainers` (
	`course_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	PRIMARY KEY(`course_id`, `staff_id`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `course_trainers_staff_idx` ON `course_trainers` (`staff_id`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`search_text` text NOT NULL,
	`chapter_number` integer,
	`host_facility_id` integer NOT NULL,
	`agreement_id` integer,
	`mode` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`capacity` integer NOT NULL,
	`credit_hours` real DEFAULT 0 NOT NULL,
	`min_attendance` real DEFAULT 0.8 NOT NULL,
	`pass_score` real,
	`location` text,
	`description` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `courses_host_idx` ON `courses` (`host_facility_id`,`start_on`);--> statement-breakpoint
CREATE INDEX `courses_chapter_idx` ON `courses` (`chapter_number`);--> statement-breakpoint
CREATE INDEX `courses_dates_idx` ON `courses` (`start_on`,`end_on`);--> statement-breakpoint
CREATE INDEX `courses_agreement_idx` ON `courses` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `courses_status_idx` ON `courses` (`status`);--> statement-breakpoint
CREATE TABLE `credit_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`kind` text NOT NULL,
	`activity_on` text NOT NULL,
	`hours` real NOT NULL,
	`title` text NOT NULL,
	`evidence` text,
	`enrolment_id` integer,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_entries_enrolment_id_unique` ON `credit_entries` (`enrolment_id`);--> statement-breakpoint
CREATE INDEX `credit_entries_staff_idx` ON `credit_entries` (`staff_id`,`activity_on`);--> statement-breakpoint
CREATE TABLE `enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`waitlist_position` integer,
	`requested_by` integer,
	`requested_at` text NOT NULL,
	`score` real,
	`certificate_number` text,
	`completed_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_certificate_number_unique` ON `enrolments` (`certificate_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `enrolments_course_staff_uq` ON `enrolments` (`course_id`,`staff_id`);--> statement-breakpoint
CREATE INDEX `enrolments_course_status_idx` ON `enrolments` (`course_id`,`status`,`waitlist_position`);--> statement-breakpoint
CREATE INDEX `enrolments_staff_idx` ON `enrolments` (`staff_id`,`status`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`short_name` text NOT NULL,
	`search_text` text NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`grade` text DEFAULT 'none' NOT NULL,
	`ownership` text DEFAULT 'public' NOT NULL,
	`province_code` text,
	`commune_code` text,
	`country` text DEFAULT 'VN' NOT NULL,
	`beds` integer DEFAULT 0 NOT NULL,
	`absence_limit` integer,
	`directed_by_id` integer,
	`opened_on` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`directed_by_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facilities_code_unique` ON `facilities` (`code`);--> statement-breakpoint
CREATE INDEX `facilities_province_idx` ON `facilities` (`province_code`,`level`);--> statement-breakpoint
CREATE INDEX `facilities_level_idx` ON `facilities` (`level`);--> statement-breakpoint
CREATE INDEX `facilities_kind_idx` ON `facilities` (`kind`);--> statement-breakpoint
CREATE INDEX `facilities_directed_by_idx` ON `facilities` (`directed_by_id`);--> statement-breakpoint
CREATE INDEX `facilities_commune_idx` ON `facilities` (`commune_code`);--> statement-breakpoint
CREATE TABLE `facility_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`level` text NOT NULL,
	`valid_from` text NOT NULL,
	`note` text,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facility_levels_facility_from_uq` ON `facility_levels` (`facility_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`ip` text NOT NULL,
	`at` text NOT NULL,
	`success` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_username_idx` ON `login_attempts` (`username`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`full_name` text NOT NULL,
	`full_name_en` text NOT NULL,
	`unit_type` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_codes_user_idx` ON `recovery_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `role_policies` (
	`role` text PRIMARY KEY NOT NULL,
	`require_totp` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rotation_items` (
	`rotation_id` integer NOT NULL,
	`transfer_item_id` integer NOT NULL,
	PRIMARY KEY(`rotation_id`, `transfer_item_id`),
	FOREIGN KEY (`rotation_id`) REFERENCES `rotations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotation_items_item_idx` ON `rotation_items` (`transfer_item_id`);--> statement-breakpoint
CREATE TABLE `rotations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`from_facility_id` integer NOT NULL,
	`to_facility_id` integer NOT NULL,
	`agreement_id` integer,
	`purpose` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`short_term` integer DEFAULT false NOT NULL,
	`short_term_reason` text,
	`limit_override_reason` text,
	`cancel_reason` text,
	`report_cases` integer,
	`report_notes` text,
	`reported_at` text,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rotations_staff_idx` ON `rotations` (`staff_id`,`start_on`);--> statement-breakpoint
CREATE INDEX `rotations_from_idx` ON `rotations` (`from_facility_id`,`start_on`);--> statement-breakpoint
CREATE INDEX `rotations_to_idx` ON `rotations` (`to_facility_id`,`start_on`);--> statement-breakpoint
CREATE INDEX `rotations_agreement_idx` ON `rotations` (`agreement_id`);--> statement-breakpoint
CREATE INDEX `rotations_dates_idx` ON `rotations` (`start_on`,`end_on`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`verified` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`search_text` text NOT NULL,
	`cadre` text NOT NULL,
	`chapter_number` integer,
	`title` text,
	`licence_number` text,
	`email` text,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_facility_idx` ON `staff` (`facility_id`,`cadre`);--> statement-breakpoint
CREATE INDEX `staff_chapter_idx` ON `staff` (`chapter_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_licence_uq` ON `staff` (`licence_number`);--> statement-breakpoint
CREATE TABLE `staff_techniques` (
	`staff_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	`since` text,
	`transfer_item_id` integer,
	PRIMARY KEY(`staff_id`, `technique_id`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_techniques_technique_idx` ON `staff_techniques` (`technique_id`);--> statement-breakpoint
CREATE TABLE `target_measurements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`measured_on` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `target_measurements_target_idx` ON `target_measurements` (`target_id`,`measured_on`);--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`indicator` text NOT NULL,
	`province_code` text,
	`facility_id` integer,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`baseline` real DEFAULT 0 NOT NULL,
	`target_value` real NOT NULL,
	`unit` text,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `targets_province_idx` ON `targets` (`province_code`,`period_end`);--> statement-breakpoint
CREATE INDEX `targets_facility_idx` ON `targets` (`facility_id`);--> statement-breakpoint
CREATE TABLE `technique_billing_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`technique_id` integer NOT NULL,
	`code` text NOT NULL,
	`technique_name` text NOT NULL,
	`price_item` text,
	`price_name` text,
	`price_vnd` integer,
	`link_code` text,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `technique_billing_codes_code_unique` ON `technique_billing_codes` (`code`);--> statement-breakpoint
CREATE INDEX `billing_codes_technique_idx` ON `technique_billing_codes` (`technique_id`);--> statement-breakpoint
CREATE TABLE `technique_list_request_items` (
	`request_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	`started_on` text,
	PRIMARY KEY(`request_id`, `technique_id`),
	FOREIGN KEY (`request_id`) REFERENCES `technique_list_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `list_request_items_technique_idx` ON `technique_list_request_items` (`technique_id`);--> statement-breakpoint
CREATE TABLE `technique_list_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`submitted_by` integer,
	`submitted_at` text,
	`decided_by` integer,
	`decided_at` text,
	`decision_number` text,
	`decision_on` text,
	`comment` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `list_requests_facility_idx` ON `technique_list_requests` (`facility_id`,`status`);--> statement-breakpoint
CREATE TABLE `techniques` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`chapter_number` integer NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`search_text` text NOT NULL,
	`min_level` text,
	`procedure_class` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`chapter_number`) REFERENCES `chapters`(`number`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `techniques_code_unique` ON `techniques` (`code`);--> statement-breakpoint
CREATE INDEX `techniques_chapter_idx` ON `techniques` (`chapter_number`,`number`);--> statement-breakpoint
CREATE INDEX `techniques_min_level_idx` ON `techniques` (`min_level`);--> statement-breakpoint
CREATE INDEX `techniques_class_idx` ON `techniques` (`procedure_class`);--> statement-breakpoint
CREATE TABLE `transfer_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` integer NOT NULL,
	`technique_id` integer NOT NULL,
	`from_facility_id` integer NOT NULL,
	`to_facility_id` integer NOT NULL,
	`phase` integer DEFAULT 1 NOT NULL,
	`priority` integer DEFAULT 1 NOT NULL,
	`target_date` text,
	`required_cases` integer DEFAULT 0 NOT NULL,
	`stage` text DEFAULT 'planned' NOT NULL,
	`accepted_on` text,
	`acceptance_minutes` text,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`technique_id`) REFERENCES `techniques`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_items_agreement_technique_to_uq` ON `transfer_items` (`agreement_id`,`technique_id`,`to_facility_id`);--> statement-breakpoint
CREATE INDEX `transfer_items_agreement_phase_idx` ON `transfer_items` (`agreement_id`,`phase`,`priority`);--> statement-breakpoint
CREATE INDEX `transfer_items_to_idx` ON `transfer_items` (`to_facility_id`,`stage`);--> statement-breakpoint
CREATE INDEX `transfer_items_from_idx` ON `transfer_items` (`from_facility_id`,`stage`);--> statement-breakpoint
CREATE INDEX `transfer_items_technique_idx` ON `transfer_items` (`technique_id`);--> statement-breakpoint
CREATE INDEX `transfer_items_stage_target_idx` ON `transfer_items` (`stage`,`target_date`);--> statement-breakpoint
CREATE TABLE `transfer_stage_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transfer_item_id` integer NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`moved_on` text NOT NULL,
	`moved_by` integer,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`transfer_item_id`) REFERENCES `transfer_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`moved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stage_events_item_idx` ON `transfer_stage_events` (`transfer_item_id`,`moved_on`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`email` text,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`facility_id` integer,
	`province_code` text,
	`active` integer DEFAULT true NOT NULL,
	`totp_secret` text,
	`totp_enabled` integer DEFAULT false NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`locale` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_facility_idx` ON `users` (`facility_id`);--> statement-breakpoint
CREATE INDEX `users_province_idx` ON `users` (`province_code`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);