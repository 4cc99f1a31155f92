import Foundation

/// Exponential backoff with jitter: `base · 2^(n−1)` after n failures in a row, capped, then
/// scaled by a random factor from `spread`, so that many mailboxes (or mails) do not retry in
/// lockstep. The one formula for every retry in ticketd: IMAP servers (5 s doubling to 15 min,
/// factor 0.5…1), deferred outbox mail (1 min doubling to 1 h, 0.8…1.2) and the daemon's cycle
/// while SMTP is down (the poll interval doubling to 15 min, 0.8…1.2).
public struct Backoff: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval
    /// The random factor applied to the capped delay (`1...1`: no jitter).
    public var spread: ClosedRange<Double>
    /// Failures in a row since the last success.
    public private(set) var failures = 0

    /// Backoff whose random factor lies in `jitter...1` (1 = no jitter).
    public init(base: TimeInterval = 5, cap: TimeInterval = 900, jitter: Double = 0.5) {
        self.init(base: base, cap: cap, spread: min(jitter, 1)...1)
    }

    /// Backoff whose random factor lies in `spread`, e.g. `0.8...1.2` for ±20 %.
    public init(base: TimeInterval, cap: TimeInterval, spread: ClosedRange<Double>) {
        self.base = base
        self.cap = cap
        self.spread = spread
    }

    /// The delay before the next attempt after one more failure.
    public mutating func fail(random: Double = Double.random(in: 0...1)) -> TimeInterval {
        failures += 1
        return delay(afterFailures: failures, random: random)
    }

    /// The delay after `count` failures in a row; `random` in 0...1 picks the factor from `spread`.
    public func delay(afterFailures count: Int, random: Double) -> TimeInterval {
        guard count > 0 else { return 0 }
        let exponential = min(cap, base * pow(2, Double(min(count - 1, 30))))
        let factor = spread.lowerBound + (spread.upperBound - spread.lowerBound) * min(max(random, 0), 1)
        return exponential * factor
    }

    public mutating func succeed() {
        failures = 0
    }
}

/// Up/down bookkeeping for one server: when to try again, and which calls change the state
/// (the only ones worth a log line).
public struct ServerHealth: Sendable {
    public enum Change: Sendable, Equatable {
        /// It was up (or unknown) and just failed.
        case wentDown(retryIn: TimeInterval)
        /// It failed again while down.
        case stillDown(retryIn: TimeInterval)
        /// It was down and works again.
        case cameUp(after: Int)
        /// Nothing new.
        case stillUp
    }

    public private(set) var backoff: Backoff
    /// Monotonic seconds before which no new attempt should be made.
    public private(set) var retryAt: TimeInterval?
    /// The last failure while down.
    public private(set) var lastError: TransportError?

    public init(backoff: Backoff = Backoff()) {
        self.backoff = backoff
    }

    public var isDown: Bool { lastError != nil }

    /// Whether an attempt is due at `now` (monotonic seconds).
    public func shouldAttempt(now: TimeInterval) -> Bool {
        guard let retryAt else { return true }
        return now >= retryAt
    }

    public mutating func recordFailure(_ error: TransportError, now: TimeInterval, random: Double = Double.random(in: 0...1)) -> Change {
        let wasDown = isDown
        let delay = backoff.fail(random: random)
        retryAt = now + delay
        lastError = error
        return wasDown ? .stillDown(retryIn: delay) : .wentDown(retryIn: delay)
    }

    public mutating func recordSuccess() -> Change {
        let failures = backoff.failures
        backoff.succeed()
        retryAt = nil
        defer { lastError = nil }
        return lastError == nil ? .stillUp : .cameUp(after: failures)
    }

    /// Monotonic seconds for `now` arguments.
    public static func monotonicNow() -> TimeInterval {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return TimeInterval(spec.tv_sec) + TimeInterval(spec.tv_nsec) / 1e9
    }
}
