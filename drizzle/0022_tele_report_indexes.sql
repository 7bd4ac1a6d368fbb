DROP INDEX `tele_sessions_hub_idx`;--> statement-breakpoint
DROP INDEX `tele_sessions_spoke_idx`;--> statement-breakpoint
CREATE INDEX `tele_sessions_hub_report_idx` ON `tele_sessions` (`hub_facility_id`,`held_on`,`kind`,`outcome`,`spoke_facility_id`,`chapter_number`,`duration_minutes`);--> statement-breakpoint
CREATE INDEX `tele_sessions_spoke_report_idx` ON `tele_sessions` (`spoke_facility_id`,`held_on`,`kind`,`outcome`,`hub_facility_id`,`chapter_number`,`duration_minutes`);