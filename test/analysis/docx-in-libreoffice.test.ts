/**
 * The yearly analysis's Word file opened in Word-compatible software: LibreOffice converts it to
 * PDF (as it would to show it), and the PDF holds the text, the tables' figures and the charts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAnalysisDocx, buildReportModel } from '../../src/adapters/documents';
import { describeWithOffice } from '../support/office';
import { adoptedAnalysis, context } from './adopted';

describeWithOffice('the .docx in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'klantsignaal-docx-'));
  let text: string;
  let pages: number;
  let images: string[];

  beforeAll(async () => {
    const docx = join(dir, 'jaarverslag-klachten-2026.docx');
    writeFileSync(docx, await buildAnalysisDocx(buildReportModel(adoptedAnalysis(), context)));
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        docx,
      ],
      { stdio: 'ignore', timeout: 90_000 },
    );
    const pdf = join(dir, 'jaarverslag-klachten-2026.pdf');
    text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      // Columns: page num type width height …; a soft mask (transparency) is its own row.
      .filter((line) => line.trim().split(/\s+/)[2] === 'image');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens as a multi-page report with the summary, the sections and every location', () => {
    expect(pages).toBeGreaterThanOrEqual(5);
    for (const heading of ['Jaarverslag klachten 2026', 'Samenvatting', 'Per kindercentrum', 'Acties en maatregelen']) {
      expect(text).toContain(heading);
    }
    for (const location of context.locations) expect(text).toContain(location.name);
  });

  it('has the GGD cover with the LRK numbers, a table of contents and page numbers', () => {
    expect(text).toMatch(/Kindercentrum De Zon\s+123456789/);
    expect(text).toMatch(/Kindercentrum De Maan\s+niet ingesteld/);
    expect(text).toMatch(/Inhoud\s+Samenvatting\.{3,}/);
    expect(text).toMatch(/Strekking van de oordelen\.{3,}/);
    expect(text).toContain(`Jaarverslag klachten 2026 · Pagina 2 van ${pages}`);
    expect(text).toContain(`Pagina ${pages} van ${pages}`);
  });

  it('shows the tenor of the judgments and no suppressed counts', () => {
    expect(text).toMatch(/Gegrond\s+2\s+28,6/);
    expect(text).toMatch(/Niet vastgelegd\s+1\s+14,3/);
    expect(text).not.toContain('< 5');
  });

  it('shows the figures of the tables as computed by hand', () => {
    expect(text).toMatch(/Signalen totaal\s+12/);
    expect(text).toMatch(/Doorlooptijd, mediaan \(dagen\)\s+42/);
    expect(text).toMatch(/Afgehandeld binnen 6 weken\s+62,5/);
    expect(text).toMatch(/Communicatie\s+5\s+55,6/);
  });

  it('renders the charts as pictures in the page', () => {
    // Kinds, themes, months, outcomes, tenors, complaints per location.
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const line of images) {
      const [, , , width, height] = line.trim().split(/\s+/);
      expect(Number(width)).toBeGreaterThan(200);
      expect(Number(height)).toBeGreaterThan(100);
    }
  });
});
