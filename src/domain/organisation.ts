/** Reference data the organisation configures: locations, themes, people and their roles. */

export const ROLES = ['employee', 'locationManager', 'manager', 'quality', 'mt', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Location {
  id: string;
  name: string;
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
  locations: Location[];
  themes: Theme[];
  people: Person[];
}
