"""Office pages of the yearly case-file review (行政执法案卷评查, seed art. 25; thin).

The leading group office's evaluators (the `score` right at the office) set the year's sheet; they
draw each body's sample on a public value and score each sampled file item by item. A reviewed body
sees the sheet once one of its files is sampled, its own draws and files, and their scores
(`file_reviews.visible_sheets`, `FileReview.objects.restrict()`); another body's are a 404.
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.access import may, scope_body_ids
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import Body
from fazhi.enforcement import case_forms, file_reviews
from fazhi.enforcement.models import FileReview, ReviewSheet


def _sheet(user, pk) -> ReviewSheet:
    sheet = file_reviews.visible_sheets(user).filter(pk=pk).first()
    if sheet is None:
        raise NotFound()
    return sheet


def _scoring_bodies(user):
    """The enforcement bodies whose files the user may sample."""
    return (
        Body.objects.filter(pk__in=scope_body_ids(user, "score"), is_enforcement_agency=True)
        .current()
        .order_by("tree_path")
    )


@login_required
@require_http_methods(["GET", "POST"])
def sheet_list(request):
    """The sheets the user may open; the leading group office's evaluators set the year's here."""
    organiser = file_reviews.may_organise(request.user)
    if request.method == "POST" and not organiser:
        raise Forbidden(_("您没有“组织案卷评查”的权限。"))
    form = (
        case_forms.SheetForm(request.POST or None, initial={"year": timezone.localdate().year}) if organiser else None
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sheet = file_reviews.create_sheet(actor=request.user, **form.service_data())
            except (InvalidInput, Conflict) as exc:
                form.add_service_errors(exc)
                status = exc.status_code
            else:
                messages.success(request, _("已制定%(year)s年案卷评查评分表。") % {"year": sheet.year})
                return redirect("enforcement:review-sheet-detail", pk=sheet.pk)
    sheets = file_reviews.visible_sheets(request.user).order_by("-year")
    return render(request, "enforcement/review_sheet_list.html", {"sheets": sheets, "form": form}, status=status)


def _sheet_page(request, sheet, *, form=None, status=200):
    user = request.user
    reviews = (
        FileReview.objects.restrict(user)
        .filter(sheet=sheet)
        .select_related("case", "body", "sheet")
        .order_by("body__tree_path", "case__number", "id")
    )
    by_body = defaultdict(list)
    for review in reviews:
        review.passed = file_reviews.passed(review)
        by_body[review.body].append(review)
    groups = [
        {
            "body": body,
            "reviews": found,
            "scored": sum(1 for review in found if review.total is not None),
            "passed": sum(1 for review in found if review.passed),
            "failed": sum(1 for review in found if review.passed is False),
        }
        for body, found in by_body.items()
    ]
    bodies = _scoring_bodies(user)
    if form is None and bodies.exists():
        form = case_forms.DrawForm(bodies=bodies)
    context = {
        "sheet": sheet,
        "total": sum(Decimal(item["max"]) for item in sheet.items),
        "groups": groups,
        "draws": file_reviews.draws(sheet, scope_body_ids(user, "view")),
        "form": form,
    }
    return render(request, "enforcement/review_sheet_detail.html", context, status=status)


@login_required
@require_GET
def sheet_detail(request, pk):
    return _sheet_page(request, _sheet(request.user, pk))


@login_required
@require_POST
def sheet_draw(request, pk):
    """抽取: the body's sample on the public value; the seed and the picks are shown after it."""
    sheet = _sheet(request.user, pk)
    bodies = _scoring_bodies(request.user)
    form = case_forms.DrawForm(request.POST, bodies=bodies)
    if not form.is_valid():
        if not bodies.exists():
            raise Forbidden(_("您没有“抽取评查案卷”的权限。"))
        return _sheet_page(request, sheet, form=form, status=400)
    data = form.cleaned_data
    try:
        created = file_reviews.draw_sample(
            sheet, actor=request.user, body=data["body"], count=data["count"], public_value=data["public_value"]
        )
    except (InvalidInput, Conflict) as exc:
        form.add_service_errors(exc)
        return _sheet_page(request, sheet, form=form, status=exc.status_code)
    draw = file_reviews.draws(sheet, [data["body"].pk])[-1]
    messages.success(
        request,
        _("已抽取%(body)s的案卷，新增%(n)d卷。种子：%(seed)s；抽中：%(picks)s。")
        % {"body": data["body"].name, "n": len(created), "seed": draw["seed"], "picks": "、".join(draw["picks"])},
    )
    return redirect("enforcement:review-sheet-detail", pk=sheet.pk)


def _review(user, pk) -> FileReview:
    review = (
        FileReview.objects.restrict(user)
        .select_related("sheet", "case", "body", "reviewer", "case__benchmark", "case__band")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise NotFound()
    return review


def _review_page(request, review, *, form=None, status=200):
    user = request.user
    if form is None and may(user, "score", review.body):
        form = case_forms.ScoreForm(review=review)
    items = [{**item, "score": (review.scores or {}).get(item["key"])} for item in review.sheet.items]
    context = {
        "review": review,
        "items": items,
        "passed": file_reviews.passed(review),
        "can_open_case": may(user, "view", review.case.body),
        "form": form,
    }
    return render(request, "enforcement/file_review_detail.html", context, status=status)


@login_required
@require_GET
def review_detail(request, pk):
    return _review_page(request, _review(request.user, pk))


@login_required
@require_POST
def review_score(request, pk):
    """评分: one number per item of the sheet, each within its maximum."""
    review = _review(request.user, pk)
    if not may(request.user, "score", review.body):
        raise Forbidden(_("您没有“评查案卷”的权限。"))
    form = case_forms.ScoreForm(request.POST, review=review)
    if not form.is_valid():
        return _review_page(request, review, form=form, status=400)
    try:
        file_reviews.score(review, actor=request.user, **form.service_data())
    except (InvalidInput, Conflict) as exc:
        form.add_service_errors(exc)
        return _review_page(request, review, form=form, status=exc.status_code)
    review.refresh_from_db()
    messages.success(request, _("已评查：总分%(total)s。") % {"total": review.total})
    return redirect("enforcement:file-review-detail", pk=review.pk)
