-- Registry packs (D1 "packs", registry-pack-25.md §4.1): every run — a real pack or a check — with its month, number,
-- flags, who and when, counts, the zip kept for download, the visits that went in, and the per-visit problems.

create table pack (
    id            bigint generated always as identity primary key,
    mo_id         integer not null references mo (id),
    report_year   smallint not null check (report_year between 2000 and 2099),
    report_month  smallint not null check (report_month between 1 and 12),
    number        smallint not null check (number between 1 and 9),
    check_only    boolean not null,
    mark_sent     boolean not null default false,
    fresh_only    boolean not null default false,
    row_limit     integer not null default 0,
    region_format text not null,
    file_name     text,                       -- the zip's name (H<MO><Y><MM><T><N>.zip); null when no zip was made
    stored_name   text,                       -- its file under <data dir>/packs/<MO code>/; never from a client
    file_size     bigint,
    records       integer not null,           -- H records (visits written, or passed in a check)
    persons       integer not null,           -- L records
    excluded      integer not null,           -- visits refused by a check
    marked_sent   integer not null default 0, -- visits set to status 2 by this pack
    created_by    text not null,
    created_at    timestamptz not null default now()
);
create index pack_mo_created on pack (mo_id, created_at desc);

-- The visits a pack holds, in the order written.
create table pack_visit (
    pack_id  bigint not null references pack (id) on delete cascade,
    position integer not null,
    visit_id bigint not null references visit (id),
    primary key (pack_id, position)
);
create index pack_visit_visit on pack_visit (visit_id);

-- Why a visit was left out (one row per problem).
create table pack_problem (
    pack_id     bigint not null references pack (id) on delete cascade,
    position    integer not null,
    visit_id    bigint not null references visit (id),
    number      integer not null,
    patient_id  bigint not null references patient (id),
    card_number text not null,
    code        text not null,
    field       text,
    message     text not null,
    primary key (pack_id, position)
);
