-- MIS sources, sync runs, and what the hub last received from the MIS for each patient and visit.

alter table mis_source
    add column connection_protected text,               -- the connection string, encrypted (ASP.NET Data Protection)
    add column schedule text,                           -- cron, e.g. '*/15 * * * *'; null = manual only
    add column settings jsonb not null default '{}'::jsonb,
    add column enabled boolean not null default true,
    add column watermark text,                          -- the connector's watermark after the last committed batch
    add column from_configuration boolean not null default false,
    add column created_at timestamptz not null default now(),
    add column updated_at timestamptz not null default now();

create table sync_run (
    id            bigint generated always as identity primary key,
    source_id     integer not null references mis_source (id) on delete cascade,
    trigger       text not null check (trigger in ('schedule', 'manual', 'cli', 'start')),
    scheduled_for timestamptz,                           -- the schedule slot this run claimed
    started_by    text,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    status        text not null default 'running' check (status in ('running', 'succeeded', 'partial', 'failed')),
    period_from   text,
    period_to     text,
    read          integer not null default 0,
    new           integer not null default 0,
    updated       integer not null default 0,
    unchanged     integer not null default 0,
    conflicts     integer not null default 0,
    skipped       integer not null default 0,
    failed        integer not null default 0,
    error         text,
    unique (source_id, scheduled_for)
);
create index sync_run_source on sync_run (source_id, started_at desc);

-- Cases a run could not take, with the reason (a partly failed run names its rows).
create table sync_problem (
    run_id     bigint not null references sync_run (id) on delete cascade,
    source_key text not null,
    message    text not null
);

-- mis_values: the fields as the MIS sent them last (column name → value). A field whose current value differs from
-- it was corrected in the hub; conflicts: fields the MIS changed after such a correction (field → both values).
alter table patient
    add column mis_marker text,
    add column mis_values jsonb,
    add column conflicts jsonb not null default '{}'::jsonb;

alter table visit
    add column mis_marker text,
    add column mis_values jsonb,
    add column conflicts jsonb not null default '{}'::jsonb,
    add column review_reason text;
create index visit_conflicts on visit (mo_id) where conflicts <> '{}'::jsonb or review_reason is not null;
