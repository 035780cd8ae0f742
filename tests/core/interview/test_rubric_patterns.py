"""The rubric's phrase lists as data (bot/core/interview/data/rubric_patterns.toml and
rubric_words.toml, loaded by bot.core.interview.patterns): the files load, every placeholder is
defined, every list compiles and is bound in rubric_checks, and the rubric still judges through
them. The answers here were written for these tests.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from bot.core.interview import patterns
from bot.core.interview import rubric_checks as rc
from bot.core.interview.rubric import WHY_DIDNT_YOU_MATCH, assess_answer

GROUPS = {
    "people",
    "fillers",
    "causes",
    "blame",
    "self_deprecation",
    "oversharing",
    "dwelling",
    "growth",
    "ending",
    "negation",
    "other_questions",
}


def _raw_tables() -> dict:
    with patterns.PATTERNS_PATH.open("rb") as fh:
        return tomllib.load(fh)


def _all_raw_texts() -> list[tuple[str, str]]:
    """(name, text) of every macro and every alternative, placeholders not expanded."""
    out = list(patterns.raw_macros().items())
    for name, value in patterns.raw_sources().items():
        values = (value,) if isinstance(value, str) else value
        out += [(name, v) for v in values]
    return out


# ---------------------------------------------------------------------------------------------
# The data files


def test_the_toml_files_load_with_macros_and_every_group() -> None:
    tables = _raw_tables()
    assert "macros" in tables
    assert set(tables) - {"macros"} == GROUPS
    assert all(tables[g] for g in GROUPS)
    for must in ("IM", "IVE", "ID", "ILL", "DIDNT", "DONT", "COULDNT", "NUM", "_AGENT", "_HARM_STRONG"):
        assert must in patterns.raw_macros()
    for must in ("CAUSE", "OWNERSHIP", "BLAME_STRONG", "SELF_DEP_STRONG", "HEALTH_DX", "FORWARD"):
        assert must in patterns.raw_sources()
    assert set(patterns.word_lists()) == {
        "_LIKE_REAL_BEFORE",
        "_LIKE_FILLER_BEFORE",
        "_LIKE_FILLER_AFTER",
        "_NUMBER_WORDS",
        "_YOU_KNOW_REAL_BEFORE",
        "_YOU_KNOW_REAL_AFTER",
    }


def test_names_are_unique_across_tables() -> None:
    seen: set[str] = set()
    for group, table in _raw_tables().items():
        overlap = seen & set(table)
        assert not overlap, f"{group}: {overlap}"
        seen |= set(table)


def test_every_placeholder_is_defined_and_every_macro_is_used() -> None:
    defined = set(patterns.raw_macros())
    used: set[str] = set()
    for name, text in _all_raw_texts():
        for placeholder in patterns.PLACEHOLDER.findall(text):
            assert placeholder in defined, f"{name}: {{{{{placeholder}}}}} is not in [macros]"
            used.add(placeholder)
    # the contraction macros are public names of rubric_checks; the private ones must be used here
    assert {name for name in defined - used if name.startswith("_")} == set()
    for name in patterns.raw_sources():
        assert "{{" not in patterns.source(name), name


def test_every_macro_and_list_compiles() -> None:
    for name in patterns.raw_macros():
        re.compile(patterns.macro(name), patterns.FLAGS)
    for name, value in patterns.raw_sources().items():
        if not isinstance(value, str):
            assert value, f"{name} is an empty list"
            for alternative in value:
                re.compile(patterns.expand(alternative), patterns.FLAGS)
        compiled = patterns.rx(name)
        assert compiled.flags & re.IGNORECASE
        assert "\n" not in compiled.pattern


def test_line_breaks_in_a_string_are_not_part_of_the_regex() -> None:
    assert patterns._unwrap("(?:one|\n     two) three") == "(?:one|two) three"
    # a break never falls next to a space that matters
    text = patterns.PATTERNS_PATH.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line != line.rstrip()] == []


def test_macros_expand_like_the_contractions_they_stand_for() -> None:
    assert patterns.macro("IM") == r"I(?:'?m| am)"
    assert patterns.expand(r"\b{{IM}} not") == r"\bI(?:'?m| am) not"
    assert "{{" not in patterns.macro("_WILLING")  # a macro built from macros
    with pytest.raises(KeyError):
        patterns.expand("{{NO_SUCH_MACRO}}")


def test_word_lists_are_lower_case_without_duplicates() -> None:
    with patterns.WORDS_PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    for name, values in raw.items():
        assert values, name
        assert len(values) == len(set(values)), name
        assert all(v == v.lower() and v.strip() == v for v in values), name


def test_rubric_checks_binds_every_list() -> None:
    for name in patterns.raw_sources():
        assert getattr(rc, name) is patterns.rx(name), name
    for name in patterns.raw_macros():
        assert getattr(rc, name) == patterns.macro(name), name
    for name, words in patterns.word_lists().items():
        assert getattr(rc, name) == words, name
    assert rc.NEGATED_OR_REPORTED.pattern == patterns.join(rc.NEGATED.pattern, rc.REPORTED.pattern)


# ---------------------------------------------------------------------------------------------
# Behaviour through the lists

OWNING = (
    "I didn't match because I applied to only fifteen academic programs in one city, and with my "
    "Step 2 score that list was too narrow. That was my decision and my mistake. Since Monday I've "
    "applied to community programs in three states and done two mock interviews with my advisor. "
    "Your program's continuity clinic is exactly what I'm looking for, and I'm ready to start on July 1."
)


def status(text: str, criterion: str, question: str = WHY_DIDNT_YOU_MATCH) -> str:
    found = assess_answer(text, question).get(criterion)
    assert found is not None
    return found.status


def test_an_owning_answer_passes_ownership_and_blame() -> None:
    assert status(OWNING, "ownership") == "pass"
    assert status(OWNING, "blame") == "pass"
    assert rc.OWNERSHIP.search("That was my decision.")


def test_blaming_the_interviewer_fails_blame() -> None:
    blaming = (
        "Honestly, my interviewer at my top program was rude and checked her phone the whole time, "
        "and the program director never gave me a chance. It wasn't my fault. I'm excited about your program."
    )
    assert status(blaming, "blame") == "fail"
    assert rc.BLAME_STRONG.search("the interviewers were biased against me")
    assert not rc.BLAME_STRONG.search("I applied to too few programs")


def test_self_deprecation_and_oversharing_read_the_lists() -> None:
    assert status("I guess I'm just not smart enough to be a doctor. " + OWNING, "self-deprecation") == "fail"
    assert status(OWNING, "self-deprecation") == "pass"
    heavy = (
        "During second year I was hospitalized for an eating disorder, and I'm still in therapy every "
        "week; some days are harder than others. My parents divorced that spring and we were evicted. " + OWNING
    )
    assert status(heavy, "oversharing") == "fail"
    assert status(OWNING, "oversharing") == "pass"


def test_endings_forward_fallback_and_promise() -> None:
    assert status(OWNING, "future-focus") == "pass"
    desperate = OWNING.rsplit(". ", 1)[0] + ". Honestly, I'll take any spot at this point."
    assert status(desperate, "future-focus") == "fail"
    promise = OWNING + " If you offer me a position, I will accept it immediately."
    assert status(promise, "future-focus") == "warn"
    assert rc.NEGATED_OR_REPORTED.search("I'd never promise")
    assert rc.NEGATED_OR_REPORTED.search("some applicants tell programs")


def test_fillers_use_the_word_lists() -> None:
    text = "So like, I applied to like three programs, but I would like to train here. You know how it is."
    found = [text[a:b] for a, b in rc.count_fillers(text)]
    assert found == ["like", "like"]
    assert rc.count_fillers("I felt like my list was safe.") == []
    sounds = "Um, it was, you know, hard."
    assert [sounds[a:b] for a, b in rc.count_fillers(sounds)] == ["Um", "you know"]


@pytest.mark.parametrize(
    "cause",
    [
        "Some errors were made in how my list was put together, and interviews were scarce.",
        "My letters were slow to be uploaded, so my file was incomplete until late October.",
        "The invitations I hoped for never materialized, and by then the slots had been given away.",
    ],
    ids=["errors-were-made", "slow-to-be-uploaded", "never-materialized"],
)
def test_a_cause_told_with_no_one_doing_it_is_blame_and_not_ownership(cause: str) -> None:
    answer = (
        f"{cause} Since then I have worked as a research assistant in a cardiology clinic, where I see patients "
        "with the fellows twice a week. I'm excited about your program's community clinic and ready to start."
    )
    assert status(answer, "blame") in ("warn", "fail")
    assert status(answer, "ownership") in ("warn", "fail")
    # the same events owned in the first person are not blame
    owned = (
        "I built my list late and applied too narrowly, and that was my mistake. Since then I have worked as a "
        "research assistant in a cardiology clinic, where I see patients with the fellows twice a week. I'm "
        "excited about your program's community clinic and ready to start."
    )
    assert status(owned, "blame") == "pass"
