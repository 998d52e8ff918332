-- Created after the bulk load of the sample.
create index patient_policies_patient on patient_policies (patient_id, valid_from);
create index identity_documents_patient on identity_documents (patient_id);
create index visits_patient on visits (patient_id);
create index visits_finished on visits (finished_date);
create index performed_services_visit on performed_services (visit_id);
analyze;
