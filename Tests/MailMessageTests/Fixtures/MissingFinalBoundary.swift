extension Fixtures {
    /// A message truncated in the middle of a base64 attachment, without its closing boundary.
    static let missingFinalBoundary = #"""
From: truncated@example.com
To: support@ticketd.example
Subject: Truncated upload
Date: Fri, 20 Nov 2026 14:00:00 +0100
Message-ID: <trunc@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="==truncated=="

--==truncated==
Content-Type: text/plain; charset=us-ascii

The attachment below was cut off by the relay.
--==truncated==
Content-Type: application/zip; name="logs.zip"
Content-Disposition: attachment; filename="logs.zip"
Content-Transfer-Encoding: base64

UEsDBBQAAAAIAAAAIQBkZWFkYmVlZgAAAAAAAAAAAAAAAA
UEsDBBQAAAAI
"""#
}
