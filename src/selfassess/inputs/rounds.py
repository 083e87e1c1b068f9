"""A round of answers as a command names it: files, folders and globs -> the bank and responses.

`score` and `report` both start here; `report --baseline` reads an earlier round against the
current round's bank. Printing the loaders' notes and drawing a progress bar are the command
line's business: it passes `watch`, which wraps the list of paths in something that moves a
bar as the loader walks through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from selfassess.core.errors import SelfassessError
from selfassess.inputs.banks import BankSource, resolve_bank
from selfassess.inputs.paths import expand_input_paths
from selfassess.inputs.responses import LoadedResponses, bank_for_responses, load_responses

# (paths, "answers" or "baseline") -> the same paths, perhaps moving a progress bar when read
Watch = Callable[[list[Path], str], Sequence[Path]]


def unwatched(paths: list[Path], what: str) -> Sequence[Path]:
    """No progress shown: the paths as they are."""
    return paths


def load_answers(
    files: Sequence[str],
    questionnaire: str | None,
    skip_invalid: bool,
    watch: Watch = unwatched,
    *,
    allow_untranslated: bool = False,
    language: str | None = None,
) -> tuple[BankSource, LoadedResponses]:
    """The bank (named, or found from the files) and the responses the arguments name; a
    `language` the bank does not offer is refused before any answer file is read."""
    paths = expand_input_paths(files)
    if not paths:
        raise SelfassessError.at(" ".join(files), "no *.json or *.csv response files found")
    if questionnaire:
        bank = resolve_bank(questionnaire, allow_untranslated=allow_untranslated)
    else:
        bank = bank_for_responses(paths)
    bank.in_language(language)
    loaded = load_responses(watch(paths, "answers"), bank.questionnaire, skip_invalid=skip_invalid)
    return bank, loaded


def load_baseline(
    args: Sequence[str], bank: BankSource, skip_invalid: bool, watch: Watch = unwatched
) -> LoadedResponses:
    """The earlier round's answers, read against the current round's bank."""
    paths = expand_input_paths(args)
    if not paths:
        raise SelfassessError.at(" ".join(args), "no *.json or *.csv baseline files found")
    return load_responses(watch(paths, "baseline"), bank.questionnaire, skip_invalid=skip_invalid)
