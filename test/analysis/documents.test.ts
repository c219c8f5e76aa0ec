import JSZip from 'jszip';
import {
  buildAnalysisCsv,
  buildAnalysisDocx,
  buildReportModel,
  barChartSvg,
  csvField,
} from '../../src/adapters/documents';
import { adoptedAnalysis, context } from './adopted';
import { SECRET_EMAIL, SECRET_NAME, SECRET_TEXT } from './dataset';

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
      'Aard van de klachten',
      'Afhandeling en uitkomsten',
      'Acties en maatregelen',
      'Vergelijking met vorig jaar',
      'Per kindercentrum',
    ].map((heading) => xml.paragraphs.indexOf(heading));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(xml.all).toContain('Kinderopvang De Regenboog');
    expect(xml.all).toContain('Vastgesteld door het MT op');
    expect(xml.all).toContain('Marieke MT, Mohamed MT');
    expect(xml.all).toContain('Klachtenloket Kinderopvang');
  });

  it('shows the key figures, suppressing small bases', () => {
    const key = tableWith(xml.tables, 'Klachten');
    expect(key[0]).toEqual(['Cijfer', '2026']);
    expect(rowOf(key, 'Signalen totaal')).toEqual(['Signalen totaal', '12']);
    expect(rowOf(key, 'Klachten')).toEqual(['Klachten', '9']);
    expect(rowOf(key, 'Doorlooptijd, mediaan (dagen)')[1]).toBe('42');
    expect(rowOf(key, 'Doorlooptijd, 90e percentiel (dagen)')[1]).toBe('119');
    expect(rowOf(key, 'Afgehandeld binnen 6 weken')[1]).toBe('50,0');
    // Two escalated complaints: too few for a percentage.
    expect(rowOf(key, 'Bevestiging in dezelfde week')[1]).toBe('< 5');
    expect(rowOf(key, 'Zaken bij de Geschillencommissie Kinderopvang')[1]).toBe('< 5');
  });

  it('has the theme table with small counts as "< 5" and zero as 0', () => {
    const themes = tableWith(xml.tables, 'Pedagogisch handelen');
    expect(themes[0]).toEqual(['Categorie', 'Aantal', 'Aandeel (%)']);
    expect(rowOf(themes, 'Communicatie')).toEqual(['Communicatie', '5', '55,6']);
    expect(rowOf(themes, 'Voeding')).toEqual(['Voeding', '< 5', '< 5']);
    expect(rowOf(themes, 'Pedagogisch handelen')).toEqual(['Pedagogisch handelen', '0', '0,0']);
    expect(rowOf(themes, 'Totaal')).toEqual(['Totaal', '9', '100,0']);
  });

  it('hides a second location count so the small one cannot be worked out', () => {
    const locations = tableWith(xml.tables, 'Kindercentrum De Maan');
    expect(locations[0]![0]).toBe('Kindercentrum');
    expect(rowOf(locations, 'Kindercentrum De Zon').slice(1, 3)).toEqual(['7', 'x']);
    expect(rowOf(locations, 'Kindercentrum De Maan').slice(1, 3)).toEqual(['5', '< 5']);
    expect(rowOf(locations, 'Totaal').slice(1, 3)).toEqual(['12', '9']);
  });

  it('has a section per location; a location with few complaints shows only its kinds', () => {
    expect(xml.paragraphs).toContain('Kindercentrum De Zon');
    expect(xml.all).toMatch(/Kindercentrum De Maan[\s\S]*minder dan 5 klachten/);
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
    expect(rowOf(comparison, 'Klachten')).toEqual(['Klachten', '9', '< 5']);
  });

  it('embeds the bar charts as PNG images', async () => {
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    // Kinds, themes, months, outcomes, complaints per location.
    expect(media).toHaveLength(5);
    for (const name of media) {
      const bytes = await zip.file(name)!.async('uint8array');
      expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    }
    expect(raw.match(/<pic:pic/g)).toHaveLength(5);
  });

  it('carries no personal data of parents', () => {
    const everything = raw + JSON.stringify(Object.keys(zip.files));
    for (const secret of [SECRET_NAME, SECRET_TEXT, SECRET_EMAIL]) expect(everything).not.toContain(secret);
  });
});

describe('the CSV of the figures', () => {
  it('is UTF-8 with BOM, semicolons, decimal commas and the same suppressed values', () => {
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
    expect(find('Hele organisatie', 'Klachten naar thema', 'Voeding', 'Aantal')).toBe('< 5');
    expect(find('Hele organisatie', 'Kerncijfers', 'Afgehandeld binnen 6 weken', '2026')).toBe('50,0');
    expect(find('Hele organisatie', 'Klachten per kindercentrum', 'Kindercentrum De Zon', 'Klachten')).toBe('x');
    expect(find('Kindercentrum De Zon', 'Klachten naar thema', 'Communicatie', 'Aantal')).toBe('< 5');
    expect(find('Hele organisatie', 'Kerncijfers, dit jaar en vorig jaar', 'Klachten', '2025')).toBe('< 5');
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
  it('draw no bar for a suppressed count and escape labels', () => {
    const svg = barChartSvg({
      title: 'A & B',
      bars: [
        { label: 'Veel', value: 10, text: '10' },
        { label: '<klein>', value: 0, text: '< 5' },
      ],
    });
    expect(svg).toContain('A &#38; B');
    expect(svg).toContain('&#60;klein&#62;');
    expect(svg).toMatch(/<rect x="\d+" y="\d+" width="0"/);
  });
});
