extension Fixtures {
    /// Gmail reply in Polish: ISO-8859-2 base64 display names, QP text, base64 HTML with gmail_quote.
    static let gmailPolishReply = #"""
MIME-Version: 1.0
Date: Fri, 20 Nov 2026 11:30:12 +0100
References: <ticket-4712-1@ticketd.example>
In-Reply-To: <ticket-4712-1@ticketd.example>
Message-ID: <CAF=+xyzABCdef123456789_QwErTy@mail.gmail.com>
Subject: Re: [#4712] Problem z logowaniem
From: =?iso-8859-2?B?o3VrYXN6IK/zs2tpZXdza2k=?= <lukasz.zolkiewski@gmail.com>
To: Support <support@ticketd.example>
Cc: =?iso-8859-2?B?SvN6ZWYgV2m2bmlld3NraQ==?= <jozef@example.pl>
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6a7b8"

--000000000000a1b2c3d4e5f6a7b8
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Dzie=C5=84 dobry,

nadal nie dzia=C5=82a logowanie do panelu. Pr=C3=B3bowa=C5=82em ju=C5=BC re=
setu has=C5=82a.

Pozdrawiam
=C5=81ukasz =C5=BB=C3=B3=C5=82kiewski

pt., 20 lis 2026 o 10:15 Support <support@ticketd.example> napisa=C5=82(a):

> Dzie=C5=84 dobry,
> prosz=C4=99 spr=C3=B3bowa=C4=87 ponownie.
>
> --
> Zesp=C3=B3=C5=82 wsparcia

--000000000000a1b2c3d4e5f6a7b8
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: base64

PGRpdiBkaXI9Imx0ciI+PGRpdj5EemllxYQgZG9icnksPC9kaXY+PGRpdj48YnI+PC9kaXY+PGRp
dj5uYWRhbCBuaWUgZHppYcWCYSBsb2dvd2FuaWUgZG8gcGFuZWx1LiBQcsOzYm93YcWCZW0ganXF
vCByZXNldHUgaGFzxYJhLjwvZGl2PjxkaXY+PGJyPjwvZGl2PjxkaXY+UG96ZHJhd2lhbTwvZGl2
PjxkaXY+xYF1a2FzeiDFu8OzxYJraWV3c2tpPC9kaXY+PC9kaXY+PGJyPjxkaXYgY2xhc3M9Imdt
YWlsX3F1b3RlIj48ZGl2IGRpcj0ibHRyIiBjbGFzcz0iZ21haWxfYXR0ciI+cHQuLCAyMCBsaXMg
MjAyNiBvIDEwOjE1IFN1cHBvcnQgJmx0OzxhIGhyZWY9Im1haWx0bzpzdXBwb3J0QHRpY2tldGQu
ZXhhbXBsZSI+c3VwcG9ydEB0aWNrZXRkLmV4YW1wbGU8L2E+Jmd0OyBuYXBpc2HFgihhKTo8YnI+
PC9kaXY+PGJsb2NrcXVvdGUgY2xhc3M9ImdtYWlsX3F1b3RlIiBzdHlsZT0ibWFyZ2luOjBweCAw
cHggMHB4IDAuOGV4O2JvcmRlci1sZWZ0OjFweCBzb2xpZCByZ2IoMjA0LDIwNCwyMDQpO3BhZGRp
bmctbGVmdDoxZXgiPkR6aWXFhCBkb2JyeSw8YnI+cHJvc3rEmSBzcHLDs2Jvd2HEhyBwb25vd25p
ZS48L2Jsb2NrcXVvdGU+PC9kaXY+
--000000000000a1b2c3d4e5f6a7b8--

"""#
}
