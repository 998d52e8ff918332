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
