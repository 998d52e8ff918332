-- An MIS source key is an opaque identifier, compared for equality and never shown sorted. With the "C" collation
-- its unique indexes compare bytes instead of running the database's Russian (ICU) collation: a sync looks up and
-- inserts thousands of keys per batch, and this makes that several times cheaper. Equality is unchanged.
alter table patient alter column source_key type text collate "C";
alter table visit alter column source_key type text collate "C";
