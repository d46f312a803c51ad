"""A synthetic archive of sales calls for the batch and peer benchmarks.

Calls are built from templates of ordinary sales talk (discovery, pitches, price questions,
scheduling, objections) filled from vocabularies of companies, people, places, numbers and
dates, so nearly every utterance is a distinct text: the analysis engine's memory of recent
utterances cannot flatter the figures. About one turn in six is a phrase the catalogue
knows (thanking for time, pouncing, price dodges, honest self-interest), as in real calls.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

COMPANIES = [
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adatum",
    "Woodgrove", "Lucerne", "Humongous", "Wingtip", "Coho", "Alpine Ski House", "Margie's",
    "Blue Yonder", "Trey Research", "Fourth Coffee", "Wide World", "Relecloud", "Bellows",
]  # fmt: skip
FIRST = [
    "Marcus", "Priya", "Ada", "Tom", "Lena", "Omar", "Grace", "Ivan", "Sofia", "Kenji",
    "Nadia", "Paul", "Ruth", "Diego", "Hana", "Felix", "Amara", "Jonas", "Mei", "Victor",
]  # fmt: skip
SELLERS = [
    ("Dana Whitfield", "North"), ("Ryan Cole", "North"), ("Sam Okafor", "South"),
    ("Lucy Brandt", "South"), ("Arjun Mehta", "Enterprise"), ("Carla Ruiz", "Enterprise"),
    ("Ben Adler", "Mid-market"), ("Yara Haddad", "Mid-market"),
]  # fmt: skip
CITIES = ["Leeds", "Lyon", "Austin", "Porto", "Krakow", "Osaka", "Denver", "Ghent", "Turin"]
THINGS = [
    "the warehouse", "onboarding", "the handover", "billing", "the night shift", "routing",
    "the renewal", "the forecast", "returns", "the dispatch team", "payroll", "the audit",
    "the pilot", "the rollout", "support tickets", "the driver app", "procurement",
]  # fmt: skip
METRICS = ["churn", "turnaround time", "cost per order", "late deliveries", "overtime", "errors"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September"]

CLIENT = [
    "We moved {thing} to {city} last {month} and it has been a bit of a ride.",
    "The team is about {n} people across {k} sites, mostly in {thing}.",
    "Honestly our biggest worry is {metric}; it went up {n} percent since {month}.",
    "We keep losing people on {thing} to {company}, about {k} a month.",
    "I think the board meets on the {day}th, but let me double-check with {first}.",
    "We looked at {company} last year for {thing} and it never really stuck.",
    "Sure, I can share the {metric} numbers once {first} in finance signs off.",
    "How much would this cost for {n} seats in {city}?",
    "What do you actually sell to a firm like {company}, in a sentence?",
    "{first} runs {thing} in {city}; she would need to be in the room.",
    "Our budget for {thing} this year is around {n} thousand.",
    "We are struggling with {metric} in {city}, it is hurting the {thing} team.",
    "Can we do {weekday} instead? {first} is out until the {day}th.",
    "I'm not sure {first} has the bandwidth for a {thing} pilot before {month}.",
    "That's interesting, I hadn't thought about {thing} in {city} that way.",
    "Can you say more about how {thing} works with {k} sites and {n} staff?",
]  # fmt: skip
SELLER = [
    "What would a good outcome for {thing} look like for {first} by {month}?",
    "Can you tell me more about what happens to {metric} when {thing} slips?",
    "So if I heard you right, {metric} in {city} is the thing keeping {first} up at night?",
    "Our platform fixes exactly that; {company} cut {metric} by {n} percent in {k} weeks.",
    "Let me show you the dashboard we built for {company}, it has {n} reports.",
    "I'll send the {thing} summary by {weekday} the {day}th, and you'll check it with {first}?",
    "Thanks so much for your time today, I know how busy {month} is for {thing}.",
    "Before we book a demo, could we spend {k}0 minutes on whether {thing} is a fit at all?",
    "It is {n} dollars a seat per month, {k} percent less on an annual contract.",
    "Great question; let's talk about the value for {thing} in {city} first, then price.",
    "If you sign before the end of the quarter I can take {k}0 percent off for {city}.",
    "What would make sense for both of us on {thing}? Does that make sense on your end?",
    "I don't know the answer for {city} yet; I'll find out from {first} by {weekday}.",
    "We were founded in {year} and have {n} customers across {k} countries, including {company}.",
    "Whatever works for you, {first}; I'm happy to fly to {city} on the {day}th for {thing}.",
    "Honestly, {company} might suit you better for {thing} if {metric} is the only goal.",
    "How does {thing} get decided in {city} today, and who besides {first} weighs in?",
    "We could run a free pilot on your own {thing} data in {city} for {k} weeks.",
]  # fmt: skip


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        thing=rng.choice(THINGS),
        city=rng.choice(CITIES),
        month=rng.choice(MONTHS),
        n=rng.randint(2, 999),
        k=rng.randint(2, 9),
        metric=rng.choice(METRICS),
        company=rng.choice(COMPANIES),
        first=rng.choice(FIRST),
        day=rng.randint(4, 28),
        weekday=rng.choice(WEEKDAYS),
        year=rng.randint(1985, 2021),
    )


def _utterance(templates: list[str], rng: random.Random, seen: set[str]) -> str:
    """One or two filled templates, drawn again (then lengthened) until the text is new."""
    text = " ".join(_fill(rng.choice(templates), rng) for _ in range(rng.randint(1, 2)))
    for attempt in range(8):
        if text not in seen:
            break
        text = _fill(rng.choice(templates), rng)
        if attempt >= 4:
            text += " " + _fill(rng.choice(templates), rng)
    seen.add(text)
    return text


def conversation(rng: random.Random, index: int, turns: int, seen: set[str]) -> dict[str, object]:
    """One call as a row: id, seller, team, date and its text as 'Name: text' lines."""
    seller, team = rng.choice(SELLERS)
    client = f"{rng.choice(FIRST)} {rng.choice(['Lee', 'Novak', 'Sato', 'Berg', 'Costa'])}"
    lines = []
    for i in range(turns):
        if i % 2 == 0:
            lines.append(f"{seller}: {_utterance(SELLER, rng, seen)}")
        else:
            lines.append(f"{client}: {_utterance(CLIENT, rng, seen)}")
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    return {
        "id": f"call-{index:07d}",
        "seller": seller,
        "team": team,
        "date": date.isoformat(),
        "format": "plain",
        "text": "\n".join(lines),
    }


def conversations(utterances: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """Calls of 20-60 turns until about `utterances` turns in all."""
    rng = random.Random(seed)
    seen: set[str] = set()
    total, index = 0, 0
    while total < utterances:
        turns = min(rng.randint(20, 60), max(2, utterances - total))
        yield conversation(rng, index, turns, seen)
        total += turns
        index += 1


def write_archive(directory: Path, utterances: int, seed: int = 7, shards: int = 8) -> list[Path]:
    """The archive as `shards` JSONL files (kept when already written with these settings)."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = directory / f".archive-{utterances}-{seed}-{shards}"
    paths = [directory / f"calls-{i:02d}.jsonl" for i in range(shards)]
    if stamp.exists() and all(p.exists() for p in paths):
        return paths
    handles = [p.open("w", encoding="utf-8") for p in paths]
    try:
        for i, row in enumerate(conversations(utterances, seed)):
            handles[i % shards].write(json.dumps(row) + "\n")
    finally:
        for handle in handles:
            handle.close()
    stamp.write_text("")
    return paths


def utterance_texts(utterances: int, seed: int = 7) -> list[str]:
    """The archive's utterances as texts, speaker names removed (for the peer benchmark)."""
    texts = []
    for row in conversations(utterances, seed):
        for line in str(row["text"]).split("\n"):
            texts.append(line.split(": ", 1)[1])
    return texts[:utterances]
