-- Readers for `bench/digests.sh --picks`: :count accounts (u1 … uN), each with a reader profile and signals in one
-- of four profiles (i % 4), written by SQL like the subscribers (timestamps are UTC ticks on SQLite):
--   0 "topic":    5 upvotes of neighbouring papers (mostly one category)   -> a trained linear SVM
--   1 "new":      2 upvotes                                                -> closeness (cold start)
--   2 "follower": follows one of the period's categories, no upvote        -> followed papers first
--   3 "mixed":    3 upvotes, a followed category, one period paper marked not interested
-- The period (feed day 2025-04-08) gets 48 of the arXiv sample's papers (every 11th of 2309.*), upvoted 0–99.
BEGIN;

INSERT INTO feed_entries (PaperId, FeedDate, SubmittedAt, SubmittedBy)
SELECT Id, '2025-04-08', 638797000000000000 + n * 6000000000, NULL
FROM (SELECT Id, row_number() OVER (ORDER BY Id) AS n FROM papers
      WHERE Id LIKE '2309.%' AND Categories <> '[]' AND Id NOT IN (SELECT PaperId FROM feed_entries))
WHERE n % 11 = 0
LIMIT 48;
UPDATE papers SET Upvotes = abs(random()) % 100
WHERE Id IN (SELECT PaperId FROM feed_entries WHERE FeedDate = '2025-04-08') AND Categories <> '[]';

-- What readers upvote: the sample's other papers, sorted by category so that neighbours share one.
CREATE TEMP TABLE liked AS
SELECT row_number() OVER (ORDER BY json_extract(Categories, '$[0]'), Id) - 1 AS n, Id FROM papers
WHERE Categories <> '[]' AND Id NOT IN (SELECT PaperId FROM feed_entries);
CREATE TEMP TABLE period AS
SELECT row_number() OVER (ORDER BY f.PaperId) - 1 AS n, f.PaperId AS Id, json_extract(p.Categories, '$[0]') AS category
FROM feed_entries f JOIN papers p ON p.Id = f.PaperId
WHERE f.FeedDate = '2025-04-08' AND p.Categories <> '[]';

CREATE TEMP TABLE readers AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) SELECT i, i % 4 AS profile FROM n;

INSERT INTO users (Id, JoinedAt, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
  ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
SELECT 'u' || i, 639000000000000000, 'reader' || i, 'READER' || i, 'r' || i || '@bench.example.org',
  'R' || i || '@BENCH.EXAMPLE.ORG', 1, lower(hex(randomblob(16))), lower(hex(randomblob(16))), 0, 0, 1, 0
FROM readers;
INSERT INTO reader_profiles (UserId, SignalsVersion, ShowFollowsOnProfile) SELECT 'u' || i, 1, 0 FROM readers;

INSERT OR IGNORE INTO votes (UserId, PaperId, CreatedAt)
SELECT 'u' || r.i, l.Id, 638700000000000000 + j.j * 10000000
FROM readers r
JOIN (SELECT 0 AS j UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) j
  ON j.j < CASE r.profile WHEN 0 THEN 5 WHEN 1 THEN 2 WHEN 3 THEN 3 ELSE 0 END
JOIN liked l ON l.n = (r.i * 7 + j.j) % (SELECT count(*) FROM liked);

INSERT INTO reader_signals (UserId, Kind, Target, CreatedAt)
SELECT 'u' || r.i, 'FollowCategory', p.category, 638700000000000000
FROM readers r JOIN period p ON p.n = r.i % (SELECT count(*) FROM period)
WHERE r.profile IN (2, 3);
INSERT INTO reader_signals (UserId, Kind, Target, CreatedAt)
SELECT 'u' || r.i, 'NotInterested', p.Id, 638700000000000000
FROM readers r JOIN period p ON p.n = (r.i * 5 + 1) % (SELECT count(*) FROM period)
WHERE r.profile = 3;

COMMIT;
