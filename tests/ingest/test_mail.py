"""E-mail: own words without quotes or signatures, rebuilt history, mbox threads, hostile mail."""

from __future__ import annotations

import base64
import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cpu import cpu_budget
from trustworks.errors import FormatError, InputError
from trustworks.ingest import load, parse

from .helpers import merged, names, pairs, sentences, soup


def _mail(body: str, headers: str = "From: Jane Doe <jane@acme.example>\nSubject: Hi\n") -> str:
    return f"{headers}\n{body}"


def test_mail_gmail_reply_rebuilds_the_quoted_history(data_dir: Path) -> None:
    conv = load(data_dir / "gmail_reply.eml")
    assert conv.format == "email"
    assert conv.subject == "Re: Renewal pricing"
    assert pairs(conv) == [
        ("Jane Doe", "Bob, the new price is above our budget. Any flexibility?"),
        ("Bob Stone", "Hi Jane, We can offer 12% off the renewal if you commit to two years."),
        (
            "Jane Doe",
            "Hi Bob, Thanks, the 12% discount works for us if we sign by Friday. Best, Jane",
        ),
    ]
    # Lines point at each message's first own line; times count from the oldest message.
    assert [(t.line, t.start) for t in conv.turns] == [(25, 0.0), (20, 26_400.0), (10, 90_300.0)]
    assert conv.metadata["message_id"] == "<CAJ123@mail.gmail.com>"
    assert conv.metadata["messages"] == "3"


def test_mail_outlook_original_message_block(data_dir: Path) -> None:
    conv = load(data_dir / "outlook.eml")
    assert pairs(conv) == [
        (
            "Sara Malik",
            "Hi Wei, Would a six-week pilot starting 16 March work for your team? Regards, Sara",
        ),
        (
            "Chen, Wei",
            "Sara, A six-week pilot is fine. Please include security review in week one. Wei",
        ),
    ]
    # "Sent: Tuesday, March 3, 2026 5:12 PM" has no zone and is read as UTC.
    assert conv.turns[1].start == 116_280.0
    assert [t.line for t in conv.turns] == [21, 9]


def test_mail_mbox_thread_in_date_order(data_dir: Path) -> None:
    conv = load(data_dir / "thread.mbox")
    assert conv.subject == "Follow-up on our demo"
    assert pairs(conv) == [
        (
            "Lee Brooks",
            "Hi Ana, Thanks for the demo yesterday. Which features mattered most to your team? Lee",
        ),
        ("Ana Silva", "Hi Lee, Reporting, mainly. Can it export to our BI tool?"),
        (
            "Lee Brooks",
            "Yes, it exports to Power BI and Looker out of the box. "
            "From our docs: setup takes ten minutes.",
        ),
    ]
    assert [(t.start, t.line) for t in conv.turns] == [(0.0, 7), (9_000.0, 19), (11_700.0, 33)]


def test_mail_mbox_sorts_by_date() -> None:
    text = (
        "From b@x Mon Mar  2 10:00:00 2026\nFrom: B <b@x.example>\n"
        "Date: Mon, 2 Mar 2026 10:00:00 +0000\n\nsecond\n\n"
        "From a@x Mon Mar  2 09:00:00 2026\nFrom: A <a@x.example>\n"
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\n\nfirst\n"
    )
    conv = parse(text, fmt="email")
    assert pairs(conv) == [("A", "first"), ("B", "second")]
    assert [t.line for t in conv.turns] == [11, 5]


@pytest.mark.parametrize(
    ("body", "own"),
    [
        ("Thanks!\n-- \nJane Doe\nVP Sales", "Thanks!"),
        ("Thanks!\n--\nJane", "Thanks!"),
        ("Thanks!\n\nSent from my iPhone", "Thanks!"),
        ("Thanks!\nGet Outlook for iOS", "Thanks!"),
        ("> your question\nMy answer.\n> another\nSecond answer.", "My answer. Second answer."),
        ("Yes.\n\nOn Mon, 2 Mar 2026 at 09:00, Bob <bob@x.example> wrote:\n> Ok?", "Yes."),
        ("Yes.\n\nLe lun. 2 mars 2026 à 09:00, Bob <bob@x.example> a écrit :\n> Ok?", "Yes."),
        ("Yes.\n\nAm 02.03.2026 um 09:00 schrieb Bob <bob@x.example>:\n> Ok?", "Yes."),
        (
            "Deal.\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.example>\n"
            "Date: Mon, 2 Mar 2026 09:00:00 +0000\nSubject: Offer\nTo: Jane <jane@acme.example>\n\n"
            "Our offer.",
            "Deal.",
        ),
        (
            "Deal.\n\n________________________________\nFrom: Bob <bob@x.example>\n"
            "Sent: Monday, March 2, 2026 9:00 AM\nTo: Jane\nSubject: Offer\n\nOur offer.",
            "Deal.",
        ),
    ],
)
def test_mail_own_words(body: str, own: str) -> None:
    conv = parse(_mail(body), fmt="email")
    assert (conv.turns[-1].speaker, conv.turns[-1].text) == ("Jane Doe", own)


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("On Mon, 2 Mar 2026 at 09:00, Bob Stone <bob@x.example> wrote:", "Bob Stone"),
        ("On Mon, Mar 2, 2026 at 9:00 AM Bob Stone <bob@x.example> wrote:", "Bob Stone"),
        ("On 2 Mar 2026, at 09:00, Bob Stone <bob@x.example> wrote:", "Bob Stone"),
        ('On Mon, 2 Mar 2026 at 09:00, "Stone, Bob" <bob@x.example> wrote:', "Stone, Bob"),
        ("On Mon, Mar 2, 2026 at 9:00 AM <bob@x.example> wrote:", "bob@x.example"),
        ("On Mon, Mar 2, 2026 at 9:00 AM Bob Stone <bob@x.example>\nwrote:", "Bob Stone"),
        ("On Mon, Mar 2, 2026 at 9:00 AM Bob Stone <\nbob@x.example> wrote:", "Bob Stone"),
    ],
)
def test_mail_attribution_names_the_quoted_author(attribution: str, speaker: str) -> None:
    conv = parse(_mail(f"Sounds good.\n\n{attribution}\n> Can we meet Friday?\n"), fmt="email")
    assert pairs(conv) == [(speaker, "Can we meet Friday?"), ("Jane Doe", "Sounds good.")]


def test_mail_address_only_attribution_uses_the_known_display_name() -> None:
    body = "Sure.\n\nOn Mon, Mar 2, 2026 at 9:00 AM <jane@acme.example> wrote:\n> Call me.\n"
    headers = "From: Bob Stone <bob@x.example>\nSubject: Hi\n"
    conv = parse(_mail(body, headers), fmt="email")
    assert conv.speakers() == ["jane@acme.example", "Bob Stone"]  # no name known for Jane
    body = (
        "Sure.\n\nOn Mon, 2 Mar 2026 at 10:00, Jane Doe <jane@acme.example> wrote:\n"
        "> Call me.\n>\n> On Mon, 2 Mar 2026 at 09:00, <bob@x.example> wrote:\n> > Hello?\n"
    )
    conv = parse(_mail(body, headers), fmt="email", merge_consecutive=False)
    assert pairs(conv) == [
        ("Bob Stone", "Hello?"),
        ("Jane Doe", "Call me."),
        ("Bob Stone", "Sure."),
    ]


def test_mail_outlook_header_block_without_separator() -> None:
    body = (
        "Deal.\nFrom: my side, this is fine.\n\n"
        "From: Bob Stone <bob@x.example>\nSent: Monday, March 2, 2026 9:00 AM\n"
        "To: Jane Doe\nSubject: Offer\n\nOur offer stands.\n"
    )
    conv = parse(_mail(body), fmt="email")
    assert pairs(conv) == [
        ("Bob Stone", "Our offer stands."),
        ("Jane Doe", "Deal. From: my side, this is fine."),
    ]
    assert [t.line for t in conv.turns] == [12, 4]


def test_mail_bottom_posted_reply() -> None:
    body = "On Mon, 2 Mar 2026 at 09:00, Bob <bob@x.example> wrote:\n> Ready?\n\nYes, ready.\n"
    assert pairs(parse(_mail(body), fmt="email")) == [
        ("Bob", "Ready?"),
        ("Jane Doe", "Yes, ready."),
    ]


def test_mail_html_body_with_blockquote() -> None:
    html = (
        '<html><head><style>p {color: red}</style></head><body><div dir="ltr">'
        "Works for me &amp; my team.<br></div><br>"
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, 2 Mar 2026 at 09:00, '
        "Bob Stone &lt;bob@x.example&gt; wrote:<br></div>"
        "<blockquote>Shall we <b>sign</b> Friday?</blockquote></div></body></html>"
    )
    headers = (
        "From: Jane Doe <jane@acme.example>\nSubject: Hi\nContent-Type: text/html; charset=utf-8\n"
    )
    conv = parse(_mail(html, headers), fmt="email")
    assert pairs(conv) == [
        ("Bob Stone", "Shall we sign Friday?"),
        ("Jane Doe", "Works for me & my team."),
    ]


def test_mail_multipart_prefers_plain_and_decodes_transfer_encodings() -> None:
    plain = base64.b64encode("Prix: 10 €, d'accord.".encode()).decode()
    text = (
        "From: Jane Doe <jane@acme.example>\nSubject: Hi\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="XX"\n\n'
        "--XX\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        f"{plain}\n"
        "--XX\nContent-Type: text/html; charset=utf-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "<p>HTML version</p>\n--XX--\n"
    )
    assert pairs(parse(text, fmt="email")) == [("Jane Doe", "Prix: 10 €, d'accord.")]


def test_mail_quoted_printable_and_encoded_headers() -> None:
    text = (
        "From: =?utf-8?q?Jos=C3=A9_Garc=C3=ADa?= <jose@x.example>\n"
        "Subject: =?utf-8?q?Precio_especial?=\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Caf=C3=A9 incluido en el =\nprecio.\n"
    )
    conv = parse(text, fmt="email")
    assert pairs(conv) == [("José García", "Café incluido en el precio.")]
    assert conv.subject == "Precio especial"


def test_mail_unknown_charset_still_reads() -> None:
    text = (
        "From: A <a@x.example>\nContent-Type: text/plain; charset=x-unknown\n"
        "Content-Transfer-Encoding: base64\n\n" + base64.b64encode(b"hello there").decode() + "\n"
    )
    assert pairs(parse(text, fmt="email")) == [("A", "hello there")]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("To: a@x.example\nSubject: Hi\n\nhello", 1, "no From header"),
        ("From: A <a@x.example>\nSubject: Hi\n\n\n  \n", 1, "empty body"),
        ("From: A <a@x.example>\nContent-Type: image/png\n\nAAAA", 1, "no text/plain or text/html"),
        (
            "From a@x Mon Mar  2 09:00:00 2026\nFrom: A <a@x.example>\n\nhi\n\n"
            "From b@x Mon Mar  2 10:00:00 2026\nSubject: no sender\n\nhello\n",
            7,
            "no From header",
        ),
        ("From: A <a@x.example>\n\n> only a quote\n", None, "no messages with text"),
    ],
)
def test_mail_broken_input_names_the_line(text: str, line: int | None, problem: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, "mail.eml", "email")
    assert caught.value.line == line
    assert problem in caught.value.problem


@pytest.mark.parametrize(
    "text",
    [
        _mail("x" * 5_000_000),
        "From: Jane <j@x.example>\nSubject: " + "x " * 1_000_000 + "\n\nhello",
        "From: " + "Jane " * 200_000 + "<j@x.example>\n\nhello",
        "From: " + "(" * 50_000 + "\n\nhello",
        "From: J <j@x.example>\nContent-Type: text/html\n\n" + "<a " * 1_000_000,
        "From: J <j@x.example>\nContent-Type: text/html\n\n" + "<![" * 100_000,
        "From: J <j@x.example>\nContent-Type: " + "multipart/mixed; " * 100_000 + "\n\nx",
        _mail(
            "".join(">" * i + " On Mon, 2 Mar 2026, X <x@y.example> wrote:\n" for i in range(3000))
        ),
        _mail("From: a\n" * 200_000),
    ],
)
def test_mail_hostile_input_is_fast(text: str) -> None:
    with cpu_budget(5):
        try:
            conv = parse(text, fmt="email")
        except InputError:
            return
    assert all(len(t.speaker) <= 200 for t in conv.turns)


def test_mail_mbox_of_many_messages() -> None:
    text = "".join(
        f"From p{i % 2}@x Mon Mar  2 09:00:00 2026\nFrom: P{i % 2} <p{i % 2}@x.example>\n"
        f"Date: Mon, 2 Mar 2026 {i // 60:02d}:{i % 60:02d}:00 +0000\n\nmessage {i}\n\n"
        for i in range(500)
    )
    conv = parse(text, fmt="email", merge_consecutive=False)
    assert len(conv.turns) == 500
    assert (conv.turns[-1].text, conv.turns[-1].start) == ("message 499", 499 * 60.0)


_mail_names = names.filter(lambda n: n.split()[0] not in ("On", "Le", "Am", "El", "Il", "Op", "Em"))


@given(st.lists(st.tuples(_mail_names, sentences), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None)
def test_mail_mbox_round_trips_speakers_and_texts(messages: list[tuple[str, str]]) -> None:
    text = "".join(
        f"From x@y Mon Mar  2 09:00:00 2026\nFrom: {name} <u{i}@x.example>\n"
        f"Date: Mon, 2 Mar 2026 09:{i:02d}:00 +0000\nSubject: s\n\n{body}\n\n"
        for i, (name, body) in enumerate(messages)
    )
    conv = parse(text, fmt="email", merge_consecutive=False)
    assert pairs(conv) == messages
    assert pairs(parse(text, fmt="email")) == merged(messages)


@given(st.text() | soup)
@settings(max_examples=150, deadline=None)
def test_mail_arbitrary_text_raises_only_input_errors(text: str) -> None:
    for candidate in (text, "From: A <a@x.example>\n" + text, _mail(text)):
        with contextlib.suppress(InputError):
            parse(candidate, fmt="email")
