"""Sign-in throttling: growing delays per account and per client address after failed attempts.

After `free` failures in a row (5 for an account, 10 for an address), each further attempt
must wait `first_delay` seconds, doubling with every failure, up to `max_delay` (5 minutes): a
guesser gets a few hundred tries a day instead of thousands a second, while a person who
mistyped waits seconds. A throttled attempt is refused before its password is looked at, so it
costs no hashing either.

Four things keep a real user from being locked out by someone else:
- the delay is capped (at worst `max_delay`, however long an attack goes on);
- a successful sign-in clears its address's and its account's counters;
- an address with fewer than `grace` (3) failures of its own (against any account, since its
  counter last started) is not held back by the account's counter: someone on a new laptop or
  phone, or after a restart when no address is trusted yet, gets 3 tries however hard the
  account is being attacked from elsewhere. The price: a guesser with many addresses gets 3
  tries per fresh address (its failures are forgotten after `forget_after` quiet seconds)
  rather than being held back with the account after its 5th failure;
- an address the account signed in from before (in this process, within `trusted_for`), or a
  browser that shows the web app's signed device cookie for the account (`known_device`: it
  outlives restarts and holds in every worker), is not held back by the account's counter at
  all, only by its own address's counter, so flooding an account from elsewhere does not stop
  its owner at their usual desk or on their usual browser.
An attacker who keeps an account held back can therefore stop neither its owner at a known
address nor, for their first 3 tries, at a new one; only an address that has itself failed 3
times waits for the account's delay (at most `max_delay`) like the attacker's own.

State is kept in memory, per process, and bounded: each table holds at most `max_entries`
keys, the least recently failed forgotten first, and a key is forgotten `forget_after` seconds
after its last failure. Memory, not the database, because a login flood must not become a
flood of database writes (on SQLite every write takes the file's lock) and nothing needs to be
cleaned up; the price is that a restart clears the counters, and with `--workers N` each worker
counts on its own, so a guesser gets up to N times the free attempts before the delays start
(the delays then grow the same way in every worker).
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures are free and how the delays grow (seconds)."""

    account_free: int = 5
    address_free: int = 10
    # An address with fewer failures than this is not held back by the account's counter.
    grace: int = 3
    first_delay: float = 1.0
    max_delay: float = 300.0
    forget_after: float = 900.0  # quiet time after which a counter starts again from zero
    trusted_for: float = 30 * 24 * 3600.0
    max_entries: int = 10_000

    def delay(self, failures: int, free: int) -> float:
        """Seconds to wait after `failures` failures in a row, `free` of them without delay."""
        if failures < free:
            return 0.0
        return min(self.max_delay, self.first_delay * 2.0 ** min(failures - free, 64))


@dataclass(frozen=True)
class Refusal:
    """An attempt that must wait: how long, and whether the account or the address is why."""

    retry_after: int  # whole seconds, at least 1
    reason: str  # "account" or "address"

    @property
    def message(self) -> str:
        what = "for this account" if self.reason == "account" else "from this address"
        return f"too many attempts {what}; try again in {self.retry_after} s"


@dataclass
class _Counter:
    failures: int
    last: float


class _Table:
    """Failure counters by key, bounded in size and forgotten after a quiet spell."""

    def __init__(self, free: int, policy: ThrottlePolicy) -> None:
        self.free = free
        self.policy = policy
        self.counters: OrderedDict[str, _Counter] = OrderedDict()

    def wait(self, key: str, now: float) -> float:
        counter = self.counters.get(key)
        if counter is None or now - counter.last > self.policy.forget_after:
            return 0.0
        return counter.last + self.policy.delay(counter.failures, self.free) - now

    def failures(self, key: str, now: float) -> int:
        counter = self.counters.get(key)
        if counter is None or now - counter.last > self.policy.forget_after:
            return 0
        return counter.failures

    def fail(self, key: str, now: float) -> None:
        counter = self.counters.pop(key, None)
        if counter is None or now - counter.last > self.policy.forget_after:
            counter = _Counter(0, now)
        counter.failures += 1
        counter.last = now
        self.counters[key] = counter  # to the end: the table is in order of last failure
        self._prune(now)

    def clear(self, key: str) -> None:
        self.counters.pop(key, None)

    def _prune(self, now: float) -> None:
        while self.counters:
            oldest = next(iter(self.counters.values()))
            stale = now - oldest.last > self.policy.forget_after
            if not stale and len(self.counters) <= self.policy.max_entries:
                return
            self.counters.popitem(last=False)


class SignInThrottle:
    """Counters of failed sign-ins by account and by address; thread-safe."""

    def __init__(
        self, policy: ThrottlePolicy | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy or ThrottlePolicy()
        self._clock = clock
        self._lock = threading.Lock()
        self._accounts = _Table(self.policy.account_free, self.policy)
        self._addresses = _Table(self.policy.address_free, self.policy)
        self._trusted: OrderedDict[tuple[str, str], float] = OrderedDict()

    def check(
        self,
        username: str,
        address: str | None,
        *,
        strict: bool = False,
        known_device: bool = False,
    ) -> Refusal | None:
        """A refusal if this attempt must wait, else None (then report how it went).

        `strict` applies the account's counter even at an address it signed in from: for a
        signed-in caller proving their password again, where no lock-out is at stake and the
        guesser may be at the owner's own desk. `known_device`: the caller showed proof that
        its browser signed in to this account before (the web app's signed device cookie), so
        the account's counter does not apply, as at a trusted address."""
        account, place = account_key(username), address_key(address)
        with self._lock:
            now = self._clock()
            waits = [(self._addresses.wait(place, now), "address")]
            if strict or not (known_device or self._passes_account_hold(account, place, now)):
                waits.append((self._accounts.wait(account, now), "account"))
        wait, reason = max(waits)
        if wait <= 0:
            return None
        return Refusal(max(1, math.ceil(wait)), reason)

    def failed(self, username: str, address: str | None) -> None:
        """Count a wrong password (or an unknown username: counted the same, so that the
        throttle does not tell which usernames exist)."""
        account, place = account_key(username), address_key(address)
        with self._lock:
            now = self._clock()
            self._accounts.fail(account, now)
            self._addresses.fail(place, now)

    def succeeded(self, username: str, address: str | None) -> None:
        """A right password: clear both counters and trust this address for the account."""
        account, place = account_key(username), address_key(address)
        with self._lock:
            now = self._clock()
            self._accounts.clear(account)
            self._addresses.clear(place)
            self._trusted.pop((account, place), None)
            self._trusted[(account, place)] = now
            while len(self._trusted) > self.policy.max_entries:
                self._trusted.popitem(last=False)

    def trusted(self, username: str, address: str | None) -> bool:
        """Whether the account signed in from this address before (within `trusted_for`)."""
        account, place = account_key(username), address_key(address)
        with self._lock:
            return self._is_trusted(account, place, self._clock())

    def size(self) -> int:
        """Keys held in all tables (what the bound applies to)."""
        with self._lock:
            return len(self._accounts.counters) + len(self._addresses.counters) + len(self._trusted)

    def _passes_account_hold(self, account: str, place: str, now: float) -> bool:
        """Whether the account's counter is not applied at this address: trusted for the
        account, or still clean enough (an attacker holding the account back from elsewhere
        must not stop someone trying from a new place)."""
        if self._is_trusted(account, place, now):
            return True
        return self._addresses.failures(place, now) < self.policy.grace

    def _is_trusted(self, account: str, place: str, now: float) -> bool:
        since = self._trusted.get((account, place))
        return since is not None and now - since <= self.policy.trusted_for


def account_key(username: str) -> str:
    """Usernames are matched without regard to case or surrounding spaces."""
    return username.strip().lower()[:200]


def address_key(address: str | None) -> str:
    """An IPv4 address as it is; an IPv6 one by its /64 network, since one machine commonly has
    a whole /64 to pick addresses from."""
    if not address:
        return "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)
