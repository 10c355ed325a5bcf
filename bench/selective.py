"""How much selective parsing could save: the share of tokens in sentences that can hold an event.

    .venv/bin/python bench/selective.py [--n 300] [--corpus ../shared/eval/corpus/inputs.jsonl]

"Can hold an event" as the coder sees it: the sentence has an actor candidate (an actor mention, a
named entity or a pronoun) and a candidate trigger (a word whose lemma is a verb or noun of the event
lexicon, statements included). The script prints that share, the share of sentences that did yield
an event, and each spaCy component's share of spaCy's time, so the most that skipping the parser
(or the parser and the shared tok2vec/tagger) on the other sentences could save is plain.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS, load
from newsevents import Pipeline
from newsevents.stages.events import STATEMENTS, load_lexicon
from newsevents.nlp import AnnotatedDoc, load_model
from newsevents.text.repair import repair



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    articles = load(args.corpus, args.n)
    pipe = Pipeline()
    stages = pipe._stages()
    lex = load_lexicon([str(STATEMENTS)])
    triggers = set(lex.verbs) | set(lex.nouns)
    n_tok = cand_tok = n_sent = cand_sent = event_sent = event_in_cand = 0
    for article in articles:
        rep = repair(article.text)
        adoc = AnnotatedDoc(article=article, repaired=rep, doc=pipe.nlp(rep.text))
        for stage in stages:
            stage.process(adoc)
        with_events = {e.sentence_index for e in adoc.events}
        in_mention = {t for m in adoc.mentions for t in range(m.token_start, m.token_end)}
        for i, sent in enumerate(adoc.doc.sents):
            trigger = any(t.lemma_.lower() in triggers for t in sent)
            actor = any(t.i in in_mention or t.ent_type_ or t.pos_ == "PRON" for t in sent)
            n_tok += len(sent)
            n_sent += 1
            if trigger and actor:
                cand_tok += len(sent)
                cand_sent += 1
            if i in with_events:
                event_sent += 1
                event_in_cand += trigger and actor
    print(f"articles {len(articles)}, sentences {n_sent:,}, tokens {n_tok:,}")
    print(f"sentences that can hold an event: {cand_sent / n_sent:.1%} of sentences, {cand_tok / n_tok:.1%} of tokens")
    print(f"sentences that yielded an event: {event_sent / n_sent:.1%} ({event_in_cand} of {event_sent} among the candidates)")

    nlp = load_model(pipe.model, fast=False)
    docs = [nlp.make_doc(a.text) for a in articles]
    cost = {}
    for name, proc in nlp.pipeline:
        t = time.process_time()
        docs = list(proc.pipe(docs, batch_size=32))
        cost[name] = time.process_time() - t
    total = sum(cost.values())
    print("spaCy's stock components, share of CPU time:", ", ".join(f"{k} {v / total:.0%}" for k, v in cost.items()))
    skip = 1 - cand_tok / n_tok
    print(f"most that skipping the parser on the other sentences saves: {skip * cost['parser'] / total:.1%} of spaCy's time;"
          f" skipping tok2vec, tagger and parser there: {skip * (cost['parser'] + cost['tok2vec'] + cost['tagger']) / total:.1%}")


if __name__ == "__main__":
    main()
