/** The records of docs/api.md as the hub sends them (camelCase JSON). */

/** GET /api/visits/counts: a report month's visits by stage (they add up to total), by status, and flagged by a sync. */
export interface VisitCounts {
  year: number;
  month: number;
  total: number;
  open: number;
  closed: number;
  conflict: number;
  new: number;
  corrected: number;
  manual: number;
  problem: number;
  flk: number;
  mek: number;
  ready: number;
  sent: number;
  /** When the month's latest check or pack ran; null if never. */
  checkedAt: string | null;
}

export interface VisitListItem {
  id: number;
  number: number;
  status: number;
  mek: boolean;
  reportYear: number;
  reportMonth: number;
  patientId: number;
  cardNumber: string;
  fio: string;
  openDate: string;
  closeDate: string;
  purpose: number | null;
  ds1: string | null;
  docSpec: number | null;
  docCode: number | null;
  doctor: string | null;
  nprMo: string | null;
  smo: string | null;
  source: string | null;
  /** Fields the MIS changed after a local correction (the "Источник" tab resolves them). */
  conflicts: number;
  /** Why a sync flagged the visit ("Отменён в МИС после отправки в ТФОМС"). */
  reviewReason: string | null;
}

export type VisitFields = Record<string, string | number | boolean | null>;

export interface VisitPatient {
  id: number;
  cardNumber: string;
  fam: string | null;
  im: string | null;
  ot: string | null;
  birthDate: string | null;
  dost: string | null;
  dulSeries: string | null;
  dulNumber: string | null;
  moAtt: string | null;
  policySeries: string | null;
  policyNumber: string | null;
  smo: string | null;
  smoOkato: string | null;
}

export interface VisitRecord {
  id: number;
  number: number;
  version: number;
  status: number;
  patient: VisitPatient;
  fields: VisitFields;
  source: string | null;
  reviewReason: string | null;
  editable: boolean;
}

/** GET /api/visits/{id}/source: what the MIS sent beside what the hub holds, column by column. */
export interface FieldConflict {
  mis: string | null;
  local: string | null;
}

export interface SourceField {
  field: string;
  mis: string | null;
  local: string | null;
  corrected: boolean;
  conflict: FieldConflict | null;
}

export interface VisitSource {
  source: string | null;
  sourceKey: string | null;
  reviewReason: string | null;
  fields: SourceField[];
  conflicts: Record<string, FieldConflict>;
}

export interface VisitServiceRow {
  id: number;
  code: string;
  ccode: number | null;
  name: string | null;
  quantity: number;
  serviceDate: string;
  execSpec: number;
  execDoc: number;
  execPodr: number;
  tariff: number | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  operation: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

export type PatientFields = Record<string, string | number | null>;

export interface PatientRecord {
  id: number;
  version: number;
  fields: PatientFields;
  source: string | null;
  visitCount: number;
}

export interface PatientListItem {
  id: number;
  cardNumber: string;
  fio: string;
  birthDate: string | null;
  policyNumber: string | null;
}

export interface TemplateRecord {
  id: number;
  fields: VisitFields;
}

export const VisitStatus = { Deleted: 0, Open: 1, Closed: 2 } as const;

export const statusNames: Record<number, string> = { 0: 'удалён', 1: 'открыт', 2: 'закрыт' };

/** The task answer of workflows.md §1.1 (imports, packs): the message is blue when done, red otherwise. */
export interface TaskEnvelope<R = unknown> {
  file: string;
  message: string;
  done: boolean;
  result?: R | null;
}

/** An MIS source (docs/sync.md); the connection string comes masked. */
export interface SourceRecord {
  id: number;
  name: string;
  connector: string;
  connection: string;
  schedule: string | null;
  settings: Record<string, string>;
  enabled: boolean;
  fromConfiguration: boolean;
}

export interface SyncRun {
  id: number;
  sourceId: number;
  trigger: string;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'partial' | 'failed' | string;
  read: number;
  new: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  skipped: number;
  failed: number;
  error: string | null;
}

export interface RunWithProblems {
  run: SyncRun;
  problems: { sourceKey: string; message: string }[];
}

/** One row of GET /api/sources. */
export interface SourceInfo {
  source: SourceRecord;
  plugin: { status: 'loaded' | 'broken' | 'incompatible' | 'missing' | string; version: string | null; error: string | null };
  running: boolean;
  lastRun: SyncRun | null;
}

/** A pack run of the history (GET /api/packs). */
export interface PackRecord {
  id: number;
  month: string;
  number: number;
  checkOnly: boolean;
  markSent: boolean;
  freshOnly: boolean;
  regionFormat: string | null;
  file: string | null;
  fileSize: number | null;
  signed?: boolean;
  records: number;
  persons: number;
  excluded: number;
  markedSent: number;
  createdBy: string;
  createdAt: string;
}

export interface PackProblem {
  visitId: number;
  number: number;
  patientId: number;
  cardNumber: string;
  code: string | null;
  field: string | null;
  message: string;
}

export interface PackResult {
  packId: number;
  month: string;
  number: number;
  checkOnly: boolean;
  file: string | null;
  records: number;
  persons: number;
  excluded: number;
  markedSent: number;
  problems: PackProblem[];
}

/** GET /api/mo. */
export interface MoProfile {
  code: string;
  shortCode: string;
  name: string;
  region: string;
  okato: string;
  regionFormat: string | null;
  lpu1: string | null;
  plat: string | null;
  settings: Record<string, unknown>;
}

export interface UserRow {
  id: number;
  login: string;
  role: string;
  active: boolean;
  external: boolean;
}
