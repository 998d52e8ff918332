/** What the hub answers about the returns from TFOMS (docs/returns.md): FLK batches, invoice imports, MEK visits. */

/** An imported FLK protocol (D3: every import is kept as a batch). */
export interface FlkBatch {
  id: number;
  fileName: string;
  reportYear: number;
  reportMonth: number;
  /** ZAP records in the file. */
  records: number;
  /** Cases with at least one kept error. */
  cases: number;
  matched: number;
  errors: number;
  reopened: number;
  importedBy: string;
  importedAt: string;
}

/** One error row; the ids are null for a visit number the MO does not have. */
export interface FlkErrorRow {
  visitId: number | null;
  patientId: number | null;
  visitNumber: number;
  cardNumber: string;
  fam: string;
  openDate: string | null;
  closeDate: string | null;
  code: string;
  description: string;
  comment: string | null;
  visitYear: number | null;
}

export interface FlkErrorsPage {
  batch: FlkBatch | null;
  total: number;
  items: FlkErrorRow[];
  message?: string;
}

export interface FlkImportResult {
  file: string;
  batch: number;
  read: number;
  records: number;
  matched: number;
  unmatched: number;
  errors: number;
  reopened: number;
  unknown: number[];
}

export interface InvoiceImportResult {
  import: number;
  file: string;
  payer: string;
  period: string;
  register: string;
  records: number;
  mekRows: number;
  mek: number;
  smoFixed: number;
  notFound: number[];
  registerFile: string;
  registerRows: number;
}

/** A row of the invoice import history. */
export interface InvoiceRecord {
  id: number;
  fileName: string;
  payer: string;
  reportYear: number;
  reportMonth: number;
  register: string;
  markMek: boolean;
  fixSmo: boolean;
  records: number;
  mekRows: number;
  mekMarked: number;
  smoFixed: number;
  notFound: number[] | null;
  registerFile: string | null;
  registerRows: number;
  importedBy: string;
  importedAt: string;
}

export interface MekVisit {
  visitId: number;
  number: number;
  patientId: number;
  cardNumber: string;
  fam: string | null;
  openDate: string;
  closeDate: string;
  uslOk: number | null;
  ds1: string | null;
}

export interface MekList {
  month: string;
  total: number;
  items: MekVisit[];
}

export interface MekTransferResult {
  transfer: number;
  moved: number;
  from: string;
  to: string;
}

/** A produced file as the task result names it. */
export interface FileResult {
  file: string;
  rows: number;
}
