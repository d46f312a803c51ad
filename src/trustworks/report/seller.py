"""How a report words who the seller is: given, or inferred with how sure and why."""

from __future__ import annotations

from trustworks.conversation import Conversation, is_nobody


def seller_line(conv: Conversation) -> str:
    """ "Dana (given)", or "Dana (inferred, 92% sure)", or "Ana (inferred, NOT SURE: 50%)"."""
    seller = ", ".join(conv.seller) or "unknown"
    if not conv.seller_inferred:
        return f"{seller} (given)"
    sure = "" if conv.seller_confidence is None else f"{conv.seller_confidence:.0%}"
    if conv.seller_uncertain:
        return f"{seller} (inferred, not sure: {sure})"
    return f"{seller} (inferred, {sure} sure)"


def seller_reasons(conv: Conversation) -> list[str]:
    """The inference's reasons (the cues behind the guess); none when the seller was given."""
    if not conv.seller_inferred:
        return []
    return list(conv.seller_reasons) or ([conv.seller_reason] if conv.seller_reason else [])


def seller_notice(conv: Conversation, how_to_fix: str | None = None) -> str | None:
    """A plain warning when the inferred seller is uncertain, with how to name the seller."""
    if not (conv.seller_inferred and conv.seller_uncertain):
        return None
    speakers = [s for s in conv.speakers() if not is_nobody(s)]
    picked = ", ".join(conv.seller) or "nobody"
    fix = how_to_fix or _cli_fix(speakers, conv.seller)
    return (
        f"Not sure who the seller is: {picked} was analysed as the seller, but the evidence "
        f"is thin or evenly split, so the findings may be about the wrong person. {fix}"
    )


def _cli_fix(speakers: list[str], picked: tuple[str, ...]) -> str:
    if not speakers:
        return "Name the seller with --seller NAME."
    others = [s for s in speakers if s not in picked]
    example = (others or speakers)[0]
    quoted = f'"{example}"' if " " in example else example
    return (
        f"Name the seller with --seller NAME (e.g. --seller {quoted}); "
        f"the speakers are {', '.join(speakers)}."
    )
