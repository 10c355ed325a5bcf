"""Invented sentences for the roles of an event: who acts and who is acted on, by construction.

``ROLES``: ``(text, source, target, code, flags)`` as ``cases_by_root.FLAGGED`` (``source`` /
``target`` match an actor's code, its ISO-3 country or a code prefix; ``None``: any; target ``""``:
any or none; a two-digit code is a root). ``flags`` keys:

* ``dyads``: ``[(source, target), ...]`` that must each be an event with this code;
* ``source_text`` / ``target_text``: the text of the matching event's source / target actor, as
  written in the sentence (the whole noun phrase of the argument);
* ``not_source``: a code or country that no event of this code may have as its source;
* ``target_unresolved``: the target is a noun phrase the knowledge base does not know.

All sentences are our own, written for these tests.
"""

ROLES = [
    # ------------------------------------------------------------------ coordinated modifiers on one head
    ("Kenyan and Ugandan ministers agreed to reopen the border.", "KEN", None, "03",
     {"dyads": [("KEN", None), ("UGA", None)]}),
    ("The French and German foreign ministers met in Paris.", "FRA", "DEU", "04",
     {"dyads": [("FRA", "DEU"), ("DEU", "FRA")]}),
    ("Indian and Pakistani soldiers clashed along the border.", "IND", "PAK", "19",
     {"dyads": [("IND", "PAK"), ("PAK", "IND")]}),
    ("Chadian and Nigerien troops attacked the militants near Lake Chad.", "TCD", None, "19",
     {"dyads": [("TCD", None), ("NER", None)]}),
    # ------------------------------------------------------------------ targets in complements
    ("Egypt, Jordan and Qatar pledged to bring the Libyan factions to the negotiating table.", "EGY", "LBY", "03",
     {"dyads": [("EGY", "LBY"), ("JOR", "LBY"), ("QAT", "LBY")]}),
    ("Ghana vowed to bring the Togolese parties together.", "GHA", "TGO", "03", {}),
    ("Norway offered to host the Colombian rebels in Oslo.", "NOR", "COL", "03", {}),
    # ------------------------------------------------------------------ a source's country is not its target's
    ("The president refused to certify the agreement with Cuba.", None, "CUB", "12", {"not_source": "CUB"}),
    ("The cleric accused the Americans of plotting against the region.", None, "USA", "112", {"not_source": "USA"}),
    ("The general threatened the Iranians with retaliation.", None, "IRN", "13", {"not_source": "IRN"}),
    # ------------------------------------------------------------------ appositions
    ("Abdel Fattah al-Sisi, the Egyptian president, met the Saudi foreign minister in Cairo.", "EGY", "SAU", "04",
     {"source_text": "Abdel Fattah al-Sisi, the Egyptian president", "target_text": "the Saudi foreign minister"}),
    ("Rodrigo Duterte, the Philippine president, criticised the European Union.", "PHL", "IGOEU", "111",
     {"source_text": "Rodrigo Duterte, the Philippine president"}),
    # ------------------------------------------------------------------ relative clauses: not part of the actor
    ("The rebels, who control the north, attacked a police station near Mopti.", "REB", "", "19",
     {"source_text": "The rebels", "target_text": "a police station", "target_unresolved": True}),
    ("Ethiopia, which hosts the African Union, condemned the coup in Sudan.", "ETH", "", "111",
     {"source_text": "Ethiopia"}),
    # ------------------------------------------------------------------ passives with "by": the patient is the target
    ("The convoy was attacked by Taliban fighters near Kandahar.", "AFG", "", "19",
     {"target_text": "The convoy", "target_unresolved": True}),
    ("A fishing village was shelled by Burmese troops.", "MMR", "", "19",
     {"target_text": "A fishing village"}),
    # ------------------------------------------------------------------ nominal events
    ("The Turkish president's visit to Moscow ended on Friday.", "TUR", "RUS", "042", {}),
    ("Talks between Ethiopia and Eritrea resumed in Algiers.", "ETH", "ERI", "04", {}),
    ("Police confirmed the arrest of three Kenyan journalists.", None, "KEN", "173",
     {"target_text": "three Kenyan journalists"}),
    ("Shelling by government forces killed five civilians in Idlib.", "MIL", "CVL", "18",
     {"target_text": "five civilians"}),
    # the author of a claim the verb answers: "denied accusations by X"
    ("Kenya denied accusations by the United Nations that its troops abused civilians.", "KEN", "IGOUNO", "016", {}),
    ("Brazil rejected a request from Bolivia to extradite the activist.", "BRA", "BOL", "12", {}),
    # ------------------------------------------------------------------ long infinitive chains
    ("Turkey wants to try to negotiate with the Kurdish rebels.", "TUR", None, "046",
     {"target_text": "the Kurdish rebels"}),
    ("Iran plans to begin trying to mediate between Saudi Arabia and Qatar.", "IRN", "SAU", "045",
     {"dyads": [("IRN", "SAU"), ("IRN", "QAT")]}),
    # ------------------------------------------------------------------ quantity subjects and objects
    ("Thousands of Armenians protested against the government in Yerevan.", "ARM", "ARMGOV", "14",
     {"source_text": "Thousands of Armenians"}),
    ("Dozens of Tunisian lawyers marched on the justice ministry.", "TUN", "TUNGOV", "14",
     {"source_text": "Dozens of Tunisian lawyers"}),
    ("Gunmen killed at least twelve displaced villagers in eastern Congo.", None, "COD", "18",
     {"target_text": "at least twelve displaced villagers in eastern Congo"}),
    ("The Nigerian army killed six Boko Haram fighters in Borno.", "NGA", None, "18",
     {"source_text": "The Nigerian army", "target_text": "six Boko Haram fighters"}),
    # ------------------------------------------------------------------ the recipient of what is given or sent
    ("The United States returned two stolen statues to the government of Nepal.", "USA", "NPL", "08",
     {"target_text": "the government of Nepal"}),
    ("Japan handed over three patrol boats to Vietnam.", "JPN", "VNM", None, {}),
    # ------------------------------------------------------------------ a target the knowledge base does not know
    ("Al-Shabaab fighters attacked a military base near Mogadishu.", "SOM", "", "19",
     {"target_text": "a military base near Mogadishu", "target_unresolved": True}),
    ("India rejected the Chinese proposal for a new border crossing.", "IND", "CHN", "12",
     {"target_text": "the Chinese proposal for a new border crossing"}),
    # a date is never the target
    ("The prime minister of Nepal resigned on Monday.", "NPL", "", "08", {"target_text": None}),
]
