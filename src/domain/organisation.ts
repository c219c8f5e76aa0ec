/** Reference data the organisation configures: locations, themes, people and their roles. */
import type { ReportingDutySettings } from './reporting-duty';

export const ROLES = ['employee', 'locationManager', 'manager', 'quality', 'mt', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Location {
  id: string;
  name: string;
  /** Its number in the Landelijk Register Kinderopvang, for the GGD's cover page. */
  lrk?: string;
  /** Street and town, for the letters: where the conversation with the parent is held. */
  address?: string;
}

/**
 * The parts of the letters to parents a beheerder adjusts in the organisation file, without code:
 * how the letter is signed off, and the contact lines under it (phone, e-mail, address, website).
 */
export interface LetterSettings {
  /** "Met vriendelijke groet," */
  closing: string;
  /** Lines under the signature; the first ones also say how to reach us to move an appointment. */
  contactLines: string[];
  /** How a parent moves an appointment, e.g. "bel 030 123 45 67 of mail klachten@…". */
  reschedule: string;
}

export interface Theme {
  id: string;
  name: string;
}

export interface Person {
  /** Entra ID object id. */
  id: string;
  name: string;
  email?: string;
  roles: Role[];
  /** Locations this person works at or is responsible for. */
  locationIds: string[];
  /** Named by the organisation for the meldplicht route (set by the directory from the settings). */
  reportingRoute?: boolean;
}

/**
 * What the yearly complaints report says about the organisation itself (Wet kinderopvang art.
 * 1.57b): its own words, never built-in text, so the report states nothing untrue for it.
 */
export interface ReportSettings {
  /** A short description of the complaints scheme. */
  complaintsScheme?: string;
  /** How parents were made aware of the scheme. */
  parentInformation?: string;
  /** Who the report is shared with besides the GGD (e.g. the parent committees). */
  audiences?: string[];
}

export interface Organisation {
  name: string;
  letters?: LetterSettings;
  locations: Location[];
  themes: Theme[];
  people: Person[];
  /** The meldplicht route and the vertrouwensinspecteur; absent: nobody may see a melding. */
  reportingDuty?: ReportingDutySettings;
  report?: ReportSettings;
}
