-- Created after the bulk load of the sample.
create index patient_policies_patient on patient_policies (patient_id, valid_from);
create index identity_documents_patient on identity_documents (patient_id);
create index visits_patient on visits (patient_id);
create index visits_finished on visits (finished_date);
create index performed_services_visit on performed_services (visit_id);
-- The change stamp of a case is its visit's (schema.sql): a pull reads the visits after the watermark in this order.
create index visits_updated on visits (updated_at, id);
analyze;
