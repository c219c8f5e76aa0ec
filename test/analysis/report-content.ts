import { loadOrganisation } from '../../src/adapters/config/organisation-file';
import { reportContentFrom } from '../../src/domain/report-content';
import { SAMPLE_ORGANISATION } from '../support/services';

/** The sample organisation's own report texts and audiences: a complete report content. */
export const REPORT_CONTENT = reportContentFrom(loadOrganisation(SAMPLE_ORGANISATION).report);
