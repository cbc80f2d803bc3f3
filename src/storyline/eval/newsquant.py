"""Reader for NewsQuant (news sentences with gold quantities; CQE, EMNLP 2023).

The file is a JSON list of ``{"text", "quantities": [{"change", "value", "unit",
"normalized_unit", "referred_concepts"}]}``. ``value`` is a number or a range ``"a-b"``;
``change`` one of ``= ~ > < up down``; ``normalized_unit`` a lower-case unit name
("percentage", "dollar", "mile per hour", "year of age") or, for a count, the counted noun.
:func:`unit_key` turns a gold unit name into the key the scorer compares with the key of a
predicted quantity (see ``eval.quantities``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError

#: NewsQuant's names for money, shares and other non-physical units -> the scorer's keys
SPECIAL_UNITS: dict[str, str] = {
    "-": "-", "percentage": "percent", "dollar": "USD", "united states dollar": "USD",
    "hong kong dollar": "HKD", "japanese yen": "JPY", "yen": "JPY", "euro": "EUR",
    "chinese yuan": "CNY", "shekel": "ILS", "pesos": "MXN", "pound sterling": "GBP",
    "year of age": "age", "age": "age", "point": "point", "count": "times",
    "percentage point": "percentage point",
}
#: NewsQuant unit names pint does not read as written -> a pint expression
UNIT_ALIASES: dict[str, str] = {
    "brake horsepower": "horsepower", "newton metre": "newton * meter",
    "foot pound-force": "foot * force_pound", "nm": "newton * meter",
}


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    value: float
    high: float | None  # the second bound of a range, else None
    unit: str  # NewsQuant's normalized unit name
    change: str
    concept: tuple[str, ...]  # the referred-concept words, lower case


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    quantities: tuple[GoldQuantity, ...]

    @property
    def half(self) -> str:
        """'a' or 'b': a fixed split of the set by the SHA-1 of the text."""
        return "a" if int(hashlib.sha1(self.text.encode("utf-8")).hexdigest()[0], 16) % 2 == 0 \
            else "b"


def parse_value(raw: object) -> tuple[float, float | None]:
    """(value, second bound or None) of a NewsQuant value: 12, "12.5", "1.0-1.5"."""
    text = str(raw).strip()
    body = text.removeprefix("-")
    if "-" in body:
        first, second = body.split("-", 1)
        sign = -1.0 if text.startswith("-") else 1.0
        return sign * float(first), float(second)
    return float(text), None


def _concept_words(raw: object) -> tuple[str, ...]:
    text = str(raw or "").strip()
    if text in {"", "-"}:
        return ()
    return tuple(w.lower() for w in text.replace(",", " ").split())


def read_newsquant(data_dir: Path) -> list[GoldSentence]:
    """The sentences of the NewsQuant file in ``data_dir`` (any ``*.json`` list there)."""
    data_dir = Path(data_dir)
    files = sorted(data_dir.glob("*.json")) if data_dir.is_dir() else []
    if not files:
        raise DataError(f"no NewsQuant JSON file in {data_dir}",
                        hint="--data must be the folder holding newsquant-dev.json")
    sentences = []
    for path in files:
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DataError(f"cannot read {path}: {exc}", hint="is it a NewsQuant file?") from exc
        for item in items:
            golds = []
            for q in item.get("quantities", []):
                value, high = parse_value(q["value"])
                golds.append(GoldQuantity(value, high, str(q.get("normalized_unit") or "-"),
                                          str(q.get("change") or "="),
                                          _concept_words(q.get("referred_concepts"))))
            sentences.append(GoldSentence(item["text"], tuple(golds)))
    return sentences
