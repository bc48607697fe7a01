-- A small library module as hand-written SQL: unowned serial-like sequences, a BEFORE INSERT
-- trigger that rewrites rows and an AFTER INSERT trigger that writes an audit table, a schema
-- of its own, a role-level-like set of non-default output settings, and a materialized view.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET DateStyle = %L', current_database(), 'German, DMY');
  EXECUTE format('ALTER DATABASE %I SET IntervalStyle = %L', current_database(), 'postgres_verbose');
  EXECUTE format('ALTER DATABASE %I SET extra_float_digits = %L', current_database(), '0');
END $$;

CREATE SCHEMA lib;
CREATE SEQUENCE lib.book_ids;
CREATE SEQUENCE lib.loan_ids START 500;
CREATE TABLE lib.book (
  id integer PRIMARY KEY DEFAULT nextval('lib.book_ids'),
  title text NOT NULL,
  added timestamp NOT NULL DEFAULT localtimestamp,
  shelf_life interval
);
CREATE TABLE lib.loan (
  id integer PRIMARY KEY DEFAULT nextval('lib.loan_ids'),
  book_id integer NOT NULL REFERENCES lib.book (id) ON DELETE CASCADE,
  due date NOT NULL,
  fine real
);
CREATE TABLE lib.loan_audit (id serial PRIMARY KEY, loan_id integer, note text);
CREATE FUNCTION lib.reset_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.added := localtimestamp; NEW.title := upper(NEW.title); RETURN NEW; END $$;
CREATE FUNCTION lib.audit_loan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO lib.loan_audit (loan_id, note) VALUES (NEW.id, 'created'); RETURN NEW; END $$;
CREATE TRIGGER reset_added BEFORE INSERT ON lib.book FOR EACH ROW EXECUTE FUNCTION lib.reset_added();
CREATE TRIGGER audit_loan AFTER INSERT ON lib.loan FOR EACH ROW EXECUTE FUNCTION lib.audit_loan();
CREATE MATERIALIZED VIEW lib.loans_per_book AS SELECT book_id, count(*) AS loans FROM lib.loan GROUP BY book_id;
