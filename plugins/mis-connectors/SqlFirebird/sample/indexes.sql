/* Created after the bulk load of the sample. */
CREATE INDEX patient_policies_patient ON patient_policies (patient_id, valid_from);
CREATE INDEX identity_documents_patient ON identity_documents (patient_id);
CREATE INDEX visits_finished ON visits (finished_date);
