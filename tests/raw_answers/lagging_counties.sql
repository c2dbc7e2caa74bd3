WITH c AS (
    SELECT r.adcode, r.name_zh, r.name_en, r.exit_batch_year, r.is_guapai_2020,
        (SELECT coalesce(sum(size), 0) FROM raw_household_years AS h
         WHERE h.county_adcode = r.adcode AND h.year = $year AND h.is_on_register) AS n_people_on_register,
        (SELECT coalesce(sum(size), 0) FROM raw_household_years AS h
         WHERE h.county_adcode = r.adcode AND h.year = $year AND h.is_poor) AS n_people_remaining
    FROM regions AS r
    WHERE r.is_poor_county AND r.level = 'county' AND r.exit_batch_year IS NOT NULL
      AND r.adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
s AS (
    SELECT *, n_people_remaining / nullif(n_people_on_register, 0) AS share_people_remaining,
        CASE WHEN exit_batch_year <= $year THEN 0.0
             ELSE (exit_batch_year - $year) / (exit_batch_year - 2013) END AS expected_share_remaining
    FROM c
)
SELECT adcode, name_zh, name_en, exit_batch_year, is_guapai_2020, n_people_on_register, n_people_remaining,
    share_people_remaining, expected_share_remaining, share_people_remaining - expected_share_remaining AS gap
FROM s
ORDER BY gap DESC NULLS LAST, adcode
LIMIT $limit;
