import Foundation

/// libFuzzer entry point: parses arbitrary bytes, touches every field, and checks render → parse invariants.
///
/// Compiled together with the MailMessage sources (see run.sh), so internal helpers are visible.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let limits = ParseLimits(maxNestingDepth: 12, maxHeaderCount: 200, maxHeaderLength: 8_192, maxLineLength: 4_096, maxParts: 200)
    let message = MailMessage.parse(input, limits: limits)
    var sink = message.headers.count + message.textBody.utf8.count + message.newText.utf8.count
    sink &+= message.subject?.utf8.count ?? 0
    sink &+= (message.from + message.to + message.cc + message.replyTo).reduce(0) { $0 &+ $1.domain.utf8.count &+ $1.normalized.utf8.count }
    sink &+= message.attachments.reduce(0) { $0 &+ $1.size &+ ($1.filename?.utf8.count ?? 0) }
    sink &+= message.defects.reduce(0) { $0 &+ $1.description.utf8.count }
    sink &+= message.references.count + message.inReplyTo.count + (message.messageID?.count ?? 0)
    sink &+= Int(message.date?.timeIntervalSince1970 ?? 0) & 1
    precondition(sink >= 0 || sink < 0)
    precondition(message.textBody.isEmpty || !message.newText.isEmpty, "newText empty while textBody is not")
    precondition(message.attachments.allSatisfy { $0.size == $0.data.count })

    let from = message.from.first ?? MailAddress(address: "nobody@example.com")
    let outgoing = OutgoingMessage(from: from, to: message.to, cc: message.cc, subject: message.subject ?? "",
                                   messageID: message.messageID ?? "fuzz@example.com", date: message.date ?? Date(timeIntervalSince1970: 0),
                                   inReplyTo: message.inReplyTo.first, references: message.references,
                                   extraHeaders: message.headers.filter { $0.name.hasPrefix("X-") },
                                   textBody: message.newText, htmlBody: message.htmlBody)
    let rendered = outgoing.render()
    let back = MailMessage.parse(rendered)
    let allowed: Set<String> = ["date", "from", "to", "cc", "subject", "message-id", "in-reply-to", "references", "mime-version",
                                "content-type", "content-transfer-encoding"]
    for field in back.headers where !allowed.contains(field.name.lowercased()) {
        precondition(field.name.hasPrefix("X-") && message.headers.contains(field.name), "injected header \(field.name)")
    }
    precondition(back.subject == (message.subject ?? "").neutralizingLineBreaks.trimmingASCIIWhitespace(), "subject round trip")
    let expectedName = from.name.map { $0.neutralizingLineBreaks.trimmingASCIIWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
    precondition(back.from.count == 1 && back.from.first?.name == expectedName, "name round trip")
    precondition(back.textBody == message.newText.normalizingNewlines.trimmingTrailingWhitespace, "text round trip")
    let unexpected = back.defects.filter { if case .eightBitHeader = $0 { return false } else { return true } }
    precondition(unexpected.isEmpty, "rendered message has defects: \(unexpected)")
    return 0
}
