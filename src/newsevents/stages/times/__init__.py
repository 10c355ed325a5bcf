"""Time stage: time expressions -> :class:`~newsevents.records.TimeExpr` with TIMEX3-style values.

The package, one module per part (imports run down this list, never up it):

* :mod:`.patterns`: word tables, the candidate patterns, shared value shapes;
* :mod:`.values`: value arithmetic (article date, spelled numbers, durations, weeks, quarters, feasts);
* :mod:`.dispatch`: alternations of patterns split by first character;
* :mod:`.rules`: rarer shapes and conventions, asked before the main resolver;
* :mod:`.resolver`: :class:`TimeResolver`, one expression's text -> (value, type);
* :mod:`.candidates`: the windows around anchor words where the patterns are tried;
* :mod:`.clauses`: the tense of an expression's clause, and the expression of a verb's clause;
* :mod:`.anaphora`: "that year", "the quarter" anchored to the expression named before;
* :mod:`.stage`: :class:`TimeStage`, the pipeline component.
"""

from newsevents.stages.times.clauses import clause_tense, time_for_clause
from newsevents.stages.times.resolver import TimeResolver, normalize
from newsevents.stages.times.stage import TimeStage
from newsevents.stages.times.values import duration_value, parse_number, parse_ref_date

__all__ = [
    "TimeResolver", "TimeStage", "clause_tense", "duration_value", "normalize", "parse_number",
    "parse_ref_date", "time_for_clause",
]
