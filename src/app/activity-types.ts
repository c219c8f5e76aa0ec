/**
 * The Teams activity feed types Klantsignaal sends, one row per type: the template parameters its
 * notices fill. manifest/manifest.json declares the same types (activities.activityTypes) with a
 * templateText that uses exactly these `{parameters}`; `npm run package` checks that, and the Graph
 * stand-in (test/support/graph-server.ts) refuses a notice that does not match its declaration.
 */
export const ACTIVITY_TYPES = {
  /** A reminder of a signal's deadline (or a measure's) that has not passed yet. */
  deadlineApproaching: ['reference'],
  /** A reminder of a signal's deadline (or a measure's) that has passed. */
  deadlineMissed: ['reference'],
  /** A reminder of the yearly analysis: the GGD deadline, or a measure decided with it. */
  analysisReminder: ['year'],
  /** Staf kwaliteit's weekly overview. */
  weeklyDigest: ['week'],
  /** Staf kwaliteit hears that a colleague cannot be reached in Teams. */
  colleagueUnreachable: ['name'],
} as const satisfies Record<string, readonly string[]>;

export type ActivityTypeName = keyof typeof ACTIVITY_TYPES;

/** One activity: its declared type and a value for every template parameter of that type. */
export type FeedActivity = {
  [Type in ActivityTypeName]: {
    type: Type;
    parameters: Record<(typeof ACTIVITY_TYPES)[Type][number], string>;
  };
}[ActivityTypeName];

/** The `{name}` parameters a manifest templateText uses, in order of appearance. */
export function templateParametersOf(templateText: string): string[] {
  return [...templateText.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string);
}
