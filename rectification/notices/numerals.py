"""Chinese numerals as notices use them: 一是…二是…, （三）, 二十三, and dates in the sign-off."""

from __future__ import annotations

from datetime import date

CHINESE_DIGITS = "一二三四五六七八九十"


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十三 → 23 (up to 九十九); 0 for what is not a numeral."""
    digits = {ch: i for i, ch in enumerate(CHINESE_DIGITS[:9], start=1)}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 23 → 二十三, 105 → 一百零五, 120 → 一百二十 (up to 9999): a
    category of a large ledger can hold more than 99 problems."""
    if n <= 10:
        return CHINESE_DIGITS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        prefix = "" if tens == 1 else CHINESE_DIGITS[tens - 1]
        return prefix + "十" + (CHINESE_DIGITS[ones - 1] if ones else "")
    text, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, size)
        if digit:
            text += ("零" if zero and text else "") + CHINESE_DIGITS[digit - 1] + unit
            zero = False
        else:
            zero = True
    return text


def chinese_date(day: date) -> str:
    """2023-06-30 → 2023年6月30日 (GB/T 9704: Arabic numerals, month and day not zero-padded)."""
    return f"{day.year}年{day.month}月{day.day}日"
