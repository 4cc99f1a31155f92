extension Fixtures {
    /// Raw 8-bit header bytes: Windows-1250 From, UTF-8 Subject, ISO-8859-2 X-Polish; body without charset. Bytes written as {XX}.
    static let eightBitHeaders = #"""
From: {C1}rp{E1}d Szab{F3} <arpad@example.hu>
To: support@ticketd.example
Subject: {C3}{9C}zenet {C3}{A9}kezetekkel {C5}{91}{C5}{B1}
X-Polish: Za{BF}{F3}{B3}{E6} g{EA}{B6}l{B1} ja{BC}{F1}
Date: Fri, 20 Nov 2026 15:00:00 +0100
Message-ID: <8bit@example.hu>
Content-Type: text/plain
Content-Transfer-Encoding: 8bit

K{C3}{B6}sz{C3}{B6}n{C3}{B6}m a gyors v{C3}{A1}laszt.

"""#
}
