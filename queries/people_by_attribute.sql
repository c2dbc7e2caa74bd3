-- title: People by education, health or labour ability
-- description: People of the households ever registered and never removed in the region $adcode, by one coded
--   attribute as recorded: education (文化程度), health (健康状况) or labour ability (劳动能力). Every code of that
--   labels domain in its display order, zero where none; a code found in the data but missing from labels comes
--   last, named by its code. From rollup_people_county.
-- params:
--   adcode (integer): the region (100000 = the nation)
--   domain (text): the attribute, one of 'education', 'health', 'labour' (a labels domain)
-- columns:
--   code: the attribute's code (labels domain $domain)
--   name_zh: label in Chinese
--   name_en: label in English
--   n_people: people with that code
--   share_people: n_people ÷ all people counted (0–1; NULL when none)
WITH region_counties AS (
    SELECT county_adcode
    FROM rollup_region_bridge
    WHERE adcode = $adcode
),
by_code AS (
    SELECT pc.code, sum(pc.n_people)::BIGINT AS n_people
    FROM rollup_people_county AS pc
    JOIN region_counties AS rc ON rc.county_adcode = pc.county_adcode
    WHERE pc.domain = $domain
    GROUP BY pc.code
),
domain_labels AS (
    SELECT code, sort_order, name_zh, name_en
    FROM labels
    WHERE domain = $domain
),
coded AS (
    SELECT
        coalesce(l.code, b.code) AS code,
        l.sort_order,
        coalesce(l.name_zh, b.code) AS name_zh,
        coalesce(l.name_en, b.code) AS name_en,
        coalesce(b.n_people, 0) AS n_people
    FROM domain_labels AS l
    FULL OUTER JOIN by_code AS b ON b.code = l.code
)
SELECT
    code,
    name_zh,
    name_en,
    n_people,
    n_people / nullif(sum(n_people) OVER (), 0) AS share_people
FROM coded
ORDER BY sort_order NULLS LAST, code;
