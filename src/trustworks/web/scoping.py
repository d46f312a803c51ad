"""Trim what the library returns for one seller to the accounts the caller may see."""

from __future__ import annotations

from dataclasses import replace

from trustworks.ledger.today import DayReview


def scoped_review(review: DayReview, visible: set[int] | None) -> DayReview:
    """The daily review without entries on accounts outside `visible` (None: all visible).

    The review picks a seller's items by name, and a name can appear on someone else's
    account (a commitment by them there): those must not show up, nor link to a 404.
    """
    if visible is None:
        return review
    return replace(
        review,
        screenings_due=tuple(s for s in review.screenings_due if s.account_id in visible),
        dropped_leads=tuple(a for a in review.dropped_leads if a.account_id in visible),
        commitments_due=tuple(c for c in review.commitments_due if c.account_id in visible),
        interactions_today=tuple(i for i in review.interactions_today if i.account_id in visible),
        unreflected=tuple(i for i in review.unreflected if i.account_id in visible),
    )
