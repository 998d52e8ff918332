-- The review list pages a month's visits by number: an index in that order makes a page an index range
-- instead of a sort of the whole month.
create index visit_month_number on visit (mo_id, report_year, report_month, number) where status > 0;
