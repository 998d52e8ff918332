-- An FLK import writes one flk_error row per error (100 000 for a month refused whole), and each row went into three
-- indexes: the key (id), the batch's list (batch_id, id) and the visit's errors (visit_id). Rows are only ever read by
-- their batch in file order, or by their visit; nothing looks one up by id alone. The batch's list becomes the key
-- (id stays unique: it comes from its identity), one index entry less per error.
alter table flk_error drop constraint flk_error_pkey;
drop index flk_error_batch;
alter table flk_error add primary key (batch_id, id);
