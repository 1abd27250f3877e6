"""The grading rule of seed arts. 50–51 (DESIGN §4, Grading), on its own: scores in, rank, grade
and flag out, per group. The yearly evaluation and `fazhi grade` both call `grade()`, so a score
computed elsewhere is graded exactly as one computed here.

- Scores are compared rounded to 2 decimals, half up (四舍五入).
- Ranks are shared by ties (1, 2, 2, 4), per group.
- With N bodies in a group and the quota q (20% of N, rounded as the rule says), a body is in the
  top 20% when its rank ≤ q and in the bottom 20% when 1 + the number of bodies strictly below it
  ≤ q. With the default rounding (down) rank × 100 ≤ 20 × N, so a group of four or fewer has no
  优秀 and no 一般.
- 优秀: score ≥ 80 and top 20%; else 一般: score ≤ 80 and bottom 20%; else 良好. 以上/以下 include
  the number itself (民法典 art. 1259) unless the scheme makes the bounds exclusive.
- 一般 with a score below 60 is flagged for losing the year's awards (art. 51).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from fazhi.assessment.choices import Grade, QuotaRounding

CENT = Decimal("0.01")
DISQUALIFIED = "建议取消当年度评优评先资格"


@dataclass(frozen=True)
class Rule:
    """What a scheme may choose; the defaults are the seed's words read as DESIGN §4 reads them."""

    bound: Decimal = Decimal(80)
    share: int = 20  # per cent of the group, top and bottom
    disqualify_below: Decimal = Decimal(60)
    exclusive_bounds: bool = False
    quota: str = QuotaRounding.FLOOR

    def quota_of(self, size: int) -> int:
        exact = self.share * size  # hundredths of a body
        if self.quota == QuotaRounding.NEAREST:
            return (exact + 50) // 100
        if self.quota == QuotaRounding.AT_LEAST_ONE:
            return max(1, exact // 100)
        return exact // 100

    def describe(self) -> str:
        """The rule in force, printed with every result."""
        bound = _("高于") if self.exclusive_bounds else _("不低于")
        lower = _("低于") if self.exclusive_bounds else _("不高于")
        return _(
            "评定规则：分组排名（并列同名次）；前%(share)d%%且综合得分%(bound)s%(line)s分为优秀，"
            "后%(share)d%%且综合得分%(lower)s%(line)s分为一般，其余为良好；"
            "名额按组内单位数的%(share)d%%%(rounding)s；"
            "一般且低于%(floor)s分的建议取消当年度评优评先资格；得分四舍五入至两位小数后比较。"
        ) % {
            "share": self.share,
            "bound": bound,
            "lower": lower,
            "line": self.bound,
            "rounding": QuotaRounding(self.quota).label,
            "floor": self.disqualify_below,
        }


@dataclass(frozen=True)
class Result:
    key: object
    group: str
    score: Decimal  # rounded, as compared
    rank: int
    grade: str
    flag: str


def rounded(score) -> Decimal:
    return Decimal(score).quantize(CENT, rounding=ROUND_HALF_UP)


def grade(entries: Iterable[tuple[object, str, Decimal]], rule: Rule | None = None) -> list[Result]:
    """Grade `(key, group, score)` entries by `rule` (the default rule when None); results come back
    in the entries' order."""
    rule = rule or Rule()
    entries = [(key, group, rounded(score)) for key, group, score in entries]
    groups: dict[str, list[Decimal]] = defaultdict(list)
    for _key, group, score in entries:
        groups[group].append(score)
    results = []
    for key, group, score in entries:
        scores = groups[group]
        quota = rule.quota_of(len(scores))
        rank = 1 + sum(other > score for other in scores)
        from_bottom = 1 + sum(other < score for other in scores)
        high = score > rule.bound if rule.exclusive_bounds else score >= rule.bound
        low = score < rule.bound if rule.exclusive_bounds else score <= rule.bound
        if high and rank <= quota:
            result = Grade.EXCELLENT
        elif low and from_bottom <= quota:
            result = Grade.FAIR
        else:
            result = Grade.GOOD
        flag = DISQUALIFIED if result == Grade.FAIR and score < rule.disqualify_below else ""
        results.append(Result(key, group, score, rank, result.value, flag))
    return results
