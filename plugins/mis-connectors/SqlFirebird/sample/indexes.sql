/* Created after the bulk load of the sample. */
CREATE INDEX patient_policies_patient ON patient_policies (patient_id, valid_from);
CREATE INDEX identity_documents_patient ON identity_documents (patient_id);
CREATE INDEX visits_finished ON visits (finished_date);
/* The change stamp of a case is its visit's (schema.sql): a pull reads the visits after the watermark in this order. */
CREATE INDEX visits_ver ON visits (row_ver, id);
