-- A small library: 40 books, 25 members, a loan per member. Idempotent, so a seed can be re-run.
INSERT INTO "Book" ("isbn", "title", "copies")
SELECT 'isbn-' || n, 'Book number ' || n, 1 + n % 4 FROM generate_series(1, 40) AS n
ON CONFLICT ("isbn") DO NOTHING;

INSERT INTO "Member" ("name", "email")
SELECT 'Member ' || n, 'member' || n || '@library.test' FROM generate_series(1, 25) AS n
ON CONFLICT ("email") DO NOTHING;

INSERT INTO "Loan" ("reference", "bookId", "memberId")
SELECT 'seed-' || m."id", 1 + m."id" % 40, m."id" FROM "Member" m
ON CONFLICT ("reference") DO NOTHING;
