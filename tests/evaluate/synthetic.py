"""A tiny CaSiNo-shaped corpus, so harness tests run in seconds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Utterance templates per label set; {n} makes every text unique to its dialogue, so a test
# can tell from a text alone which dialogue it came from.
TEMPLATES: list[tuple[str, str]] = [
    ("Hello there, how are you doing today? ({n})", "small-talk"),
    ("Hope you have a lovely camping trip! ({n})", "small-talk"),
    ("Oh no, that sounds really hard, I am sorry. ({n})", "showing-empathy"),
    ("What do you need most for your trip? ({n})", "elicit-pref"),
    ("Which item matters most to you? ({n})", "elicit-pref"),
    ("How about we split it so we both get what we need? ({n})", "promote-coordination"),
    ("I really need the food because my kids eat a lot. ({n})", "self-need"),
    ("You can just drink from the lake, you don't need water. ({n})", "uv-part"),
    ("Sounds good to me. ({n})", "non-strategic"),
    ("I need firewood, and what would you like most? ({n})", "self-need,,elicit-pref"),
]
SIZES = {"train": 12, "valid": 2, "test": 5}


def dialogue(split: str, number: int) -> dict[str, Any]:
    """One annotated dialogue, with deal events in its chat log as upstream has."""
    tag = f"{split}-{number}"
    # Rotate templates so every split sees every label, in different orders.
    chosen = [TEMPLATES[(number + i) % len(TEMPLATES)] for i in range(7)]
    annotations = [[text.format(n=tag), labels] for text, labels in chosen]
    chat = [
        {"text": t, "task_data": {}, "id": f"mturk_agent_{i % 2 + 1}"}
        for i, (t, _) in enumerate(annotations)
    ]
    chat.append(
        {"text": "Submit-Deal", "task_data": {"issue2youget": {"Food": "2"}}, "id": "mturk_agent_1"}
    )
    chat.append(
        {"text": "Accept-Deal", "task_data": {"data": "accept_deal"}, "id": "mturk_agent_2"}
    )
    return {
        "dialogue_id": number,
        "chat_logs": chat,
        "participant_info": {},
        "annotations": annotations,
    }


def write_corpus(root: Path, edit: Callable[[str, dict[str, Any]], None] | None = None) -> Path:
    """Write casino_{train,valid,test}.json (plus one unannotated dialogue each); return root."""
    root.mkdir(parents=True, exist_ok=True)
    for split, size in SIZES.items():
        # Dialogue numbers restart in every split, as upstream's do: ids are unique per split.
        dialogues = [dialogue(split, n) for n in range(size)]
        dialogues.append({**dialogue(split, size), "annotations": []})
        for d in dialogues:
            if edit is not None:
                edit(split, d)
        (root / f"casino_{split}.json").write_text(json.dumps(dialogues), encoding="utf-8")
    return root


def poison_test_labels(split: str, dialogue: dict[str, Any]) -> None:
    """An edit for write_corpus: every test label becomes another, so a model that peeked
    at the test labels would predict differently."""
    if split == "test":
        for pair in dialogue["annotations"]:
            pair[1] = "uv-part" if pair[1] != "uv-part" else "small-talk"
