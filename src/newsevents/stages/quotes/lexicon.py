"""The words the quote stage reads: speech verbs and nouns, pronouns, speaking sources, titles."""

from __future__ import annotations

import re

# Verbs that introduce or report speech (lemmas). A quote next to one of these is attributed to
# its subject.
SPEECH_LEMMAS = frozenset(
    """
    say tell add insist warn state declare note explain ask argue claim write tweet post retweet
    announce reply respond continue conclude recall remark observe acknowledge admit assert caution
    complain concede confirm contend deny emphasize emphasise stress suggest urge vow promise predict
    quip joke shout yell scream testify maintain proclaim boast lament muse mutter answer counter
    retort describe dub label term read begin open interject exclaim repeat reiterate report
    chant sing comment opine speak tout thunder fume gush whisper plead beg demand pledge charge
    accuse blast slam criticize criticise praise mock brag sneer snap chide scoff rail reason
    recount recollect reveal disclose inform assure advise agree disagree point tell cry sigh
    hint allege propose offer threaten rant grumble concur estimate surmise wonder query question
    summarize summarise elaborate specify underscore underline highlight indicate signal quote
    characterize characterise call
    """.split()
)

# Verbs that name or characterise something with a quoted phrase: ``called the plan "reckless"``.
NAMING_LEMMAS = frozenset(
    "call describe dub label term brand refer characterize characterise deem name nickname "
    "denounce condemn hail praise slam blast decry dismiss bemoan applaud echo mouth ridicule "
    "lambaste lambast reject defend attack mock deride rebuke scold fault criticize criticise "
    "welcome thank congratulate blame vow pledge promise threaten cite invoke recite shrug".split()
)

# Nouns that mark a quote as a statement when they govern it: ``her pledge to "end the shortages"``.
SPEECH_NOUNS = frozenset(
    "statement remark remarks comment comments words word quote tweet message speech interview "
    "letter post testimony vow promise pledge warning claim claims argument answer reply response "
    "slogan chant motto line phrase question".split()
)

PRONOUNS = frozenset("he she they we i you it who this that".split())
PERSON_PRONOUNS = frozenset("he she i we they".split())

# Nouns for people and for the sources that speak for them ("the report said", "the ad claims").
SOURCE_NOUNS = frozenset(
    """
    official officials source sources aide aides adviser advisor spokesman spokeswoman spokesperson
    minister president senator governor mayor leader chairman chairwoman chair director secretary
    officer analyst expert campaign committee group report reports statement poll polls ad ads
    board editorial survey study people voters critics supporters residents protesters crowd
    audience candidate candidates host anchor reporter journalist author writer editor lawyer
    attorney judge prosecutor police spokesmen member members manager chief head party government
    administration agency ministry department office team staff friend friends father mother wife
    husband son daughter woman man women men official activist activists organizer organizers
    delegate delegates lawmaker lawmakers legislator republican republicans democrat democrats
    conservative conservatives liberal liberals economist economists scientist scientists
    researcher researchers professor teacher student students worker workers owner founder
    president-elect nominee challenger opponent rival rivals insider insiders strategist pollster
    article letter tweet post message memo document filing lawsuit complaint website network
    newspaper paper magazine outlet station
    """.split()
)
HUMAN_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ant", "ent", "ee")

# Nouns for shows, books and slogans: a short title-case quote after one is a title.
MEDIA_NOUNS = frozenset(
    "show program programme podcast book film movie song album series episode column newspaper "
    "magazine headline title documentary play musical novel segment channel network blog "
    "newsletter poem slogan sign banner hashtag".split()
)
SMALL_WORDS = frozenset("a an the of and or for to in on at by with from as is but nor vs".split())

# Entity labels and words that cannot be a speaker.
BAD_SUBJECT_ENTS = frozenset("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY".split())
NOT_SPEAKERS = frozenset("it this that which there what these those".split())

# a word of a text, as the stage counts and compares words
WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
