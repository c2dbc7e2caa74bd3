-- title: Figures of the child regions (map)
-- description: One row per child region of $adcode (as child_regions) with its figures at the end of $year,
--   summed over the child's counties. A county has no child regions: zero rows (its villages are in
--   villages_of_county). Definitions as in key_figures_by_year; "helped in $year" as in assistance_summary.
-- params:
--   adcode (integer): the parent region (100000 = the nation)
--   year (integer): 2014–2020; stocks at the end of the year
-- columns:
--   adcode: the child region
--   level: province, prefecture or county
--   name_zh: name in Chinese
--   name_en: name in English
--   is_poor_county: one of the 832 national poor counties
--   exit_batch_year: 摘帽 batch year (poor counties only)
--   is_guapai_2020: under listed supervision (挂牌督战) in 2020
--   n_children: the child's own child regions (0 = leaf)
--   n_poor_villages: registered poor villages
--   n_poor_villages_remaining: poor villages not exited at the end of $year
--   n_households_on_register: households on the register at the end of $year
--   n_households_remaining: households poor at the end of $year
--   n_people_on_register: people on the register at the end of $year
--   n_people_remaining: people poor at the end of $year
--   n_people_exited: people exited and not back in poverty at the end of $year (cumulative, net of returns:
--     on register − remaining)
--   share_people_exited: n_people_exited ÷ people ever registered and never removed (0–1; NULL when none)
--   n_poor_counties: national poor counties in the child region
--   n_poor_counties_exited: of those, exited (摘帽) by the end of $year
--   share_with_helper: households helped in $year with a helper assigned ÷ households helped (NULL when none)
--   share_with_any_measure: households helped in $year with at least one assistance measure that year ÷
--     households helped (NULL when none)
WITH children AS (
    SELECT adcode, level, name_zh, name_en, is_poor_county, exit_batch_year, is_guapai_2020, n_children
    FROM regions
    WHERE parent_adcode = $adcode
),
child_counties AS (
    SELECT b.adcode, b.county_adcode
    FROM rollup_region_bridge AS b
    JOIN children AS c ON c.adcode = b.adcode
),
figures AS (
    SELECT
        cc.adcode,
        sum(cy.n_poor_villages)::BIGINT AS n_poor_villages,
        sum(cy.n_poor_villages_remaining)::BIGINT AS n_poor_villages_remaining,
        sum(cy.n_households_on_register)::BIGINT AS n_households_on_register,
        sum(cy.n_households_remaining)::BIGINT AS n_households_remaining,
        sum(cy.n_people_on_register)::BIGINT AS n_people_on_register,
        sum(cy.n_people_remaining)::BIGINT AS n_people_remaining,
        sum(cy.n_poor_counties)::BIGINT AS n_poor_counties,
        sum(cy.n_poor_counties_exited)::BIGINT AS n_poor_counties_exited,
        sum(cy.n_households_helped)::BIGINT AS n_households_helped,
        sum(cy.n_helped_with_helper)::BIGINT AS n_helped_with_helper
    FROM rollup_county_year AS cy
    JOIN child_counties AS cc ON cc.county_adcode = cy.county_adcode
    WHERE cy.year = $year
    GROUP BY cc.adcode
),
final_people AS (
    SELECT cc.adcode, sum(cy.n_people_on_register)::BIGINT AS n_people_final
    FROM rollup_county_year AS cy
    JOIN child_counties AS cc ON cc.county_adcode = cy.county_adcode
    WHERE cy.year = 2020
    GROUP BY cc.adcode
),
with_measure AS (
    SELECT cc.adcode, sum(m.n_households)::BIGINT AS n_with_any_measure
    FROM rollup_measure_county_year AS m
    JOIN child_counties AS cc ON cc.county_adcode = m.county_adcode
    WHERE m.year = $year AND m.measure_code = 0
    GROUP BY cc.adcode
)
SELECT
    c.adcode,
    c.level,
    c.name_zh,
    c.name_en,
    c.is_poor_county,
    c.exit_batch_year,
    c.is_guapai_2020,
    c.n_children,
    coalesce(f.n_poor_villages, 0) AS n_poor_villages,
    coalesce(f.n_poor_villages_remaining, 0) AS n_poor_villages_remaining,
    coalesce(f.n_households_on_register, 0) AS n_households_on_register,
    coalesce(f.n_households_remaining, 0) AS n_households_remaining,
    coalesce(f.n_people_on_register, 0) AS n_people_on_register,
    coalesce(f.n_people_remaining, 0) AS n_people_remaining,
    coalesce(f.n_people_on_register - f.n_people_remaining, 0) AS n_people_exited,
    (f.n_people_on_register - f.n_people_remaining) / nullif(fp.n_people_final, 0) AS share_people_exited,
    coalesce(f.n_poor_counties, 0) AS n_poor_counties,
    coalesce(f.n_poor_counties_exited, 0) AS n_poor_counties_exited,
    f.n_helped_with_helper / nullif(f.n_households_helped, 0) AS share_with_helper,
    coalesce(wm.n_with_any_measure, 0) / nullif(f.n_households_helped, 0) AS share_with_any_measure
FROM children AS c
LEFT JOIN figures AS f ON f.adcode = c.adcode
LEFT JOIN final_people AS fp ON fp.adcode = c.adcode
LEFT JOIN with_measure AS wm ON wm.adcode = c.adcode
ORDER BY c.adcode;
