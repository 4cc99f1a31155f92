extension Fixtures {
    /// Unknown and lying charset labels on text parts and an encoded word. Bytes written as {XX}.
    static let lyingCharsets = #"""
From: liar@example.com
To: support@ticketd.example
Subject: =?x-klingon?Q?qapla=C5=91?=
Message-ID: <lying@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="lie"

--lie
Content-Type: text/plain; charset="x-klingon"
Content-Transfer-Encoding: 8bit

Unknown charset: {C5}{91}{C5}{B1}
--lie
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 8bit

Claims ASCII, is UTF-8: {C5}{82}{C3}{B3}d{C5}{BA}
--lie
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Claims UTF-8, is Windows-1250: {F5}{FB} {9C}l{B9}sk
--lie--

"""#
}
