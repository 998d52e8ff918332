/** The records of docs/api.md as the hub sends them (camelCase JSON). */

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
  editable: boolean;
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
