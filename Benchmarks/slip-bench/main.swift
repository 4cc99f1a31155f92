// slip-bench: a mass slip — N promises passing in one watcher run — decided the old way (one
// capacity walk per ticket, the reference) and the watcher's way (one walk from now for the
// longest queue, then a search per ticket), on the same tickets in the same run; checks that
// both give every ticket the same new promise and prints the times and their ratio.
//
// Usage: slip-bench [N] [AGENTS]   (default 15000 tickets, 5 agents)
import BusinessTime
import Foundation
import TicketCore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let count = arguments.first ?? 15_000
let agents = arguments.dropFirst().first ?? 5
let policy = PromisePolicy.standard(timeZone: TimeZone(identifier: "Europe/Budapest")!, staff: (1...agents).map { "agent\($0)@example.com" })
// Friday 2026-12-11 10:00 in Budapest: every ticket's promise passed a minute ago; ticket i has i ahead of it.
let now = Date(timeIntervalSince1970: 1_796_979_600)
let tickets = (0..<count).map {
    WatchedTicket(number: $0 + 1, state: .open, promisedBy: now - 60, promisedAt: now - 86_400, promiseNumber: 1, openAhead: $0)
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var reference: [Date?] = []
let walkEach = seconds {
    reference = tickets.map { policy.promiseAfterSlip(missed: $0.promisedBy, openAhead: $0.openAhead, now: now) }
}
var actions: [PromiseAction] = []
let shared = seconds { actions = PromiseWatcher(policy: policy).actions(for: tickets, now: now) }

let promised = actions.compactMap { action -> Date? in
    if case let .slip(_, _, _, newPromise, _) = action { newPromise } else { nil }
}
let same = zip(promised, reference).filter { $0 == $1 }.count
print("\(count) slipped promises, \(agents) agents, the longest queue \(count - 1) tickets ahead")
print(String(format: "one capacity walk per ticket (reference): %8.3f s", walkEach))
print(String(format: "one walk shared, a search per ticket:     %8.3f s", shared))
print(String(format: "speed ratio shared / per ticket: %.1f×", walkEach / max(shared, 1e-9)))
print("same new promise for \(same) of \(count) tickets")
if same != count || promised.count != count { exit(1) }
