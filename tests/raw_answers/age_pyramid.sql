WITH people AS (
    SELECT p.sex, $year - p.birth_year AS age
    FROM persons AS p
    JOIN raw_household_years AS h ON h.household_id = p.household_id AND h.year = $year
    WHERE h.is_on_register AND p.birth_year <= $year
      AND h.county_adcode IN (SELECT descendant FROM raw_subtree WHERE adcode = $adcode)
),
banded AS (SELECT sex, CASE WHEN age >= 85 THEN 85 ELSE age - age % 5 END AS band FROM people),
grid AS (
    SELECT b.range * 5 AS band, s.sex, s.o FROM range(0, 18) AS b, (VALUES ('male', 1), ('female', 2)) AS s(sex, o)
)
SELECT CASE WHEN g.band = 85 THEN '85+' ELSE g.band || '-' || (g.band + 4) END AS age_band,
    g.band::SMALLINT AS age_band_start, g.sex,
    (SELECT count(*) FROM banded WHERE banded.band = g.band AND banded.sex = g.sex) AS n_people,
    (SELECT count(*) FROM banded WHERE banded.band = g.band AND banded.sex = g.sex)
        / nullif((SELECT count(*) FROM banded), 0) AS share_people
FROM grid AS g
ORDER BY g.band, g.o;
