import Foundation

/// Converts between instants and wall-clock time in one IANA time zone, DST-correct.
struct WallClock: Sendable, Hashable {
    let timeZone: TimeZone

    /// Seconds east of UTC in force at `instant`.
    private func offset(at seconds: Double) -> Double {
        Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds)))
    }

    /// Seconds since 1970-01-01 00:00 of the wall clock showing `instant`.
    private func localSeconds(of instant: Date) -> Double {
        let seconds = instant.timeIntervalSince1970
        return seconds + offset(at: seconds)
    }

    /// The local date of `instant`.
    func localDate(of instant: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: Int((localSeconds(of: instant) / 86_400).rounded(.down)))
    }

    /// Seconds since local midnight at `instant` (0 ..< 90_000 on a day with a repeated hour).
    func secondsSinceMidnight(of instant: Date) -> Double {
        let local = localSeconds(of: instant)
        return local - (local / 86_400).rounded(.down) * 86_400
    }

    /// The instant at which the wall clock shows `seconds` after midnight of `day`.
    ///
    /// A time skipped by a spring-forward change moves forward by the gap (02:30 becomes 03:30);
    /// a time repeated by a fall-back change resolves to its first occurrence.
    func instant(on day: LocalDate, secondsSinceMidnight seconds: Double) -> Date {
        let naive = Double(day.daysSinceEpoch) * 86_400 + seconds
        let before = offset(at: naive - 86_400)
        let after = offset(at: naive + 86_400)
        let valid = [naive - before, naive - after].filter { naive - offset(at: $0) == $0 }
        return Date(timeIntervalSince1970: valid.min() ?? naive - before)
    }

    /// The instant at which the wall clock shows `time` on `day`.
    func instant(on day: LocalDate, at time: TimeOfDay) -> Date {
        instant(on: day, secondsSinceMidnight: Double(time.minutesSinceMidnight) * 60)
    }
}
