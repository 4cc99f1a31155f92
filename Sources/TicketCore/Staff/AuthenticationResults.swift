/// One `Authentication-Results` header field (RFC 8601): who checked the message, and what each
/// method (dkim, spf, dmarc, arc, …) found.
///
/// ```swift
/// let results = try AuthenticationResults(parsing: "mx.example.com; dmarc=pass (p=reject) header.from=example.com")
/// results.authservID                        // "mx.example.com"
/// results.results[0].method                 // "dmarc"
/// results.results[0].properties["header.from"]   // "example.com"
/// ```
public struct AuthenticationResults: Sendable, Equatable {
    /// The host that added the header, as written; empty when there is none (Microsoft 365 writes
    /// its header without one, so it can never be the configured authserv-id).
    public var authservID: String
    /// The optional version number after the authserv-id.
    public var version: Int?
    /// The results, in order; empty for `none`.
    public var results: [MethodResult]

    /// What one method found, e.g. `dkim=pass header.d=example.com header.s=mail`.
    public struct MethodResult: Sendable, Equatable {
        /// The method, lower-cased (`dkim`, `spf`, `dmarc`, `arc`, `compauth`, …).
        public var method: String
        /// The optional method version (`dkim/1`).
        public var methodVersion: Int?
        /// The result, lower-cased (`pass`, `fail`, `none`, `neutral`, `temperror`, …).
        public var result: String
        /// The `reason=` value, if any.
        public var reason: String?
        /// `ptype.property` (lower-cased, e.g. `header.d`, `smtp.mailfrom`) → value as written; also
        /// the bare `name=value` pairs some servers add (Microsoft 365's `action=none`). The first
        /// of a repeated key is kept.
        public var properties: [String: String]

        public init(method: String, methodVersion: Int? = nil, result: String, reason: String? = nil, properties: [String: String] = [:]) {
            self.method = method.lowercased()
            self.methodVersion = methodVersion
            self.result = result.lowercased()
            self.reason = reason
            self.properties = properties
        }
    }

    public init(authservID: String, version: Int? = nil, results: [MethodResult]) {
        self.authservID = authservID
        self.version = version
        self.results = results
    }

    /// Parses a header value: comments in parentheses (nested), quoted strings, any white space
    /// (folded lines included) between the parts. Never traps, whatever the text; anything that
    /// does not follow the grammar is an ``AuthenticationResultsError``.
    public init(parsing value: String) throws(AuthenticationResultsError) {
        var parser = AuthenticationResultsParser(value)
        self = try parser.parse()
    }

    /// Whether the header was written by `authservID` (compared without regard to case, as a domain).
    public func isFrom(_ authservID: String) -> Bool {
        !self.authservID.isEmpty && self.authservID.lowercased() == authservID.lowercased()
    }
}
