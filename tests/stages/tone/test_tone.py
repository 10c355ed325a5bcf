"""Tone: each sentence's score is VADER's compound score (scaled to -100..100), exactly, whatever
shortcut the stage takes; the article's tone is the mean over its sentences."""

from __future__ import annotations

import pytest

from newsevents.stages.tone import sentence_tone

vader = pytest.importorskip("vaderSentiment.vaderSentiment")

# our own sentences, one or more of VADER's rules in each
SENTENCES = [
    "",
    "   ",
    "The delegation arrived on Tuesday.",  # no lexicon word
    "The talks were a success.",
    "The talks were not a success.",  # negation
    "The talks weren't a success, officials said.",  # n't
    "The talks were extremely successful.",  # booster
    "The talks were barely successful.",  # dampener
    "The talks were VERY successful!",  # caps booster, exclamation
    "The ceasefire is GOOD news for the villagers.",  # caps lexicon word
    "The deal was good, but the vote was a disaster.",  # but
    "The offer was kind of generous.",  # "kind of"
    "The minister said the plan was the least bad option.",  # least
    "No agreement was reached and no one was happy.",  # no
    "This is a bad outcome, so bad that nobody cheered.",  # so / this
    "Protesters said the police were never helpful, never fair and never kind.",  # never
    "The rebels attacked, killed three soldiers and wounded dozens???",  # question marks
    "They said it was a hot mess and the deal was dead.",  # idioms
    "The summit was the bomb, one delegate said, and the talks went well.",
    "Negotiators hope to break the ice with a friendly dinner.",
    "Crowds cheered 😀 as the treaty was signed.",  # emoji
    "The rally was peaceful 🙏 but tense.",
    "ANGRY CROWDS DENOUNCED THE TERRIBLE VERDICT.",  # all caps
    "The verdict was TERRIBLE, lawyers said.",
    "The economy is not without hope, though growth isn't great and jobs are hardly plentiful.",
    "Kinda good, sort of bad, somewhat fine, quite awful.",
    "The general's troops were accused of torture, rape and murder in the occupied villages.",
    "Officials welcomed the ‘constructive’ and “friendly” talks.",
    "He didn't say it wasn't a great deal.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_sentence_tone_is_vaders_compound_score(text):
    want = round(100.0 * vader.SentimentIntensityAnalyzer().polarity_scores(text)["compound"], 2)
    assert sentence_tone(text) == want


def test_tone_has_sign_and_range():
    assert sentence_tone("The talks were a great success.") > 0
    assert sentence_tone("The attack killed dozens of terrified civilians.") < 0
    assert sentence_tone("The delegation arrived on Tuesday.") == 0.0
    assert all(-100.0 <= sentence_tone(s) <= 100.0 for s in SENTENCES)
