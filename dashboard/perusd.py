"""Local currency per US dollar from one ticker value: plain arithmetic, no pandas, so that reading
a record (`records.CurrencyRate`) never imports the data-frame stack. The frames of rates are in
`rates`, which explains the conversion."""

from __future__ import annotations

import math

MIN_SHOWN_DIGITS = 3


def significant_digits(number_text: str) -> int:
    """Significant digits of a number as printed: "0.00008" has 1, "0.09650" has 4."""
    digits = number_text.lstrip("+-").replace(",", "")
    mantissa = digits.split("e")[0].split("E")[0]
    if "." in mantissa:
        return max(1, len(mantissa.replace(".", "").lstrip("0")))
    return max(1, len(mantissa.lstrip("0")))


def round_significant(value: float, digits: int) -> float:
    if value == 0 or not math.isfinite(value):
        return value
    places = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, places)
    return float(int(rounded)) if places <= 0 else rounded


def per_usd(rate: float, rate_text: str) -> tuple[float, float, float, int]:
    """Local currency per US dollar from the ticker's USD per unit: (value, low, high, digits shown).

    `low`-`high` is what the ticker's rounding allows: its value is anything within half a unit of
    its last printed digit."""
    printed = significant_digits(rate_text)
    shown = max(printed, MIN_SHOWN_DIGITS)
    exact = 1 / rate
    half_step = 0.5 * 10.0 ** (math.floor(math.log10(abs(rate))) - printed + 1)
    low, high = 1 / (rate + half_step), 1 / (rate - half_step) if rate > half_step else math.inf
    return round_significant(exact, shown), round_significant(low, shown + 2), round_significant(high, shown + 2), shown
