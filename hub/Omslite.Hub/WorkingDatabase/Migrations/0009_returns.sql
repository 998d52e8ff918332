-- What comes back from TFOMS and what is printed from it (workflows.md §2–§5): files the hub produced for an MO,
-- FLK protocol batches with their error rows (D3: history never wiped), invoice imports, MEK transfers.

-- Files the hub produced for an MO (registers, CSV exports), under <data dir>/files/<MO code>/<name>. A user
-- downloads only the files of the MO of the token, by name: no path from the client reaches the file system.
create table produced_file (
    id         bigint generated always as identity primary key,
    mo_id      integer not null references mo (id),
    name       text not null check (name ~ '^[A-Za-z0-9_.-]+$'),
    kind       text not null,                 -- 'flk-csv', 'invoice-register', 'calculation', 'mek-csv'
    size       bigint not null,
    created_by text not null,
    created_at timestamptz not null default now(),
    unique (mo_id, name)
);

-- One FLK_P protocol import (D3): the file, its header, the counts.
create table flk_batch (
    id           bigint generated always as identity primary key,
    mo_id        integer not null references mo (id),
    file_name    text not null,
    report_year  smallint not null,
    report_month smallint not null,
    header       jsonb not null default '{}'::jsonb,  -- FNAME, FNAME_I, SCHET fields
    records      integer not null,                    -- ZAP read
    cases        integer not null,                    -- ZAP with at least one kept error
    matched      integer not null,                    -- of them, matched to a visit
    errors       integer not null,                    -- error rows stored
    reopened     integer not null,                    -- sent visits set back to open
    imported_by  text not null,
    imported_at  timestamptz not null default now()
);
create index flk_batch_mo on flk_batch (mo_id, id desc);

-- One row per kept error code of a refused case. An unknown visit number keeps visit_id null and the surname
-- 'Талон не найден' (workflows.md §2.3).
create table flk_error (
    id           bigint generated always as identity primary key,
    batch_id     bigint not null references flk_batch (id),
    visit_id     bigint references visit (id),
    patient_id   bigint references patient (id),
    visit_number integer not null,
    open_date    date,
    close_date   date,
    card_number  text not null default '',
    fam          text not null default '',
    code         text not null,                       -- I_TYPE, as text (МТР_106 exists)
    description  text not null,                       -- the TFOMS_ERR book's name, or 'Нет описания'
    comment      text,                                -- the protocol's COMMENT
    element      text
);
create index flk_error_batch on flk_error (batch_id, id);

-- One invoice import (D5): the archive, what its name says, the options, the counts, the register printed.
create table invoice_import (
    id            bigint generated always as identity primary key,
    mo_id         integer not null references mo (id),
    file_name     text not null,
    payer         text not null,                      -- SMO code, '0' = TFOMS
    report_year   smallint not null,
    report_month  smallint not null,
    register      text not null check (register in ('amb', 'foms', 'pmu')),
    mark_mek      boolean not null,
    fix_smo       boolean not null,
    records       integer not null,
    mek_rows      integer not null,                   -- records with SUMP 0 or missing
    mek_marked    integer not null,                   -- visits marked MEK (0 with marking off)
    smo_fixed     integer not null,
    not_found     integer[] not null default '{}',    -- MEK record numbers (NHISTORY) with no visit
    register_file bigint references produced_file (id),
    register_rows integer not null,
    imported_by   text not null,
    imported_at   timestamptz not null default now()
);
create index invoice_import_mo on invoice_import (mo_id, id desc);

-- One MEK transfer forward (D7): the months and the visits moved.
create table mek_transfer (
    id             bigint generated always as identity primary key,
    mo_id          integer not null references mo (id),
    from_year      smallint not null,
    from_month     smallint not null,
    to_year        smallint not null,
    to_month       smallint not null,
    visit_ids      bigint[] not null,
    transferred_by text not null,
    transferred_at timestamptz not null default now()
);

-- The MEK list of a month: MEK visits still open.
create index visit_mek on visit (mo_id, report_year, report_month, number) where mek and status = 1;
