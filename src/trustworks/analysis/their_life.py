"""Words of a person's life away from the business, and words of the sale.

Two detectors read them alike: a question about their weekend is rapport and warm words for
it are gladness (`about_them`, `warmth`), while a price, a booking or a delivery in the same
breath belongs to the sale. Pattern fragments (alternations), for each to put in its own
regex beside the words only it needs.
"""

from __future__ import annotations

# Pastimes, days that matter, pets.
LEISURE = (
    r"weekends?|holidays?|vacations?|honeymoon|camping|hik(?:e|es|ing)|fishing|hobb(?:y|ies)|"
    r"birthday|wedding|anniversary|dogs?|cats?|pets?|puppy|garden(?:ing)?|music"
)
# What is bought, booked or delivered, and what it costs.
COMMERCE = (
    r"pric\w*|cost\w*|pa(?:y\w*|id)|order\w*|book\w*|deliver\w*|install\w*|upgrade\w*|"
    r"rollout|account|schedul\w*"
)
