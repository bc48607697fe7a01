INSERT INTO lib.book (title) VALUES ('new');
INSERT INTO lib.loan (book_id, due) VALUES (1, '2030-01-01');
DELETE FROM lib.loan WHERE id % 3 = 0;
UPDATE lib.book SET shelf_life = '1 second';
REFRESH MATERIALIZED VIEW lib.loans_per_book;
