"""Sign-in throttling: growing, capped delays per account and per address, bounded memory."""

from __future__ import annotations

import pytest

from trustworks.ledger.throttle import (
    Refusal,
    SignInThrottle,
    ThrottlePolicy,
    address_key,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def fail(throttle: SignInThrottle, times: int, username: str, address: str) -> None:
    for _ in range(times):
        throttle.failed(username, address)


def test_five_failures_are_free_then_the_delay_doubles_up_to_the_cap(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    for _ in range(5):
        assert throttle.check("dana", "10.0.0.1") is None
        throttle.failed("dana", "10.0.0.1")
    refused = throttle.check("Dana ", "10.0.0.1")  # any case: the account waits
    assert refused == Refusal(1, "account")
    assert refused.message == "too many attempts for this account; try again in 1 s"
    waits = []
    for _ in range(12):
        clock.now += 400  # more than any delay, less than the quiet spell that forgets
        assert throttle.check("dana", "10.0.0.1") is None
        throttle.failed("dana", "10.0.0.1")
        refused = throttle.check("dana", "10.0.0.1")
        assert refused is not None
        waits.append(refused.retry_after)
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]


def test_a_refused_attempt_waits_out_the_delay_then_passes(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    for _ in range(7):  # the 5th failure makes the next wait 1 s, the 6th 2 s, the 7th 4 s
        throttle.failed("dana", "10.0.0.1")
    refused = throttle.check("dana", "10.0.0.1")
    assert refused is not None and refused.retry_after == 4
    clock.now += 3.5
    assert throttle.check("dana", "10.0.0.1") == Refusal(1, "account")
    clock.now += 0.6
    assert throttle.check("dana", "10.0.0.1") is None


def test_an_address_guessing_many_accounts_is_held_back(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    for i in range(10):
        fail(throttle, 1, f"user{i}", "192.0.2.7")
    refused = throttle.check("someone-else", "192.0.2.7")
    assert refused is not None and refused.reason == "address"
    assert "from this address" in refused.message
    assert throttle.check("someone-else", "192.0.2.8") is None


def test_success_clears_the_counters(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    fail(throttle, 4, "dana", "10.0.0.1")
    throttle.succeeded("dana", "10.0.0.1")
    fail(throttle, 4, "dana", "10.0.0.1")  # four free again: eight in all would lock
    fail(throttle, 3, "someone", "10.0.0.3")  # an address the account's counter applies at
    assert throttle.check("dana", "10.0.0.3") is None
    throttle.failed("dana", "10.0.0.1")
    assert throttle.check("dana", "10.0.0.3") is not None  # the fifth since counts again


def test_an_attack_from_elsewhere_does_not_lock_out_the_owners_usual_address(
    clock: Clock,
) -> None:
    throttle = SignInThrottle(clock=clock)
    throttle.succeeded("dana", "10.0.0.1")  # Dana's desk, seen before
    clock.now += 3600
    for i in range(40):  # an attacker on many addresses, hammering Dana's account
        clock.now += 400
        throttle.check("dana", f"203.0.113.{i}")
        throttle.failed("dana", f"203.0.113.{i}")
    fail(throttle, 3, "dana", "203.0.113.200")  # an address that failed 3 times waits
    assert throttle.check("dana", "203.0.113.200") is not None
    assert throttle.check("dana", "10.0.0.1") is None


def test_counters_are_forgotten_after_a_quiet_spell(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    fail(throttle, 6, "dana", "10.0.0.1")
    assert throttle.check("dana", "10.0.0.1") is not None
    clock.now += 901
    assert throttle.check("dana", "10.0.0.1") is None
    throttle.failed("dana", "10.0.0.1")  # counting starts again from one
    assert throttle.check("dana", "10.0.0.1") is None


def test_memory_stays_bounded_under_a_flood_from_many_addresses(clock: Clock) -> None:
    throttle = SignInThrottle(ThrottlePolicy(max_entries=1000), clock=clock)
    fail(throttle, 6, "dana", "10.0.0.1")
    for i in range(50_000):
        throttle.failed(f"guess{i}", f"2001:db8:{i:x}::1")
    assert throttle.size() <= 2 * 1000 + 1000
    # The account under attack was evicted only because 50,000 others came after it; a
    # recent failure is what keeps a key, and every new one comes last.
    fail(throttle, 6, "dana", "10.0.0.1")
    assert throttle.check("dana", "10.0.0.1") is not None


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),  # the same machine's /64
        ("::ffff:192.0.2.7", "192.0.2.7"),
        (None, "unknown"),
        ("testclient", "testclient"),
    ],
)
def test_address_key(address: str | None, key: str) -> None:
    assert address_key(address) == key


def test_strict_checks_ignore_the_trusted_address(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    throttle.succeeded("dana", "10.0.0.1")
    fail(throttle, 5, "dana", "10.0.0.1")
    assert throttle.check("dana", "10.0.0.1") is None  # signing in from the usual desk
    assert throttle.check("dana", "10.0.0.1", strict=True) == Refusal(1, "account")


def test_an_attacker_holding_the_account_cannot_stop_a_new_address(clock: Clock) -> None:
    # A restart: nobody is trusted. The attacker keeps Dana's account at the 300 s cap with
    # one wrong password whenever the delay allows.
    throttle = SignInThrottle(clock=clock)
    fail(throttle, 5, "dana", "203.0.113.66")
    for _ in range(20):
        wait = throttle.check("dana", "203.0.113.66")
        clock.now += wait.retry_after if wait else 0
        throttle.failed("dana", "203.0.113.66")
    refused = throttle.check("dana", "203.0.113.66")
    assert refused is not None and refused.retry_after == 300
    # Dana on a new phone: three tries, however the account's counter stands.
    for _ in range(2):
        assert throttle.check("dana", "198.51.100.23") is None
        throttle.failed("dana", "198.51.100.23")
    assert throttle.check("dana", "198.51.100.23") is None
    throttle.failed("dana", "198.51.100.23")
    # Three wrong there: that address now waits with the account, as the attacker's does.
    assert throttle.check("dana", "198.51.100.23") == Refusal(300, "account")
    assert throttle.check("dana", "198.51.100.24") is None  # Dana's laptop: still three


def test_an_address_that_failed_elsewhere_gets_no_grace(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    fail(throttle, 5, "dana", "203.0.113.66")
    for i in range(3):  # the same prober, guessing other accounts first
        throttle.failed(f"user{i}", "203.0.113.67")
    assert throttle.check("dana", "203.0.113.67") == Refusal(1, "account")
    clock.now += 901  # forgotten after a quiet spell, like every counter
    fail(throttle, 5, "dana", "203.0.113.66")
    assert throttle.check("dana", "203.0.113.67") is None
