/* The sample clinic MIS on Firebird 3 (dialect 3, UTF8): the schema a SQL mapping is written against (../README.md).
   Every table keeps ROW_VER, a number from the generator GEN_ROW_VER set by a trigger on every insert and update.
   A visit's ROW_VER is also its case's change stamp: the triggers at the end touch the visits a change of one of the
   case's other rows concerns (its services, patient, policies, documents, insurer, referral, doctor, specialty), and
   the visit keeps how many CT/MRI services and completed OMS ones it has — so the mapping reads a case from the
   visit's own row, in ROW_VER order, without looking at the other tables' stamps. */
CREATE SEQUENCE gen_row_ver;

CREATE TABLE organizations (          /* MOs: the clinic itself and those that refer patients (F003 codes) */
  id INTEGER NOT NULL PRIMARY KEY,
  f003_code VARCHAR(6) NOT NULL UNIQUE,
  name VARCHAR(200) NOT NULL,
  row_ver BIGINT
);

CREATE TABLE insurers (               /* insurers (SMO) with their F002 code and region OKATO */
  id INTEGER NOT NULL PRIMARY KEY,
  f002_code VARCHAR(5) NOT NULL,
  okato VARCHAR(5) NOT NULL,
  name VARCHAR(200) NOT NULL,
  row_ver BIGINT
);

CREATE TABLE specialties (            /* the clinic's specialties with their federal codes */
  id INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  v021_code INTEGER,                  /* PRVS */
  v002_profile INTEGER,               /* PROFIL */
  row_ver BIGINT
);

CREATE TABLE doctors (
  id INTEGER NOT NULL PRIMARY KEY,
  full_name VARCHAR(100) NOT NULL,
  snils VARCHAR(14),                  /* as typed: 123-456-789 01 */
  specialty_id INTEGER NOT NULL REFERENCES specialties,
  row_ver BIGINT
);

CREATE TABLE patients (
  id INTEGER NOT NULL PRIMARY KEY,
  card_no VARCHAR(20) NOT NULL,
  last_name VARCHAR(60) NOT NULL,
  first_name VARCHAR(60),
  middle_name VARCHAR(60),
  gender CHAR(1),                     /* M / F */
  birth_date DATE,
  snils VARCHAR(14),
  phone VARCHAR(20),
  city VARCHAR(60),
  street VARCHAR(100),
  house VARCHAR(10),
  flat VARCHAR(10),
  attached_mo VARCHAR(6),             /* F003 code of the attachment MO */
  social_status SMALLINT,
  row_ver BIGINT
);

CREATE TABLE patient_policies (       /* OMS policies over time */
  id INTEGER NOT NULL PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients,
  insurer_id INTEGER NOT NULL REFERENCES insurers,
  policy_kind SMALLINT NOT NULL,      /* 1 old-style, 2 temporary certificate, 3 ENP */
  series VARCHAR(10),
  number VARCHAR(20) NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE,
  row_ver BIGINT
);

CREATE TABLE identity_documents (
  id INTEGER NOT NULL PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients,
  doc_type SMALLINT NOT NULL,         /* F011: 14 passport, 3 birth certificate */
  series VARCHAR(10),                 /* a passport series without the space: 0503 */
  number VARCHAR(20),
  issue_date DATE,
  issued_by VARCHAR(200),
  is_main SMALLINT DEFAULT 1 NOT NULL,
  row_ver BIGINT
);

CREATE TABLE referrals (              /* referrals from other MOs */
  id INTEGER NOT NULL PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients,
  from_mo_code VARCHAR(6) NOT NULL,   /* F003 */
  number VARCHAR(20),
  issue_date DATE,
  doctor_specialty INTEGER,           /* V021 of the referring doctor */
  row_ver BIGINT
);

CREATE TABLE visits (                 /* appointments */
  id INTEGER NOT NULL PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients,
  doctor_id INTEGER NOT NULL REFERENCES doctors,
  referral_id INTEGER REFERENCES referrals,
  visit_date DATE NOT NULL,
  finished_date DATE,
  status VARCHAR(12) NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
  purpose_code SMALLINT,              /* regional purpose (4 diagnostics) */
  diagnosis_code VARCHAR(8),          /* MKB-10 */
  diagnosis2_code VARCHAR(8),
  disease_character SMALLINT,         /* V027 */
  outcome_code SMALLINT,              /* regional short ISHOD */
  result_code SMALLINT,               /* regional short RSLT */
  is_urgent SMALLINT DEFAULT 0 NOT NULL,
  ct_mri_services SMALLINT DEFAULT 0 NOT NULL,   /* kept by the triggers of performed_services: its CT/MRI services */
  billable_services SMALLINT DEFAULT 0 NOT NULL, /* ... and of those the completed OMS ones */
  row_ver BIGINT
);

CREATE TABLE performed_services (
  id INTEGER NOT NULL PRIMARY KEY,
  visit_id INTEGER NOT NULL REFERENCES visits,
  service_code VARCHAR(20) NOT NULL,  /* PMU, order 804n */
  quantity SMALLINT DEFAULT 1 NOT NULL,
  performed_on DATE NOT NULL,
  doctor_id INTEGER REFERENCES doctors,
  department_code SMALLINT,
  payment_type VARCHAR(4) NOT NULL CHECK (payment_type IN ('OMS', 'PAID', 'DMS')),
  status VARCHAR(10) NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
  row_ver BIGINT
);

SET TERM ^ ;
CREATE TRIGGER organizations_ver FOR organizations BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER insurers_ver FOR insurers BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER specialties_ver FOR specialties BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER doctors_ver FOR doctors BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER patients_ver FOR patients BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER patient_policies_ver FOR patient_policies BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER identity_documents_ver FOR identity_documents BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER referrals_ver FOR referrals BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER visits_ver FOR visits BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^
CREATE TRIGGER performed_services_ver FOR performed_services BEFORE INSERT OR UPDATE AS BEGIN NEW.row_ver = GEN_ID(gen_row_ver, 1); END^

/* The case's change stamp: touching a visit (any update) gives it a new ROW_VER. */
CREATE PROCEDURE count_visit_services (visit_id INTEGER) AS
BEGIN
  UPDATE visits v SET
    ct_mri_services = (SELECT COUNT(*) FROM performed_services s
                       WHERE s.visit_id = v.id AND (s.service_code LIKE 'A05.%' OR s.service_code LIKE 'A06.%')),
    billable_services = (SELECT COUNT(*) FROM performed_services s
                         WHERE s.visit_id = v.id AND (s.service_code LIKE 'A05.%' OR s.service_code LIKE 'A06.%')
                           AND s.payment_type = 'OMS' AND s.status = 'done')
  WHERE v.id = :visit_id;
END^
CREATE TRIGGER performed_services_case FOR performed_services AFTER INSERT OR UPDATE OR DELETE AS
BEGIN
  IF (NOT INSERTING) THEN EXECUTE PROCEDURE count_visit_services(OLD.visit_id);
  IF (INSERTING OR (UPDATING AND NEW.visit_id IS DISTINCT FROM OLD.visit_id)) THEN EXECUTE PROCEDURE count_visit_services(NEW.visit_id);
END^
CREATE TRIGGER patients_case FOR patients AFTER UPDATE AS
BEGIN
  UPDATE visits SET row_ver = NULL WHERE patient_id = NEW.id;
END^
CREATE TRIGGER patient_policies_case FOR patient_policies AFTER INSERT OR UPDATE OR DELETE AS
BEGIN
  IF (NOT INSERTING) THEN UPDATE visits SET row_ver = NULL WHERE patient_id = OLD.patient_id;
  IF (INSERTING OR (UPDATING AND NEW.patient_id IS DISTINCT FROM OLD.patient_id)) THEN UPDATE visits SET row_ver = NULL WHERE patient_id = NEW.patient_id;
END^
CREATE TRIGGER identity_documents_case FOR identity_documents AFTER INSERT OR UPDATE OR DELETE AS
BEGIN
  IF (NOT INSERTING) THEN UPDATE visits SET row_ver = NULL WHERE patient_id = OLD.patient_id;
  IF (INSERTING OR (UPDATING AND NEW.patient_id IS DISTINCT FROM OLD.patient_id)) THEN UPDATE visits SET row_ver = NULL WHERE patient_id = NEW.patient_id;
END^
CREATE TRIGGER insurers_case FOR insurers AFTER UPDATE AS
  DECLARE patient_id INTEGER;
BEGIN
  FOR SELECT DISTINCT patient_id FROM patient_policies WHERE insurer_id = NEW.id INTO :patient_id DO
    UPDATE visits SET row_ver = NULL WHERE patient_id = :patient_id;
END^
CREATE TRIGGER referrals_case FOR referrals AFTER UPDATE AS
BEGIN
  UPDATE visits SET row_ver = NULL WHERE referral_id = NEW.id;
END^
CREATE TRIGGER doctors_case FOR doctors AFTER UPDATE AS
BEGIN
  UPDATE visits SET row_ver = NULL WHERE doctor_id = NEW.id;
END^
CREATE TRIGGER specialties_case FOR specialties AFTER UPDATE AS
  DECLARE doctor_id INTEGER;
BEGIN
  FOR SELECT id FROM doctors WHERE specialty_id = NEW.id INTO :doctor_id DO
    UPDATE visits SET row_ver = NULL WHERE doctor_id = :doctor_id;
END^
SET TERM ; ^
