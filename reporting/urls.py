from django.urls import path

from .views import (
    annex,
    documents,
    editions,
    entries,
    insight,
    publishing,
    review,
    round_life,
    rounds,
    signoff,
    wordform,
)

app_name = "reporting"
urlpatterns = [
    path("inzending/<int:pk>/", entries.submission_detail, name="submission"),
    path("inzending/<int:pk>/indienen/", entries.submission_submit, name="submission_submit"),
    path(
        "inzending/<int:pk>/terugtrekken/",
        entries.submission_withdraw,
        name="submission_withdraw",
    ),
    path("inzending/<int:pk>/accorderen/", signoff.submission_signoff, name="submission_signoff"),
    path("inzending/<int:pk>/word/", wordform.form_upload, name="wordform"),
    path("inzending/<int:pk>/formulier.docx", wordform.form_download, name="wordform_download"),
    path("inzending/<int:pk>/word/opslaan/", wordform.form_apply, name="wordform_apply"),
    path(
        "inzending/<int:pk>/rapportage.pdf",
        documents.submission_document,
        {"format": "pdf"},
        name="submission_pdf",
    ),
    path(
        "inzending/<int:pk>/rapportage.docx",
        documents.submission_document,
        {"format": "docx"},
        name="submission_docx",
    ),
    path("inzending/<int:pk>/antwoord/<int:entry_pk>/", entries.entry_save, name="entry_save"),
    path("inzending/<int:pk>/doelantwoord/", entries.goal_answer_add, name="goal_answer_add"),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/vorig-jaar/",
        entries.entry_copy_previous,
        name="entry_copy_previous",
    ),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/geschiedenis/",
        entries.entry_history,
        name="entry_history",
    ),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/geschiedenis/<int:history_pk>/terugzetten/",
        entries.entry_restore,
        name="entry_restore",
    ),
    # Review (coordinators)
    path("inzending/<int:pk>/beoordelen/", review.submission_review, name="submission_review"),
    path(
        "inzending/<int:pk>/opmerking/<int:comment_pk>/reageren/",
        review.comment_reply,
        name="comment_reply",
    ),
    path(
        "inzending/<int:pk>/opmerking/<int:comment_pk>/afronden/",
        review.comment_resolve,
        name="comment_resolve",
    ),
    path("inzending/<int:pk>/goedkeuren/", review.submission_approve, name="submission_approve"),
    path("inzending/<int:pk>/terugsturen/", review.submission_return, name="submission_return"),
    path("inzending/<int:pk>/heropenen/", review.submission_reopen, name="submission_reopen"),
    path("inzending/<int:pk>/ontgrendelen/", review.submission_unlock, name="submission_unlock"),
    path(
        "inzending/<int:pk>/antwoord/<int:entry_pk>/opmerking/",
        review.entry_comment,
        name="entry_comment",
    ),
    # Following the rounds (coordinators)
    path("rondes/", rounds.round_list, name="rounds"),
    path("ronde/nieuw/", round_life.round_create, name="round_create"),
    path("ronde/<int:pk>/openen/", round_life.round_step, {"step": "open"}, name="round_open"),
    path("ronde/<int:pk>/sluiten/", round_life.round_step, {"step": "close"}, name="round_close"),
    path("ronde/<int:pk>/verlengen/", round_life.round_extend, name="round_extend"),
    path("ronde/<int:pk>/herinneren/", round_life.round_remind, name="round_remind"),
    path("ronde/<int:pk>/voorwerk/", round_life.round_front, name="round_front"),
    path("ronde/<int:pk>/", rounds.round_overview, name="round_overview"),
    path("ronde/<int:pk>/indicatoren/", rounds.round_indicators, name="round_indicators"),
    path("ronde/<int:pk>/overzicht.xlsx", rounds.round_export, name="round_export"),
    path("zoeken/", rounds.narrative_search, name="search"),
    path("indicator/<int:pk>/", insight.indicator_detail, name="indicator"),
    path("indicator/<int:pk>/grafiek.svg", insight.indicator_chart, name="indicator_chart"),
    # The annex
    path("ronde/<int:pk>/bijlage/", annex.annex_page, name="annex"),
    path("ronde/<int:pk>/edities/", editions.edition_create, name="edition_create"),
    path("edities/", editions.edition_list, name="editions"),
    path("editie/<int:pk>/", editions.edition_detail, name="edition"),
    path("editie/<int:pk>/download/", editions.edition_download, name="edition_download"),
    path("editie/<int:pk>/opnieuw/", editions.edition_retry, name="edition_retry"),
    path("ronde/<int:pk>/publiceren/", publishing.round_publish, name="round_publish"),
    path(
        "ronde/<int:pk>/publiceren/samenstellen/",
        publishing.round_publish_prepare,
        name="round_publish_prepare",
    ),
    path("ronde/<int:pk>/intrekken/", publishing.publication_withdraw, name="publication_withdraw"),
    path("ronde/<int:pk>/gepubliceerd/", publishing.published_page, name="published"),
]
