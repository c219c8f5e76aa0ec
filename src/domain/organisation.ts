/** Reference data the organisation configures: locations, themes, people and their roles. */
import type { ReportingDutySettings } from './reporting-duty';

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
  /** Named by the organisation for the meldplicht route (set by the directory from the settings). */
  reportingRoute?: boolean;
}

export interface Organisation {
  name: string;
  locations: Location[];
  themes: Theme[];
  people: Person[];
  /** The meldplicht route and the vertrouwensinspecteur; absent: nobody may see a melding. */
  reportingDuty?: ReportingDutySettings;
}
