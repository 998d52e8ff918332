-- Local users (D9) and the audit log (D10).

create table app_user (
    id            integer generated always as identity primary key,
    login         text not null,
    password_hash text,                          -- null for users known only from external tokens
    email         text,
    role          text not null check (role in ('admin', 'operator', 'viewer')),
    active        boolean not null default true,
    external      boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index app_user_login on app_user (lower(login));

-- The MOs a user works in; every query of MO data is scoped by one of them.
create table user_mo (
    user_id integer not null references app_user (id) on delete cascade,
    mo_id   integer not null references mo (id),
    primary key (user_id, mo_id)
);

create table audit_log (
    id         bigint generated always as identity primary key,
    at         timestamptz not null default now(),
    actor      text not null,                   -- login, or 'sync:<source>', 'system'
    mo_id      integer references mo (id),
    entity     text not null,                   -- 'patient', 'visit', 'visit_service', 'doctor', ...
    entity_id  text not null,
    operation  text not null,                   -- 'create', 'update', 'delete', 'restore', 'mark-sent', ...
    field      text,
    old_value  text,
    new_value  text
);
create index audit_log_entity on audit_log (entity, entity_id, at);
create index audit_log_mo_at on audit_log (mo_id, at);
