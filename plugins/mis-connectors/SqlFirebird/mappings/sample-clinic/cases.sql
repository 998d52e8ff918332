/* Sample clinic MIS (sample/schema.sql) -> canonical cases, Firebird 3. A SAMPLE TO ADAPT to your MIS.
   One row per visit that has a CT (A06.*) or MRI (A05.*) service, in the canonical columns (README.md).
   Parameters: @wm_stamp bigint and @wm_key (the type of case_key; NULL on a first pull): the watermark, return
   the rows after it in (change_stamp, case_key) order; @period_from / @period_to date (the close date).
   is_cancelled = 1 for a visit that is not (or no longer) completed with a completed OMS CT/MRI service:
   cancelled, unfinished or paid ones; the connector passes them on only once the source has been pulled before.
   change_stamp: the visit's ROW_VER, which the sample schema's triggers renew whenever another row the case is made
   of changes (its services, patient, policy, document, insurer, referral, doctor, specialty), and which also keeps
   the counts of its CT/MRI services. So the visits are read straight from the index VISITS_VER in stamp order: a
   pull with nothing new reads one index entry, and a first pull sorts nothing (every join is LEFT, so that the
   visits stay the first stream and the index gives the order). A MIS without such triggers finds the changed visits
   through every table's stamp instead (see the PostgreSQL sample's CHANGED CTE). */
SELECT
  v.id                                                            AS case_key,
  v.row_ver                                                       AS change_stamp,
  CASE WHEN v.status = 'completed' AND v.billable_services > 0 THEN 0 ELSE 1 END AS is_cancelled,
  p.id                                                            AS patient_key,
  p.card_no                                                       AS card_number,
  p.last_name                                                     AS fam,
  p.first_name                                                    AS im,
  p.middle_name                                                   AS ot,
  CASE p.gender WHEN 'M' THEN 'м' WHEN 'F' THEN 'ж' END           AS sex,
  p.birth_date                                                    AS birth_date,
  pol.series                                                      AS policy_series,
  pol.number                                                      AS policy_number,
  ins.f002_code                                                   AS smo_code,
  ins.okato                                                       AS smo_okato,
  doc.doc_type                                                    AS dul_type,
  CASE WHEN doc.doc_type = 14 AND CHAR_LENGTH(doc.series) = 4
       THEN SUBSTRING(doc.series FROM 1 FOR 2) || ' ' || SUBSTRING(doc.series FROM 3 FOR 2)
       ELSE doc.series END                                        AS dul_series,
  doc.number                                                      AS dul_number,
  doc.issue_date                                                  AS dul_date,
  doc.issued_by                                                   AS dul_issuer,
  REPLACE(REPLACE(p.snils, '-', ''), ' ', '')                     AS snils,
  p.attached_mo                                                   AS attachment_mo,
  p.social_status                                                 AS soc,
  p.city                                                          AS city,
  p.street                                                        AS street,
  p.house                                                         AS house,
  p.flat                                                          AS flat,
  p.phone                                                         AS phone,
  v.visit_date                                                    AS open_date,
  COALESCE(v.finished_date, v.visit_date)                         AS close_date,
  v.is_urgent                                                     AS urgent,
  v.purpose_code                                                  AS purpose,
  REPLACE(REPLACE(d.snils, '-', ''), ' ', '')                     AS doctor_snils,
  d.full_name                                                     AS doctor_name,
  sp.v021_code                                                    AS prvs,
  sp.v002_profile                                                 AS profile,
  v.diagnosis_code                                                AS ds1,
  v.diagnosis2_code                                               AS ds2,
  v.disease_character                                             AS c_zab,
  v.outcome_code                                                  AS ishod,
  v.result_code                                                   AS rslt,
  r.from_mo_code                                                  AS referral_mo,
  r.number                                                        AS referral_number,
  r.issue_date                                                    AS referral_date,
  r.doctor_specialty                                              AS referral_prvs
FROM visits v
LEFT JOIN patients p ON p.id = v.patient_id
LEFT JOIN doctors d ON d.id = v.doctor_id
LEFT JOIN specialties sp ON sp.id = d.specialty_id
LEFT JOIN patient_policies pol ON pol.patient_id = p.id
      AND pol.valid_from <= v.visit_date AND (pol.valid_to IS NULL OR pol.valid_to >= v.visit_date)
LEFT JOIN insurers ins ON ins.id = pol.insurer_id
LEFT JOIN identity_documents doc ON doc.patient_id = p.id AND doc.is_main = 1
LEFT JOIN referrals r ON r.id = v.referral_id
WHERE v.row_ver >= @wm_stamp AND (v.row_ver > @wm_stamp OR v.id > @wm_key)
  AND v.ct_mri_services > 0
  AND COALESCE(v.finished_date, v.visit_date) BETWEEN @period_from AND @period_to
ORDER BY v.row_ver, v.id
