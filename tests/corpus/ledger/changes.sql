-- What happens after the backup: every table and sequence changes, and must come back.
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO finance.invoice (currency, amount) VALUES ('EUR', 5);
UPDATE finance.invoice SET note = 'changed', tax_rate = 0.5;
DELETE FROM finance.payment WHERE paid_on < '2025-06-01';
INSERT INTO finance.payment (invoice_id, paid_on, amount) SELECT min(id), '2031-01-01', 1 FROM finance.invoice;
UPDATE finance.payment SET amount = amount + 1;
DELETE FROM finance.rule_log;
SELECT nextval('finance.standalone_counter'), nextval('finance.invoice_no'), nextval('finance.payment_no');
SELECT setval('finance.audit_id_seq', 5000);
UPDATE finance.rule_target SET label = 'changed';
UPDATE "Staff Room"."Teacher List" SET "First Name" = 'Changed', salary = 1;
INSERT INTO "Staff Room"."Department" ("Name") VALUES ('New');
DELETE FROM "Staff Room".grades;
INSERT INTO "Staff Room".grades (pupil, grade) VALUES ('Pupil C', 1);
DELETE FROM public.session_cache;
UPDATE public."Every Type" SET tx = 'changed', f8 = 0;
DELETE FROM public.no_columns;
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 180000 THEN
    EXECUTE 'UPDATE public.virtual_generated SET price = 7';
  END IF;
END $$;
REFRESH MATERIALIZED VIEW finance.paid_per_invoice;
REFRESH MATERIALIZED VIEW finance.paid_total;
