-- The sample clinic MIS on SQL Server: the schema a SQL mapping is written against (see ../README.md).
-- Every table keeps row_ver, a rowversion the server bumps on every insert and update.
CREATE TABLE dbo.organizations (      -- MOs: the clinic itself and those that refer patients (F003 codes)
  id int NOT NULL PRIMARY KEY,
  f003_code varchar(6) NOT NULL UNIQUE,
  name nvarchar(200) NOT NULL,
  row_ver rowversion
);

CREATE TABLE dbo.insurers (           -- insurers (SMO) with their F002 code and region OKATO
  id int NOT NULL PRIMARY KEY,
  f002_code varchar(5) NOT NULL,
  okato varchar(5) NOT NULL,
  name nvarchar(200) NOT NULL,
  row_ver rowversion
);

CREATE TABLE dbo.specialties (        -- the clinic's specialties with their federal codes
  id int NOT NULL PRIMARY KEY,
  name nvarchar(100) NOT NULL,
  v021_code int NULL,                 -- PRVS
  v002_profile int NULL,              -- PROFIL
  row_ver rowversion
);

CREATE TABLE dbo.doctors (
  id int NOT NULL PRIMARY KEY,
  full_name nvarchar(100) NOT NULL,
  snils varchar(14) NULL,             -- as typed: 123-456-789 01
  specialty_id int NOT NULL REFERENCES dbo.specialties (id),
  row_ver rowversion
);

CREATE TABLE dbo.patients (
  id int NOT NULL PRIMARY KEY,
  card_no varchar(20) NOT NULL,
  last_name nvarchar(60) NOT NULL,
  first_name nvarchar(60) NULL,
  middle_name nvarchar(60) NULL,
  gender char(1) NULL,                -- M / F
  birth_date date NULL,
  snils varchar(14) NULL,
  phone varchar(20) NULL,
  city nvarchar(60) NULL,
  street nvarchar(100) NULL,
  house nvarchar(10) NULL,
  flat nvarchar(10) NULL,
  attached_mo varchar(6) NULL,        -- F003 code of the attachment MO
  social_status smallint NULL,
  row_ver rowversion
);

CREATE TABLE dbo.patient_policies (   -- OMS policies over time
  id int NOT NULL PRIMARY KEY,
  patient_id int NOT NULL REFERENCES dbo.patients (id),
  insurer_id int NOT NULL REFERENCES dbo.insurers (id),
  policy_kind smallint NOT NULL,      -- 1 old-style, 2 temporary certificate, 3 ENP
  series nvarchar(10) NULL,
  number varchar(20) NOT NULL,
  valid_from date NOT NULL,
  valid_to date NULL,
  row_ver rowversion
);

CREATE TABLE dbo.identity_documents (
  id int NOT NULL PRIMARY KEY,
  patient_id int NOT NULL REFERENCES dbo.patients (id),
  doc_type smallint NOT NULL,         -- F011: 14 passport, 3 birth certificate
  series nvarchar(10) NULL,           -- a passport series without the space: 0503
  number nvarchar(20) NULL,
  issue_date date NULL,
  issued_by nvarchar(200) NULL,
  is_main bit NOT NULL DEFAULT 1,
  row_ver rowversion
);

CREATE TABLE dbo.referrals (          -- referrals from other MOs
  id int NOT NULL PRIMARY KEY,
  patient_id int NOT NULL REFERENCES dbo.patients (id),
  from_mo_code varchar(6) NOT NULL,   -- F003
  number nvarchar(20) NULL,
  issue_date date NULL,
  doctor_specialty int NULL,          -- V021 of the referring doctor
  row_ver rowversion
);

CREATE TABLE dbo.visits (             -- appointments
  id int NOT NULL PRIMARY KEY,
  patient_id int NOT NULL REFERENCES dbo.patients (id),
  doctor_id int NOT NULL REFERENCES dbo.doctors (id),
  referral_id int NULL REFERENCES dbo.referrals (id),
  visit_date date NOT NULL,
  finished_date date NULL,
  status varchar(12) NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
  purpose_code smallint NULL,         -- regional purpose (4 diagnostics)
  diagnosis_code varchar(8) NULL,     -- MKB-10
  diagnosis2_code varchar(8) NULL,
  disease_character smallint NULL,    -- V027
  outcome_code smallint NULL,         -- regional short ISHOD
  result_code smallint NULL,          -- regional short RSLT
  is_urgent bit NOT NULL DEFAULT 0,
  row_ver rowversion
);

CREATE TABLE dbo.performed_services (
  id int NOT NULL PRIMARY KEY,
  visit_id int NOT NULL REFERENCES dbo.visits (id),
  service_code varchar(20) NOT NULL,  -- PMU, order 804n
  quantity smallint NOT NULL DEFAULT 1,
  performed_on date NOT NULL,
  doctor_id int NULL REFERENCES dbo.doctors (id),
  department_code smallint NULL,
  payment_type varchar(4) NOT NULL CHECK (payment_type IN ('OMS', 'PAID', 'DMS')),
  status varchar(10) NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
  row_ver rowversion
);
