"""Reporting rounds, submissions and their answers: writing, review, and the annex.

A map, by what each part may do:

Data
    models.py            rounds, submissions, entries (answers), events, comments, editions

Rules and the door to them (read-only; views ask only `access`)
    permissions.py       the predicates: who may see, change, review what (django-rules)
    access.py            one helper per object a view fetches: 404, 403 or the object

Writers: every change of state happens in these, with the house's rules (keyword
arguments, the acting user `by`, a row lock, an audit event, mail through the outbox)
    services.py          open a round, save an answer, submit, approve, return, reopen,
                         unlock, comment
    annex/editions.py    request, compile (the task's body), retry, publish, sweep editions
    notifications.py     which mails a workflow step queues (called by services)
    reminders.py         the daily reminder digests (a beat task)
    tasks.py             the Celery tasks: thin wrappers around the writers above

Selectors (read-only queries, no side effects)
    selectors/layout.py   a submission's answers grouped as the framework is (GoalBlock, Part)
    selectors/compare.py  last year's answers, the text as it was when sent back, word diffs
    selectors/overview.py a round per signatory and per indicator (SignatoryRow, IndicatorRow),
                          and as a workbook
    selectors/search.py   full-text search over the narratives
    selectors/home.py     what the home page shows of reporting

The annex (annex/): content.py builds what it contains (Annex, Section, GoalBlock) in one
place; render.py (HTML), pdf.py with pdf_worker.py, assembly.py and stamp.py (PDF), word.py
(Word) and workbook.py (Excel) write it; formats.py picks one; errors.py names the answer
that failed.

Values (pure functions): narrative.py (what a narrative may contain), numbers.py (Dutch
numbers in and out), text.py (text made safe to store and export), xlsx.py (safe cells).

Views (views/) are thin: they ask `access`, call a writer or a selector, and render.

One answer's way from the form to the PDF, in one direction:
    views/entries.entry_save -> access.get_entry_for_user -> forms.EntryForm (text.clean,
    numbers.parse) -> services.save_entry (narrative.sanitize) -> models.Entry ->
    annex/editions.request_edition -> tasks.compile_edition -> annex/editions.compile_edition
    -> annex/content.build (selectors/layout.group_by_framework) -> annex/formats.render_as
    -> annex/pdf.render_pdf (annex/render: the HTML, in annex/pdf_worker processes; with
    a broker, annex/fanout: tasks.render_section on every worker, then
    tasks.assemble_edition; parts in annex/cache) -> annex/assembly.assemble (annex/stamp)
    -> Edition.file
"""
