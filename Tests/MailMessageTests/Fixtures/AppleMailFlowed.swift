extension Fixtures {
    /// Apple Mail format=flowed reply with quoted flowed history.
    static let appleMailFlowed = #"""
From: Anna Smith <anna@icloud.example>
Content-Type: text/plain;
	charset=utf-8;
	format=flowed;
	delsp=no
Content-Transfer-Encoding: quoted-printable
Mime-Version: 1.0 (Mac OS X Mail 16.0 \(3774.600.62\))
Subject: Re: App crash
Date: Fri, 20 Nov 2026 11:45:00 +0100
In-Reply-To: <ticket-4713-1@ticketd.example>
To: Support <support@ticketd.example>
References: <ticket-4713-1@ticketd.example>
Message-Id: <6F1C2D3E-4B5A-6978-8A9B-0C1D2E3F4A5B@icloud.example>
X-Mailer: Apple Mail (2.3774.600.62)

Hello,

The app crashes every time I open the settings screen on my iPhone.=20
It started after the latest update.=20
Version 4.2.1.

Thanks,
Anna

> On 20 Nov 2026, at 10:15, Support <support@ticketd.example> wrote:
>=20
> Could you tell us which version of the app you are=20
> using?

"""#
}
