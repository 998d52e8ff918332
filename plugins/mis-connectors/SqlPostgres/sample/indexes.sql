-- Created after the bulk load of the sample.
create index patient_policies_patient on patient_policies (patient_id, valid_from);
create index identity_documents_patient on identity_documents (patient_id);
create index visits_patient on visits (patient_id);
create index visits_finished on visits (finished_date);
create index performed_services_visit on performed_services (visit_id);
-- The change stamps, for the mapping's "changed" CTE.
create index organizations_updated on organizations (updated_at);
create index insurers_updated on insurers (updated_at);
create index specialties_updated on specialties (updated_at);
create index doctors_updated on doctors (updated_at);
create index patients_updated on patients (updated_at);
create index patient_policies_updated on patient_policies (updated_at);
create index identity_documents_updated on identity_documents (updated_at);
create index referrals_updated on referrals (updated_at);
create index visits_updated on visits (updated_at);
create index performed_services_updated on performed_services (updated_at);
analyze;
