DROP INDEX `adoption_facility_technique_idx`;--> statement-breakpoint
CREATE INDEX `adoption_facility_technique_idx` ON `adoption_events` (`facility_id`,`technique_id`,`event_on`,`kind`);