/// The mail templates of every language, with built-in defaults for anything not overridden.
public struct TemplateSet: Sendable {
    private var templates: [String: [TemplateKind: MailTemplate]]
    /// The language used when a ticket's language has no template.
    public var fallbackLanguage: String

    /// The built-in templates (English, Hungarian, Polish).
    public static func builtIn(fallbackLanguage: String = "en") -> TemplateSet {
        var templates: [String: [TemplateKind: MailTemplate]] = [:]
        for (language, kinds) in BuiltinTemplates.sources {
            for (kind, source) in kinds {
                // The built-in sources are tested to parse; a failure here is a programming error.
                templates[language, default: [:]][kind] = try! MailTemplate(source: source, name: "built-in \(language)/\(kind.rawValue)")
            }
        }
        return TemplateSet(templates: templates, fallbackLanguage: fallbackLanguage)
    }

    /// Languages that have at least one template.
    public var languages: [String] { templates.keys.sorted() }

    /// Replaces or adds one template.
    public mutating func set(_ template: MailTemplate, kind: TemplateKind, language: String) {
        templates[language, default: [:]][kind] = template
    }

    /// The template for `kind` in `language`, else in the fallback language, else English.
    public func template(_ kind: TemplateKind, language: String) -> MailTemplate? {
        templates[language]?[kind] ?? templates[fallbackLanguage]?[kind] ?? templates["en"]?[kind]
    }
}
