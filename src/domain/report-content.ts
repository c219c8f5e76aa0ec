/**
 * The organisation's own content of the yearly complaints report, kept with the analysis like its
 * figures: what the MT adopts is what the GGD gets. A report that lacks the organisation's
 * description of its scheme or of how parents were informed cannot go to the MT: the law asks
 * both, and no built-in text may stand in for them.
 */
import type { ReportSettings } from './organisation';

export const REQUIRED_REPORT_SETTINGS = ['complaintsScheme', 'parentInformation'] as const;
export type RequiredReportSetting = (typeof REQUIRED_REPORT_SETTINGS)[number];

export interface ReportContent {
  complaintsScheme?: string;
  parentInformation?: string;
  /** Who the report is shared with besides the GGD; empty when none is set. */
  audiences: string[];
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The settings as the report holds them: blank texts count as missing. */
export function reportContentFrom(settings: ReportSettings | undefined): ReportContent {
  const complaintsScheme = text(settings?.complaintsScheme);
  const parentInformation = text(settings?.parentInformation);
  return {
    ...(complaintsScheme ? { complaintsScheme } : {}),
    ...(parentInformation ? { parentInformation } : {}),
    audiences: (settings?.audiences ?? []).map((audience) => audience.trim()).filter((audience) => audience !== ''),
  };
}

/** The required settings the content lacks, in a fixed order; empty when complete. */
export function missingReportSettings(content: ReportContent | undefined): RequiredReportSetting[] {
  return REQUIRED_REPORT_SETTINGS.filter((key) => !text(content?.[key]));
}
