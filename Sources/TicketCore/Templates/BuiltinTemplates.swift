/// The templates ticketd uses when the config names no templates directory (or lacks a file).
///
/// Values available to every template: `tag`, `number`, `subject` (the customer's subject),
/// `customer_name` (may be absent), `promise` (the promised time, formatted for the customer; may be
/// absent), `business_hours` (may be absent), `team` (the signature name).
enum BuiltinTemplates {
    static let sources: [String: [TemplateKind: String]] = [
        "en": [
            .ack: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dear {{customer_name}},{{/customer_name}}{{^customer_name}}Hello,{{/customer_name}}

            thank you for your message. We have registered your request as ticket {{tag}}.
            {{#promise}}
            We will reply by {{promise}}.
            {{/promise}}
            {{#business_hours}}
            Our business hours: {{business_hours}}.
            {{/business_hours}}

            Please keep {{tag}} in the subject when you write to us about this request.

            Kind regards,
            {{team}}

            """,
        ],
        "hu": [
            .ack: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Kedves {{customer_name}}!{{/customer_name}}{{^customer_name}}Kedves Ügyfelünk!{{/customer_name}}

            Köszönjük levelét. Kérését a(z) {{tag}} számon rögzítettük.
            {{#promise}}
            Válaszunkat legkésőbb ekkorra küldjük: {{promise}}.
            {{/promise}}
            {{#business_hours}}
            Ügyfélszolgálatunk munkaideje: {{business_hours}}.
            {{/business_hours}}

            Kérjük, az üggyel kapcsolatos további leveleiben hagyja meg a tárgyban a(z) {{tag}} azonosítót.

            Üdvözlettel:
            {{team}}

            """,
        ],
        "pl": [
            .ack: """
            Subject: {{tag}} {{subject}}

            {{#customer_name}}Dzień dobry {{customer_name}},{{/customer_name}}{{^customer_name}}Dzień dobry,{{/customer_name}}

            dziękujemy za wiadomość. Zgłoszenie zostało zarejestrowane pod numerem {{tag}}.
            {{#promise}}
            Termin naszej odpowiedzi: {{promise}}.
            {{/promise}}
            {{#business_hours}}
            Godziny pracy: {{business_hours}}.
            {{/business_hours}}

            Prosimy o pozostawienie {{tag}} w temacie kolejnych wiadomości w tej sprawie.

            Z poważaniem
            {{team}}

            """,
        ],
    ]
}
