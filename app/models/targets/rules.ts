// Pure rules of targets: achievement and the at-risk flag. No clock: `today` is an argument.
import { daysInclusive } from "~/models/dates";
import type { TargetIndicator } from "~/models/enums";

export const TARGET_STATUSES = ["achieved", "on_track", "at_risk", "missed", "not_started"] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** Achievement as a share of the target value: 56 of 54 = 1.037 (shown as 103.7%). */
export function achievement(value: number, targetValue: number): number {
  return targetValue > 0 ? value / targetValue : 0;
}

/** Achievement rounded to one decimal of a percent, as printed: 56 of 54 -> 103.7. */
export function achievementPercent(value: number, targetValue: number): number {
  return Math.round(achievement(value, targetValue) * 1000) / 10;
}

/**
 * Where a target stands on `today`. Achieved once the value reaches the target. Before the
 * period ends, at risk when the progress from the baseline lags the share of the period
 * elapsed by more than 10 points (a straight-line plan); missed when the period ended short.
 */
export function targetStatus(
  target: { periodStart: string; periodEnd: string; baseline: number; targetValue: number },
  value: number,
  today: string,
): TargetStatus {
  if (value >= target.targetValue) return "achieved";
  if (today > target.periodEnd) return "missed";
  if (today < target.periodStart) return "not_started";
  const elapsed = daysInclusive({ start: target.periodStart, end: today }) / daysInclusive({ start: target.periodStart, end: target.periodEnd });
  const span = target.targetValue - target.baseline;
  const progress = span > 0 ? (value - target.baseline) / span : value / target.targetValue;
  return progress + 0.1 < elapsed ? "at_risk" : "on_track";
}

/** Indicators whose value is a percentage: their baseline and target value lie within 0–100. */
export const PERCENT_INDICATORS = ["tele_resolved_locally_share"] as const satisfies readonly TargetIndicator[];

export function isPercentIndicator(indicator: string): boolean {
  return (PERCENT_INDICATORS as readonly string[]).includes(indicator);
}

/** The field of a percentage target above 100 (the target value first), or null when both fit. */
export function percentOverflow(target: { indicator: string; baseline?: number | null; targetValue: number }): "targetValue" | "baseline" | null {
  if (!isPercentIndicator(target.indicator)) return null;
  if (target.targetValue > 100) return "targetValue";
  if ((target.baseline ?? 0) > 100) return "baseline";
  return null;
}
