import Foundation
import MailMessage

/// Recognises read receipts (message disposition notifications): machine-written, never a ticket.
///
/// Evidence, most specific first:
/// - RFC 8098: a top-level `multipart/report; report-type=disposition-notification`, or a
///   `message/disposition-notification` part anywhere;
/// - Outlook/Exchange in TNEF: a `winmail.dat` (`application/ms-tnef`) part whose message class is
///   `REPORT.IPM.Note.IPNRN` (read) or `REPORT.IPM.Note.IPNNRN` (not read) — [MS-OXOMSG] 2.2.2.1;
/// - Outlook's subject (`Read:`, `Olvasott:`, `Przeczytano:` and the other languages below) *and* a
///   sign that Outlook or Exchange wrote the mail (`X-MS-TNEF-Correlator`, `X-MS-Exchange-*`
///   headers, `Thread-Index`, a TNEF part): the subject alone is a person's ("Read: chapter 3").
///
/// A *request* for a receipt (`Disposition-Notification-To`) is not a receipt.
public enum ReadReceipt {
    /// Subject prefixes Outlook writes on read and not-read receipts (en, hu, pl, de), lower-cased.
    static let subjectPrefixes = [
        "read:", "not read:", "olvasott:", "olvasva:", "nem olvasott:", "przeczytano:", "przeczytana:", "nie przeczytano:",
        "nieprzeczytana:", "gelesen:", "ungelesen:",
    ]

    /// The TNEF message classes of read and not-read receipts (compared ignoring case).
    static let tnefClasses = ["REPORT.IPM.Note.IPNRN", "REPORT.IPM.Note.IPNNRN"]

    /// Why `message` is a read receipt, or nil when it is not one.
    public static func reason(_ message: MailMessage) -> String? {
        let contentType = (message.headers["Content-Type"] ?? "").lowercased().filter { $0 != " " && $0 != "\t" && $0 != "\"" }
        if message.contentType == "multipart/report", contentType.contains(";report-type=disposition-notification") {
            return "read receipt (multipart/report; report-type=disposition-notification)"
        }
        if message.attachments.contains(where: { $0.contentType == "message/disposition-notification" }) {
            return "read receipt (message/disposition-notification part)"
        }
        let tnefParts = message.attachments.filter(isTNEF)
        if let messageClass = tnefClasses.first(where: { wanted in tnefParts.contains { contains($0.data, wanted) } }) {
            return "Outlook read receipt (winmail.dat of class \(messageClass))"
        }
        guard let subject = message.subject?.lowercased(), let prefix = subjectPrefixes.first(where: subject.hasPrefix) else { return nil }
        let fromOutlook = !tnefParts.isEmpty || message.headers.contains { field in
            let name = field.name.lowercased()
            return name == "x-ms-tnef-correlator" || name == "thread-index" || name.hasPrefix("x-ms-exchange-")
        }
        return fromOutlook ? "Outlook read receipt (subject \"\(prefix)\" from Outlook/Exchange)" : nil
    }

    private static func isTNEF(_ attachment: Attachment) -> Bool {
        attachment.contentType == "application/ms-tnef" || attachment.contentType == "application/vnd.ms-tnef"
            || attachment.filename?.lowercased() == "winmail.dat"
    }

    /// Whether `data` contains the ASCII text `needle`, ignoring case.
    private static func contains(_ data: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.lowercased().utf8)
        guard !pattern.isEmpty, data.count >= pattern.count else { return false }
        func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5a).contains(byte) ? byte + 0x20 : byte }
        outer: for start in 0...(data.count - pattern.count) where lower(data[start]) == pattern[0] {
            for offset in 1..<pattern.count where lower(data[start + offset]) != pattern[offset] { continue outer }
            return true
        }
        return false
    }
}
