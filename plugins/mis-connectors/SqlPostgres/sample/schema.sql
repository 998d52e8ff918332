-- The sample clinic MIS on PostgreSQL: the schema a SQL mapping is written against (see ../README.md).
-- Every table keeps updated_at: set on insert (clock_timestamp, so rows of one load differ) and on every update.
-- A visit's updated_at is also its case's change stamp: the statement triggers at the end renew it when another row the
-- case is made of changes (its services, patient, policies, documents, insurer, referral, doctor, specialty), and the
-- visit keeps how many CT/MRI services and completed OMS ones it has — so the mapping reads a case from the visit's
-- own row, in updated_at order, without looking at the other tables' stamps.
create function touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := clock_timestamp();
  return new;
end $$;

create table organizations (          -- MOs: the clinic itself and those that refer patients (F003 codes)
  id integer primary key,
  f003_code varchar(6) not null unique,
  name text not null,
  updated_at timestamp not null default clock_timestamp()
);

create table insurers (               -- insurers (SMO) with their F002 code and region OKATO
  id integer primary key,
  f002_code varchar(5) not null,
  okato varchar(5) not null,
  name text not null,
  updated_at timestamp not null default clock_timestamp()
);

create table specialties (            -- the clinic's specialties with their federal codes
  id integer primary key,
  name text not null,
  v021_code integer,                  -- PRVS
  v002_profile integer,               -- PROFIL
  updated_at timestamp not null default clock_timestamp()
);

create table doctors (
  id integer primary key,
  full_name text not null,
  snils varchar(14),                  -- as typed: 123-456-789 01
  specialty_id integer not null references specialties,
  updated_at timestamp not null default clock_timestamp()
);

create table patients (
  id integer primary key,
  card_no varchar(20) not null,
  last_name text not null,
  first_name text,
  middle_name text,
  gender char(1),                     -- M / F
  birth_date date,
  snils varchar(14),
  phone varchar(20),
  city text,
  street text,
  house varchar(10),
  flat varchar(10),
  attached_mo varchar(6),             -- F003 code of the attachment MO
  social_status smallint,
  updated_at timestamp not null default clock_timestamp()
);

create table patient_policies (       -- OMS policies over time
  id integer primary key,
  patient_id integer not null references patients,
  insurer_id integer not null references insurers,
  policy_kind smallint not null,      -- 1 old-style, 2 temporary certificate, 3 ENP
  series varchar(10),
  number varchar(20) not null,
  valid_from date not null,
  valid_to date,
  updated_at timestamp not null default clock_timestamp()
);

create table identity_documents (
  id integer primary key,
  patient_id integer not null references patients,
  doc_type smallint not null,         -- F011: 14 passport, 3 birth certificate
  series varchar(10),                 -- a passport series without the space: 0503
  number varchar(20),
  issue_date date,
  issued_by text,
  is_main boolean not null default true,
  updated_at timestamp not null default clock_timestamp()
);

create table referrals (              -- referrals from other MOs
  id integer primary key,
  patient_id integer not null references patients,
  from_mo_code varchar(6) not null,   -- F003
  number varchar(20),
  issue_date date,
  doctor_specialty integer,           -- V021 of the referring doctor
  updated_at timestamp not null default clock_timestamp()
);

create table visits (                 -- appointments
  id integer primary key,
  patient_id integer not null references patients,
  doctor_id integer not null references doctors,
  referral_id integer references referrals,
  visit_date date not null,
  finished_date date,
  status varchar(12) not null check (status in ('scheduled', 'in_progress', 'completed', 'cancelled')),
  purpose_code smallint,              -- regional purpose (4 diagnostics)
  diagnosis_code varchar(8),          -- MKB-10
  diagnosis2_code varchar(8),
  disease_character smallint,         -- V027
  outcome_code smallint,              -- regional short ISHOD
  result_code smallint,               -- regional short RSLT
  is_urgent boolean not null default false,
  ct_mri_services smallint not null default 0,   -- kept by the triggers of performed_services: its CT/MRI services
  billable_services smallint not null default 0, -- ... and of those the completed OMS ones
  updated_at timestamp not null default clock_timestamp()
);

create table performed_services (
  id integer primary key,
  visit_id integer not null references visits,
  service_code varchar(20) not null,  -- PMU, order 804n
  quantity smallint not null default 1,
  performed_on date not null,
  doctor_id integer references doctors,
  department_code smallint,
  payment_type varchar(4) not null check (payment_type in ('OMS', 'PAID', 'DMS')),
  status varchar(10) not null check (status in ('planned', 'done', 'cancelled')),
  updated_at timestamp not null default clock_timestamp()
);

create trigger organizations_touch before update on organizations for each row execute function touch_updated_at();
create trigger insurers_touch before update on insurers for each row execute function touch_updated_at();
create trigger specialties_touch before update on specialties for each row execute function touch_updated_at();
create trigger doctors_touch before update on doctors for each row execute function touch_updated_at();
create trigger patients_touch before update on patients for each row execute function touch_updated_at();
create trigger patient_policies_touch before update on patient_policies for each row execute function touch_updated_at();
create trigger identity_documents_touch before update on identity_documents for each row execute function touch_updated_at();
create trigger referrals_touch before update on referrals for each row execute function touch_updated_at();
create trigger visits_touch before update on visits for each row execute function touch_updated_at();
create trigger performed_services_touch before update on performed_services for each row execute function touch_updated_at();

-- The case's change stamp. Each trigger gets the visits its changed rows (the transition table changed_rows; old_rows
-- too where a key may move) concern, as a query of visit ids; one statement per statement, so a bulk load pays once.
create function renew_case_stamps() returns trigger language plpgsql as $$
begin
  execute format('update visits set updated_at = clock_timestamp() where id in (%s)', tg_argv[0]);
  return null;
end $$;

create function count_visit_services() returns trigger language plpgsql as $$
begin
  execute format($q$
    update visits v set ct_mri_services = c.ct_mri, billable_services = c.billable
    from (select t.id, count(s.id) as ct_mri, count(s.id) filter (where s.payment_type = 'OMS' and s.status = 'done') as billable
          from (select distinct id from (%s) q(id)) t
          left join performed_services s on s.visit_id = t.id and (s.service_code like 'A05.%%' or s.service_code like 'A06.%%')
          group by t.id) c
    where v.id = c.id$q$, tg_argv[0]);
  return null;
end $$;

create trigger performed_services_counted_in after insert on performed_services referencing new table as changed_rows
  for each statement execute function count_visit_services('select visit_id from changed_rows');
create trigger performed_services_counted_changed after update on performed_services referencing old table as old_rows new table as changed_rows
  for each statement execute function count_visit_services('select visit_id from changed_rows union select visit_id from old_rows');
create trigger performed_services_counted_out after delete on performed_services referencing old table as changed_rows
  for each statement execute function count_visit_services('select visit_id from changed_rows');
create trigger patients_case after update on patients referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.id = v.patient_id');
create trigger patient_policies_case_in after insert on patient_policies referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.patient_id = v.patient_id');
create trigger patient_policies_case_changed after update on patient_policies referencing old table as old_rows new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join (select patient_id from changed_rows union select patient_id from old_rows) c on c.patient_id = v.patient_id');
create trigger patient_policies_case_out after delete on patient_policies referencing old table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.patient_id = v.patient_id');
create trigger identity_documents_case_in after insert on identity_documents referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.patient_id = v.patient_id');
create trigger identity_documents_case_changed after update on identity_documents referencing old table as old_rows new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join (select patient_id from changed_rows union select patient_id from old_rows) c on c.patient_id = v.patient_id');
create trigger identity_documents_case_out after delete on identity_documents referencing old table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.patient_id = v.patient_id');
create trigger insurers_case after update on insurers referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join patient_policies pol on pol.patient_id = v.patient_id join changed_rows c on c.id = pol.insurer_id');
create trigger referrals_case after update on referrals referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.id = v.referral_id');
create trigger doctors_case after update on doctors referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join changed_rows c on c.id = v.doctor_id');
create trigger specialties_case after update on specialties referencing new table as changed_rows
  for each statement execute function renew_case_stamps('select v.id from visits v join doctors d on d.id = v.doctor_id join changed_rows c on c.id = d.specialty_id');
