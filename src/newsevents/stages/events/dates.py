"""When and where a coded clause happened: a date phrase or time expression attached to the
clause dates the event (and marks it as told in the past), a locative toponym places it.
"""

from __future__ import annotations

import re

from newsevents.stages.events.docview import doc_view
from newsevents.stages.events.drafts import Draft
from newsevents.stages.places import place_for_clause
from newsevents.stages.times import time_for_clause

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
DATE_VALUE = re.compile(r"^\d{4}(-\d\d){0,2}$")  # a time expression's value that can date an event


def date_and_place(adoc, head, d: Draft) -> None:
    """Date and place of the clause: a year or date phrase attached to it ("in 2015", "on
    Tuesday") dates the event; a locative toponym ("in Aleppo") places it. An xcomp/conj verb
    also looks at the verb it hangs from ("met in Tehran and pledged to ...")."""
    v = doc_view(adoc)
    heads = [head.i]
    if v.dep[head.i] in ("xcomp", "conj", "advcl"):
        heads.append(v.head[head.i])
    for h in heads:
        d.place = place_for_clause(adoc, h)
        if d.place is not None:
            break
    _year_date(adoc, head, d)
    if d.date is None:
        for h in heads:
            tx = time_for_clause(adoc, h)
            if tx is not None and tx.value and DATE_VALUE.match(tx.value):
                d.date, d.date_source = tx.value, "time_expression"
                art_year = _year(adoc.article.date)
                if art_year and int(tx.value[:4]) < art_year:
                    d.modality = "past"
                break

def _year_date(adoc, head, d: Draft) -> None:
    """A year or date phrase attached to the clause ("in 2015") dates the event."""
    art_year = _year(adoc.article.date)
    v = doc_view(adoc)
    dated = [te for te in adoc.times if te.value and DATE_VALUE.match(te.value)]
    for c in v.kids(head.i):
        if v.dep[c] not in ("prep", "npadvmod", "tmod", "advmod"):
            continue
        span_toks = list(v.doc[c].subtree)
        if len(span_toks) > 8:
            continue
        value = None
        if dated:  # the first time expression that holds one of the phrase's tokens
            spans = [adoc.orig_span(t)[:2] for t in span_toks]
            value = next((te.value for te in dated if any(te.start <= s and e <= te.end for s, e in spans)),
                         None)
        if value is None:
            for t in span_toks:
                if YEAR.match(t.text) and t.ent_type_ in ("DATE", ""):
                    value = t.text
                    break
        if value:
            d.date, d.date_source = value, "time_expression"
            if art_year and int(value[:4]) < art_year:
                d.modality = "past"
            return


def _year(date: str | None) -> int | None:
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    return None
