INSERT INTO lib.book (title, shelf_life) VALUES ('dune', '-3 days -04:05:06'), ('emma', '1 year 2 mons 3 days'), ('ulysses', NULL);
UPDATE lib.book SET added = '2001-02-03 04:05:06.789', title = lower(title);
INSERT INTO lib.loan (book_id, due, fine) SELECT 1 + g % 3, date '2024-01-31' + g, 1.0 / 3 * g FROM generate_series(1, 30) g;
UPDATE lib.loan_audit SET note = 'kept' WHERE id % 2 = 0;
REFRESH MATERIALIZED VIEW lib.loans_per_book;
