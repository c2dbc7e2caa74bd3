WITH people AS (
    SELECT CASE $domain WHEN 'education' THEN p.education::VARCHAR WHEN 'health' THEN p.health::VARCHAR
                        WHEN 'labour' THEN p.labour::VARCHAR END AS code
    FROM persons AS p JOIN households AS h ON h.household_id = p.household_id
    WHERE h.removed_year IS NULL
      AND h.county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
codes AS (
    SELECT code, sort_order, name_zh, name_en FROM labels WHERE domain = $domain
    UNION ALL
    SELECT DISTINCT code, NULL, code, code FROM people WHERE code NOT IN (SELECT code FROM labels WHERE domain = $domain)
)
SELECT c.code, c.name_zh, c.name_en,
    (SELECT count(*) FROM people WHERE people.code = c.code) AS n_people,
    (SELECT count(*) FROM people WHERE people.code = c.code) / nullif((SELECT count(*) FROM people), 0)
        AS share_people
FROM codes AS c
ORDER BY c.sort_order NULLS LAST, c.code;
