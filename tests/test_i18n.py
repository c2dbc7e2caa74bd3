"""zh/en strings and number formatting."""

from __future__ import annotations

import re

import pytest

from dashboard import i18n
from dashboard.i18n import STRINGS, axis_scale, fmt_count, fmt_delta, fmt_share, name_of, t


def test_every_key_has_both_languages_and_same_placeholders():
    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (0, "0", "0"),
        (1234, "1,234", "1,234"),
        (12_345, "1.23万", "12,345"),
        (123_456, "12.3万", "123,456"),
        (98_990_000, "9899万", "98,990,000"),
        (123_456_789, "1.23亿", "123,456,789"),
        (None, "–", "–"),
        (float("nan"), "–", "–"),
    ],
)
def test_fmt_count(value, zh, en):
    assert fmt_count(value, "zh") == zh
    assert fmt_count(value, "en") == en


def test_shares_and_deltas():
    assert fmt_share(0.1234) == "12.3%"
    assert fmt_delta(-20_000, "zh") == "−2万"
    assert fmt_delta(1500, "en") == "+1,500"
    assert fmt_delta(0.021, "en", share=True) == "+2.1 pp"
    assert fmt_delta(0.021, "zh", share=True) == "+2.1个百分点"


def test_axis_scale_uses_wan_in_chinese_only():
    assert axis_scale(5_000_000, "zh") == (1e4, "万")
    assert axis_scale(5_000_000, "en") == (1.0, "")
    assert axis_scale(5_000, "zh") == (1.0, "")


def test_translate_and_names():
    assert t("nation", "zh") == "全国"
    assert t("nation", "en") == "China"
    assert t("nation", "fr") == "全国"  # unknown language falls back to the default
    assert t("key_figures", "en", year=2016) == "Key figures (2016)"
    assert name_of({"name_zh": "贵州省", "name_en": "Guizhou"}, "en") == "Guizhou"
    assert name_of({"name_zh": "贵州省", "name_en": None}, "en") == "贵州省"
    assert i18n.level_name("prefecture", "zh") == "地级"
