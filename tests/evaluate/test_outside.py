"""The outside-set harness: annotation loading, matching, metrics and the CLI.

Matching and metrics run on the tiny hand-made fixture in tests/evaluate/outside_fixture/ and
on findings built here, never on the shipped outside set (whose figures are the measurement).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.analysis import Finding
from trustworks.cli import app
from trustworks.conversation import fold_name
from trustworks.errors import CatalogueError, InputError
from trustworks.evaluate.outside import (
    SHIPPED_SETS,
    AnnotationSet,
    Moment,
    OutsideReport,
    SellerCheck,
    evaluate_outside,
    family_scores,
    load_annotations,
    load_shipped_set,
    matches,
    pool,
    score_conversation,
    spearman,
    unmatched_reason,
)

FIXTURE = Path(__file__).parent / "outside_fixture"
DOC = Path(__file__).parents[2] / "docs" / "accuracy.md"
runner = CliRunner()


def finding(
    turn: int,
    family: str,
    polarity: int,
    *,
    confidence: float = 1.0,
    learned: bool = False,
    speaker: str = "Rep",
) -> Finding:
    return Finding(
        signal=f"{family}_test",
        family=family,
        component="intimacy",
        polarity=polarity,
        weight=1.0,
        turn=turn,
        speaker=speaker,
        evidence="words",
        start=0,
        end=5,
        description="",
        coaching="",
        rewrite=None,
        learned=learned,
        source="model" if learned else "rule",
        confidence=confidence,
    )


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    target = tmp_path / "set"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def annotations() -> AnnotationSet:
    return load_annotations(FIXTURE / "annotations.toml")


RIGHT = SellerCheck(guessed="Rep", right=True, uncertain=False, confidence=0.9)


def test_outside_accuracy_doc_describes_the_command_and_the_format() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert "## Outside conversations" in doc
    for part in ("trustworks eval conversations", "--min-confidence", "[[conversation.moment]]"):
        assert part in doc


# --- loading ---------------------------------------------------------------------------


def test_outside_load_reads_conversations_sellers_and_moments(annotations: AnnotationSet) -> None:
    assert annotations.version == 1
    assert [c.id for c in annotations.conversations] == ["pushy", "curious", "plain"]
    pushy = annotations.conversations[0]
    assert pushy.seller == ("Rep",)
    assert pushy.grade == 2.0
    assert len(pushy.conversation.turns) == 4
    assert pushy.moments[1] == Moment(
        turn=2,
        family="pressure",
        polarity=-1,
        note="artificial deadline",
        also=("servant_outcome",),
    )
    assert pushy.moments[1].families == ("pressure", "servant_outcome")
    assert annotations.moments == 5


def test_outside_packaged_set_loads_with_every_moment_on_a_seller_turn() -> None:
    packaged = load_annotations()
    assert 30 <= len(packaged.conversations) <= 60
    assert packaged.moments > 0
    for item in packaged.conversations:
        sellers = set(item.seller)
        for moment in item.moments:
            assert item.conversation.turns[moment.turn].speaker in sellers


# Each case edits one line of the fixture file and names what the error must say.
BAD: list[tuple[str, str, str, str]] = [
    ("version = 1", "version = 2", "version 2 is not supported", ""),
    ('family = "pressure"', 'family = "pushiness"', "unknown family 'pushiness'", "[pushy]"),
    ("polarity = -1\nalso", "polarity = 0\nalso", "moment 2: polarity", "[pushy]"),
    ('also = ["servant_outcome"]', 'also = ["pressure"]', "'also' repeats the family", "[pushy]"),
    ('turn = 2\nfamily = "pressure"', 'turn = 9\nfamily = "pressure"', "turn 9 is past", "[pushy]"),
    (
        'turn = 2\nfamily = "pressure"',
        'turn = 1\nfamily = "pressure"',
        "spoken by 'Buyer'",
        "[pushy]",
    ),
    ('seller = ["Rep"]', 'seller = ["Sam"]', "seller 'Sam' does not speak", "[pushy]"),
    ('seller = ["Rep"]', "seller = []", "seller: Tuple should have at least 1 item", "[pushy]"),
    ("grade = 2", "grade = 11", "grade: Input should be less than or equal to 10", "[pushy]"),
    ('file = "pushy.json"', 'file = "gone.json"', "cannot read gone.json", "[pushy]"),
    ('file = "pushy.json"', 'file = "../pushy.json"', "file: String should match", "[pushy]"),
    ('id = "curious"', 'id = "pushy"', "the id is used by another conversation", "[pushy]"),
    ('note = "touts the firm"', 'note = " "', "moment 1: note", "[pushy]"),
    (
        "grade = 9",
        'grade = 9\ncolour = "red"',
        "colour: Extra inputs are not permitted",
        "[curious]",
    ),
    ("version = 1", "version = [1", "not valid TOML", ""),
]


@pytest.mark.parametrize(("old", "new", "message", "where"), BAD)
def test_outside_load_rejects_bad_file_with_precise_error(
    fixture_dir: Path, old: str, new: str, message: str, where: str
) -> None:
    path = fixture_dir / "annotations.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_annotations(path)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}{' ' + where if where else ''}: ")
    assert "\n" not in str(info.value)


def test_outside_load_rejects_unreadable_conversation(fixture_dir: Path) -> None:
    (fixture_dir / "conversations" / "plain.json").write_text("[{", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"\[plain\]: cannot read plain.json: .*invalid JSON"):
        load_annotations(fixture_dir / "annotations.toml")


def test_outside_load_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        load_annotations(tmp_path / "annotations.toml")


# --- matching --------------------------------------------------------------------------

MOMENT = Moment(turn=2, family="pressure", polarity=-1, note="", also=("servant_outcome",))


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (finding(2, "pressure", -1), True),
        (finding(2, "servant_outcome", -1), True),  # an accepted other family
        (finding(2, "pressure", 1), False),  # wrong polarity
        (finding(3, "pressure", -1), False),  # wrong turn
        (finding(2, "intimacy", -1), False),  # a family the moment does not accept
    ],
)
def test_outside_matches_needs_turn_polarity_and_family(shown: Finding, expected: bool) -> None:
    assert matches(shown, MOMENT) is expected


def test_outside_score_counts_matched_unmatched_and_hidden(annotations: AnnotationSet) -> None:
    pushy = annotations.conversations[0]
    findings = [
        finding(2, "pressure", -1),  # matches moment 2
        finding(2, "servant_outcome", -1),  # matches moment 2 too: both are right
        finding(0, "listening", 1),  # on a seller turn, no moment: unmatched
        finding(0, "self_orientation", -1, confidence=0.2, learned=True),  # hidden
        finding(1, "intimacy", 1, speaker="Buyer"),  # the other side's turn: not scored
    ]
    result = score_conversation(pushy, findings, trust=3.0, seller=RIGHT, min_confidence=0.5)
    assert [m.turn for m in result.found] == [2]
    assert [m.turn for m in result.missed] == [0]  # its only finding was hidden
    assert len(result.matched) == 2
    assert [(f.turn, f.family) for f in result.unmatched] == [(0, "listening")]
    # The coach flagged turn 0 as spending trust; this finding says it builds it.
    assert result.unmatched[0].why == "opposite polarity"
    assert [(f.turn, f.speaker) for f in result.other_side] == [(1, "Buyer")]
    assert result.hidden == 1


def test_outside_lower_threshold_shows_model_findings(annotations: AnnotationSet) -> None:
    pushy = annotations.conversations[0]
    low = finding(0, "self_orientation", -1, confidence=0.2, learned=True)
    result = score_conversation(pushy, [low], trust=3.0, seller=RIGHT, min_confidence=0.1)
    assert [m.turn for m in result.found] == [0]
    assert result.matched[0].source == "model"


def report_for(annotations: AnnotationSet) -> OutsideReport:
    pushy, curious, plain = annotations.conversations
    results = (
        score_conversation(
            pushy, [finding(2, "pressure", -1), finding(0, "listening", 1)], 2.0, RIGHT
        ),
        score_conversation(
            curious,
            [finding(0, "self_orientation", 1, speaker="Ana"), finding(2, "listening", 1)],
            5.0,
            SellerCheck("Ben", right=False, uncertain=True, confidence=0.5),
        ),
        score_conversation(
            plain, [], 3.0, SellerCheck("Customer", right=False, uncertain=False, confidence=0.6)
        ),
    )
    return OutsideReport(
        annotations="fixture",
        version=1,
        min_confidence=0.5,
        seconds=0.0,
        conversations=results,
        families=family_scores(results),
        correlation=spearman([r.trust for r in results], [r.grade for r in results]),
    )


def test_outside_report_precision_recall_and_families(annotations: AnnotationSet) -> None:
    report = report_for(annotations)
    assert report.moments == 5
    assert report.moments_found == 3  # pushy turn 2, curious turns 0 and 2
    assert report.recall == pytest.approx(3 / 5)
    assert report.findings == 4
    assert report.matched_findings == 3
    assert report.precision == pytest.approx(3 / 4)
    by_family = {f.family: f for f in report.families}
    # Recall is counted under the moment's own family, precision under the finding's.
    assert (by_family["listening"].moments, by_family["listening"].found) == (2, 2)
    assert (by_family["listening"].findings, by_family["listening"].matched_findings) == (2, 1)
    assert by_family["self_orientation"].recall == 0.0
    assert by_family["self_orientation"].precision == 1.0
    assert by_family["price"].recall == 0.0
    assert by_family["mutual_risk"].recall is None
    assert report.seller_verdicts == {"right": 1, "wrong": 1, "uncertain": 1}
    assert report.unmatched_reasons == {
        "other family": 0,
        "opposite polarity": 1,  # pushy turn 0: listening + where the coach saw touting
        "no moment": 0,
    }
    aims = report.aims()
    assert aims == {
        "precision": False,
        "recall": False,
        "family_recall": True,  # no family has the 5 moments the per-family aim needs
        "spearman": True,  # grades 2, 9, 6 against trust 2, 5, 3: same order
        "seller": False,
    }
    assert report.correlation.rho == 1.0
    assert report.correlation.n == 3


@pytest.mark.parametrize(
    ("shown", "why"),
    [
        (finding(2, "intimacy", -1), "other family"),
        (finding(2, "intimacy", 1), "opposite polarity"),
        (finding(3, "pressure", -1), "no moment"),
    ],
)
def test_outside_unmatched_reason(shown: Finding, why: str) -> None:
    assert unmatched_reason(shown, [MOMENT]) == why


@pytest.mark.parametrize(
    ("trust", "grades", "rho"),
    [
        ([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 9.0], 1.0),
        ([4.0, 3.0, 2.0, 1.0], [2.0, 4.0, 6.0, 9.0], -1.0),
        ([3.0, 3.0, 3.0], [2.0, 5.0, 9.0], None),  # a constant score has no rank order
        ([1.0, 2.0], [2.0, 5.0], None),  # too few to rank
    ],
)
def test_outside_spearman(trust: list[float], grades: list[float], rho: float | None) -> None:
    assert spearman(trust, grades).rho == rho


def test_outside_evaluate_runs_the_analyzer_on_every_conversation(
    annotations: AnnotationSet,
) -> None:
    report = evaluate_outside(annotations)
    assert [c.id for c in report.conversations] == ["pushy", "curious", "plain"]
    assert report.moments == 5
    assert report.correlation.n == 3
    for result in report.conversations:
        assert len(result.found) + len(result.missed) == len(
            next(c for c in annotations.conversations if c.id == result.id).moments
        )
        assert result.seller.verdict in {"right", "wrong", "uncertain"}
    assert json.loads(json.dumps(report.to_dict()))["conversations"] == 3


# --- CLI -------------------------------------------------------------------------------


def test_cli_eval_conversations_json(fixture_dir: Path) -> None:
    result = runner.invoke(
        app,
        ["eval", "conversations", "--annotations", str(fixture_dir / "annotations.toml"), "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["conversations"] == 3
    assert report["moments"] == 5
    assert report["min_confidence"] == 0.5
    assert report["spearman"]["n"] == 3
    assert set(report["seller_inference"]) == {"right", "wrong", "uncertain"}
    assert {f["family"] for f in report["families"]} >= {"listening", "pressure", "price"}
    first = report["per_conversation"][0]
    assert {"found", "missed", "unmatched_findings", "seller_inference"} <= set(first)
    assert set(report["aims_met"]) == {"precision", "recall", "family_recall", "spearman", "seller"}


def test_cli_eval_conversations_tables_and_details(fixture_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "eval",
            "conversations",
            "--annotations",
            str(fixture_dir / "annotations.toml"),
            "--details",
            "--min-confidence",
            "0.9",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    for part in ("precision of shown findings", "Per family", "Per conversation", "pushy"):
        assert part in result.stdout
    # The header names the annotations' path, so where it wraps depends on the temporary folder.
    assert "confidence ≥ 0.9" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p.write_text("version = 3\n", encoding="utf-8"), "version 3 is not supported"),
        (lambda p: p.unlink(), "no such file"),
    ],
)
def test_cli_eval_conversations_bad_file_is_one_line_exit_2(
    fixture_dir: Path, edit: Callable[[Path], object], message: str
) -> None:
    path = fixture_dir / "annotations.toml"
    edit(path)
    result = runner.invoke(app, ["eval", "conversations", "--annotations", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.strip().count("\n") == 0


def test_outside_shipped_sets_load_and_pool_without_sharing_a_conversation() -> None:
    sets = tuple(load_shipped_set(name) for name in SHIPPED_SETS)
    pooled = pool(sets)
    assert [s.source for s in sets] == [
        f"trustworks/evaluate/{name}/annotations.toml" for name in SHIPPED_SETS
    ]
    assert len(pooled.conversations) == sum(len(s.conversations) for s in sets)
    assert pooled.moments == sum(s.moments for s in sets)
    with pytest.raises(CatalogueError, match="also in"):
        pool((sets[0], sets[0]))
    with pytest.raises(InputError, match="no such annotated set"):
        load_shipped_set("holdout")


def test_cli_eval_conversations_set_all_pools_the_shipped_sets(
    monkeypatch: pytest.MonkeyPatch, annotations: AnnotationSet
) -> None:
    # Every shipped set replaced by the small fixture under its own ids: the command must ask
    # for each shipped set once and score them as one.
    asked: list[str] = []

    def fake(name: str) -> AnnotationSet:
        asked.append(name)
        renamed = tuple(replace(c, id=f"{name}-{c.id}") for c in annotations.conversations)
        return replace(annotations, conversations=renamed, source=name)

    monkeypatch.setattr("trustworks.evaluate.outside.load_shipped_set", fake)
    result = runner.invoke(app, ["eval", "conversations", "--set", "all", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert asked == list(SHIPPED_SETS)
    assert report["conversations"] == len(SHIPPED_SETS) * len(annotations.conversations)
    assert report["annotations"] == " + ".join(SHIPPED_SETS)


@pytest.mark.parametrize(
    "args",
    [["--set", "holdout"], ["--set", "outside2", "--annotations", "x.toml"]],
)
def test_cli_eval_conversations_bad_set_exits_2(args: list[str]) -> None:
    result = runner.invoke(app, ["eval", "conversations", *args])
    assert result.exit_code == 2


@pytest.mark.parametrize("name", SHIPPED_SETS)
def test_outside_every_shipped_set_has_each_moment_on_a_judged_turn(name: str) -> None:
    annotated = load_shipped_set(name)
    folder = Path(str(resources.files("trustworks") / "evaluate" / name / "conversations"))
    shipped = {f.name for f in folder.iterdir() if f.name.endswith(".json")}
    assert shipped == {item.file for item in annotated.conversations}
    assert annotated.moments > 0
    for item in annotated.conversations:
        turns = item.conversation.turns
        sellers = {fold_name(s) for s in item.seller}
        for moment in item.moments:
            assert 0 <= moment.turn < len(turns), (item.id, moment.turn)
            assert fold_name(turns[moment.turn].speaker) in sellers, (item.id, moment.turn)


def test_outside_no_two_shipped_sets_or_holdouts_share_a_conversation() -> None:
    # A conversation in two sets would be measured twice, and one read in a dev set would
    # no longer be blind in a holdout.
    root = Path(str(resources.files("trustworks") / "evaluate"))
    owner: dict[str, str] = {}
    for folder in sorted(root.glob("*/conversations")):
        for file in folder.glob("*.json"):
            assert file.name not in owner, (file.name, owner.get(file.name), folder.parent.name)
            owner[file.name] = folder.parent.name
    assert {"outside", "outside2", "outside3", "outside4", "outside5", "holdout"} <= set(
        owner.values()
    )
