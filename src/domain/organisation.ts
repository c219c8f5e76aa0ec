/** Reference data the organisation configures: locations, themes, people and their roles. */

export const ROLES = ['employee', 'locationManager', 'manager', 'quality', 'mt', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Location {
  id: string;
  name: string;
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
}

export interface Organisation {
  name: string;
  letters?: LetterSettings;
  locations: Location[];
  themes: Theme[];
  people: Person[];
}
