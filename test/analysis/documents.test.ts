import JSZip from 'jszip';
import {
  buildAnalysisCsv,
  buildAnalysisDocx,
  buildReportModel,
  barChartSvg,
  csvField,
} from '../../src/adapters/documents';
import { analyseSignals } from '../../src/domain/analysis';
import { draftAnalysis, type AnnualAnalysis } from '../../src/domain/analysis-workflow';
import { adoptedAnalysis, context } from './adopted';
import { AS_OF, SECRET_EMAIL, SECRET_NAME, SECRET_TEXT, dataset2026 } from './dataset';
import { REPORT_CONTENT } from './report-content';

/** Paragraph texts and tables (rows of cell texts) from word/document.xml. */
function readDocumentXml(xml: string) {
  const text = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...table[1]!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...(row[1] ?? row[2]!).matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => text(cell[1]!)),
    ),
  );
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => text(p[0]));
  return { tables, paragraphs, all: paragraphs.join('\n') };
}

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A table found by the bold title paragraph right before it is awkward in XML; find by header row + first label. */
function tableWith(tables: string[][][], firstLabel: string, column = 0): string[][] {
  const found = tables.find((table) => table.some((row) => row[column] === firstLabel));
  if (!found) throw new Error(`no table with a row "${firstLabel}"`);
  return found;
}

function rowOf(table: string[][], label: string): string[] {
  const row = table.find((cells) => cells[0] === label);
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

/** Minimal CSV reader (quotes, ; separator, CRLF) to read the file back the way Excel would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('the Word report', () => {
  let xml: ReturnType<typeof readDocumentXml>;
  let zip: JSZip;
  let raw: string;

  beforeAll(async () => {
    const model = buildReportModel(adoptedAnalysis(), context);
    const docx = await buildAnalysisDocx(model);
    zip = await JSZip.loadAsync(docx);
    raw = await zip.file('word/document.xml')!.async('string');
    xml = readDocumentXml(raw);
  });

  it('is a Word package with the title page, summary first and the legal sections', () => {
    expect(zip.file('[Content_Types].xml')).not.toBeNull();
    const order = [
      'Jaarverslag klachten 2026',
      'Samenvatting',
      'De klachtenregeling',
      'Hoe ouders zijn geïnformeerd',
      'Aantal en aard van de klachten',
      'Afhandeling en uitkomsten',
      'Strekking van de oordelen',
      'Acties en maatregelen',
      'Vergelijking met vorig jaar',
      'Per kindercentrum',
    ].map((heading) => xml.paragraphs.indexOf(heading));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(xml.all).toContain('Kinderopvang De Regenboog');
    expect(xml.all).toContain('Vastgesteld door het MT op');
    expect(xml.all).toContain('Marieke MT, Mohamed MT');
    // The organisation's own texts, from its settings.
    expect(xml.all).toContain(REPORT_CONTENT.complaintsScheme);
    expect(xml.all).toContain(REPORT_CONTENT.parentInformation);
    expect(xml.all).toContain('Voor de GGD, de oudercommissies en de centrale ouderraad');
  });

  it('has a GGD cover with the LRK number per location, a table of contents and page numbers', async () => {
    const cover = tableWith(xml.tables, 'Kindercentrum De Zon');
    expect(cover[0]).toEqual(['Kindercentrum', 'LRK-nummer']);
    expect(rowOf(cover, 'Kindercentrum De Zon')).toEqual(['Kindercentrum De Zon', '123456789']);
    expect(rowOf(cover, 'Kindercentrum De Maan')).toEqual(['Kindercentrum De Maan', 'niet ingesteld']);
    expect(raw).toContain('TOC \\h \\o &quot;1-2&quot;');
    expect(xml.paragraphs).toContain('Inhoud');
    const footers = Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
    const footerXml = await Promise.all(footers.map((name) => zip.file(name)!.async('string')));
    expect(footerXml.join('')).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });

  it('shows the key figures exactly, also small ones', () => {
    const key = tableWith(xml.tables, 'Klachten');
    expect(key[0]).toEqual(['Cijfer', '2026']);
    expect(rowOf(key, 'Signalen totaal')).toEqual(['Signalen totaal', '12']);
    expect(rowOf(key, 'Klachten')).toEqual(['Klachten', '9']);
    expect(rowOf(key, 'Doorlooptijd, mediaan (dagen)')[1]).toBe('42');
    expect(rowOf(key, 'Doorlooptijd, 90e percentiel (dagen)')[1]).toBe('43');
    expect(rowOf(key, 'Afgehandeld binnen 6 weken')[1]).toBe('62,5');
    // Two escalated complaints (D in time, E late): the real share, no "< 5".
    expect(rowOf(key, 'Bevestiging in dezelfde week')[1]).toBe('50,0');
    expect(rowOf(key, 'Zaken bij de Geschillencommissie Kinderopvang')[1]).toBe('2');
    expect(rowOf(key, 'Zaken bij het Klachtenloket Kinderopvang')[1]).toBe('1');
    expect(xml.all).not.toContain('< 5');
  });

  it('gives per term how many were in time and late', () => {
    const terms = xml.tables.find((table) => table[0]?.[1] === 'Beoordeeld')!;
    expect(terms[0]).toEqual(['Categorie', 'Beoordeeld', 'Op tijd', 'Te laat', 'Op tijd (%)', 'Nog lopend']);
    expect(rowOf(terms, 'Afgehandeld binnen 6 weken')).toEqual([
      'Afgehandeld binnen 6 weken',
      '8',
      '5',
      '3',
      '62,5',
      '1',
    ]);
    expect(rowOf(terms, 'Schriftelijke bevestiging in dezelfde week').slice(1)).toEqual(['2', '1', '1', '50,0', '0']);
  });

  it('gives the tenor of the judgments, old outcomes as "Niet vastgelegd"', () => {
    const tenors = tableWith(xml.tables, 'In overleg opgelost');
    expect(tenors.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['Gegrond', '2'],
      ['Deels gegrond', '2'],
      ['Ongegrond', '1'],
      ['In overleg opgelost', '1'],
      ['Niet vastgelegd', '1'],
      ['Totaal', '7'],
    ]);
    expect(raw).toContain('Staafdiagram: Strekking van de oordelen');
  });

  it('has the theme table with exact counts and zero as 0', () => {
    const themes = tableWith(xml.tables, 'Pedagogisch handelen');
    expect(themes[0]).toEqual(['Categorie', 'Aantal', 'Aandeel (%)']);
    expect(rowOf(themes, 'Communicatie')).toEqual(['Communicatie', '5', '55,6']);
    expect(rowOf(themes, 'Voeding')).toEqual(['Voeding', '2', '22,2']);
    expect(rowOf(themes, 'Pedagogisch handelen')).toEqual(['Pedagogisch handelen', '0', '0,0']);
    expect(rowOf(themes, 'Totaal')).toEqual(['Totaal', '9', '100,0']);
  });

  it('gives the number of complaints per location exactly', () => {
    const locations = xml.tables.find((table) => table[0]?.[1] === 'Signalen')!;
    expect(locations[0]![0]).toBe('Kindercentrum');
    expect(rowOf(locations, 'Kindercentrum De Zon').slice(1, 3)).toEqual(['7', '5']);
    expect(rowOf(locations, 'Kindercentrum De Maan').slice(1, 3)).toEqual(['5', '4']);
    expect(rowOf(locations, 'Totaal').slice(1, 3)).toEqual(['12', '9']);
  });

  it('has a section per location with the nature of its complaints', () => {
    expect(xml.paragraphs).toContain('Kindercentrum De Zon');
    expect(xml.paragraphs).toContain('Kindercentrum De Maan');
    // De Maan: C and H in time, D late, I still running; tenor C deels, D and H gegrond.
    const maan = xml.tables.find(
      (table) => table.some((row) => row[0] === 'Signalen naar soort') && table.some((row) => row[1] === '4'),
    )!;
    expect(rowOf(maan, 'Afgehandeld binnen 6 weken')[1]).toBe('2 / 1 (66,7)');
    expect(rowOf(maan, 'Doorlooptijd, mediaan (dagen)')[1]).toBe('42');
    expect(xml.all).not.toContain('minder dan 5');
    // One chart of complaints per location (found by its alt text) instead of one per section.
    expect(raw).toContain('Staafdiagram: Klachten per kindercentrum');
  });

  it('lists the MT measures and the comparison with last year', () => {
    const measures = tableWith(xml.tables, 'Training communicatie met ouders');
    expect(rowOf(measures, 'Training communicatie met ouders').slice(2)).toEqual([
      'woensdag 1 september 2027',
      'Gepland',
    ]);
    const comparison = xml.tables.find((table) => table[0]?.length === 3 && table[0][2] === '2025')!;
    expect(comparison[0]).toEqual(['Cijfer', '2026', '2025']);
    expect(rowOf(comparison, 'Klachten')).toEqual(['Klachten', '9', '2']);
  });

  it('embeds the bar charts as PNG images', async () => {
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    // Kinds, themes, months, outcomes, tenors, complaints per location.
    expect(media).toHaveLength(6);
    for (const name of media) {
      const bytes = await zip.file(name)!.async('uint8array');
      expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    }
    expect(raw.match(/<pic:pic/g)).toHaveLength(6);
  });

  it('carries no personal data of parents', () => {
    const everything = raw + JSON.stringify(Object.keys(zip.files));
    for (const secret of [SECRET_NAME, SECRET_TEXT, SECRET_EMAIL]) expect(everything).not.toContain(secret);
  });
});

describe("a draft without the organisation's texts, or without complaints", () => {
  const draft = (content: AnnualAnalysis['content'], signals = dataset2026()) => {
    const result = draftAnalysis(
      { figures: analyseSignals(2026, signals, AS_OF), settings: { requiredAdoptions: 2 }, content: content! },
      { id: 'kw-1', name: 'Kees Kwaliteit', roles: ['quality'] },
      AS_OF,
    );
    if (!result.ok) throw new Error(result.error);
    return result.analysis;
  };

  it('says what is missing instead of stating any built-in text', () => {
    const model = buildReportModel(draft({ audiences: [] }), context);
    expect(model.missing).toHaveLength(2);
    expect(model.scheme).toMatch(/^Nog niet ingesteld: een korte beschrijving van de klachtenregeling/);
    expect(model.informing).toMatch(/^Nog niet ingesteld: hoe ouders op de klachtenregeling zijn gewezen/);
    expect(model.summary.join(' ')).toContain('Zo kan het niet naar het MT');
    expect(model.preparedFor).toBe('Voor de GGD');
  });

  it('states that there were no written complaints, and shows "–" with "geen klachten" for shares and days', () => {
    const model = buildReportModel(draft(REPORT_CONTENT, []), context);
    expect(model.summary).toContain('In 2026 zijn geen schriftelijke klachten ontvangen.');
    const row = (label: string) => model.keyFigures.rows.find((item) => item.label === label)!.cells[0];
    expect(row('Klachten')).toBe('0');
    expect(row('Doorlooptijd, mediaan (dagen)')).toBe('– (geen klachten)');
    expect(row('Afgehandeld binnen 6 weken')).toBe('– (geen klachten)');
  });

  it('tells "no complaints" from "none settled yet"', () => {
    // Only I: a complaint still open within its term.
    const model = buildReportModel(
      draft(
        REPORT_CONTENT,
        dataset2026().filter((signal) => signal.id === 'sig-I'),
      ),
      context,
    );
    const row = (label: string) => model.keyFigures.rows.find((item) => item.label === label)!.cells[0];
    expect(row('Klachten')).toBe('1');
    expect(row('Doorlooptijd, mediaan (dagen)')).toBe('– (nog geen afgehandeld)');
    expect(row('Afgehandeld binnen 6 weken')).toBe('– (nog geen afgehandeld)');
  });
});

describe('the CSV of the figures', () => {
  it('is UTF-8 with BOM, semicolons, decimal commas and the same exact values', () => {
    const buffer = buildAnalysisCsv(buildReportModel(adoptedAnalysis(), context));
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString('utf8').slice(1);
    expect(text).not.toContain(SECRET_NAME);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Niveau', 'Onderdeel', 'Categorie', 'Kolom', 'Waarde']);
    expect(rows.every((row) => row.length === 5)).toBe(true);
    const find = (level: string, table: string, label: string, column: string) =>
      rows.find((row) => row[0] === level && row[1] === table && row[2] === label && row[3] === column)?.[4];
    expect(find('Hele organisatie', 'Klachten naar thema', 'Communicatie', 'Aandeel (%)')).toBe('55,6');
    expect(find('Hele organisatie', 'Klachten naar thema', 'Voeding', 'Aantal')).toBe('2');
    expect(find('Hele organisatie', 'Kerncijfers', 'Afgehandeld binnen 6 weken', '2026')).toBe('62,5');
    expect(find('Hele organisatie', 'Klachten per kindercentrum', 'Kindercentrum De Zon', 'Klachten')).toBe('5');
    expect(find('Kindercentrum De Zon', 'Klachten naar thema', 'Communicatie', 'Aantal')).toBe('3');
    expect(find('Hele organisatie', 'Kerncijfers, dit jaar en vorig jaar', 'Klachten', '2025')).toBe('2');
    expect(find('Hele organisatie', 'Strekking van de oordelen (afgehandelde klachten)', 'Gegrond', 'Aantal')).toBe(
      '2',
    );
    expect(text).not.toContain('< 5');
  });

  it('quotes separators and defuses formulas', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('zeg "hoi"')).toBe('"zeg ""hoi"""');
    expect(csvField('zeg "hoi";')).toBe('"zeg ""hoi"";"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-')).toBe("'-");
  });

  it('defuses every leading = + - @ tab or carriage return that is not a plain number', () => {
    expect(csvField("-1+1+cmd|' /C calc'!A0")).toBe(`'-1+1+cmd|' /C calc'!A0`);
    expect(csvField('+1-2')).toBe("'+1-2");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Plain numbers stay numbers: Excel must still sum them.
    for (const number of ['-3', '-1,5', '+2', '-12,5%', '42', '-0.25']) expect(csvField(number)).toBe(number);
  });
});

describe('charts', () => {
  it('draw no bar for a zero count and escape labels', () => {
    const svg = barChartSvg({
      title: 'A & B',
      bars: [
        { label: 'Veel', value: 10, text: '10' },
        { label: '<klein>', value: 0, text: '0' },
      ],
    });
    expect(svg).toContain('A &#38; B');
    expect(svg).toContain('&#60;klein&#62;');
    expect(svg).toMatch(/<rect x="\d+" y="\d+" width="0"/);
  });
});
