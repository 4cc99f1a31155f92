extension Fixtures {
    /// Thunderbird forward as attachment: message/rfc822 with an ISO-8859-2 base64 body.
    static let forwardedAsAttachment = #"""
From: Anna Nowak <anna@example.pl>
To: support@ticketd.example
Subject: Fwd: Zamówienie nr 123
Date: Fri, 20 Nov 2026 12:00:00 +0100
Message-ID: <fwd-1@example.pl>
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Type: multipart/mixed;
 boundary="------------Fwd0123456789ABCDEF"

This is a multi-part message in MIME format.
--------------Fwd0123456789ABCDEF
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Przekazuję reklamację klienta.

--------------Fwd0123456789ABCDEF
Content-Type: message/rfc822; name*=UTF-8''Zam%C3%B3wienie%20nr%20123.eml
Content-Disposition: attachment; filename*=UTF-8''Zam%C3%B3wienie%20nr%20123.eml

Return-Path: <jan@example.pl>
From: =?iso-8859-2?Q?Jan_Kowalski?= <jan@example.pl>
To: Anna Nowak <anna@example.pl>
Subject: =?utf-8?Q?Zam=C3=B3wienie_nr_123_=E2=80=93_reklamacja?=
Date: Thu, 19 Nov 2026 09:00:00 +0100
Message-ID: <inner-123@example.pl>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-2
Content-Transfer-Encoding: base64

RHppZfEgZG9icnksDQpwcnplc3mza2EgZG90YXKzYSB1c3prb2R6b25hLg0KSmFuDQo=

--------------Fwd0123456789ABCDEF--

"""#
}
