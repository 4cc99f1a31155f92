extension Fixtures {
    /// An HTML-only newsletter: tables, lists, entities, links, script and style.
    static let htmlOnlyNewsletter = #"""
From: "Newsletter" <news@shop.example>
To: support@ticketd.example
Subject: =?UTF-8?Q?=F0=9F=8E=89_Akci=C3=B3!?=
Date: Fri, 20 Nov 2026 16:00:00 +0000
Message-ID: <html-only@shop.example>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

<!DOCTYPE html><html><head><title>Akci=C3=B3</title><style>td{padding:0}</s=
tyle><script>track()</script></head><body><table><tr><td><h1>Nagy akci&oacu=
te;!</h1></td></tr><tr><td><p>Minden term&eacute;k &minus; 20%&nbsp;kedvezm=
&eacute;nnyel.</p><ul><li>Cip&odblac;k</li><li>T&aacute;sk&aacute;k &amp; k=
ieg&eacute;sz&iacute;t&odblac;k</li></ul><p><a href=3D"https://shop.example=
/akcio?utm=3D1">Megn&eacute;zem</a> | <a href=3D"https://shop.example/unsub=
">Leiratkoz&aacute;s</a></p></td></tr></table></body></html>
"""#
}
