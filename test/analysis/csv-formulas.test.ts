/**
 * The analysis CSV carries user data (theme and location names from the organisation's settings)
 * into Excel. Any field Excel would start evaluating — a leading =, +, -, @, tab or carriage return —
 * is defused with a leading apostrophe; numbers (also negative ones and decimal commas) stay numbers.
 * Checked per character on the field and through a whole CSV whose theme names are formulas.
 */
import { buildAnalysisCsv, buildReportModel, csvField } from '../../src/adapters/documents';
import { analyseSignals } from '../../src/domain/analysis';
import { draftAnalysis } from '../../src/domain/analysis-workflow';
import { REPORT_CONTENT } from './report-content';
import { AS_OF, LOCATIONS, THEMES, dataset2026 } from './dataset';

describe('CSV fields Excel would evaluate', () => {
  it.each([
    ['=', '=SUM(A1:A9)'],
    ['+', '+31 6 12345678'],
    ['+', '+HYPERLINK("http://x")'],
    ['-', "-2+3+cmd|' /C calc'!A0"],
    ['@', "@SUM(1+1)*cmd|' /C calc'!A0"],
    ['tab', '\t=1+1'],
  ])('a leading %s is defused: %s', (_char, value) => {
    const field = csvField(value);
    expect(field.replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(field.replace(/^"|"$/g, '').replace(/""/g, '"')).toBe(`'${value}`);
  });

  it('a leading carriage return is defused and quoted', () => {
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it.each(['12', '-12', '-3,5', '0,0', '< 5', 'x', 'Communicatie', 'a=b', 'e-mail', 'info@example.nl', '1+1'])(
    'leaves %s as it is',
    (value) => {
      expect(csvField(value)).toBe(value);
    },
  );

  it('defuses formulas in theme names throughout the file', () => {
    const FORMULAS: Record<string, string> = {
      communicatie: '=1+1',
      voeding: '+1+1',
      veiligheid: '-1+1',
      pedagogisch: '@SUM(1)',
    };
    const themes = THEMES.map((theme) => ({ ...theme, name: FORMULAS[theme.id] ?? theme.name }));
    const figures = analyseSignals(2026, dataset2026(), AS_OF);
    const draft = draftAnalysis(
      { figures, settings: { requiredAdoptions: 2 }, content: REPORT_CONTENT },
      { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] },
      AS_OF,
    );
    if (!draft.ok) throw new Error(draft.error);
    const text = buildAnalysisCsv(
      buildReportModel(draft.analysis, { organisationName: 'De Regenboog', locations: LOCATIONS, themes }),
    ).toString('utf8');
    const fields = text
      .slice(1)
      .split('\r\n')
      .flatMap((line) => line.split(';'));
    for (const formula of Object.values(FORMULAS)) {
      expect(fields).toContain(`'${formula}`);
      expect(fields).not.toContain(formula);
    }
    expect(fields.filter((field) => /^[=+@\t]/.test(field))).toEqual([]);
  });
});
