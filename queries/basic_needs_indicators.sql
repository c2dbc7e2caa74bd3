-- title: Basic needs indicators (两不愁三保障)
-- description: For the households ever registered and never removed in the region $adcode (status as recorded
--   in the snapshot, i.e. at the end of 2020): safe housing and how it was reached, drinking water, medical
--   insurance and compulsory schooling. Seven rows in a fixed order. From rollup_basic_needs_county.
-- params:
--   adcode (integer): the region (100000 = the nation)
-- columns:
--   indicator: housing_safe (housing already safe, no works needed), housing_renovated (made safe by
--     renovation, 危房改造), housing_relocated (by relocation, 易地扶贫搬迁), safe_water (safe drinking water),
--     piped_water (piped water to the home), all_insured (every member medically insured),
--     school_age_in_school (children aged 6–15 in school)
--   n_households: households meeting the indicator (for school_age_in_school: children in school)
--   n_base: households (for school_age_in_school: children aged 6–15)
--   share: n_households ÷ n_base (0–1; NULL when the base is 0)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
indicators AS (
    SELECT * FROM (VALUES
        ('housing_safe', 1), ('housing_renovated', 2), ('housing_relocated', 3), ('safe_water', 4),
        ('piped_water', 5), ('all_insured', 6), ('school_age_in_school', 7)
    ) AS t(indicator, sort_order)
),
sums AS (
    SELECT bn.indicator, sum(bn.n_households)::BIGINT AS n_households, sum(bn.n_base)::BIGINT AS n_base
    FROM rollup_basic_needs_county AS bn
    JOIN region_counties AS rc ON rc.county_adcode = bn.county_adcode
    GROUP BY bn.indicator
)
SELECT
    i.indicator,
    coalesce(s.n_households, 0) AS n_households,
    coalesce(s.n_base, 0) AS n_base,
    s.n_households / nullif(s.n_base, 0) AS share
FROM indicators AS i
LEFT JOIN sums AS s ON s.indicator = i.indicator
ORDER BY i.sort_order;
