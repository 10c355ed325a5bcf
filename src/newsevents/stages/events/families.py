"""How an outer verb turns the inner event it governs into a CAMEO code.

"pledged to send aid" is CAMEO 033 (intent to give aid), "agreed to withdraw its troops" codes the
yielding act itself (087, modality intended; PLOVER CONCEDE), "threatened to impose sanctions" 1312,
"refused to release the prisoners" 1243, "urged X to hold talks" 026, "demanded the release of X"
1053. Each family (02 appeal, 03 intent, 10 demand, 12 reject, 13 threaten) maps the inner code to
its own branch of the ontology; this is the structure of CAMEO itself.
"""

from __future__ import annotations

# inner code (prefix, longest first) -> suffix in the appeal (02) / demand (10) branch
_ASK = [
    ("0831", "41"), ("0832", "42"), ("0833", "43"), ("0834", "44"), ("083", "4"),
    ("081", "51"), ("082", "52"), ("084", "53"), ("085", "54"), ("086", "55"), ("087", "56"),
    ("08", "5"),
    ("061", "11"), ("062", "12"), ("063", "13"), ("064", "14"), ("06", "1"),
    ("071", "31"), ("072", "32"), ("073", "33"), ("074", "34"), ("07", "3"),
    ("05", "2"), ("045", "8"), ("037", "7"), ("057", "7"), ("04", "6"), ("036", "6"),
]

_INTENT = [
    ("061", "0311"), ("062", "0312"), ("063", "0313"), ("064", "0314"), ("06", "031"),
    ("071", "0331"), ("072", "0332"), ("073", "0333"), ("074", "0334"), ("07", "033"),
    ("0831", "0341"), ("0832", "0342"), ("0833", "0343"), ("0834", "0344"), ("083", "034"),
    ("081", "0351"), ("082", "0352"), ("084", "0353"), ("085", "0354"), ("086", "0355"),
    ("087", "0356"), ("08", "035"),
    ("045", "039"), ("046", "036"), ("04", "036"), ("057", "030"), ("05", "032"),
    ("037", "037"), ("03", None),
]

_REJECT = [
    ("061", "1211"), ("062", "1212"), ("063", "1213"), ("064", "1214"), ("06", "121"),
    ("071", "1221"), ("072", "1222"), ("073", "1223"), ("074", "1224"), ("07", "122"),
    ("0831", "1231"), ("0832", "1232"), ("0833", "1233"), ("0834", "1234"), ("083", "123"),
    ("081", "1241"), ("082", "1242"), ("084", "1243"), ("085", "1244"), ("086", "1245"),
    ("087", "1246"), ("08", "124"),
    ("045", "126"), ("04", "125"), ("057", "127"), ("037", "127"), ("05", "120"), ("03", "120"),
    ("011", "011"), ("02", "120"),
    # rejecting a demand: "rejected calls for talks", "turned down demands for aid"
    ("101", "121"), ("103", "122"), ("104", "123"), ("105", "124"), ("106", "125"), ("107", "127"),
    ("108", "126"), ("10", "120"),
]

_THREATEN = [
    ("161", "1313"), ("162", "1311"), ("163", "1312"), ("164", "134"), ("165", "135"),
    ("166", "136"), ("16", "131"),
    ("1721", "1321"), ("1722", "1322"), ("1723", "1323"), ("1724", "1324"), ("172", "132"),
    ("173", "132"), ("174", "132"), ("175", "137"), ("17", "131"),
    ("14", "133"), ("15", "138"),
    ("191", "1381"), ("192", "1382"), ("19", "1384"),
    ("2041", "1385"), ("2042", "1385"), ("204", "1385"), ("18", "1383"), ("20", "1383"),
    ("12", "130"), ("11", "130"),
]


def _lookup(table, inner: str):
    for prefix, out in sorted(table, key=lambda p: -len(p[0])):
        if inner.startswith(prefix):
            return True, out
    return False, None


def is_conflict(code: str) -> bool:
    return code[:2] >= "14"


def map_family(family: str, inner: str | None) -> tuple[str | None, bool]:
    """(code, negated) for an outer verb of ``family`` (its CAMEO code) over ``inner``.

    ``inner`` None means the governed verb or noun is not in the lexicon: the outer verb's own
    code stands (``None`` for pure intention verbs). A code of None means: no event.
    """
    root = family[:2]
    if inner is None:
        return (None if family == "modal" else family), False
    if family == "modal":  # plan/intend/want to ...: the inner event, merely intended
        return inner, False
    if root in ("02", "10"):
        found, suffix = _lookup(_ASK, inner)
        if found:
            return (root + suffix if len(root + suffix) <= 4 else root + suffix[:2]), False
        return family, False
    if root == "03":
        if is_conflict(inner):
            return map_family("130", inner)
        if inner.startswith("08"):  # "agreed to withdraw": the yielding act itself (intended)
            return inner, False
        found, out = _lookup(_INTENT, inner)
        if found:
            return (out or inner), False
        return inner, False
    if root == "12":
        found, out = _lookup(_REJECT, inner)
        if found:
            return out, False
        return inner, True  # "refused to attack": the inner act, negated
    if root == "13":
        found, out = _lookup(_THREATEN, inner)
        if found:
            return out, False
        return family, False
    return inner, False
