INSERT INTO finance.invoice (currency, amount, tax_rate, note, created_at) VALUES
  ('EUR', 100.00, 0.2, 'first', '2024-03-01 10:00:00+00'),
  ('USD', 0.01, 0, NULL, '2025-12-31 23:59:59.999999+00'),
  ('INR', 999999999999.99, 0.18, E'tab\there\nnewline \\ backslash', '1999-01-08 04:05:06+05:30');
UPDATE finance.invoice SET note = note || ' (edited)' WHERE currency = 'EUR';
SELECT nextval('finance.standalone_counter') FROM generate_series(1, 5);
INSERT INTO finance.rule_target VALUES (1, 'one'), (2, 'two');
INSERT INTO finance.payment (invoice_id, paid_on, amount)
  SELECT (SELECT min(id) FROM finance.invoice) + 7 * (g % 3), date '2023-06-01' + (g * 40), g * 1.5 FROM generate_series(1, 40) g;

SET CONSTRAINTS ALL DEFERRED;
INSERT INTO "Staff Room"."Department" ("Name", "Head Teacher") VALUES ('Maths', 1), ('Languages', 2);
INSERT INTO "Staff Room"."Teacher List" ("First Name", "we""ird", "Dept", subjects, home, salary) VALUES
  ('Ada', 'x"y', 10, '{algebra,"set theory",NULL,"NULL"}', ROW('1 Main St', 'Paris', '75001'), 4200.50),
  ('Émile', NULL, 11, '{}', ROW(NULL, 'Lyon, "Vieux"', NULL), -12.34),
  ('Zoë', E'\\.', 10, '{"\\\\."}', NULL, NULL);
INSERT INTO "Staff Room".grades (pupil, grade) VALUES ('Pupil A', 17), ('Pupil B', 9);
INSERT INTO public.session_cache VALUES ('k1', '{"a": [1, 2, {"b": null}]}', '2030-01-01 00:00:00'), ('k2', 'null', NULL);

INSERT INTO public."Every Type" (
  i2, i4, i8, num, num_scaled, f4, f8, cash, vc, ch, tx, bin, flag, d, t, ttz, ts, tstz, iv, iv_fields, uid, ip, net, mac, mac8,
  js, jsb, doc, b8, vb, tsv, tsq, pt, ln, seg, bx, pth, pg, cir, i4r, i8r, nr, tsr, tstzr, dr, i4mr, arr_int, arr_2d, arr_text, arr_ts, lsn, oid_col, rc
) VALUES
  (32767, -2147483648, 9223372036854775807, 123456789012345678901234567890.123456789012345678901234567890, -0.000001,
   3.4028235e38, 1.7976931348623157e308, 92233720368547758.07, 'twelve chars', 'ab', E'\\.',
   '\x00ff5c2e0a', true, '0044-03-15 BC', '23:59:59.999999', '04:05:06.789-08', 'infinity', '2024-02-29 12:34:56.789+00',
   '-3 days -04:05:06', '1 day 02:03:04.56',
   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2001:db8::1/64', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05',
   '{"z": 1, "a": [true, null]}', '{"z": 1, "a": [true, null], "n": 1.000}', '<a b="c">text &amp; more</a>', B'10101010', B'101',
   'the quick brown fox', 'quick & !slow', '(1.5,-2)', '{1,-1,0}', '[(0,0),(1,1)]', '(1,1),(0,0)', '[(0,0),(1,1),(2,0)]',
   '((0,0),(1,1),(1,0))', '<(0,0),5>', '[1,10)', '(,100]', '[0.5,1.5]', '[2024-01-01 00:00,2024-12-31 23:59)',
   '[2024-01-01 00:00+00,infinity)', '[2024-01-01,2024-02-01)', '{[1,3), [5,8)}', '{1,NULL,-3}', '{{1,2},{3,4}}',
   '{"a,b","c\"d","", NULL}', '{"2024-01-01 00:00:00+00","-infinity"}', '16/B374D848', 4294967295, 'finance.invoice'),
  (-32768, 0, -9223372036854775808, 'NaN', 0, '-Infinity', 'NaN', -92233720368547758.08, '', '     ', '', '', false,
   'infinity', '00:00', '00:00+14', '-infinity', '-infinity', '1 year 2 mons -3 days 04:05:06.789', '-00:00:00.01',
   '00000000-0000-0000-0000-000000000000', '0.0.0.0', '::/0', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff:ff:ff',
   '[]', '[]', '', B'00000000', B'', '', 'a', '(0,0)', '{0,1,0}', '[(0,0),(0,0)]', '(0,0),(0,0)', '((0,0))', '((0,0))', '<(0,0),0>',
   'empty', 'empty', 'empty', 'empty', 'empty', 'empty', '{}', '{}', '{}', '{}', '{}', '0/0', 0, 'pg_catalog.pg_class'),
  (NULL, NULL, NULL, NULL, NULL, 5e-45, 5e-324, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public."Every Type" (f4, f8, num, iv) VALUES (0.1, 0.1 + 0.2, 1.0 / 3, '-178000000 years');
INSERT INTO public."Every Type" (f8) SELECT 1.0 / g FROM generate_series(1, 7) g;
INSERT INTO public.no_columns DEFAULT VALUES;
INSERT INTO public.no_columns DEFAULT VALUES;

DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 180000 THEN
    EXECUTE 'INSERT INTO public.virtual_generated (id, price) VALUES (1, 2.5), (2, NULL)';
  END IF;
END $$;

REFRESH MATERIALIZED VIEW finance.paid_per_invoice;
REFRESH MATERIALIZED VIEW finance.paid_total;
