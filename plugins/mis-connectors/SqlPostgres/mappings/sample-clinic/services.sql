-- Sample clinic MIS -> canonical services, PostgreSQL. A SAMPLE TO ADAPT to your MIS.
-- The completed OMS CT (A06.*) and MRI (A05.*) services of the cases whose keys are in @case_keys.
-- doctor_snils: the executor; the connector leaves it out where it is the visit's own doctor.
select
  s.visit_id                                                        as case_key,
  s.id                                                              as service_key,
  s.service_code                                                    as code,
  s.performed_on                                                    as service_date,
  s.quantity                                                        as quantity,
  replace(replace(d.snils, '-', ''), ' ', '')                     as doctor_snils,
  s.department_code                                                 as unit
from performed_services s
left join doctors d on d.id = s.doctor_id
where s.visit_id in (@case_keys)
  and s.payment_type = 'OMS'
  and s.status = 'done'
  and (s.service_code like 'A05.%' or s.service_code like 'A06.%')
order by s.visit_id, s.id
