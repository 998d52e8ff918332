-- Created after the bulk load of the sample.
CREATE INDEX patient_policies_patient ON dbo.patient_policies (patient_id, valid_from);
CREATE INDEX identity_documents_patient ON dbo.identity_documents (patient_id);
CREATE INDEX visits_patient ON dbo.visits (patient_id);
CREATE INDEX visits_finished ON dbo.visits (finished_date);
CREATE INDEX performed_services_visit ON dbo.performed_services (visit_id);
