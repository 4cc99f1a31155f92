/// The templates ticketd uses when the config names no templates directory (or lacks a file).
///
/// Values available to every template: `tag`, `number`, `subject` (the customer's subject),
/// `customer_name` (may be absent), `customer` (the address), `promise` (the promised time, formatted
/// for the reader; may be absent), `missed` (the promise that slipped, in follow-ups and alarms),
/// `overdue` (alarms: set when the promise has passed), `business_hours` (may be absent),
/// `team` (the signature name). Staff mail adds `staff_name`, `text` (the customer's new text, in
/// notifications), `reason` (why a mail was held) and `lines` (command results, one per line).
/// Step notices (`visit_scheduled`, `done`) add `request_type` (the type's title in the ticket's
/// language), `step` (the step's name), `due` (the step's due time, formatted; may be absent) and
/// `process_end` (when the whole process should end, formatted; may be absent).
/// Contract mail (`contract_notice`, `renewal`) adds `organisation`, `hours` (free hours per period),
/// `period` (the current period, `2026-12-01 – 2026-12-31`), `period_length` (month, quarter or year
/// in the reader's language), `renewal` (the renewal day, may be absent), and for notices `spent`
/// (hours logged in the period), `percent` (the threshold crossed), `used_percent` (the share used) and `over` (set when every free hour is used).
/// Its staff copy (`contract_copy`) has the same values and `text`, the mail the contact got.
/// The slip digest (`alarm_digest`) has only `count` (slips listed), `lines` (one per ticket) and `team`.
enum BuiltinTemplates {
    static let sources: [String: [TemplateKind: String]] = [
        "en": [
            .contractNotice: """
            Subject: {{tag}} Support hours for {{organisation}}: {{percent}}% used

            Hello,

            {{organisation}} has used {{spent}} of the {{hours}} support hours included for {{period}} ({{used_percent}}%).
            {{#over}}
            Work beyond the included hours is billed separately.
            {{/over}}
            {{^over}}
            Once the included hours are used, further work is billed separately.
            {{/over}}
            If you have questions about your contract, just reply to this mail.

            Kind regards,
            {{team}}

            """,
            .renewal: """
            Subject: {{tag}} Your support contract for {{organisation}} renews on {{renewal}}

            Hello,

            the support contract of {{organisation}} ({{hours}} hours per {{period_length}}) is up for renewal on {{renewal}}.
            Please reply to this mail if you would like to change or end it; otherwise it renews as it is.

            Kind regards,
            {{team}}

            """,
            .alarmDigest: """
            Subject: {{count}} promises slipped: the customers were told

            {{count}} promises of yours passed unanswered at once. Each customer was sent an honest new promise:

            {{lines}}

            Answer each ticket from its own notification, or see it with ticketd tickets show NUMBER.
            A reply to this digest answers no customer: it is held, never sent on.

            ticketd

            """,
            .contractCopy: """
            Subject: {{tag}} Copy: {{organisation}}'s contact was sent this

            A copy of what ticketd sent to {{customer}}, the contact of {{organisation}}'s support contract
            ({{hours}} hours per {{period_length}}{{#spent}}, {{spent}} used in {{period}}{{/spent}}):

            {{text}}

            Their answer threads on {{tag}}. Reply to this mail to write to them.

            ticketd

            """,
            .stepEscalation: """
            Subject: {{tag}} STEP OVERDUE: {{step}} — {{subject}}

            Ticket {{tag}} from {{customer}} ({{request_type}}) is in step {{step}}, which was due {{missed}}.
            Please see that it moves on: ticketd tickets step {{number}} next, or #step next in a reply.

            ticketd

            """,
            .visitScheduled: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dear {{customer_name}},{{/customer_name}}{{^customer_name}}Hello,{{/customer_name}}

            your request {{tag}} ({{request_type}}) has moved on: we are arranging a visit.
            {{#due}}
            The visit should take place by {{due}}.
            {{/due}}
            {{#process_end}}
            We expect to complete the whole request by {{process_end}}.
            {{/process_end}}

            Kind regards,
            {{team}}

            """,
            .done: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dear {{customer_name}},{{/customer_name}}{{^customer_name}}Hello,{{/customer_name}}

            your request {{tag}} ({{request_type}}) is complete.
            If anything is still not right, just reply to this mail.

            Kind regards,
            {{team}}

            """,
            .closed: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dear {{customer_name}},{{/customer_name}}{{^customer_name}}Hello,{{/customer_name}}

            as you asked, we have closed your request {{tag}}.
            If you need anything else, just write to us.

            Kind regards,
            {{team}}

            """,
            .notification: """
            Subject: {{tag}} New: {{subject}}

            {{#staff_name}}{{staff_name}}, a{{/staff_name}}{{^staff_name}}A{{/staff_name}} new ticket {{tag}} from {{#customer_name}}{{customer_name}} <{{customer}}>{{/customer_name}}{{^customer_name}}{{customer}}{{/customer_name}}:

            {{text}}

            {{#promise}}
            The customer was promised an answer by {{promise}}.
            {{/promise}}
            Reply to this mail to answer the customer (your quote of this mail is left out).
            Commands on the first lines: #note (internal only), #close, #resolve, #wait, #reopen,
            #assign ADDR|me, #priority P, #queue Q.

            ticketd

            """,
            .held: """
            Subject: {{tag}} Held: a mail in your name was not sent to the customer

            A mail on ticket {{tag}} with your address in From was held and not sent to {{customer}}:
            {{reason}}.

            If you wrote it, reply to a ticketd notification or alarm of {{tag}} (its Reply-To proves
            it is you), or ask an admin to run `ticketd tickets release {{number}}` after checking it.
            If you did not write it, someone is forging your address: tell your admin.

            ticketd

            """,
            .commands: """
            Subject: {{tag}} Commands: {{subject}}

            {{lines}}

            ticketd

            """,
            .followup: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dear {{customer_name}},{{/customer_name}}{{^customer_name}}Hello,{{/customer_name}}

            we promised to answer your request {{tag}} by {{missed}}, and we have not managed to. We are sorry.
            We are still working on it and will reply by {{promise}}.

            Kind regards,
            {{team}}

            """,
            .alarm: """
            Subject: {{tag}} {{#overdue}}OVERDUE{{/overdue}}{{^overdue}}due soon{{/overdue}}: {{subject}}

            Ticket {{tag}} from {{customer}} is unanswered.
            It was promised by {{missed}}.
            {{#overdue}}
            The customer has been sent an apology with a new promise: {{promise}}.
            {{/overdue}}

            ticketd

            """,
            .escalation: """
            Subject: {{tag}} ESCALATION: {{subject}}

            Ticket {{tag}} from {{customer}} has missed its promise more than once.
            Last promise: {{missed}}. New promise to the customer: {{promise}}.

            ticketd

            """,
            .ack: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dear {{customer_name}},{{/customer_name}}{{^customer_name}}Hello,{{/customer_name}}

            thank you for your message. We have registered your request as ticket {{tag}}.
            {{#promise}}
            We will reply by {{promise}}.
            {{/promise}}
            {{#process_end}}
            The whole process ({{request_type}}) should be completed by {{process_end}}.
            {{/process_end}}
            {{#business_hours}}
            Our business hours: {{business_hours}}.
            {{/business_hours}}

            {{#has_suggestions}}
            Suggested automatically — these articles may already answer your question:
            {{/has_suggestions}}
            {{#suggestions}}

            * {{title}}
            {{text}}
            {{/suggestions}}
            {{#has_suggestions}}

            {{/has_suggestions}}
            Please keep {{tag}} in the subject when you write to us about this request.

            Kind regards,
            {{team}}

            """,
        ],
        "hu": [
            .contractNotice: """
            Subject: {{tag}} {{organisation}} támogatási órakerete: {{percent}}% felhasználva

            Tisztelt Partnerünk!

            A(z) {{organisation}} a(z) {{period}} időszakra járó {{hours}} támogatási órából {{spent}} órát használt fel ({{used_percent}}%).
            {{#over}}
            A kereten felüli munkát külön számlázzuk.
            {{/over}}
            {{^over}}
            A keret elfogyása után a további munkát külön számlázzuk.
            {{/over}}
            Ha kérdése van a szerződéssel kapcsolatban, válaszoljon erre a levélre.

            Üdvözlettel:
            {{team}}

            """,
            .renewal: """
            Subject: {{tag}} A(z) {{organisation}} támogatási szerződése {{renewal}} napján megújul

            Tisztelt Partnerünk!

            A(z) {{organisation}} támogatási szerződése ({{hours}} óra / {{period_length}}) {{renewal}} napján megújul.
            Ha módosítaná vagy megszüntetné, kérjük, válaszoljon erre a levélre; egyébként változatlanul megújul.

            Üdvözlettel:
            {{team}}

            """,
            .visitScheduled: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Kedves {{customer_name}}!{{/customer_name}}{{^customer_name}}Kedves Ügyfelünk!{{/customer_name}}

            A(z) {{tag}} számú kérése ({{request_type}}) a következő szakaszba lépett: a kiszállást szervezzük.
            {{#due}}
            Kollégánk legkésőbb ekkorra érkezik: {{due}}.
            {{/due}}
            {{#process_end}}
            A teljes ügyet várhatóan ekkorra zárjuk le: {{process_end}}.
            {{/process_end}}

            Üdvözlettel:
            {{team}}

            """,
            .done: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Kedves {{customer_name}}!{{/customer_name}}{{^customer_name}}Kedves Ügyfelünk!{{/customer_name}}

            A(z) {{tag}} számú kérését ({{request_type}}) teljesítettük.
            Ha valami mégsem rendben, válaszoljon erre a levélre.

            Üdvözlettel:
            {{team}}

            """,
            .closed: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Kedves {{customer_name}}!{{/customer_name}}{{^customer_name}}Kedves Ügyfelünk!{{/customer_name}}

            Kérésének megfelelően a(z) {{tag}} számú ügyet lezártuk.
            Ha bármiben segíthetünk még, írjon nekünk bátran.

            Üdvözlettel:
            {{team}}

            """,
            .followup: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Kedves {{customer_name}}!{{/customer_name}}{{^customer_name}}Kedves Ügyfelünk!{{/customer_name}}

            A(z) {{tag}} számú kérésére ekkorra ígértünk választ: {{missed}}. Ezt sajnos nem sikerült tartanunk, elnézést kérünk.
            Továbbra is dolgozunk rajta, válaszunkat legkésőbb ekkorra küldjük: {{promise}}.

            Üdvözlettel:
            {{team}}

            """,
            .ack: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Kedves {{customer_name}}!{{/customer_name}}{{^customer_name}}Kedves Ügyfelünk!{{/customer_name}}

            Köszönjük levelét. Kérését a(z) {{tag}} számon rögzítettük.
            {{#promise}}
            Válaszunkat legkésőbb ekkorra küldjük: {{promise}}.
            {{/promise}}
            {{#process_end}}
            A teljes folyamat ({{request_type}}) várhatóan ekkorra zárul le: {{process_end}}.
            {{/process_end}}
            {{#business_hours}}
            Ügyfélszolgálatunk munkaideje: {{business_hours}}.
            {{/business_hours}}

            {{#has_suggestions}}
            Automatikus javaslat — ezek a cikkek talán már választ adnak kérdésére:
            {{/has_suggestions}}
            {{#suggestions}}

            * {{title}}
            {{text}}
            {{/suggestions}}
            {{#has_suggestions}}

            {{/has_suggestions}}
            Kérjük, az üggyel kapcsolatos további leveleiben hagyja meg a tárgyban a(z) {{tag}} azonosítót.

            Üdvözlettel:
            {{team}}

            """,
        ],
        "pl": [
            .contractNotice: """
            Subject: {{tag}} Godziny wsparcia {{organisation}}: wykorzystano {{percent}}%

            Dzień dobry,

            {{organisation}} wykorzystała {{spent}} z {{hours}} godzin wsparcia przewidzianych na okres {{period}} ({{used_percent}}%).
            {{#over}}
            Praca ponad przewidziane godziny jest rozliczana osobno.
            {{/over}}
            {{^over}}
            Po wykorzystaniu przewidzianych godzin dalsza praca będzie rozliczana osobno.
            {{/over}}
            W razie pytań dotyczących umowy prosimy odpowiedzieć na tę wiadomość.

            Z poważaniem
            {{team}}

            """,
            .renewal: """
            Subject: {{tag}} Umowa wsparcia {{organisation}} odnawia się {{renewal}}

            Dzień dobry,

            umowa wsparcia {{organisation}} ({{hours}} godz. / {{period_length}}) odnawia się {{renewal}}.
            Jeśli chcą Państwo ją zmienić lub zakończyć, prosimy odpowiedzieć na tę wiadomość; w przeciwnym razie zostanie odnowiona bez zmian.

            Z poważaniem
            {{team}}

            """,
            .visitScheduled: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dzień dobry {{customer_name}},{{/customer_name}}{{^customer_name}}Dzień dobry,{{/customer_name}}

            zgłoszenie {{tag}} ({{request_type}}) przeszło do kolejnego etapu: umawiamy wizytę.
            {{#due}}
            Wizyta odbędzie się najpóźniej: {{due}}.
            {{/due}}
            {{#process_end}}
            Całą sprawę planujemy zakończyć do: {{process_end}}.
            {{/process_end}}

            Z poważaniem
            {{team}}

            """,
            .done: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dzień dobry {{customer_name}},{{/customer_name}}{{^customer_name}}Dzień dobry,{{/customer_name}}

            zgłoszenie {{tag}} ({{request_type}}) zostało zrealizowane.
            Jeśli coś nadal jest nie tak, prosimy odpowiedzieć na tę wiadomość.

            Z poważaniem
            {{team}}

            """,
            .closed: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dzień dobry {{customer_name}},{{/customer_name}}{{^customer_name}}Dzień dobry,{{/customer_name}}

            zgodnie z prośbą zamknęliśmy zgłoszenie {{tag}}.
            W razie potrzeby prosimy o kontakt.

            Z poważaniem
            {{team}}

            """,
            .followup: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dzień dobry {{customer_name}},{{/customer_name}}{{^customer_name}}Dzień dobry,{{/customer_name}}

            obiecaliśmy odpowiedź na zgłoszenie {{tag}} w terminie: {{missed}}. Niestety nie udało nam się go dotrzymać, przepraszamy.
            Nadal pracujemy nad sprawą. Nowy termin naszej odpowiedzi: {{promise}}.

            Z poważaniem
            {{team}}

            """,
            .ack: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dzień dobry {{customer_name}},{{/customer_name}}{{^customer_name}}Dzień dobry,{{/customer_name}}

            dziękujemy za wiadomość. Zgłoszenie zostało zarejestrowane pod numerem {{tag}}.
            {{#promise}}
            Termin naszej odpowiedzi: {{promise}}.
            {{/promise}}
            {{#process_end}}
            Cały proces ({{request_type}}) powinien zakończyć się do: {{process_end}}.
            {{/process_end}}
            {{#business_hours}}
            Godziny pracy: {{business_hours}}.
            {{/business_hours}}

            {{#has_suggestions}}
            Propozycja automatyczna — te artykuły mogą już odpowiadać na Twoje pytanie:
            {{/has_suggestions}}
            {{#suggestions}}

            * {{title}}
            {{text}}
            {{/suggestions}}
            {{#has_suggestions}}

            {{/has_suggestions}}
            Prosimy o pozostawienie {{tag}} w temacie kolejnych wiadomości w tej sprawie.

            Z poważaniem
            {{team}}

            """,
        ],
    ]
}
