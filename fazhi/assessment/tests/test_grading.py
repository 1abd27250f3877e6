"""The grading rule on hand-worked groups (DESIGN §4, seed arts. 50–51)."""

from decimal import Decimal

import pytest

from fazhi.assessment.choices import QuotaRounding
from fazhi.assessment.grading import DISQUALIFIED, Rule, grade

D = Decimal


def graded(scores, rule=None):
    """Grades of one group's scores, in order."""
    return [r.grade for r in grade([(i, "市直单位", D(str(s))) for i, s in enumerate(scores)], rule or Rule())]


def test_ten_bodies_two_excellent_two_fair_ranks_descending():
    results = grade([(i, "g", D(s)) for i, s in enumerate([95, 91, 88, 87, 86, 85, 84, 83, 75, 70])])
    assert [r.rank for r in results] == list(range(1, 11))
    assert [r.grade for r in results] == ["优秀"] * 2 + ["良好"] * 6 + ["一般"] * 2


def test_a_tie_on_the_top_line_shares_the_rank_and_both_are_excellent():
    # N = 10, quota 2: 95 is 1st, both 90s are 2nd, 2 × 100 ≤ 20 × 10.
    results = grade([(i, "g", D(s)) for i, s in enumerate([95, 90, 90, 85, 84, 83, 82, 81, 79, 70])])
    assert [r.rank for r in results][:4] == [1, 2, 2, 4]
    assert [r.grade for r in results][:4] == ["优秀", "优秀", "优秀", "良好"]


def test_a_tie_across_the_top_line_keeps_those_ranked_after_it_out():
    # Quota 2; three share the 2nd place (all in), the next is 5th (out).
    assert graded([95, 90, 90, 90, 85, 84, 83, 82, 81, 60]) == ["优秀"] * 4 + ["良好"] * 5 + ["一般"]


def test_a_tie_on_the_bottom_line_makes_all_tied_fair():
    # Quota 2: the two 70s each have nobody strictly below (1 ≤ 2); 75 has two below (3 > 2).
    assert graded([95, 90, 88, 87, 86, 85, 84, 75, 70, 70])[-3:] == ["良好", "一般", "一般"]


def test_a_three_way_tie_at_the_bottom_is_all_fair_even_beyond_the_quota():
    assert graded([95, 90, 88, 87, 86, 85, 84, 70, 70, 70])[-4:] == ["良好", "一般", "一般", "一般"]


def test_exactly_80_is_excellent_at_the_top_and_fair_at_the_bottom():
    top = graded([80, 79, 78, 77, 76])
    assert top[0] == "优秀"
    bottom = graded([95, 90, 88, 85, 80])
    assert bottom[-1] == "一般"


def test_exclusive_bounds_make_exactly_80_good_at_either_end():
    rule = Rule(exclusive_bounds=True)
    assert graded([80, 79, 78, 77, 76], rule)[0] == "良好"
    assert graded([95, 90, 88, 85, 80], rule)[-1] == "良好"
    assert graded([80.01, 79, 78, 77, 76], rule)[0] == "优秀"


def test_scores_compare_after_rounding_half_up_to_two_decimals():
    results = grade([(0, "g", D("79.995")), *[(i, "g", D(70)) for i in range(1, 5)]])
    assert results[0].score == D("80.00")
    assert results[0].grade == "优秀"
    assert grade([(0, "g", D("79.994")), *[(i, "g", D(70)) for i in range(1, 5)]])[0].grade == "良好"


@pytest.mark.parametrize(
    "size, quota",
    [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (10, 2)],
)
def test_groups_of_one_to_ten_with_the_default_floor(size, quota):
    scores = [95 - 2 * i for i in range(size - 1)] + [50]
    grades = graded(scores)
    assert grades.count("优秀") == min(quota, sum(s >= 80 for s in scores))
    assert grades.count("一般") == quota
    if quota == 0:
        assert set(grades) == {"良好"}


@pytest.mark.parametrize("size, quota", [(1, 0), (2, 0), (3, 1), (4, 1), (5, 1), (7, 1), (8, 2), (10, 2)])
def test_nearest_rounding(size, quota):
    assert Rule(quota=QuotaRounding.NEAREST).quota_of(size) == quota


@pytest.mark.parametrize("size, quota", [(1, 1), (2, 1), (4, 1), (5, 1), (9, 1), (10, 2)])
def test_at_least_one(size, quota):
    assert Rule(quota=QuotaRounding.AT_LEAST_ONE).quota_of(size) == quota


def test_a_group_of_one_with_at_least_one_is_excellent_or_fair_by_the_80_line():
    rule = Rule(quota=QuotaRounding.AT_LEAST_ONE)
    assert graded([85], rule) == ["优秀"]
    assert graded([80], rule) == ["优秀"]  # top first: 80 is both ≥ 80 and ≤ 80
    assert graded([70], rule) == ["一般"]


def test_fair_below_60_is_flagged_and_good_below_60_is_not():
    results = grade([(i, "g", D(s)) for i, s in enumerate([78, 75, 72, 70, 65, 62, 61, 59, 58, 55])])
    assert [r.grade for r in results][-2:] == ["一般", "一般"]
    assert [r.flag for r in results] == [""] * 8 + [DISQUALIFIED] * 2
    # 59 is ranked 8th: 良好, however low, and not flagged.
    assert results[7].grade == "良好" and results[7].flag == ""


def test_fair_at_60_is_not_flagged():
    results = grade([(i, "g", D(s)) for i, s in enumerate([90, 85, 84, 83, 60])])
    assert results[-1].grade == "一般"
    assert results[-1].flag == ""


def test_no_excellent_below_80_even_at_the_top():
    assert graded([79, 78, 77, 76, 75]) == ["良好", "良好", "良好", "良好", "一般"]


def test_bonus_points_above_100_rank_like_any_score():
    results = grade([(i, "g", D(s)) for i, s in enumerate(["103.5", 99, 90, 85, 81])])
    assert results[0].rank == 1 and results[0].grade == "优秀"


def test_groups_rank_separately():
    entries = [(0, "市直单位", D(90)), (1, "各市（区）政府", D(70))] + [(i, "市直单位", D(60 + i)) for i in range(2, 6)]
    entries += [(i, "各市（区）政府", D(60 + i)) for i in range(6, 10)]
    results = grade(entries)
    assert results[0].rank == 1 and results[0].grade == "优秀"
    assert results[1].rank == 1 and results[1].grade == "良好"  # top of its group, but under 80
    assert results[2].rank == 5 and results[2].grade == "一般"


def test_the_rule_in_force_is_described():
    assert "前20%" in Rule().describe()
    assert "向下取整" in Rule().describe()
    assert "高于80" in Rule(exclusive_bounds=True).describe()
