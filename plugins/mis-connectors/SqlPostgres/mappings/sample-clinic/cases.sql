-- Sample clinic MIS (sample/schema.sql) -> canonical cases, PostgreSQL. A SAMPLE TO ADAPT to your MIS.
-- One row per visit that has a CT (A06.*) or MRI (A05.*) service, in the canonical columns (README.md).
-- Parameters: @wm_stamp bigint and @wm_key (the type of case_key; NULL on a first pull): the watermark, return
-- the rows after it in (change_stamp, case_key) order; @period_from / @period_to date (the close date).
-- is_cancelled = 1 for a visit that is not (or no longer) completed with a completed OMS CT/MRI service:
-- cancelled, unfinished or paid ones; the connector passes them on only once the source has been pulled before.
-- change_stamp: the visit's updated_at (as microseconds since 1970), which the sample schema's triggers renew whenever
-- another row the case is made of changes (its services, patient, policy, document, insurer, referral, doctor,
-- specialty); the visit also keeps the counts of its CT/MRI services. So the visits are read in the order of the index
-- visits_updated, each joined to its rows by key: a pull with nothing new reads one index entry, and a first pull
-- sorts nothing, its first rows coming at once. A MIS without such triggers must find the changed visits through every
-- table's stamp instead (a union over each table's updated_at index) and sort them.
select
  v.id                                                            as case_key,
  (extract(epoch from v.updated_at) * 1000000)::bigint            as change_stamp,
  case when v.status = 'completed' and v.billable_services > 0 then 0 else 1 end as is_cancelled,
  p.id                                                            as patient_key,
  p.card_no                                                       as card_number,
  p.last_name                                                     as fam,
  p.first_name                                                    as im,
  p.middle_name                                                   as ot,
  case p.gender when 'M' then 'м' when 'F' then 'ж' end           as sex,
  p.birth_date                                                    as birth_date,
  pol.series                                                      as policy_series,
  pol.number                                                      as policy_number,
  ins.f002_code                                                   as smo_code,
  ins.okato                                                       as smo_okato,
  doc.doc_type                                                    as dul_type,
  case when doc.doc_type = 14 and length(doc.series) = 4
       then substr(doc.series, 1, 2) || ' ' || substr(doc.series, 3, 2)
       else doc.series end                                        as dul_series,
  doc.number                                                      as dul_number,
  doc.issue_date                                                  as dul_date,
  doc.issued_by                                                   as dul_issuer,
  replace(replace(p.snils, '-', ''), ' ', '')                     as snils,
  p.attached_mo                                                   as attachment_mo,
  p.social_status                                                 as soc,
  p.city                                                          as city,
  p.street                                                        as street,
  p.house                                                         as house,
  p.flat                                                          as flat,
  p.phone                                                         as phone,
  v.visit_date                                                    as open_date,
  coalesce(v.finished_date, v.visit_date)                         as close_date,
  v.is_urgent                                                     as urgent,
  v.purpose_code                                                  as purpose,
  replace(replace(d.snils, '-', ''), ' ', '')                     as doctor_snils,
  d.full_name                                                     as doctor_name,
  sp.v021_code                                                    as prvs,
  sp.v002_profile                                                 as profile,
  v.diagnosis_code                                                as ds1,
  v.diagnosis2_code                                               as ds2,
  v.disease_character                                             as c_zab,
  v.outcome_code                                                  as ishod,
  v.result_code                                                   as rslt,
  r.from_mo_code                                                  as referral_mo,
  r.number                                                        as referral_number,
  r.issue_date                                                    as referral_date,
  r.doctor_specialty                                              as referral_prvs
from visits v
join patients p on p.id = v.patient_id
join doctors d on d.id = v.doctor_id
join specialties sp on sp.id = d.specialty_id
left join patient_policies pol on pol.patient_id = p.id
      and pol.valid_from <= v.visit_date and (pol.valid_to is null or pol.valid_to >= v.visit_date)
left join insurers ins on ins.id = pol.insurer_id
left join identity_documents doc on doc.patient_id = p.id and doc.is_main
left join referrals r on r.id = v.referral_id
-- The watermark as (updated_at, id), the index's order, which is (change_stamp, case_key) order (the stamps are
-- updated_at's own microseconds): without a key, every row of a later stamp.
where (v.updated_at, v.id) > (case when @wm_stamp < 0 then timestamp '-infinity'
                                   else timestamp '1970-01-01' + @wm_stamp * interval '1 microsecond' end,
                              coalesce(@wm_key, 2147483647))
  and v.ct_mri_services > 0
  and (v.finished_date between @period_from and @period_to
       or v.finished_date is null and v.visit_date between @period_from and @period_to)
order by v.updated_at, v.id
