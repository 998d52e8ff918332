-- Created after the bulk load of the sample.
CREATE INDEX patient_policies_patient ON dbo.patient_policies (patient_id, valid_from);
CREATE INDEX identity_documents_patient ON dbo.identity_documents (patient_id);
CREATE INDEX visits_patient ON dbo.visits (patient_id);
CREATE INDEX visits_finished ON dbo.visits (finished_date);
CREATE INDEX performed_services_visit ON dbo.performed_services (visit_id);
-- The change stamps, for the mapping's "changed" CTE.
CREATE INDEX organizations_ver ON dbo.organizations (row_ver);
CREATE INDEX insurers_ver ON dbo.insurers (row_ver);
CREATE INDEX specialties_ver ON dbo.specialties (row_ver);
CREATE INDEX doctors_ver ON dbo.doctors (row_ver);
CREATE INDEX patients_ver ON dbo.patients (row_ver);
CREATE INDEX patient_policies_ver ON dbo.patient_policies (row_ver);
CREATE INDEX identity_documents_ver ON dbo.identity_documents (row_ver);
CREATE INDEX referrals_ver ON dbo.referrals (row_ver);
CREATE INDEX visits_ver ON dbo.visits (row_ver);
CREATE INDEX performed_services_ver ON dbo.performed_services (row_ver);
