from django.urls import path

from fazhi.assessment import views

app_name = "assessment"
OFFICE = "office/assessment"
urlpatterns = [
    path(f"{OFFICE}/", views.home, name="home"),
    path(f"{OFFICE}/schemes/new/", views.scheme_new, name="scheme-new"),
    path(f"{OFFICE}/schemes/<int:pk>/", views.scheme, name="scheme"),
    path(f"{OFFICE}/schemes/<int:pk>/settings/", views.scheme_settings, name="scheme-settings"),
    path(f"{OFFICE}/schemes/<int:pk>/indicators/", views.indicator_add, name="indicator-add"),
    path(f"{OFFICE}/schemes/<int:pk>/members/", views.member_set, name="member-set"),
    path(f"{OFFICE}/schemes/<int:pk>/evaluators/", views.evaluators, name="evaluators"),
    path(f"{OFFICE}/schemes/<int:pk>/deduction-rules/", views.deduction_rule, name="deduction-rule"),
    path(f"{OFFICE}/schemes/<int:pk>/<slug:step>/", views.scheme_step, name="scheme-step"),
    path(f"{OFFICE}/indicators/<int:pk>/", views.indicator_edit, name="indicator-edit"),
    path(f"{OFFICE}/indicators/<int:pk>/remove/", views.indicator_remove, name="indicator-remove"),
    path(f"{OFFICE}/evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path(f"{OFFICE}/evaluations/<int:pk>/social/", views.social_upload, name="social"),
    path(f"{OFFICE}/evaluations/<int:pk>/social.xlsx", views.social_template, name="social-template"),
    path(f"{OFFICE}/evaluations/<int:pk>/adjustments/", views.adjustment_add, name="adjustment-add"),
    path(f"{OFFICE}/evaluations/<int:pk>/scoring/", views.scoring, name="scoring"),
    path(f"{OFFICE}/evaluations/<int:pk>/scorecards.xlsx", views.scorecards_export, name="scorecards-export"),
    path(f"{OFFICE}/evaluations/<int:pk>/ranking.xlsx", views.ranking_export, name="ranking-export"),
    path(f"{OFFICE}/evaluations/<int:pk>/notice.docx", views.notice_docx, name="notice-docx"),
    path(f"{OFFICE}/evaluations/<int:pk>/notice.pdf", views.notice_pdf, name="notice-pdf"),
    path(f"{OFFICE}/evaluations/<int:pk>/<slug:step>/", views.evaluation_step, name="evaluation-step"),
    path(f"{OFFICE}/adjustments/<int:pk>/remove/", views.adjustment_remove, name="adjustment-remove"),
    path(f"{OFFICE}/objections/<int:pk>/answer/", views.objection_answer, name="objection-answer"),
    path(f"{OFFICE}/members/<int:pk>/", views.scorecard, name="scorecard"),
    path(f"{OFFICE}/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path(f"{OFFICE}/members/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path(f"{OFFICE}/members/<int:pk>/evidence/remove/", views.evidence_remove, name="evidence-remove"),
    path(f"{OFFICE}/members/<int:pk>/objection/", views.objection_file, name="objection-file"),
    path(f"{OFFICE}/members/<int:pk>/scorecard.xlsx", views.scorecard_export, name="scorecard-export"),
    path("assessment/", views.public_results, name="public-results"),
    path("assessment/<int:pk>/", views.public_result, name="public-result"),
    path("assessment/<int:pk>/notice.pdf", views.public_notice, name="public-notice"),
]
