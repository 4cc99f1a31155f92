import Testing
@testable import TicketCore

@Suite("Staff commands")
struct StaffCommandTests {
    @Test(arguments: [
        ("#close", StaffCommand.close), ("#resolve", .resolve), ("#wait", .wait), ("#reopen", .reopen), ("#note", .note),
        ("#Close", .close), ("  #RESOLVE  ", .resolve),
        ("#assign me", .assign(.me)), ("#assign ME", .assign(.me)), ("#assign Anna@Example.com", .assign(.address("anna@example.com"))),
        ("#assign <anna@example.com>", .assign(.address("anna@example.com"))), ("#assign: piotr@example.com", .assign(.address("piotr@example.com"))),
        ("#priority low", .priority(.low)), ("#priority Normal", .priority(.normal)), ("#priority HIGH", .priority(.high)),
        ("#priority urgent", .priority(.urgent)),
        ("#queue Billing", .queue("billing")), ("#queue field-service", .queue("field-service")),
        ("#time 30m", .time(minutes: 30)), ("#time 1h30m", .time(minutes: 90)), ("#time 1.5h", .time(minutes: 90)),
        ("#time 1h 30m", .time(minutes: 90)), ("#time 2h", .time(minutes: 120)), ("#time 45min", .time(minutes: 45)),
        ("#time 0,25h", .time(minutes: 15)), ("#time 24h", .time(minutes: 1440)), ("#time 1 óra", .time(minutes: 60)),
        ("#step next", .step(.next)), ("#step NEXT", .step(.next)), ("#step Visit", .step(.named("visit"))),
        ("#kb reset-password", .knowledgeBase(slug: "reset-password")), ("#KB VPN_setup", .knowledgeBase(slug: "vpn_setup")),
    ])
    func readsEachCommand(line: String, command: StaffCommand) {
        let block = StaffCommandParser.parse(line + "\nHello")
        #expect(block.errors == [])
        #expect(block.commands.map(\.command) == [command])
        #expect(block.remainingText == "Hello")
    }

    @Test(arguments: [
        ("#frobnicate", StaffCommandError.Problem.unknownCommand("frobnicate")),
        ("#closed", .unknownCommand("closed")),
        ("#close now", .unexpectedArgument(command: "close")),
        ("#assign", .missingArgument(command: "assign", expected: "an address or 'me'")),
        ("#assign anna", .badArgument(command: "assign", argument: "anna", expected: "an address or 'me'")),
        ("#assign anna@example.com piotr@example.com",
         .badArgument(command: "assign", argument: "anna@example.com piotr@example.com", expected: "an address or 'me'")),
        ("#assign anna@localhost", .badArgument(command: "assign", argument: "anna@localhost", expected: "an address or 'me'")),
        ("#priority asap", .badArgument(command: "priority", argument: "asap", expected: "low, normal, high or urgent")),
        ("#priority", .missingArgument(command: "priority", expected: "low, normal, high or urgent")),
        ("#queue", .missingArgument(command: "queue", expected: "a queue name")),
        ("#queue bil/ling", .badArgument(command: "queue", argument: "bil/ling", expected: "a queue name")),
        ("#time", .missingArgument(command: "time", expected: "a duration such as 30m, 1h30m or 1.5h")),
        ("#time 30", .badArgument(command: "time", argument: "30", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#time 0m", .badArgument(command: "time", argument: "0m", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#time 25h", .badArgument(command: "time", argument: "25h", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#time 30m1h", .badArgument(command: "time", argument: "30m1h", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#time 1h1h", .badArgument(command: "time", argument: "1h1h", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#time soon", .badArgument(command: "time", argument: "soon", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#time -1h", .badArgument(command: "time", argument: "-1h", expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h")),
        ("#step", .missingArgument(command: "step", expected: "a step name or 'next'")),
        ("#kb", .missingArgument(command: "kb", expected: "an article slug such as reset-password")),
        ("#kb ../../etc/passwd", .badArgument(command: "kb", argument: "../../etc/passwd", expected: "an article slug such as reset-password")),
    ])
    func reportsBadLines(line: String, problem: StaffCommandError.Problem) {
        let block = StaffCommandParser.parse("\(line)\nText")
        #expect(block.commands == [])
        #expect(block.errors == [StaffCommandError(line: 1, text: line, problem: problem)])
        #expect(block.remainingText == "Text", "a bad command line is still taken out")
    }

    @Test func readsABlockAfterBlankLinesAndKeepsTheRest() {
        let text = "\n  \n#assign me\r\n#priority high\n\n#time 20m\n\nDear Ms Kovács,\n#close is not a command here\n"
        let block = StaffCommandParser.parse(text)
        #expect(block.commands == [
            .init(line: 3, text: "#assign me", command: .assign(.me)),
            .init(line: 4, text: "#priority high", command: .priority(.high)),
            .init(line: 6, text: "#time 20m", command: .time(minutes: 20)),
        ])
        #expect(block.remainingText == "Dear Ms Kovács,\n#close is not a command here\n")
    }

    @Test func textWithoutCommandsIsUntouched() {
        for text in ["Hello,\n#close", "\n\nHello", "#1 priority for us is the printer", "# Heading\n#close", "#", "", "#\u{301}close"] {
            let block = StaffCommandParser.parse(text)
            #expect(block.commands.isEmpty && block.errors.isEmpty)
            #expect(block.remainingText == text)
        }
    }

    @Test func onlyCommandsLeaveNothingForTheCustomer() {
        let block = StaffCommandParser.parse("#resolve\n#note\n\n")
        #expect(block.hasNoText)
        #expect(block.isNote)
        #expect(!StaffCommandParser.parse("#resolve\nDone.").hasNoText)
    }

    @Test func goodAndBadLinesTogether() {
        let block = StaffCommandParser.parse("#close\n#bogus\n#priority high\nThanks")
        #expect(block.commands.map(\.command) == [.close, .priority(.high)])
        #expect(block.errors.map(\.line) == [2])
        #expect(block.errors[0].description == "line 2 \"#bogus\": there is no command #bogus")
    }

    let validator = StaffCommandValidator(
        roster: StaffRoster(plainAddresses: ["anna@example.com", "piotr@example.com"]), queues: ["Support", "billing"])

    @Test func validationRefusesUnknownStaffAndQueues() {
        let block = validator.validate(StaffCommandParser.parse(
            "#assign mallory@evil.example\n#queue Billing\n#queue nowhere\n#assign PIOTR@example.com\n#frob\nText"))
        #expect(block.commands.map(\.command) == [.queue("billing"), .assign(.address("piotr@example.com"))])
        #expect(block.errors.map(\.problem) == [.unknownStaff("mallory@evil.example"), .unknownQueue("nowhere"), .unknownCommand("frob")])
        #expect(block.errors[0].description == "line 1 \"#assign mallory@evil.example\": mallory@evil.example is not a staff address")
        #expect(block.remainingText == "Text")
    }

    @Test func contradictoryStateCommandsAreBothRefused() {
        let block = validator.validate(StaffCommandParser.parse("#close\n#note\n#reopen\nText"))
        #expect(block.commands.map(\.command) == [.note])
        #expect(block.errors.map(\.problem) == [.conflictingState(first: "close", second: "reopen")])
        #expect(validator.validate(StaffCommandParser.parse("#assign me\n#resolve")).errors == [])
    }

    @Test(arguments: [("30m", 30), ("1h30m", 90), ("1.5h", 90), ("0.1h", 6), ("1h0m", 60), ("90m", 90), ("1hours30minutes", 90)])
    func workDurations(text: String, minutes: Int) {
        #expect(StaffCommandParser.minutes(in: text) == minutes)
    }

    @Test(arguments: ["", "h", "m", "1", "1x", "1.h", ".5h", "1..5h", "1h2", "0.001h", "1e3m", "nanh", "1h30m30m", "1441m", "99999999999999999999h"])
    func notWorkDurations(text: String) {
        #expect(StaffCommandParser.minutes(in: text) == nil)
    }
}
