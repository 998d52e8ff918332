/* Created after the bulk load of the sample. */
CREATE INDEX patient_policies_patient ON patient_policies (patient_id, valid_from);
CREATE INDEX identity_documents_patient ON identity_documents (patient_id);
CREATE INDEX visits_finished ON visits (finished_date);
/* The change stamps, for the mapping's CHANGED CTE. */
CREATE INDEX organizations_ver ON organizations (row_ver);
CREATE INDEX insurers_ver ON insurers (row_ver);
CREATE INDEX specialties_ver ON specialties (row_ver);
CREATE INDEX doctors_ver ON doctors (row_ver);
CREATE INDEX patients_ver ON patients (row_ver);
CREATE INDEX patient_policies_ver ON patient_policies (row_ver);
CREATE INDEX identity_documents_ver ON identity_documents (row_ver);
CREATE INDEX referrals_ver ON referrals (row_ver);
CREATE INDEX visits_ver ON visits (row_ver);
CREATE INDEX performed_services_ver ON performed_services (row_ver);
