extension Fixtures {
    /// Attachments named with RFC 2231 continuations (UTF-8 and ISO-8859-2) and RFC 2047 in parameters.
    static let rfc2231Filenames = #"""
From: =?utf-8?Q?Gy=C5=91ri_=C3=9Ars=C3=BAla?= <ursula@example.hu>
To: support@ticketd.example
Subject: =?utf-8?B?TWVsbMOpa2xldGVr?=
Date: Fri, 20 Nov 2026 13:00:00 +0100
Message-ID: <att-2231@example.hu>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2231"

--b2231
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Csatolom a dokumentumokat.
--b2231
Content-Type: application/pdf;
 name*0*=utf-8''%C3%81rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6rf%C3%BAr%C3%B3g;
 name*1*=%C3%A9p%20%E2%80%93%20%C5%82%C3%B3d%C5%BA%20sz%C3%A1mla%20;
 name*2*=2026.pdf
Content-Disposition: attachment;
 filename*0*=utf-8''%C3%81rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6rf%C3%BAr%C3%B3g;
 filename*1*=%C3%A9p%20%E2%80%93%20%C5%82%C3%B3d%C5%BA%20sz%C3%A1mla%20;
 filename*2*=2026.pdf;
 size=54
Content-Transfer-Encoding: base64

JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK
--b2231
Content-Type: image/png; name="=?utf-8?B?R3nFkXIgdMOpcmvDqXAgxbEucG5n?="
Content-Disposition: inline; filename="=?utf-8?B?R3nFkXIgdMOpcmvDqXAgxbEucG5n?="
Content-ID: <map.png@01DA0000.00000000>
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
--b2231
Content-Type: text/plain; name*=iso-8859-2''notatki_%B3%F3d%BC.txt
Content-Disposition: attachment; filename*=iso-8859-2''notatki_%B3%F3d%BC.txt
Content-Transfer-Encoding: quoted-printable

Notatki =B3=F3d=BC
--b2231--

"""#
}
