from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.databases import migrated_sqlite_url
from trustworks.errors import (
    EncodingError,
    FormatError,
    ImportFileError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    TrustworksError,
)
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.imports import (
    BUILTIN_MAPPINGS,
    import_file,
    import_text,
    load_mapping,
    parse_csv,
    parse_mapping,
)

DATA = Path(__file__).parent / "data"
PEOPLE_HEADER = "account,name,email,title,notes\n"


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """For checks that refuse before the database is touched: one backend is enough."""
    opened = open_ledger(migrated_sqlite_url(tmp_path / "pure.sqlite3"))
    yield opened
    opened.close()


def _count(ledger: Ledger, table: type[tables.Base]) -> int:
    with ledger.session() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


def _counts(ledger: Ledger) -> tuple[int, int, int, int]:
    return (
        _count(ledger, tables.Account),
        _count(ledger, tables.Person),
        _count(ledger, tables.Deal),
        _count(ledger, tables.StageChange),
    )


# Mappings --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILTIN_MAPPINGS)
def test_load_mapping_builtin_maps_accounts_people_and_deals(name: str) -> None:
    mapping = load_mapping(name)
    assert set(mapping.entities) == {"accounts", "people", "deals"}
    assert mapping.entity("deals").fields["name"].columns()


def test_load_mapping_stages_of_hubspot_and_salesforce() -> None:
    hubspot = load_mapping("hubspot").entity("deals").values["stage"]
    assert hubspot["appointmentscheduled"] == hubspot["appointment scheduled"] == "prospect"
    assert hubspot["closedwon"] == "won"
    salesforce = load_mapping("salesforce").entity("deals").values["stage"]
    assert [
        salesforce[s.casefold()]
        for s in (
            "Prospecting",
            "Qualification",
            "Needs Analysis",
            "Proposal/Price Quote",
            "Negotiation/Review",
            "Closed Won",
            "Closed Lost",
        )
    ] == ["prospect", "qualified", "discovery", "proposal", "negotiation", "won", "lost"]


def test_load_mapping_user_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[accounts.fields]\nname = "Org"\n', encoding="utf-8")
    mapping = load_mapping(str(path))
    assert mapping.name == "mine"
    assert mapping.entity("accounts").fields["name"].columns() == ["Org"]
    with pytest.raises(NotFoundError, match="no \\[people\\] section"):
        mapping.entity("people")


@pytest.mark.parametrize("reference", ["pipedrive", "missing.toml", "/no/such/folder/mapping.toml"])
def test_load_mapping_unknown_name_or_missing_file(reference: str) -> None:
    with pytest.raises(InputError) as info:
        load_mapping(reference)
    assert reference in str(info.value)


def test_load_mapping_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(FormatError, match="empty mapping file"):
        load_mapping(path)


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ("[accounts.fields\nname = 'x'", "not valid TOML"),
        (
            "[accounts.fields]\nname = 'Org'\ncolour = 'Colour'",
            "accounts.fields.colour: not a field",
        ),
        ("[people.fields]\nname = 'Name'", "required field 'account' is not mapped"),
        ("[accounts.fields]\nname = ''", "accounts.fields.name"),
        ("[accounts.fields]\nname = []", "accounts.fields.name"),
        ("[accounts.fields]\nname = { first_of = [] }", "accounts.fields.name"),
        ("[accounts.fields]\nname = 3", "accounts.fields.name"),
        ("colour = 'red'\n[accounts.fields]\nname = 'Org'", "colour: Extra inputs"),
        ("[accounts]\nfield = {}", "accounts.fields: Field required"),
        (
            "[deals.fields]\naccount='A'\nname='N'\nstage='S'\n"
            "[deals.values.stage]\nwon = 'closed'",
            "'closed' is not one of prospect, qualified",
        ),
        (
            "[deals.fields]\naccount='A'\nname='N'\n[deals.values.stage]\nwon = 'won'",
            "'stage' is not in deals.fields",
        ),
        (
            "[deals.fields]\naccount='A'\nname='N'\nstage='S'\n"
            "[deals.values.stage]\nWon = 'won'\n' won ' = 'lost'",
            "given twice",
        ),
        ("date_formats = ['%d']\n[accounts.fields]\nname = 'Org'", "does not read back a whole"),
        ("date_formats = ['day']\n[accounts.fields]\nname = 'Org'", "'day' does not read back"),
        ("date_formats = []\n[accounts.fields]\nname = 'Org'", "date_formats"),
        ("delimiter = ';;'\n[accounts.fields]\nname = 'Org'", "delimiter"),
        (
            "[accounts]\naccount_external_id = 'X'\n[accounts.fields]\nname = 'Org'",
            "accounts have no account",
        ),
        ("description = 'nothing'", "maps nothing"),
    ],
)
def test_parse_mapping_problems_name_the_file_and_entry(toml: str, problem: str) -> None:
    with pytest.raises(FormatError) as info:
        parse_mapping(toml, "custom.toml")
    assert str(info.value).startswith("custom.toml: ")
    assert problem in str(info.value)


# Importing the shipped formats -----------------------------------------------------------------


def test_import_file_hubspot_companies_contacts_and_deals(ledger: Ledger) -> None:
    companies = import_file(ledger, "accounts", DATA / "hubspot-companies.csv", "hubspot")
    contacts = import_file(ledger, "people", DATA / "hubspot-contacts.csv", "hubspot")
    deals = import_file(ledger, "deals", DATA / "hubspot-deals.csv", "hubspot")
    assert (companies.created, companies.updated, companies.accounts_created) == (3, 0, 0)
    assert (contacts.created, contacts.accounts_created) == (4, 1)  # Newco Robotics
    assert (deals.created, deals.accounts_created) == (4, 0)
    with ledger.session() as s:
        acme = repo.find_account(s, "Acme Freight")
        assert (acme.owner, acme.industry, acme.website, acme.external_id) == (
            "Dana Whitfield",
            "Logistics",
            "acmefreight.example",
            "9001",
        )
        people = {p.name: p for p in repo.rows(s, "people")}
        assert people["Priya Shah"].title == "Head of Operations,\nNorth America"
        assert people["Élodie Martin"].account.name == "Café Lumière"
        assert people["Marcus Lee"].phone == "555-0101"
        deals_ = {d.name: d for d in repo.rows(s, "deals")}
    assert (deals_["Acme fleet rollout"].stage, deals_["Acme fleet rollout"].expected_close) == (
        "discovery",
        dt.date(2024, 6, 28),
    )
    won = deals_["Northwind pilot"]
    assert (won.stage, won.amount, won.closed_on) == ("won", 12000.5, dt.date(2024, 4, 15))
    assert (deals_["Lumière bookings"].stage, deals_["Lumière bookings"].closed_on) == (
        "lost",
        dt.date(2024, 4, 30),
    )
    assert (deals_["Newco first order"].stage, deals_["Newco first order"].amount) == (
        "prospect",
        1250.0,
    )


def test_import_file_salesforce_matches_accounts_by_id_and_ignores_the_footer(
    ledger: Ledger,
) -> None:
    import_file(ledger, "accounts", DATA / "salesforce-accounts.csv", "salesforce")
    contacts = import_file(ledger, "people", DATA / "salesforce-contacts.csv", "salesforce")
    deals = import_file(ledger, "deals", DATA / "salesforce-opportunities.csv", "salesforce")
    # "Acme Freight Inc." in the contacts report is the account with the same Account ID.
    assert (contacts.created, contacts.accounts_created) == (2, 0)
    assert (deals.rows, deals.created, deals.accounts_created) == (3, 3, 1)  # Initech
    assert deals.footer_line == 5
    with ledger.session() as s:
        marcus = next(p for p in repo.rows(s, "people") if p.name == "Marcus Lee")
        assert (marcus.account.name, marcus.phone) == ("Acme Freight", "555-0199")
        by_name = {d.name: d for d in repo.rows(s, "deals")}
        initech = repo.find_account(s, "Initech")
        assert initech.external_id == "0015g00000InitAA"
    rollout = by_name["Acme - Fleet rollout"]
    assert (rollout.stage, rollout.amount, rollout.owner) == ("proposal", 48000.0, "Dana Whitfield")
    assert (by_name["Globex - Pilot"].stage, by_name["Globex - Pilot"].closed_on) == (
        "won",
        dt.date(2024, 4, 15),
    )
    assert by_name["Initech - Renewal"].stage == "discovery"


def test_import_file_again_updates_rather_than_duplicates(ledger: Ledger) -> None:
    import_file(ledger, "accounts", DATA / "hubspot-companies.csv", "hubspot")
    import_file(ledger, "deals", DATA / "hubspot-deals.csv", "hubspot")
    before = _counts(ledger)
    again = import_file(ledger, "deals", DATA / "hubspot-deals.csv", "hubspot")
    assert (again.created, again.updated, again.accounts_created) == (0, 4, 0)
    assert "created 0, updated 4 deals" in again.summary()
    assert _counts(ledger) == before  # no new stage history either: nothing moved


def test_import_text_external_id_follows_a_renamed_entry(ledger: Ledger) -> None:
    header = "account,name,external_id,title\n"
    import_text(ledger, "people", header + "Acme,Marcus Lee,p1,COO\n", "a.csv", "trustworks")
    report = import_text(
        ledger, "people", header + "Acme,Marcus J. Lee,p1,CEO\n", "b.csv", "trustworks"
    )
    assert (report.created, report.updated) == (0, 1)
    with ledger.session() as s:
        assert [(p.name, p.title) for p in repo.rows(s, "people")] == [("Marcus J. Lee", "CEO")]


def test_import_text_matches_by_name_within_the_account(ledger: Ledger) -> None:
    text = PEOPLE_HEADER + "Acme,Marcus Lee,,COO,\nBeta,Marcus Lee,,,\n"
    first = import_text(ledger, "people", text, "p.csv", "trustworks")
    assert (first.created, first.accounts_created) == (2, 2)
    second = import_text(
        ledger,
        "people",
        PEOPLE_HEADER + "acme,MARCUS LEE,m@acme.example,,\n",
        "p.csv",
        "trustworks",
    )
    assert (second.created, second.updated) == (0, 1)
    with ledger.session() as s:
        acme_people = repo.rows(s, "people", account="Acme")
        assert [(p.name, p.title, p.email) for p in acme_people] == [
            ("MARCUS LEE", "COO", "m@acme.example")  # blank cells kept what was there
        ]


def test_import_text_same_name_other_external_id_is_refused(ledger: Ledger) -> None:
    header = "account,name,external_id\n"
    import_text(ledger, "people", header + "Acme,John Smith,101\n", "a.csv", "trustworks")
    with pytest.raises(ImportFileError) as info:
        import_text(ledger, "people", header + "Acme,John Smith,205\n", "b.csv", "trustworks")
    assert info.value.problems == [
        (
            2,
            "person 'John Smith' already exists with external id '101' (id 1), and this row's "
            "is '205'",
        )
    ]


def test_import_text_reopened_deal_is_open_again(ledger: Ledger) -> None:
    header = "account,name,stage,expected_close\n"
    import_text(ledger, "deals", header + "Acme,Pilot,won,2024-05-01\n", "d.csv", "trustworks")
    import_text(ledger, "deals", header + "Acme,Pilot,negotiation,\n", "d.csv", "trustworks")
    with ledger.session() as s:
        deal = repo.rows(s, "deals")[0]
        assert (deal.stage, deal.closed_on, deal.expected_close) == (
            "negotiation",
            None,
            dt.date(2024, 5, 1),
        )


# Invalid rows ----------------------------------------------------------------------------------

INVALID_PROBLEMS = [
    (6, "email: 'jo-at-acme' is not an e-mail address (column \"email\")"),
    (7, 'account: required (column "account")'),
    (10, 'name: required (column "name")'),
]


def test_import_file_invalid_rows_import_nothing_and_name_physical_lines(ledger: Ledger) -> None:
    with pytest.raises(ImportFileError) as info:
        import_file(ledger, "people", DATA / "contacts-invalid.csv", "trustworks")
    assert info.value.problems == INVALID_PROBLEMS
    assert str(info.value).splitlines() == [
        "3 problems, nothing imported",
        *(f"contacts-invalid.csv:{line}: {problem}" for line, problem in INVALID_PROBLEMS),
    ]
    assert _counts(ledger) == (0, 0, 0, 0)


def test_import_file_skip_invalid_imports_the_valid_rows(ledger: Ledger) -> None:
    report = import_file(
        ledger, "people", DATA / "contacts-invalid.csv", "trustworks", skip_invalid=True
    )
    assert (report.rows, report.created, report.accounts_created) == (6, 3, 2)
    assert list(report.skipped) == INVALID_PROBLEMS
    assert report.summary().endswith("skipped 3 invalid rows")
    with ledger.session() as s:
        assert sorted(p.name for p in repo.rows(s, "people")) == [
            "Ann Other",
            "Marcus Lee",
            "Priya Shah",
        ]


def test_import_text_missing_required_column_fails_before_any_row(sqlite_ledger: Ledger) -> None:
    text = "Record ID,First Name,Email,Company Name\n1,Ann,ann@x.example,Acme\n"
    with pytest.raises(ImportFileError) as info:
        import_text(sqlite_ledger, "people", text, "contacts.csv", "hubspot")
    assert info.value.problems == [
        (
            1,
            'the hubspot mapping for people needs "First Name" + "Last Name" (for name), which '
            'the header lacks; found: "Record ID", "First Name", "Email", "Company Name"',
        )
    ]
    assert _counts(sqlite_ledger) == (0, 0, 0, 0)


def test_parse_csv_reports_optional_columns_the_file_lacks() -> None:
    text = "Company name,Record ID\nAcme,1\n"
    parsed = parse_csv(text, "c.csv", "accounts", load_mapping("hubspot"))
    assert parsed.missing_columns == [
        "Company owner",
        "Industry",
        "Website URL",
        "Company Domain Name",
    ]
    assert parsed.rows[0].values == {"external_id": "1", "name": "Acme"}


def test_parse_csv_header_matches_without_case_or_spacing() -> None:
    text = "  company NAME , record   id\nAcme,7\n"
    parsed = parse_csv(text, "c.csv", "accounts", load_mapping("hubspot"))
    assert parsed.rows[0].values == {"external_id": "7", "name": "Acme"}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Acme,Pilot,won,soon", "expected_close: 'soon' is not a date in the format(s) %Y-%m-%d"),
        ("Acme,Pilot,maybe,", "stage: Input should be 'prospect', 'qualified'"),
        ("Acme,Pilot,,2024-02-30", "expected_close: '2024-02-30' is not a date"),
        ("Acme,Pilot,prospect,2024-01-01,extra", "5 values but the header has 4 columns"),
        ("Acme," + "x" * 300 + ",,", "name: String should have at most 200 characters"),
    ],
)
def test_parse_csv_row_problems_name_the_field(row: str, problem: str) -> None:
    text = "account,name,stage,expected_close\n" + row + "\n"
    parsed = parse_csv(text, "d.csv", "deals", load_mapping("trustworks"))
    assert parsed.rows == []
    assert len(parsed.problems) == 1
    assert parsed.problems[0][0] == 2
    assert problem in parsed.problems[0][1]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("03/15/2024", dt.date(2024, 3, 15)),
        ("3/5/2024", dt.date(2024, 3, 5)),
        ("2024-03-15", dt.date(2024, 3, 15)),
        ("2024-03-15 10:30", dt.date(2024, 3, 15)),
        ("2024-03-15T10:30:00Z", dt.date(2024, 3, 15)),  # ISO 8601 always reads
    ],
)
def test_parse_csv_date_formats(cell: str, expected: dt.date) -> None:
    text = f"Deal Name,Associated Company,Close Date\nPilot,Acme,{cell}\n"
    parsed = parse_csv(text, "d.csv", "deals", load_mapping("hubspot"))
    assert parsed.rows[0].values["expected_close"] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1250", 1250.0),
        ('"1,250.75"', 1250.75),
        ('"$12,000.00"', 12000.0),
        ("USD 48000", 48000.0),
        ("€99", 99.0),
    ],
)
def test_parse_csv_amounts(cell: str, expected: float) -> None:
    text = f"Deal Name,Associated Company,Amount\nPilot,Acme,{cell}\n"
    parsed = parse_csv(text, "d.csv", "deals", load_mapping("hubspot"))
    assert parsed.rows[0].values["amount"] == expected


@pytest.mark.parametrize("cell", ['"12,00"', "lots", "-5"])
def test_parse_csv_bad_amounts_are_row_problems(cell: str) -> None:
    text = f"Deal Name,Associated Company,Amount\nPilot,Acme,{cell}\n"
    parsed = parse_csv(text, "d.csv", "deals", load_mapping("hubspot"))
    assert parsed.problems and parsed.problems[0][1].startswith("amount: ")


def test_parse_csv_skips_blank_rows_but_counts_their_lines() -> None:
    text = "name\n\nAcme\n,\n   \nBeta\n"
    parsed = parse_csv(text, "a.csv", "accounts", load_mapping("trustworks"))
    assert [(r.line, r.values["name"]) for r in parsed.rows] == [(3, "Acme"), (6, "Beta")]
    assert parsed.records == 2


# A failure while writing -----------------------------------------------------------------------


def test_import_text_failure_while_writing_leaves_nothing(ledger: Ledger) -> None:
    import_text(ledger, "accounts", "name,external_id\nTaken,a1\n", "a.csv", "trustworks")
    text = "account,name,external_id\nNew One,Ann,p1\nNew Two,Bob,p2\n"
    import_text(ledger, "people", text, "p.csv", "trustworks")
    before = _counts(ledger)
    # Valid rows, but the last renames account a1 to the name of another: refused when written.
    clash = "name,external_id\nFresh,x9\nNew One,a1\n"
    with pytest.raises(ImportFileError) as info:
        import_text(ledger, "accounts", clash, "a.csv", "trustworks")
    assert info.value.problems[0][0] == 3
    assert "already exists" in info.value.problems[0][1]
    assert _counts(ledger) == before
    with ledger.session() as s:
        assert repo.find_account(s, "Taken").external_id == "a1"


def test_import_text_progress_reports_each_row(sqlite_ledger: Ledger) -> None:
    seen: list[tuple[int, int]] = []
    text = "name\n" + "".join(f"Account {i}\n" for i in range(5))
    import_text(
        sqlite_ledger,
        "accounts",
        text,
        "a.csv",
        "trustworks",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(i, 5) for i in range(6)]


# Broken, empty, huge, mis-encoded and hostile files --------------------------------------------


@pytest.mark.parametrize(
    ("data", "error", "problem"),
    [
        (b"", InputError, "empty file"),
        (b"  \n\n", InputError, "empty file"),
        (codecs.BOM_UTF8, InputError, "empty file"),
        (b"name\nAcme\x00Corp\n", EncodingError, "binary data"),
        (
            "name\nCafé\n".encode("cp1252"),
            EncodingError,
            "not valid utf-8 at line 2, column 4 (byte 0xe9); save it as UTF-8",
        ),
        ("name\nAcme\n".encode("utf-16"), EncodingError, "not valid utf-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", EncodingError, "not valid utf-8 at line 1"),
        (b'name\n"Acme\n', ImportFileError, "a.csv:2: not valid CSV: unexpected end of data"),
        (b'name\n"Acme"x\n', ImportFileError, "a.csv:2: not valid CSV: ',' expected after '\"'"),
        (
            b"name\n" + b"x" * 200_000 + b"\n",
            ImportFileError,
            "a.csv:2: not valid CSV: field larger",
        ),
    ],
)
def test_import_file_refuses_unreadable_files(
    sqlite_ledger: Ledger, tmp_path: Path, data: bytes, error: type[Exception], problem: str
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    with pytest.raises(error) as info:
        import_file(sqlite_ledger, "accounts", path, "trustworks")
    assert problem in str(info.value)
    assert str(info.value).splitlines()[-1].startswith("a.csv")
    assert _count(sqlite_ledger, tables.Account) == 0


def test_import_file_bom_and_windows_line_ends(sqlite_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + 'name,notes\r\nCafé,"two\r\nlines"\r\nBeta,\r\n'.encode())
    report = import_file(sqlite_ledger, "accounts", path, "trustworks")
    assert report.created == 2
    with sqlite_ledger.session() as s:
        assert repo.find_account(s, "Café").notes == "two\nlines"


def test_import_file_named_encoding(sqlite_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("name\nCafé Münster\n".encode("cp1252"))
    import_file(sqlite_ledger, "accounts", path, "trustworks", encoding="cp1252")
    with sqlite_ledger.session() as s:
        assert repo.find_account(s, "Café Münster").id == 1


def test_import_file_over_the_size_cap(sqlite_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("name\n" + "Acme\n" * 100, encoding="utf-8")
    with pytest.raises(InputTooLargeError):
        import_file(sqlite_ledger, "accounts", path, "trustworks", max_bytes=100)


@pytest.mark.parametrize("where", ["missing.csv", "."])
def test_import_file_missing_file_or_folder(
    sqlite_ledger: Ledger, tmp_path: Path, where: str
) -> None:
    with pytest.raises(InputError):
        import_file(sqlite_ledger, "accounts", tmp_path / where, "trustworks")


def test_import_file_unknown_kind(sqlite_ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match="cannot import 'goals'"):
        import_file(sqlite_ledger, "goals", DATA / "hubspot-deals.csv", "hubspot")


def test_import_text_header_only_imports_nothing(sqlite_ledger: Ledger) -> None:
    report = import_text(sqlite_ledger, "accounts", "name,owner\n", "a.csv", "trustworks")
    assert (report.rows, report.created) == (0, 0)


def test_import_text_hostile_cells_are_kept_as_text(ledger: Ledger) -> None:
    text = 'name,notes\n"=HYPERLINK(""http://evil"")",\'; DROP TABLE accounts; --\n'
    import_text(ledger, "accounts", text, "a.csv", "trustworks")
    with ledger.session() as s:
        [account] = repo.rows(s, "accounts")
        assert (account.name, account.notes) == (
            '=HYPERLINK("http://evil")',
            "'; DROP TABLE accounts; --",
        )


def test_parse_csv_many_rows_and_columns_quickly() -> None:
    header = ",".join(f"extra{i}" for i in range(300)) + ",name\n"
    text = header + "".join("," * 300 + f"Account {i}\n" for i in range(10_000))
    parsed = parse_csv(text, "a.csv", "accounts", load_mapping("trustworks"))
    assert len(parsed.rows) == 10_000
    assert parsed.rows[-1].line == 10_001


def _csv(rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


_TEXT = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")  # else not text
# Well-quoted rows of arbitrary cells (many valid), raw cell soup, and CSV-ish fragments.
_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["Acme", "Beta", " acme ", "Ünïcode Ltd", ""]),
        st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12),
        st.sampled_from(["", "a@b.example", "not an email", "x@y"]),
        st.text(_TEXT, max_size=8),
        st.text(_TEXT, max_size=30),
    ),
    min_size=1,
    max_size=8,
).map(_csv)
_SOUP = st.lists(
    st.lists(st.text(alphabet=st.characters(), max_size=20), max_size=6), max_size=8
).map(lambda rows: "\n".join(",".join(cells) for cells in rows))
_FRAGMENTS = st.lists(
    st.sampled_from(["account", "name", "email", '"', ",", "\n", "\r", "x@y", "Acme", " "]),
    max_size=60,
).map("".join)
CSV_TEXT = st.one_of(_ROWS, _SOUP, _FRAGMENTS).map(lambda body: PEOPLE_HEADER + body)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(st.text(max_size=200), CSV_TEXT), skip=st.booleans())
def test_import_text_arbitrary_text_fails_cleanly_or_imports_whole_rows(
    ledger: Ledger, text: str, skip: bool
) -> None:
    before = _counts(ledger)
    try:
        report = import_text(ledger, "people", text, "fuzz.csv", "trustworks", skip_invalid=skip)
    except TrustworksError as exc:
        event(f"refused: {type(exc).__name__}")
        assert _counts(ledger) == before  # refused: nothing written
        return
    event(f"imported {'some' if report.created or report.updated else 'no'} rows")
    people = _count(ledger, tables.Person) - before[1]
    assert people == report.created
    assert report.created + report.updated + len(report.skipped) == report.rows
    assert skip or not report.skipped


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=_ROWS)
def test_import_text_well_quoted_rows_with_skip_invalid_never_fail(
    ledger: Ledger, body: str
) -> None:
    before = _count(ledger, tables.Person)
    report = import_text(
        ledger, "people", PEOPLE_HEADER + body, "rows.csv", "trustworks", skip_invalid=True
    )
    event(f"created {min(report.created, 3)}+, skipped {min(len(report.skipped), 3)}+")
    assert report.created + report.updated + len(report.skipped) == report.rows
    assert _count(ledger, tables.Person) - before == report.created


def test_import_summary_says_one_account_not_one_accounts(ledger: Ledger) -> None:
    import_text(ledger, "accounts", "name\nAcme\n", "a.csv", "trustworks")
    again = import_text(ledger, "accounts", "name,industry\nAcme,Mining\n", "a.csv", "trustworks")
    assert again.summary().endswith("created 0, updated 1 account")
