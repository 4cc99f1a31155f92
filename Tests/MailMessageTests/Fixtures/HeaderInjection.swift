extension Fixtures {
    /// Encoded CR/LF in a subject and a display name, trying to inject headers into replies.
    static let headerInjection = #"""
From: =?utf-8?Q?Evil=0D=0ABcc:_victim@example.com?= <evil@example.com>
To: support@ticketd.example
Subject: =?utf-8?Q?Hello=0D=0ABcc:_victim@example.com=0D=0A=0D=0Abody?=
Message-ID: <inject@example.com>
Content-Type: text/plain; charset=utf-8

Please reply.

"""#
}
