-- mis_values keeps only the non-null fields the MIS sent (docs/sync.md, "Local corrections and conflicts"): a synced
-- field missing from it was empty in the MIS. The correction flag read a missing field as "not sent" and so missed a
-- field the MIS left empty and the clinic filled in, which the visit's "Источник" tab does show as corrected.

-- Every visit field a sync writes (VisitColumns.Stored; a test keeps the two lists equal), each empty.
create function visit_synced_blank() returns jsonb language sql immutable as $$
    select jsonb_build_object(
        'open_date', null, 'close_date', null, 'report_year', null, 'report_month', null, 'mek', null,
        'for_pom', null, 'first_visit', null, 'ist_fin', null, 'purpose', null, 'usl_ok', null, 'doc_spec', null,
        'doc_code', null, 'ds1', null, 'char1', null, 'ds2', null, 'char2', null, 'ishod', null, 'rslt', null,
        'travma_type', null, 'finality', null, 'visit_pol', null, 'visit_home', null, 'pol_days', null,
        'home_days', null, 'visit_daystac', null, 'visit_homstac', null, 'days_at_daystac', null,
        'days_at_homstac', null, 'npr_date', null, 'npr_mo', null, 'npr_spec', null, 'npr_number', null,
        'hosp_mo', null, 'hosp_number', null, 'hosp_urgent', null, 'policy_type', null, 'policy_series', null,
        'policy_number', null, 'smo', null, 'smo_okato', null, 'd_type', null, 'prof_k', null, 'ksg', null,
        'ksk', null, 'sh', null)
$$;

create or replace function visit_track_corrections() returns trigger language plpgsql as $$
begin
    new.corrected_fields := jsonb_populate_record(new, visit_synced_blank() || (new.mis_values - '__services')) is distinct from new;
    if new.mis_values -> '__services' is distinct from old.mis_values -> '__services' then
        new.corrected_services := visit_services_key(new.id) is distinct from new.mis_values ->> '__services';
    end if;
    return new;
end
$$;

-- The flags of the visits synced so far: the row trigger recomputes them on the way. It fires only when a listed
-- column is set (0013), which the flags themselves are not; mis_values is.
update visit set mis_values = mis_values where mis_values is not null;
