-- Optimistic concurrency for doctors (Api/Concurrency.cs): a save names the version it was based on.
alter table doctor add column version integer not null default 1;
