from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustworks.assess import (
    audit_questionnaire,
    check_answers,
    load_questionnaire,
    read_answers,
    self_questionnaire,
)
from trustworks.assess.questionnaire import SelfItem
from trustworks.errors import AnswersError, QuestionnaireError

# Every practice DOMAIN.md section 3 names, by the audit item that covers it.
PRACTICES = [
    "non_competes",
    "hedged_pitches",
    "liability_terms",
    "price_answers",
    "admitting_not_knowing",
    "ndas",
    "ex_employee_suits",
    "collections",
    "recommending_competitors",
    "lie_detectors",
    "talking_about_feelings",
    "sharing_cost_data",
    "fine_print",
    "agreement_length",
    "overrun_asymmetry",
]

HEADER = '[questionnaire]\ntitle = "T"\nversion = 1\n'
AUDIT_ITEM = """
[[item]]
id = "{id}"
practice = "P"
toward = "{toward}"
question = "Q?"
change = "C"
options = [{{ key = "a", label = "A", trust = {low} }}, {{ key = "b", label = "B", trust = 4 }}]
"""


def _item(id: str = "x", toward: str = "clients", low: int = 0) -> str:
    return AUDIT_ITEM.format(id=id, toward=toward, low=low)


def test_questionnaire_packaged_audit_covers_every_practice() -> None:
    q = audit_questionnaire()
    assert [i.id for i in q.items] == PRACTICES
    assert {i.toward for i in q.items} == {"clients", "staff", "suppliers"}
    assert all(i.change and i.best == 4 for i in q.items)


def test_questionnaire_packaged_self_assessment_covers_every_component() -> None:
    q = self_questionnaire()
    counts = {
        c: sum(1 for i in q.items if i.component == c)
        for c in ("credibility", "reliability", "intimacy", "self_orientation")
    }
    assert all(n >= 3 for n in counts.values()), counts


def test_questionnaire_self_items_are_worded_for_raters_too() -> None:
    items = [i for i in self_questionnaire().items if isinstance(i, SelfItem)]
    assert all(i.about and not i.about.startswith("I ") for i in items)
    assert all(i.for_rater == i.about for i in items)
    bare = items[0].model_copy(update={"about": None})
    assert bare.for_rater == bare.question  # a file without `about` still works for raters


def test_questionnaire_loads_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(HEADER + _item("one") + _item("two", "staff"), encoding="utf-8")
    q = load_questionnaire(path, "audit")
    assert (q.title, q.version, [i.id for i in q.items]) == ("T", 1, ["one", "two"])


@pytest.mark.parametrize(
    ("text", "item", "problem"),
    [
        ("this is = = not toml", None, "not valid TOML"),
        ("colour = 1\n" + HEADER, None, "unknown top-level key(s) ['colour']"),
        ('[questionnaire]\ntitle = "T"\n' + _item(), None, "[questionnaire] version"),
        (HEADER, None, "has no items"),
        (HEADER + _item("dup") + _item("dup"), "dup", "duplicate item id"),
        (HEADER + _item("x", toward="investors"), "x", "toward"),
        (HEADER + _item("x", low=7), "x", "options.0.trust"),
        (HEADER + _item("Bad Id"), "Bad Id", "id: String should match pattern"),
        (HEADER + _item("x").replace('key = "b"', 'key = "a"'), "x", "duplicate option key"),
        (HEADER + _item("x").replace("trust = 4", "trust = 0"), "x", "cannot be scored"),
        (HEADER + _item("x").replace('change = "C"\n', ""), "x", "change: Field required"),
        (
            HEADER + _item("x").replace('question = "Q?"', 'question = "Q?"\nhint = 1'),
            "x",
            "hint: Extra inputs",
        ),
    ],
)
def test_questionnaire_bad_file_names_file_item_and_problem(
    tmp_path: Path, text: str, item: str | None, problem: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path, "audit")
    assert caught.value.file == str(path)
    assert caught.value.item_id == item
    assert problem in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_questionnaire_self_assessment_needs_every_component(tmp_path: Path) -> None:
    path = tmp_path / "self.toml"
    path.write_text(
        HEADER
        + '[[item]]\nid = "c"\ncomponent = "credibility"\nquestion = "Q"\n'
        + 'options = [{ key = "a", label = "A", goodness = -1 }, '
        + '{ key = "b", label = "B", goodness = 1 }]\n',
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireError, match="intimacy"):
        load_questionnaire(path, "self")


def test_questionnaire_self_goodness_out_of_range(tmp_path: Path) -> None:
    path = tmp_path / "self.toml"
    path.write_text(
        HEADER
        + '[[item]]\nid = "c"\ncomponent = "credibility"\nquestion = "Q"\n'
        + 'options = [{ key = "a", label = "A", goodness = -5 }, '
        + '{ key = "b", label = "B", goodness = 1 }]\n',
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path, "self")
    assert caught.value.item_id == "c"
    assert "goodness" in caught.value.problem


def test_questionnaire_missing_file_is_a_questionnaire_error(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="cannot be read"):
        load_questionnaire(tmp_path / "none.toml", "audit")


def test_check_answers_returns_answers_in_questionnaire_order() -> None:
    q = audit_questionnaire()
    given = {i.id: i.options[0].key for i in reversed(q.items)}
    assert list(check_answers(q, given)) == PRACTICES


def test_check_answers_lists_every_problem() -> None:
    q = audit_questionnaire()
    given: dict[str, object] = {i.id: i.options[0].key for i in q.items}
    del given["ndas"]
    given["collections"] = "sue_them"
    given["fine_print"] = 3
    given["golf_days"] = "yes"
    with pytest.raises(AnswersError) as caught:
        check_answers(q, given, "mine.toml")
    assert sorted(caught.value.problems) == sorted(
        [
            ("golf_days", "not an item of this questionnaire"),
            ("ndas", "not answered (every item needs an answer)"),
            (
                "collections",
                "'sue_them' is not one of its options (escalate_fast, reminders, ask_why)",
            ),
            ("fine_print", "3 is not one of its options (key_terms, boilerplate, nothing_hidden)"),
        ]
    )
    assert "mine.toml [ndas]: not answered" in str(caught.value)
    assert str(caught.value).startswith("4 problems, nothing recorded")


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize("nested", [False, True])
def test_read_answers_toml_or_json_flat_or_nested(
    tmp_path: Path, suffix: str, nested: bool
) -> None:
    answers = {"ndas": "before_details", "fine_print": "boilerplate"}
    doc = {"answers": answers} if nested else answers
    path = tmp_path / f"a{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(doc), encoding="utf-8")
    else:
        body = "\n".join(f'{k} = "{v}"' for k, v in answers.items())
        path.write_text(("[answers]\n" if nested else "") + body, encoding="utf-8")
    assert read_answers(path) == answers


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("a.json", "{not json", "not valid JSON"),
        ("a.toml", "x = = 1", "not valid TOML"),
        ("a.json", "[1, 2]", "expected a table"),
    ],
)
def test_read_answers_bad_file(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError, match=problem):
        read_answers(path)
