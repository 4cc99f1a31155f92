extension Fixtures {
    /// Outlook reply in Hungarian: Windows-1250 quoted-printable subject and body, Hungarian header block.
    static let outlookHungarianReply = #"""
Received: from EXCH01.example.hu (10.0.0.5) by EXCH02.example.hu
 (10.0.0.6) with Microsoft SMTP Server id 15.1.2507.6; Fri, 20 Nov 2026
 11:02:03 +0100
From: =?windows-1250?Q?Kov=E1cs_P=E9ter?= <peter.kovacs@example.hu>
To: =?windows-1250?Q?=DCgyf=E9lszolg=E1lat?= <support@ticketd.example>
Subject: =?windows-1250?Q?V=E1lasz=3A_Probl=E9ma_a_sz=E1ml=E1val_(=234711)?=
Thread-Topic: =?windows-1250?Q?Probl=E9ma_a_sz=E1ml=E1val_(#4711)?=
Thread-Index: AQHZ1234abcdEFGHijklMNOPqrstuv==
Date: Fri, 20 Nov 2026 10:02:03 +0000
Message-ID: <AM0PR01MB1234ABCD5678@AM0PR01MB1234.eurprd01.prod.outlook.com>
References: <ticket-4711-1@ticketd.example>
In-Reply-To: <ticket-4711-1@ticketd.example>
Accept-Language: hu-HU, en-US
Content-Language: hu-HU
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
Content-Type: multipart/alternative;
	boundary="_000_AM0PR01MB1234ABCD5678AM0PR01MB1234eurp_"
MIME-Version: 1.0

--_000_AM0PR01MB1234ABCD5678AM0PR01MB1234eurp_
Content-Type: text/plain; charset="windows-1250"
Content-Transfer-Encoding: quoted-printable

Tisztelt =DCgyf=E9lszolg=E1lat!

A sz=E1ml=E1t megkaptam, de az =F6sszeg hib=E1s. K=E9rem, jav=EDts=E1k.

=DCdv=F6zlettel:
Kov=E1cs P=E9ter

Felad=F3: =DCgyf=E9lszolg=E1lat <support@ticketd.example>
Elk=FCldve: 2026. november 20., p=E9ntek 10:15
C=EDmzett: Kov=E1cs P=E9ter <peter.kovacs@example.hu>
T=E1rgy: Probl=E9ma a sz=E1ml=E1val (#4711)

Kedves P=E9ter!

Mell=E9kelten k=FCldj=FCk a sz=E1ml=E1t.

--_000_AM0PR01MB1234ABCD5678AM0PR01MB1234eurp_
Content-Type: text/html; charset="windows-1250"
Content-Transfer-Encoding: quoted-printable

<html xmlns:o=3D"urn:schemas-microsoft-com:office:office"><head><meta http-=
equiv=3D"Content-Type" content=3D"text/html; charset=3Dwindows-1250"><style=
><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=3D"HU"><div cl=
ass=3D"WordSection1"><p class=3D"MsoNormal">Tisztelt =DCgyf=E9lszolg=E1lat!=
</p><p class=3D"MsoNormal">A sz=E1ml=E1t megkaptam, de az =F6sszeg hib=E1s.=
</p><div style=3D"border:none;border-top:solid #E1E1E1 1.0pt"><p class=3D"M=
soNormal"><b>Felad=F3:</b> =DCgyf=E9lszolg=E1lat<br><b>Elk=FCldve:</b> 2026=
. november 20., p=E9ntek 10:15<br><b>C=EDmzett:</b> Kov=E1cs P=E9ter<br><b>=
T=E1rgy:</b> Probl=E9ma a sz=E1ml=E1val (#4711)</p></div><p class=3D"MsoNor=
mal">Kedves P=E9ter!</p></div></body></html>
--_000_AM0PR01MB1234ABCD5678AM0PR01MB1234eurp_--

"""#
}
