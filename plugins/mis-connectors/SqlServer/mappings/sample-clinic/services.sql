-- Sample clinic MIS -> canonical services, SQL Server. A SAMPLE TO ADAPT to your MIS.
-- The completed OMS CT (A06.*) and MRI (A05.*) services of the cases whose keys are in @case_keys.
-- doctor_snils: the executor; the connector leaves it out where it is the visit's own doctor.
SELECT
  s.visit_id                                                        AS case_key,
  s.id                                                              AS service_key,
  s.service_code                                                    AS code,
  s.performed_on                                                    AS service_date,
  s.quantity                                                        AS quantity,
  REPLACE(REPLACE(d.snils, '-', ''), ' ', '')                     AS doctor_snils,
  s.department_code                                                 AS unit
FROM dbo.performed_services s
LEFT JOIN dbo.doctors d ON d.id = s.doctor_id
WHERE s.visit_id IN (@case_keys)
  AND s.payment_type = 'OMS'
  AND s.status = 'done'
  AND (s.service_code LIKE 'A05.%' OR s.service_code LIKE 'A06.%')
ORDER BY s.visit_id, s.id
