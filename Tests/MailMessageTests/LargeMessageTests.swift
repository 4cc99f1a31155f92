import Foundation
import Testing
@testable import MailMessage
import TestSupport

@Suite struct LargeMessageTests {
    @Test func twentyMegabyteAttachment() {
        let size = 20 * 1_024 * 1_024
        var payload = [UInt8](repeating: 0, count: size)
        var generator = SplitMix64(seed: 42)
        for index in stride(from: 0, to: size, by: 8) {
            let value = generator.next()
            for offset in 0..<8 where index + offset < size {
                payload[index + offset] = UInt8(truncatingIfNeeded: value >> (offset * 8))
            }
        }
        let encoded = Array(TransferCoding.encodeBase64(payload).utf8)
        var message = Array("""
            From: big@example.com\r
            Subject: big\r
            Content-Type: multipart/mixed; boundary="big"\r
            \r
            --big\r
            Content-Type: text/plain\r
            \r
            see attachment\r
            --big\r
            Content-Type: application/octet-stream; name="big.bin"\r
            Content-Disposition: attachment; filename="big.bin"\r
            Content-Transfer-Encoding: base64\r
            \r

            """.utf8)
        message.reserveCapacity(message.count + encoded.count + encoded.count / 38 + 64)
        for start in stride(from: 0, to: encoded.count, by: 76) {
            message += encoded[start..<min(start + 76, encoded.count)]
            message += [0x0D, 0x0A]
        }
        message += Array("--big--\r\n".utf8)

        let parsed = MailMessage.parse(message)
        #expect(parsed.textBody == "see attachment")
        #expect(parsed.attachments.first?.size == size)
        #expect(parsed.attachments.first?.data == payload)
        #expect(parsed.defects.isEmpty)
    }

    @Test func hugeHeaderLineIsTruncatedNotFatal() {
        let line = "Subject: " + String(repeating: "x", count: 2_000_000) + "\r\n\r\nbody"
        let message = MailMessage.parse(Array(line.utf8))
        #expect(message.subject?.utf8.count == ParseLimits.default.maxLineLength - "Subject: ".utf8.count)
        #expect(message.textBody == "body")
        #expect(message.defects.contains(.headerLengthLimitExceeded(name: "(line)", limit: ParseLimits.default.maxLineLength)))
    }

    @Test func manyTinyPartsAreBounded() {
        let parts = String(repeating: "--p\r\n\r\nx\r\n", count: 50_000)
        let message = MailMessage.parse(Array(("Content-Type: multipart/mixed; boundary=p\r\n\r\n" + parts).utf8))
        #expect(message.defects.contains(.partLimitExceeded(limit: ParseLimits.default.maxParts)))
        #expect(message.defects.contains(.missingFinalBoundary(boundary: "p")))
    }
}
