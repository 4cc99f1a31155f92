import Foundation

/// Working time of a help desk: weekly hours, public holidays, closures and extra working days,
/// all in one IANA time zone.
///
/// All arithmetic happens in wall-clock time of ``timeZone``, so it stays correct across
/// daylight-saving changes: 08:00 is 08:00 on both sides of the last Sunday of March.
///
/// A date is a working day when it is not a closure, and it is either an extra working day or
/// (not a public holiday and its weekday has hours). An extra working day (such as a Hungarian
/// transferred working Saturday) keeps the hours of its own weekday when that weekday has any,
/// and otherwise takes the hours of the first weekday, counting from Monday, that has hours.
public struct BusinessCalendar: Sendable {
    /// The zone whose wall clock the schedule is written in, e.g. Europe/Budapest.
    public let timeZone: TimeZone
    /// Working hours per weekday.
    public let schedule: WeeklySchedule
    /// Public holidays (closed).
    public let holidays: HolidayRules
    /// Extra closed days from configuration; they win over everything else.
    public let closures: Set<LocalDate>
    /// Extra working days from configuration (e.g. transferred working Saturdays); they win over weekends and holidays.
    public let extraWorkingDays: Set<LocalDate>

    let clock: WallClock
    /// Working intervals per day, computed once: the promise watcher asks for the same days for
    /// every open ticket, every cycle, and each answer costs several time-zone lookups.
    let intervals = Memo<Int, [DateInterval]>()
    /// Working seconds of spans asked about repeatedly (``windowSeconds(from:to:)``).
    let windows = Memo<Span, Int>()

    /// Two instants, as a memo key.
    struct Span: Hashable {
        var start: Date
        var end: Date
    }

    /// Creates a calendar.
    public init(
        timeZone: TimeZone,
        schedule: WeeklySchedule,
        holidays: HolidayRules,
        closures: [LocalDate] = [],
        extraWorkingDays: [LocalDate] = []
    ) {
        self.timeZone = timeZone
        self.schedule = schedule
        self.holidays = holidays
        self.closures = Set(closures)
        self.extraWorkingDays = Set(extraWorkingDays)
        clock = WallClock(timeZone: timeZone)
    }

    // MARK: Days

    /// Whether work happens on `date` at all.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !workingHours(on: date).isEmpty
    }

    /// The wall-clock working hours on `date`; empty on a closed day.
    public func workingHours(on date: LocalDate) -> [TimeRange] {
        if closures.contains(date) { return [] }
        if extraWorkingDays.contains(date) {
            let own = schedule.hours(on: date.weekday)
            if !own.isEmpty { return own }
            return Weekday.allCases.lazy.map { schedule.hours(on: $0) }.first { !$0.isEmpty } ?? []
        }
        if holidays.isHoliday(date) { return [] }
        return schedule.hours(on: date.weekday)
    }

    /// The working hours on `date` as instants; a range may be shorter or longer than its
    /// wall-clock length when it spans a daylight-saving change.
    public func workingIntervals(on date: LocalDate) -> [DateInterval] {
        intervals.lookup(date.daysSinceEpoch) {
            workingHours(on: date).map { range in
                DateInterval(start: clock.instant(on: date, at: range.start), end: clock.instant(on: date, at: range.end))
            }
        }
    }

    /// The first working day after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        var closedRun = 0
        while !isWorkingDay(day) {
            closedRun += 1
            checkClosedRun(closedRun)
            day = day.adding(days: 1)
        }
        return day
    }

    // MARK: Instants

    /// The date the calendar's wall clock shows at `instant`.
    public func localDate(of instant: Date) -> LocalDate {
        clock.localDate(of: instant)
    }

    /// The instant at which the calendar's wall clock shows `time` on `date`.
    ///
    /// A wall time skipped by a spring-forward change moves forward by the gap; a repeated
    /// one resolves to its first occurrence.
    public func instant(on date: LocalDate, at time: TimeOfDay) -> Date {
        clock.instant(on: date, at: time)
    }

    /// Whether the help desk is working at `instant` (ranges include their start, not their end).
    public func isOpen(at instant: Date) -> Bool {
        workingIntervals(on: localDate(of: instant)).contains { $0.start <= instant && instant < $0.end }
    }

    /// `instant` itself when open, otherwise the start of the next working range.
    public func nextOpening(atOrAfter instant: Date) -> Date {
        var result = instant
        forEachInterval(from: instant) { interval in
            result = max(interval.start, instant)
            return false
        }
        return result
    }

    /// The working range that `instant` lies in, counting both ends (17:00 belongs to 08:00-17:00).
    func interval(containing instant: Date) -> DateInterval? {
        workingIntervals(on: localDate(of: instant)).first { $0.start <= instant && instant <= $0.end }
    }

    /// Where a promise at `instant` can stand: `instant` itself with its range when it lies in working
    /// hours (both ends counted), otherwise the next opening with the range it starts.
    func placement(atOrAfter instant: Date) -> (instant: Date, range: DateInterval) {
        if let range = interval(containing: instant) { return (instant, range) }
        var found = (instant: instant, range: DateInterval(start: instant, duration: 0))
        forEachInterval(from: instant) { range in
            found = (max(range.start, instant), range)
            return false
        }
        return found
    }

    // MARK: Arithmetic

    /// The instant `duration` after `start`.
    ///
    /// Parts are applied in the order calendar days, business days, business minutes, seconds:
    /// - `d`: the same wall-clock time that many calendar days later (not moved into working hours);
    /// - `bd`: counting starts at the next opening at or after the instant (mail received outside
    ///   hours counts from the next opening). N business days later is the same wall-clock time on
    ///   the Nth following working day; if that day is not working then, the result is its next
    ///   opening that day, or its closing time when the wall time is after closing. The result
    ///   never moves past the Nth working day. Example with Mon-Fri 08:00-17:00: `2bd` from
    ///   Tuesday 10:00 is Thursday 10:00; from Friday 18:00 it is Wednesday 08:00.
    /// - `m`/`h`: working time is consumed range by range; a result that exactly uses up a
    ///   range is that range's closing time (Friday 16:00 + 1h is Friday 17:00, not Monday 08:00).
    ///   Example with Mon-Fri 08:00-12:00,13:00-17:00: Friday 16:30 + 8h is Monday 16:30.
    /// - `s`: plain elapsed seconds.
    public func adding(_ duration: BusinessDuration, to start: Date) -> Date {
        var result = start
        if duration.calendarDays > 0 {
            result = clock.instant(
                on: localDate(of: result).adding(days: duration.calendarDays),
                secondsSinceMidnight: clock.secondsSinceMidnight(of: result)
            )
        }
        if duration.businessDays > 0 {
            result = addingBusinessDays(duration.businessDays, to: result)
        }
        if duration.businessMinutes > 0 {
            result = addingBusinessSeconds(Double(duration.businessMinutes) * 60, to: result)
        }
        return result.addingTimeInterval(Double(duration.seconds))
    }

    /// Working time between two instants, in whole seconds; negative when `end` is before `start`.
    public func businessSeconds(from start: Date, to end: Date) -> Int {
        if end < start { return -businessSeconds(from: end, to: start) }
        var total = 0.0
        forEachInterval(from: start) { interval in
            guard interval.start < end else { return false }
            total += min(interval.end, end).timeIntervalSince(max(interval.start, start))
            return true
        }
        return Int(total.rounded())
    }

    /// ``businessSeconds(from:to:)`` for a span asked about again and again — a promise's window,
    /// which the watcher checks for every open ticket every cycle — remembered per calendar.
    public func windowSeconds(from start: Date, to end: Date) -> Int {
        windows.lookup(Span(start: start, end: end)) { businessSeconds(from: start, to: end) }
    }

    /// The instant `seconds` of working time after `start`.
    func addingBusinessSeconds(_ seconds: Double, to start: Date) -> Date {
        var remaining = seconds
        var result = start
        forEachInterval(from: start) { interval in
            let from = max(interval.start, start)
            let available = interval.end.timeIntervalSince(from)
            if remaining <= available {
                result = from.addingTimeInterval(remaining)
                return false
            }
            remaining -= available
            return true
        }
        return result
    }

    private func addingBusinessDays(_ days: Int, to start: Date) -> Date {
        let opening = nextOpening(atOrAfter: start)
        let wallTime = clock.secondsSinceMidnight(of: opening)
        var target = localDate(of: opening)
        for _ in 0..<days {
            target = nextWorkingDay(after: target)
        }
        let candidate = clock.instant(on: target, secondsSinceMidnight: wallTime)
        let intervals = workingIntervals(on: target)
        if intervals.contains(where: { $0.start <= candidate && candidate <= $0.end }) {
            return candidate
        }
        return intervals.first { $0.start > candidate }?.start ?? intervals[intervals.count - 1].end
    }

    /// Calls `body` with each working interval that ends after `instant`, in order, until it returns false.
    func forEachInterval(from instant: Date, _ body: (DateInterval) -> Bool) {
        var day = localDate(of: instant)
        var closedRun = 0
        while true {
            let intervals = workingIntervals(on: day).filter { $0.end > instant }
            if intervals.isEmpty {
                closedRun += 1
                checkClosedRun(closedRun)
            } else {
                closedRun = 0
                for interval in intervals where !body(interval) {
                    return
                }
            }
            day = day.adding(days: 1)
        }
    }

    /// Guards the invariant that working days keep coming: a schedule always has hours on some
    /// weekday, holidays are at most a few a year, and closures are a finite list.
    private func checkClosedRun(_ days: Int) {
        precondition(days <= 7 * (closures.count + 60), "BusinessCalendar found no working day in \(days) consecutive days")
    }
}

/// Answers a calendar computed once, shared by its copies and safe across threads (the promise
/// watcher, the pollers and report builders read it at once); it forgets everything past
/// ``limit`` entries so that memory stays bounded.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    static var limit: Int { 20_000 }
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    /// The value for `key`, computed by `make` the first time.
    func lookup(_ key: Key, make: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let made = make()
        lock.withLock {
            if values.count >= Self.limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }
}
