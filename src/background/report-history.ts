// The worker's one ReportHistory (see core/report-history): memory only, like the settled frames it judges.
import { ReportHistory } from '../core/report-history';

export const reportHistory = new ReportHistory();
