"""Word lists of the event coder: the verbs, nouns and function words its rules look for,
and the British/American spelling of -ise/-ize verbs.
"""

from __future__ import annotations

import functools

PARTICLES = {"down", "out", "over", "back", "in", "off", "up", "away", "on"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "who", "which", "that"}
RELATIVE = {"who", "which", "that", "whom"}
HYPOTHETICAL_AUX = {"would", "could", "may", "might", "should", "must", "can"}
INTENT_AUX = {"will", "shall", "'ll", "wo"}
# verbs whose object (or prepositional object) noun is the event itself: "held talks", "launched strikes"
SUPPORT = {
    "hold", "launch", "carry", "conduct", "stage", "mount", "make", "begin", "start", "continue",
    "resume", "host", "give", "deliver", "issue", "announce", "order", "step", "intensify",
    "escalate", "impose", "sign", "reach", "offer", "provide", "send", "lodge", "file", "declare",
    "deploy", "organize", "organise", "call", "go", "undertake", "perform", "open", "initiate",
    "attend", "join", "extend", "grant", "approve", "authorize", "pledge", "promise", "seek", "take",
    "expand", "increase", "boost",
}
OBJECT_CONTROL = {"urge", "ask", "order", "call", "invite", "encourage", "press", "warn", "request",
                  "implore", "appeal", "push", "force", "tell", "instruct", "persuade"}

# verbs that report a clause: "said it would send troops" (the future of reported speech)
SPEECH = {"say", "announce", "state", "tell", "declare", "add", "report", "confirm", "insist", "stress",
          "indicate", "signal", "write", "note", "warn", "promise", "pledge", "vow", "agree", "decide"}

# verbs whose that-clause is asked for, not done: "demanded that Israel lift the blockade"
DEMAND_VERBS = {"demand", "urge", "ask", "insist", "request", "propose", "suggest", "recommend",
                "require", "order", "call"}

# adjectives that offer the act of their to-clause: "Iran is ready to hold talks"
READY = {"ready", "willing", "prepared", "eager", "determined", "keen", "set", "poised", "likely"}

# verbs that undo or refuse the event their object names: "remove the curfew", "break the truce"
UNDOING = {
    "remove", "lift", "end", "cancel", "scrap", "revoke", "rescind", "stop", "halt", "suspend",
    "break", "violate", "breach", "reject", "oppose", "abandon", "drop", "ease", "relax", "reverse",
    "withdraw", "quit", "boycott", "postpone", "delay", "abolish", "annul", "overturn", "dismantle",
}
# verbs saying that the event named by their subject happens: "talks began", "the strike continues"
OCCUR = {
    "begin", "start", "erupt", "break", "continue", "resume", "spread", "end", "take", "enter",
    "escalate", "intensify", "grow", "rage", "persist", "flare", "mount", "unfold", "kick", "get",
    "go", "happen", "occur", "follow", "proceed", "drag", "turn", "hit", "paralyse", "paralyze",
    "disrupt", "close", "conclude", "open", "stall", "collapse", "fail", "last", "widen", "sweep",
    "rock", "grip", "shake", "arrive", "reach", "pour",
}
# subjects that name an event rather than who acted: "a car bombing killed five people"
EVENT_SUBJECTS = {
    "bombing", "blast", "explosion", "bomb", "attack", "strike", "airstrike", "shelling", "fire",
    "gunfire", "firing", "violence", "clash", "fighting", "riot", "unrest", "raid", "ambush",
    "shooting", "crash", "storm", "flood", "earthquake", "quake", "stampede", "fire", "rocket",
    "missile", "mortar", "shell", "grenade", "mine", "drone", "landslide", "outbreak",
}
# subject nouns that are not agents: "the report accused", "the plan calls for", "the move angered"
NOT_AGENTS = {
    "report", "statement", "plan", "agreement", "deal", "decision", "move", "proposal", "law",
    "bill", "resolution", "document", "letter", "study", "survey", "data", "figure", "step",
    "measure", "policy", "rule", "order", "ruling", "verdict", "accord", "treaty", "pact", "news",
    "article", "story", "video", "footage", "photo", "image", "post", "message", "tweet",
    "incident", "situation", "crisis", "conflict", "war", "case", "issue", "question", "problem",
    "result", "effect", "impact", "change", "development", "event", "process", "meeting", "talk",
    "visit", "trip", "summit", "conference", "session", "election", "vote", "poll", "campaign",
    "program", "programme", "project", "initiative", "effort", "idea", "analysis", "view",
    "opinion", "source", "time", "year", "day", "week", "month", "today", "people", "percent",
    "number", "lot", "part", "one", "thing", "way", "reason", "fact", "point", "side", "area",
    "region", "city", "town", "village", "country", "nation", "state", "world", "border", "site",
    "tension", "pressure", "concern", "fear", "hope", "need", "demand", "call", "request",
    "announcement", "warning", "threat", "claim", "allegation", "charge", "accusation",
    "investigation", "probe", "inquiry", "review", "sanction", "ban", "restriction", "curfew",
    "budget", "economy", "market", "price", "cost", "fund", "money", "aid", "support",
}
# nouns that name who wields force when they modify the means: "police firing", "army shelling"
FORCE_NOUNS = {"police", "army", "military", "troop", "soldier", "rebel", "militant", "insurgent",
               "government", "navy", "coalition", "regime", "guerrilla", "paramilitary", "militia",
               "security", "force", "policeman", "jihadist", "terrorist", "gunman"}
NOT_AGENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC",
                  "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}


@functools.lru_cache(maxsize=65536)
def other_spelling(lemma: str) -> str | None:
    """The British or American spelling of an -ise/-ize (-yse/-yze) verb."""
    for a, b in (("ise", "ize"), ("ize", "ise"), ("yse", "yze"), ("yze", "yse")):
        if lemma.endswith(a) and len(lemma) > 5:
            return lemma[: -len(a)] + b
    return None
