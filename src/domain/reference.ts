/** Readable, unique references: KS-<year>-<4 digits>, numbered per year. */
const REFERENCE = /^KS-(\d{4})-(\d{4,})$/;

export function formatReference(year: number, sequence: number): string {
  return `KS-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Accepts what people type: "ks-2026-42", "KS 2026 0042", "2026-42". */
export function normaliseReference(input: string): string | undefined {
  const match = /^(?:ks)?[\s-]*(\d{4})[\s-]+(\d{1,6})$/i.exec(input.trim());
  if (!match) return undefined;
  return formatReference(Number(match[1]), Number(match[2]));
}

export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}
