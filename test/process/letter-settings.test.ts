/**
 * A beheerder adjusts the letters in the organisation file, without code (issue 23): the
 * organisation's name, the closing line, the contact lines and how a parent moves an appointment
 * come from there; the file is validated when it is read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrganisation, OrganisationFileError } from '../../src/adapters/config/organisation-file';
import { draftLetter } from '../../src/app/letters';
import { DEFAULT_DEADLINE_SETTINGS } from '../../src/domain/deadlines';
import { applyMove } from '../../src/domain/process';
import { registerSignal } from '../../src/domain/register';
import type { Signal } from '../../src/domain/signal';
import { PEOPLE, SAMPLE_ORGANISATION } from '../support/services';

const manager = { id: PEOPLE.manager.id, name: PEOPLE.manager.name };

function plannedComplaint(): Signal {
  let signal = registerSignal(
    {
      id: 'sig-letters',
      reference: 'KS-2026-0200',
      input: {
        kind: 'complaint',
        locationId: 'vlinder',
        themeId: 'billing',
        channel: 'email',
        receivedOn: '2026-11-30',
        parentName: 'Jan Jansen',
        parentEmail: 'jan@voorbeeld.nl',
        parentPhone: '',
        contactPreference: 'phone',
        description: 'Factuur klopt niet.',
        parentWish: '',
      },
      by: { id: PEOPLE.employee.id, name: PEOPLE.employee.name },
      at: new Date('2026-11-30T09:00:00Z'),
    },
    DEFAULT_DEADLINE_SETTINGS,
  );
  for (const [command, at] of [
    [{ name: 'escalateToOrganisation' as const, input: { manager } }, '2026-11-30T10:00:00Z'],
    [{ name: 'conversationPlanned' as const, input: { plannedFor: '2026-12-03T14:30:00Z' } }, '2026-11-30T11:00:00Z'],
  ] as const) {
    const result = applyMove(signal, command, { actor: manager, at: new Date(at), eventId: `e-${at}` });
    if (!result.ok) throw new Error(result.error);
    signal = result.signal;
  }
  return signal;
}

describe('letter settings in the organisation file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ks-org-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const withLetters = (letters: unknown): string => {
    const file = path.join(dir, `org-${Math.random().toString(36).slice(2)}.json`);
    const sample = JSON.parse(readFileSync(SAMPLE_ORGANISATION, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...sample, name: 'Kinderopvang Zonnestraal', letters }));
    return file;
  };

  it('puts the name, closing, contact lines and how to move the appointment into the letter', () => {
    const organisation = loadOrganisation(
      withLetters({
        closing: 'Hartelijke groet,',
        contactLines: ['Klachtenlijn 010 765 43 21', 'klachten@zonnestraal.example'],
        reschedule: 'bel dan de klachtenlijn',
      }),
    );
    const letter = draftLetter(
      plannedComplaint(),
      'confirmation',
      manager,
      organisation,
      new Date('2026-11-30T12:00:00Z'),
    );
    expect(letter.body).toContain('Hartelijke groet,\n\nAdele Vance\nManager primair proces\nKinderopvang Zonnestraal');
    expect(letter.body).toContain('Klachtenlijn 010 765 43 21\nklachten@zonnestraal.example');
    expect(letter.body).toContain('Komt dit moment u niet goed uit? Bel dan de klachtenlijn, dan zoeken wij');
    // A phone call: the date and time in full, who calls, no address.
    expect(letter.body).toContain('telefonisch met u bespreken op donderdag 3 december 2026 om 15:30 uur.');
    expect(letter.body).toContain('Wij bellen u dan op het telefoonnummer dat bij ons bekend is.');
    expect(letter.body).toContain('Uw klacht gaat over het thema facturatie.');
    expect(letter.body).toContain('uiterlijk maandag 11 januari 2027 ons schriftelijke oordeel');
  });

  it('refuses letter settings without contact lines, naming the field', () => {
    expect(() => loadOrganisation(withLetters({ closing: 'Groet,', contactLines: [], reschedule: 'bel ons' }))).toThrow(
      OrganisationFileError,
    );
    expect(() => loadOrganisation(withLetters({ closing: 'Groet,', contactLines: [], reschedule: 'bel ons' }))).toThrow(
      /letters\.contactLines/,
    );
  });
});
