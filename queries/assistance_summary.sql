-- title: Assistance summary
-- description: One row for the region $adcode and $year: households helped in $year (defined as in
--   assistance_coverage), how many had any measure or a helper, the helpers, relocation and ecological rangers.
--   Relocation and ranger measures are recognised by their stable key in `measures` ('relocation',
--   'eco_ranger'). Always one row (zeros for an unknown adcode).
-- params:
--   adcode (integer): the region (100000 = the nation)
--   year (integer): 2014–2020
-- columns:
--   n_households: households helped in $year
--   n_with_any_measure: of those, with at least one assistance row in $year
--   share_with_any_measure: n_with_any_measure ÷ n_households (0–1; NULL when none)
--   n_without_measure: n_households − n_with_any_measure
--   n_with_helper: of the households helped, those with a helper (帮扶责任人) assigned
--   share_with_helper: n_with_helper ÷ n_households (0–1; NULL when none)
--   n_helpers: helpers registered in the region's counties (helpers table; not by year)
--   n_people_relocated: people of households relocated (易地扶贫搬迁, housing route 'relocated') from 2014 up to
--     $year, each household counted in its first relocation-measure year
--   n_eco_rangers: households helped in $year with an ecological-ranger (生态护林员) measure that year
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
base AS (
    SELECT
        coalesce(sum(cy.n_households_helped), 0)::BIGINT AS n_households,
        coalesce(sum(cy.n_helped_with_helper), 0)::BIGINT AS n_with_helper,
        coalesce(sum(cy.n_helpers), 0)::BIGINT AS n_helpers
    FROM rollup_county_year AS cy
    JOIN region_counties AS rc ON rc.county_adcode = cy.county_adcode
    WHERE cy.year = $year
),
ranger_codes AS (
    SELECT measure_code
    FROM measures
    WHERE measure_key = 'eco_ranger'
),
measured AS (
    SELECT
        coalesce(sum(m.n_households) FILTER (m.measure_code = 0), 0)::BIGINT AS n_with_any_measure,
        coalesce(sum(m.n_households) FILTER (m.measure_code IN (SELECT measure_code FROM ranger_codes)), 0)::BIGINT
            AS n_eco_rangers
    FROM rollup_measure_county_year AS m
    JOIN region_counties AS rc ON rc.county_adcode = m.county_adcode
    WHERE m.year = $year
),
relocated AS (
    SELECT coalesce(sum(r.n_people_relocated), 0)::BIGINT AS n_people_relocated
    FROM rollup_relocation_county_year AS r
    JOIN region_counties AS rc ON rc.county_adcode = r.county_adcode
    WHERE r.year <= $year
)
SELECT
    b.n_households,
    m.n_with_any_measure,
    m.n_with_any_measure / nullif(b.n_households, 0) AS share_with_any_measure,
    b.n_households - m.n_with_any_measure AS n_without_measure,
    b.n_with_helper,
    b.n_with_helper / nullif(b.n_households, 0) AS share_with_helper,
    b.n_helpers,
    r.n_people_relocated,
    m.n_eco_rangers
FROM base AS b, measured AS m, relocated AS r;
