-- A bulk status transition (a pack marked sent, an FLK protocol's reopening, a sync's new visits) of 100 000 visits
-- still paid, per visit, for things that a status change does not need (measured on a 100 000-visit month, backend
-- CPU: marking sent 2.1–2.8 s, the pack's visit list 1.6 s, the audit lines 0.9 s). Three changes of the model:

-- 1. A status change becomes a heap-only (HOT) update: the new row version stays on its page and no index gets a new
-- entry (five before). That needs (a) no index to depend on status — PostgreSQL counts the columns of a partial
-- index's predicate as indexed — so the month index and the MEK index lose status from their predicates (the queries
-- keep their own "status > 0" / "status = 1" filters; deleted visits are few), and (b) room on the page for the new
-- version: a bulk transition rewrites every visit of a month, i.e. every row of its pages, so pages are filled to half.
-- A table whose months are marked sent, reopened and resent reaches that size anyway (the dead versions' room is
-- reused); the fill factor only puts the room where the next version needs it. Existing pages keep their fill until
-- they are rewritten; new visits get it. Marking 100 000 visits sent: 2.1 s → 0.8 s.
drop index visit_month_number;
create index visit_month_number on visit (mo_id, report_year, report_month, number);
drop index visit_mek;
create index visit_mek on visit (mo_id, report_year, report_month, number) where mek;
alter table visit set (fillfactor = 50);

-- 2. A pack's visit list checked its pack and each visit by a foreign key: a query per row that also locks the visit
-- row (a WAL record and a dirty page per visit, before the same transaction marks it sent): 1.1 s of the list's 1.6 s.
-- The rows are history written by one statement, in the transaction that inserts the pack, from the ids of the visits
-- that transaction has just read; packs and visits are never deleted (a visit is deleted by its status). Same trade
-- as flk_error in 0013.
alter table pack_visit
    drop constraint pack_visit_pack_id_fkey,
    drop constraint pack_visit_visit_id_fkey;

-- 3. A bulk transition is one audit line (the operation: who, when, on which pack, batch or source, field, old → new)
-- and one narrow link row per visit it changed, instead of one full audit line per visit (three indexes each). A
-- visit's history reads both (Visits/VisitHistory.cs). No foreign key to audit_log: the line is inserted by the same
-- statement, and the log is append-only.
create table audit_visit (
    audit_id bigint not null,
    visit_id bigint not null
);
create index audit_visit_visit on audit_visit (visit_id);

-- 4. A sync's new visits: the statement trigger of visit_service (0014) aggregated the services of every new visit to
-- compare them with the key in its mis_values — 0.3–0.4 s of every 20 000 new visits — to find what the sync had just
-- written from that very key, i.e. "not corrected", the column's default. The sync's insert of new visits says so
-- for its own statement (the transaction-local setting omslite.new_synced_visits, reset right after it); every other
-- write of services — an edit, a sync's update of a visit that exists — is compared as before.
create or replace function visit_services_changed() returns trigger language plpgsql as $$
declare
    touched bigint[];
begin
    if tg_op = 'INSERT' and current_setting('omslite.new_synced_visits', true) = 'on' then
        return null;
    end if;

    if tg_op = 'INSERT' then
        select array_agg(distinct visit_id) into touched from new_rows;
    elsif tg_op = 'DELETE' then
        select array_agg(distinct visit_id) into touched from old_rows;
    else
        select array_agg(distinct visit_id) into touched from (select visit_id from new_rows union select visit_id from old_rows) u;
    end if;

    update visit v set corrected_services = flags.corrected, updated_at = greatest(v.updated_at, now())
    from (select w.id, w.mis_values is not null and coalesce(k.services, '') is distinct from w.mis_values ->> '__services' as corrected
          from visit w
          left join (select s.visit_id,
                            string_agg(s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD'), ';'
                                       order by (s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD')) collate "C") as services
                     from visit_service s where s.visit_id = any(touched) group by s.visit_id) k on k.visit_id = w.id
          where w.id = any(touched)) flags
    where v.id = flags.id and (v.corrected_services is distinct from flags.corrected or v.updated_at < now());
    return null;
end
$$;
